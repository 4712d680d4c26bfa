// The log file, written synchronously: one appended line per entry, rotated by size.
//
// Why not winston's own File transport: it buffers through two streams and rotates
// asynchronously, and when the logger is ended while lines are still queued (a big enforce
// pass logs hundreds) it writes after its end and throws an unhandled "write after end"
// from DerivedLogger.transportEvent on the way out (issue 13; winstonjs/winston#1641).
// A line written with appendFileSync is on disk before the call returns, so there is
// nothing to flush at exit, `process.exit()` loses nothing, and an I/O error is ours to
// handle: reported once on stderr as one line, never thrown.
//
// Several processes of one user (agent, reconcile, exec) may append to the same file; each
// line is one write with O_APPEND. Whoever finds the file over its size rotates it
// (log → log.1 → log.2 …); a writer whose open file was rotated away notices by inode and
// reopens.
import * as fs from 'node:fs';

export interface FileSinkOptions {
  file: string;
  /** Bytes before rotation. */
  maxSize: number;
  /** Files kept, the current one included. */
  maxFiles: number;
  /** Where a failure is reported (once per error code). Default: one line on stderr. */
  report?: (line: string) => void;
}

export class FileSink {
  private fd: number | undefined;
  private ino = -1;
  private size = 0;
  private readonly reported = new Set<string>();

  constructor(private readonly opts: FileSinkOptions) {}

  write(line: string): void {
    const data = line.endsWith('\n') ? line : `${line}\n`;
    try {
      this.ensureOpen();
      if (this.size > 0 && this.size + Buffer.byteLength(data) > this.opts.maxSize) {
        this.rotate();
        this.ensureOpen();
      }
      this.size += fs.writeSync(this.fd!, data);
    } catch (e) {
      this.fail(e);
    }
  }

  close(): void {
    if (this.fd === undefined) return;
    try {
      fs.closeSync(this.fd);
    } catch {
      // closing a descriptor we are done with: nothing left to lose
    }
    this.fd = undefined;
  }

  private ensureOpen(): void {
    if (this.fd !== undefined) {
      // Rotated (or removed) by another process: our descriptor points at an old file.
      const now = statOrUndefined(this.opts.file);
      if (now && now.ino === this.ino) return;
      this.close();
    }
    this.fd = fs.openSync(this.opts.file, fs.constants.O_WRONLY | fs.constants.O_APPEND | fs.constants.O_CREAT, 0o600);
    const st = fs.fstatSync(this.fd);
    this.ino = st.ino;
    this.size = st.size;
  }

  private rotate(): void {
    this.close();
    const { file, maxFiles } = this.opts;
    // Someone else may have rotated in between: only rotate a file that is still big.
    const st = statOrUndefined(file);
    if (!st || st.size < this.opts.maxSize / 2) return;
    if (maxFiles <= 1) {
      fs.truncateSync(file, 0);
      return;
    }
    for (let i = maxFiles - 1; i >= 1; i--) {
      const from = i === 1 ? file : `${file}.${i - 1}`;
      try {
        fs.renameSync(from, `${file}.${i}`);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
    }
  }

  private fail(e: unknown): void {
    this.close();
    const code = (e as NodeJS.ErrnoException).code ?? 'ERROR';
    if (this.reported.has(code)) return;
    this.reported.add(code);
    const line = `mcp-warden: cannot write the log file ${this.opts.file}: ${code}; log lines are dropped until it can`;
    try {
      (this.opts.report ?? ((l: string) => process.stderr.write(`${l}\n`)))(line);
    } catch {
      // stderr itself gone: nowhere left to say it
    }
  }
}

function statOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}
