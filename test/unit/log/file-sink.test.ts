import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileSink } from '../../../src/log/file-sink';
import { closeLogger, configureLogger, log } from '../../../src/log/logger';

function lines(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .sort()
    .flatMap((f) => fs.readFileSync(path.join(dir, f), 'utf8').split('\n').filter(Boolean));
}

describe('FileSink', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpw-sink-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('appends whole lines, 0600, and rotates by size keeping maxFiles', () => {
    const file = path.join(dir, 'a.log');
    const sink = new FileSink({ file, maxSize: 1000, maxFiles: 3 });
    for (let i = 0; i < 100; i++) sink.write(`line ${i} ${'x'.repeat(90)}`);
    sink.close();
    expect(fs.readdirSync(dir).sort()).toEqual(['a.log', 'a.log.1', 'a.log.2']);
    for (const f of fs.readdirSync(dir)) expect(fs.statSync(path.join(dir, f)).size).toBeLessThanOrEqual(1000);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const kept = lines(dir);
    expect(kept.every((l) => /^line \d+ x{90}$/.test(l))).toBe(true);
    expect(fs.readFileSync(file, 'utf8')).toContain('line 99 ');
  });

  it('two writers on one file: a writer whose file was rotated away reopens it', () => {
    const file = path.join(dir, 'a.log');
    const a = new FileSink({ file, maxSize: 500, maxFiles: 2 });
    const b = new FileSink({ file, maxSize: 500, maxFiles: 2 });
    for (let i = 0; i < 40; i++) (i % 2 ? a : b).write(`w${i % 2} ${i} ${'y'.repeat(40)}`);
    a.close();
    b.close();
    // The newest lines of both writers are in the current file, none was written into a
    // file rotated past the last one kept.
    const current = fs.readFileSync(file, 'utf8');
    expect(current).toContain('w1 39 ');
    expect(current).toContain('w0 38 ');
    expect(fs.readdirSync(dir).sort()).toEqual(['a.log', 'a.log.1']);
  });

  it('an unwritable file is reported once, as one line, and never throws', () => {
    fs.writeFileSync(path.join(dir, 'not-a-dir'), '');
    const reports: string[] = [];
    const sink = new FileSink({ file: path.join(dir, 'not-a-dir', 'a.log'), maxSize: 1000, maxFiles: 2, report: (l) => reports.push(l) });
    for (let i = 0; i < 5; i++) expect(() => sink.write('hello')).not.toThrow();
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatch(/^mcp-warden: cannot write the log file .*ENOTDIR/);
    expect(reports[0]).not.toContain('\n');
  });
});

describe('the process logger at exit', () => {
  // winston's File transport threw "write after end" here: rotation in progress while the
  // logger was ended with lines still queued (issue 13).
  it('closes cleanly after a burst of thousands of lines that rotates the file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpw-log-'));
    try {
      const file = path.join(dir, 'logs', 'mcp-warden.log');
      configureLogger({ file, maxSize: 100_000, maxFiles: 3 });
      for (let i = 0; i < 5000; i++) log().info('removed', { server: `rogue-${i}`, pad: 'z'.repeat(200) });
      await closeLogger();
      const kept = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
      expect(kept.length).toBeGreaterThan(100);
      expect((JSON.parse(kept[kept.length - 1] ?? '') as { server: string }).server).toBe('rogue-4999');
      expect(fs.readdirSync(path.dirname(file)).sort()).toEqual(['mcp-warden.log', 'mcp-warden.log.1', 'mcp-warden.log.2']);
      // After close, logging is a no-op, never a write after end.
      expect(() => log().info('late')).not.toThrow();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
