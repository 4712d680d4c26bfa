// Real temp folders for file tests, removed after each test unless KEEP_TMP is set.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const made: string[] = [];

export function tmpDir(prefix = 'mcpw-'): string {
  const d = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  made.push(d);
  return d;
}

export function cleanupTmp(): void {
  if (process.env.KEEP_TMP) return;
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

/** Write a file, creating its folders. */
export function writeFile(file: string, content: string | Buffer, mode?: number): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content, mode === undefined ? undefined : { mode });
  return file;
}
