// A stand-in for Claude Code saving ~/.claude.json (verified-notes.md, reference §4.2):
// take the `<file>.lock` directory (mkdir, retry, stale after 10 s), re-read the file
// inside the lock, change keys of its own, write a temp file next to it, rename, release.
// With LOCK=0 it skips the lock and writes back its in-memory copy, as Claude Code's
// fallback path does, re-adding whatever it held in memory.
// Usage: node writer.js FILE COUNT PAUSE_MS LOCK(1|0)
'use strict';
const fs = require('node:fs');
const [file, countArg, pauseArg, lockArg] = process.argv.slice(2);
const count = Number(countArg);
const pause = Number(pauseArg);
const useLock = lockArg !== '0';
const lock = `${file}.lock`;

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function acquire() {
  for (;;) {
    try {
      fs.mkdirSync(lock);
      return;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      try {
        if (Date.now() - fs.statSync(lock).mtimeMs > 10000) fs.rmdirSync(lock);
      } catch {
        // gone meanwhile
      }
      sleep(1 + Math.floor(Math.random() * 4));
    }
  }
}

const memory = JSON.parse(fs.readFileSync(file, 'utf8'));
for (let i = 0; i < count; i++) {
  if (useLock) acquire();
  try {
    const doc = useLock ? JSON.parse(fs.readFileSync(file, 'utf8')) : memory;
    doc.saves = i + 1;
    doc.savedKeys = doc.savedKeys || {};
    doc.savedKeys[`k${i}`] = Math.random().toString(36).slice(2);
    doc.numStartups = (doc.numStartups || 0) + 1;
    const tmp = `${file}.tmp.${process.pid}.${Date.now()}`;
    fs.writeFileSync(tmp, JSON.stringify(doc, null, 2), { mode: 0o600 });
    fs.renameSync(tmp, file);
  } finally {
    if (useLock) fs.rmdirSync(lock);
  }
  sleep(pause);
}
