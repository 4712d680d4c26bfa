// A hand-written MCP client over stdio for tests: it sends raw JSON-RPC lines and keeps
// every line it gets back, so a test sees exactly the bytes the proxy forwarded.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const RUG_SERVER = path.join(ROOT, 'test', 'fixtures', 'mcp', 'rug-pull-server.cjs');
export const EVERYTHING = path.join(ROOT, 'node_modules', '@modelcontextprotocol', 'server-everything', 'dist', 'index.js');

export type Msg = Record<string, unknown> & {
  id?: number | string;
  result?: Record<string, unknown>;
  error?: { code: number; message: string };
};

export class McpSession {
  readonly child: ChildProcessWithoutNullStreams;
  readonly lines: string[] = [];
  stderr = '';
  private buf = '';
  private nextId = 1;
  private waiters = new Map<number | string, (m: Msg) => void>();
  private lineWaiters: Array<{ test: (m: Msg) => boolean; resolve: (m: Msg) => void }> = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(argv: string[], env: NodeJS.ProcessEnv) {
    this.child = spawn(argv[0] ?? '', argv.slice(1), { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.on('data', (d: Buffer) => {
      this.buf += d.toString('utf8');
      let nl: number;
      while ((nl = this.buf.indexOf('\n')) >= 0) {
        const line = this.buf.slice(0, nl);
        this.buf = this.buf.slice(nl + 1);
        this.lines.push(line);
        const v = JSON.parse(line) as Msg | Msg[];
        for (const m of Array.isArray(v) ? v : [v]) this.deliver(m);
      }
    });
    this.child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString('utf8')));
    this.child.stdin.on('error', () => undefined);
    this.exited = new Promise((resolve) => this.child.once('close', (code, signal) => resolve({ code, signal })));
  }

  private deliver(m: Msg): void {
    if (m.id !== undefined && this.waiters.has(m.id)) {
      this.waiters.get(m.id)?.(m);
      this.waiters.delete(m.id);
    }
    for (const w of [...this.lineWaiters]) {
      if (w.test(m)) {
        this.lineWaiters.splice(this.lineWaiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  }

  send(raw: unknown): void {
    this.child.stdin.write(JSON.stringify(raw) + '\n');
  }

  request(method: string, params: Record<string, unknown> = {}): Promise<Msg> {
    const id = this.nextId++;
    const p = new Promise<Msg>((resolve) => this.waiters.set(id, resolve));
    this.send({ jsonrpc: '2.0', id, method, params });
    return p;
  }

  /** The next message (request, response or notification) that passes `test`. */
  next(test: (m: Msg) => boolean): Promise<Msg> {
    return new Promise((resolve) => this.lineWaiters.push({ test, resolve }));
  }

  async initialize(): Promise<Msg> {
    const r = await this.request('initialize', {
      protocolVersion: '2025-06-18',
      capabilities: {},
      clientInfo: { name: 'test', version: '1' },
    });
    this.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    return r;
  }

  async toolNames(): Promise<string[]> {
    const r = await this.request('tools/list');
    return ((r.result?.tools as Array<{ name: string }> | undefined) ?? []).map((t) => t.name);
  }

  async close(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    this.child.stdin.end();
    return this.exited;
  }
}
