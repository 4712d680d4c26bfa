// `--dry-run` and `status` must not change anything, but verifying a policy "exactly as the
// agent does" records an accepted newer version in the state folder. So they verify against
// a throwaway copy of the state: same inputs, same verdict (rollback included), no trace.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Bulky folders that hold no policy state. */
const SKIP = new Set(['logs', 'spool', 'quarantine']);
const MAX_FILE_BYTES = 8 * 1024 * 1024;

function copyTree(from: string, to: string, depth: number): void {
  if (depth > 4) return;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(from, { withFileTypes: true });
  } catch {
    return; // no state yet: the copy is empty too
  }
  fs.mkdirSync(to, { recursive: true, mode: 0o700 });
  for (const e of entries) {
    const src = path.join(from, e.name);
    const dst = path.join(to, e.name);
    if (e.isDirectory()) {
      if (!SKIP.has(e.name)) copyTree(src, dst, depth + 1);
    } else if (e.isFile()) {
      const st = fs.statSync(src);
      if (st.size <= MAX_FILE_BYTES) fs.copyFileSync(src, dst);
    }
  }
}

/** Run `fn` with a private copy of `stateDir`; the copy is removed afterwards. */
export function withStateSnapshot<T>(stateDir: string, fn: (copy: string) => T): T {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpw-state-'));
  try {
    const copy = path.join(tmp, 'state');
    copyTree(stateDir, copy, 0);
    fs.mkdirSync(copy, { recursive: true, mode: 0o700 });
    return fn(copy);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
