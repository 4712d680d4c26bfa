// Entry point for bundles (esbuild → single executable, and the test harness).
import { run } from './main';

void run(process.argv);
