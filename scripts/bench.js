#!/usr/bin/env node
// `npm run bench`: bundle each test/bench/*.bench.ts with esbuild (packages external, so
// node_modules resolves from the repository) into .test-build/bench/, then run it with
// node, one after another, printing what each prints. Figures are printed, never asserted.
// `node scripts/bench.js reconcile policy` runs only the benches whose names contain a word.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { buildSync } = require('esbuild');

const root = path.resolve(__dirname, '..');
const benchDir = path.join(root, 'test', 'bench');
const outDir = path.join(root, '.test-build', 'bench');
const filters = process.argv.slice(2);

const benches = fs
  .readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)))
  .sort();
if (benches.length === 0) {
  console.error(`no bench matches ${filters.join(' ') || '(any)'} in ${benchDir}`);
  process.exit(2);
}
let failed = 0;
for (const file of benches) {
  const out = path.join(outDir, file.replace(/\.ts$/, '.js'));
  buildSync({
    entryPoints: [path.join(benchDir, file)],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    outfile: out,
    logLevel: 'error',
  });
  console.log(`\n=== ${file} ===`);
  const r = spawnSync(process.execPath, ['--expose-gc', out], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) {
    failed++;
    console.error(`${file}: exited with ${r.status ?? r.signal}`);
  }
}
process.exit(failed > 0 ? 1 : 0);
