// A minimal MCP stdio client for `allowlist pin-tools`: initialize, then every page of
// tools/list, prompts/list and resources/templates/list that the server advertises. It
// reads nothing but responses to its own requests; everything else the server sends
// (notifications, requests to the client) is ignored or answered with "method not found".
import { spawn } from 'node:child_process';
import { LineSplitter } from './lines';
import { LIST_METHODS, ITEM_KINDS, type ItemKind } from './digest';
import { ToolPinError } from './errors';

/** Bytes: the largest message accepted from a server being pinned. */
const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
/** Pages per list: a server that never stops paging is refused. */
const MAX_PAGES = 100;
export const PROTOCOL_VERSION = '2025-06-18';

export interface Listing {
  serverInfo?: { name?: string; version?: string };
  lists: Record<ItemKind, unknown[]>;
}

type Msg = Record<string, unknown>;

export function listServer(argv: readonly string[], env: NodeJS.ProcessEnv, timeoutMs: number, cwd?: string): Promise<Listing> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0] ?? '', argv.slice(1), { stdio: ['pipe', 'pipe', 'inherit'], env, cwd });
    const waiting = new Map<number, { resolve: (m: Msg) => void }>();
    let nextId = 1;
    let done = false;
    const finish = (e: Error | undefined, v?: Listing): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      child.stdin.end();
      child.kill('SIGTERM');
      if (e) reject(e);
      else resolve(v!);
    };
    const timer = setTimeout(
      () => finish(new ToolPinError({ code: 'PIN_TIMEOUT', message: `the server did not answer within ${timeoutMs} ms` })),
      timeoutMs,
    );
    const send = (m: Msg): void => {
      child.stdin.write(JSON.stringify({ jsonrpc: '2.0', ...m }) + '\n');
    };
    const request = (method: string, params: Msg): Promise<Msg> =>
      new Promise((res) => {
        const id = nextId++;
        waiting.set(id, { resolve: res });
        send({ id, method, params });
      });
    const onMessage = (m: Msg): void => {
      if (typeof m.method === 'string' && m.id !== undefined) {
        // A request from the server (sampling, roots…): we offer none.
        send({ id: m.id, error: { code: -32601, message: 'not supported while pinning' } });
        return;
      }
      if (typeof m.id !== 'number') return;
      const w = waiting.get(m.id);
      if (!w) return;
      waiting.delete(m.id);
      w.resolve(m);
    };
    const lines = new LineSplitter((line) => {
      try {
        const v: unknown = JSON.parse(line.toString('utf8'));
        for (const m of Array.isArray(v) ? v : [v]) if (m && typeof m === 'object') onMessage(m as Msg);
      } catch {
        // Not JSON: a server that logs to stdout. Ignored.
      }
      return null;
    }, MAX_MESSAGE_BYTES);
    child.stdout.on('data', (c: Buffer) => {
      try {
        lines.push(c);
      } catch (e) {
        finish(new ToolPinError({ code: 'PIN_PROTOCOL', message: `the server sent ${(e as Error).message}` }));
      }
    });
    child.stdin.on('error', () => undefined);
    child.once('error', (e) =>
      finish(
        new ToolPinError({
          code: 'PIN_LAUNCH_FAILED',
          message: `cannot start ${argv[0] ?? ''}: ${(e as NodeJS.ErrnoException).code ?? e.message}`,
          cause: e,
        }),
      ),
    );
    child.once('exit', (code, signal) =>
      finish(new ToolPinError({ code: 'PIN_PROTOCOL', message: `the server exited (${signal ?? code ?? '?'}) before it answered` })),
    );

    const result = (m: Msg, method: string): Msg => {
      if (m.error || !m.result || typeof m.result !== 'object') {
        const e = m.error as { message?: unknown } | undefined;
        throw new ToolPinError({
          code: 'PIN_PROTOCOL',
          message: `${method} failed: ${typeof e?.message === 'string' ? e.message.slice(0, 200) : 'no result'}`,
        });
      }
      return m.result as Msg;
    };
    const listAll = async (kind: ItemKind): Promise<unknown[]> => {
      const { method, key } = LIST_METHODS[kind];
      const items: unknown[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const r = result(await request(method, cursor ? { cursor } : {}), method);
        if (!Array.isArray(r[key])) throw new ToolPinError({ code: 'PIN_PROTOCOL', message: `${method}: the result has no ${key} list` });
        items.push(...(r[key] as unknown[]));
        if (typeof r.nextCursor !== 'string') return items;
        cursor = r.nextCursor;
      }
      throw new ToolPinError({ code: 'PIN_PROTOCOL', message: `${method}: more than ${MAX_PAGES} pages` });
    };
    void (async () => {
      const init = result(
        await request('initialize', {
          protocolVersion: PROTOCOL_VERSION,
          capabilities: {},
          clientInfo: { name: 'mcp-warden-pin-tools', version: '1' },
        }),
        'initialize',
      );
      send({ method: 'notifications/initialized' });
      const caps = (init.capabilities ?? {}) as Msg;
      const lists: Record<ItemKind, unknown[]> = { tools: [], prompts: [], resourceTemplates: [] };
      const offered: Record<ItemKind, boolean> = {
        tools: caps.tools !== undefined,
        prompts: caps.prompts !== undefined,
        resourceTemplates: caps.resources !== undefined,
      };
      for (const k of ITEM_KINDS) if (offered[k]) lists[k] = await listAll(k);
      finish(undefined, { serverInfo: init.serverInfo as Listing['serverInfo'], lists });
    })().catch((e: unknown) => finish(e instanceof Error ? e : new Error(String(e))));
  });
}
