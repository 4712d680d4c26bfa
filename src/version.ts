// The agent's version, read once from package.json (bundled by esbuild for the executable).
import pkg from '../package.json';

export const VERSION: string = pkg.version;
