// Entry point for bundles (esbuild → single executable, and the test harness).
// The sandbox bridge (src/sandbox/bridge.ts) runs from the same file inside a sandbox: it is
// told apart before the CLI loads, so it needs nothing but Node's built-ins there.
import { BRIDGE_ARG, runBridge } from '../sandbox/bridge';

if (process.argv[2] === BRIDGE_ARG) runBridge(process.argv);
else void import('./main').then((m) => m.run(process.argv));
