#!/usr/bin/env node
// `npm run fuzz [-- --seed N --count N --kind K --index I --time-limit MS]`: bundle the
// fuzz suite (test/fuzz/run.ts) with esbuild, packages external so node_modules resolves
// from the repository, into .test-build/fuzz/, and run it. See test/fuzz/run.ts.
'use strict';
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { buildSync } = require('esbuild');

const root = path.resolve(__dirname, '..');
const out = path.join(root, '.test-build', 'fuzz', 'run.js');
buildSync({
  entryPoints: [path.join(root, 'test', 'fuzz', 'run.ts')],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  outfile: out,
  logLevel: 'error',
  // schemas/*.json are imported by the sources.
  loader: { '.json': 'json' },
});
const r = spawnSync(process.execPath, [out, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
process.exit(r.status ?? 1);
