'use strict';
// The single executable's main: compiles the CLI bundle (SEA asset `cli.cjs`) with a V8
// code cache made by packaging/sea/train-cache.cjs AFTER a training run — `launch.cache`
// from one `mcp-warden exec` for exec and headers, `cli.cache` from `--version` (the command
// tree) for everything else — so that the functions the launch path runs are deserialized instead
// of parsed and compiled at every server start (Node's own `useCodeCache` caches only what
// V8 compiles eagerly, before anything runs: most functions are compiled lazily).
//
// V8 checks the cache itself (V8 version, flags, source length, checksum) and rejects one
// that does not fit; the script then compiles as if there were no cache (slower, same
// behaviour). build-sea.sh proves acceptance in a smoke run (MCP_WARDEN_SEA_CACHE_CHECK=1
// prints the outcome on stderr; nothing else reads it).
//
// Outside a single executable (train-cache.cjs requires this file) nothing runs: the file
// exports how it wraps and compiles the bundle, so that the training compiles the very
// same source string.
const vm = require('node:vm');

const FILENAME = 'mcp-warden.cjs';

/** The bundle as a CommonJS function, as Node's own loader wraps a module. */
function wrap(source) {
  return `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
}

/** Compile the wrapped bundle (with `cachedData` when given) and return [script, fn]. */
function compile(source, cachedData) {
  const script = new vm.Script(wrap(source), cachedData ? { filename: FILENAME, cachedData } : { filename: FILENAME });
  return [script, script.runInThisContext()];
}

/** Run the compiled bundle as the main module with `req` as its require. */
function runBundle(fn, req, mod, filename, dirname) {
  fn.call(mod.exports, mod.exports, req, mod, filename, dirname);
}

/**
 * exec or headers (Claude Code's server launches), which have their own cache; a guess from
 * the words before `--` is enough: the wrong cache costs time, never behaviour.
 */
function launchCommand(argv) {
  for (const a of argv.slice(2)) {
    if (a === '--') return false;
    if (a === 'exec' || a === 'headers') return true;
  }
  return false;
}

function cacheState(script, cachedData) {
  if (!cachedData) return 'absent';
  return script.cachedDataRejected ? 'rejected' : 'accepted';
}

let isSea = false;
try {
  isSea = require('node:sea').isSea();
} catch {
  isSea = false; // a Node without node:sea
}

if (isSea) {
  const sea = require('node:sea');
  // bundle.mjs makes the bundle ASCII: then a one-byte copy, no UTF-8 decoding.
  const raw = Buffer.from(sea.getRawAsset('cli.cjs'));
  const source = require('node:buffer').isAscii(raw) ? raw.toString('latin1') : raw.toString('utf8');
  let cachedData;
  try {
    // getRawAsset: no copy; V8 only reads it.
    cachedData = Buffer.from(sea.getRawAsset(launchCommand(process.argv) ? 'launch.cache' : 'cli.cache'));
  } catch {
    cachedData = undefined; // built without a cache: plain compile
  }
  const [script, fn] = compile(source, cachedData);
  if (process.env.MCP_WARDEN_SEA_CACHE_CHECK === '1') process.stderr.write(`mcp-warden: code cache ${cacheState(script, cachedData)}\n`);
  runBundle(fn, require, module, __filename, __dirname);
} else {
  module.exports = { wrap, compile, runBundle, cacheState, launchCommand, FILENAME };
}
