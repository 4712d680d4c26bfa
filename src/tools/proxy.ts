// `mcp-warden exec` as a transparent MCP stdio proxy (rules with tool pinning).
// Client (Claude Code) ⇄ our stdin/stdout ⇄ the server's stdin/stdout; the server's stderr
// is its own (inherited). Every line goes through unchanged, byte for byte, except:
//  - responses to tools/list, prompts/list, resources/templates/list, checked by ToolGuard;
//  - tools/call and prompts/get for a withheld name, answered here with a policy error.
// Lines are only parsed when they can matter (a cheap substring test first), so the cost per
// message of everything else is one indexOf. Backpressure: a reader is paused while the
// other side's buffer is full. Signals to us go to the server; its exit code comes back.
import { spawn } from 'node:child_process';
import * as os from 'node:os';
import type { Readable, Writable } from 'node:stream';
import { LineSplitter, LineTooLong } from './lines';
import { ToolGuard, type Msg, type ToolChange } from './guard';
import type { ItemKind } from './digest';

/** Largest message accepted either way (a tools/list of a big server is well under 1 MiB). */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
const FORWARDED: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT'];
/** Exit status when the server is refused mid-session (onToolChange: block). */
export const BLOCKED_EXIT = 126;

export interface ProxyHooks {
  /** Changes seen in one list response (report them). */
  onChanges(changes: ToolChange[], blocked: boolean): void;
  /** TOFU kinds learned (store them). */
  onLearned(kinds: ItemKind[]): void;
  /** A one-line message for the developer (stderr). */
  say(line: string): void;
}

export interface ProxyIo {
  input: Readable;
  output: Writable;
}

function parse(line: Buffer): unknown {
  try {
    return JSON.parse(line.toString('utf8'));
  } catch {
    return undefined;
  }
}

const isMsg = (v: unknown): v is Msg => typeof v === 'object' && v !== null && !Array.isArray(v);
const encode = (v: unknown): Buffer => Buffer.from(JSON.stringify(v) + '\n', 'utf8');

/** Writes, pausing `source` while `dest` is full. */
function pipeWith(
  source: Readable,
  dest: Writable,
  transform: (chunk: Buffer) => Buffer[],
  onEnd: () => void,
  onError: (e: unknown) => void,
): void {
  source.on('data', (chunk: Buffer) => {
    let bufs: Buffer[];
    try {
      bufs = transform(chunk);
    } catch (e) {
      onError(e);
      return;
    }
    let ok = true;
    for (const b of bufs) if (b.length > 0) ok = dest.write(b) && ok;
    if (!ok) {
      source.pause();
      dest.once('drain', () => source.resume());
    }
  });
  source.once('end', onEnd);
}

/** The client → server direction: forwarded lines and lines answered here. */
export function clientDecider(guard: ToolGuard, reply: (b: Buffer) => void): (line: Buffer) => Buffer | null {
  const EMPTY = Buffer.alloc(0);
  return (line) => {
    // On the bytes: no string is made for the lines that do not matter (most of them).
    if (!ToolGuard.clientLineMatters(line)) return null;
    const v = parse(line);
    if (isMsg(v)) {
      const r = guard.fromClient(v);
      if (!r.reply) return null;
      reply(encode(r.reply));
      return EMPTY;
    }
    if (!Array.isArray(v)) return null;
    // A batch: answer the refused elements here (as single responses), forward the rest.
    const kept: unknown[] = [];
    for (const el of v) {
      const r = isMsg(el) ? guard.fromClient(el) : {};
      if (r.reply) reply(encode(r.reply));
      else kept.push(el);
    }
    if (kept.length === v.length) return null;
    return kept.length === 0 ? EMPTY : encode(kept);
  };
}

/** The server → client direction. */
export function serverDecider(guard: ToolGuard, hooks: ProxyHooks, onBlock: () => void): (line: Buffer) => Buffer | null {
  return (line) => {
    if (!guard.hasPending) return null;
    const v = parse(line);
    const one = (m: Msg): Msg => {
      const r = guard.fromServer(m);
      if (r.learned.length > 0) hooks.onLearned(r.learned);
      if (r.changes.length > 0) hooks.onChanges(r.changes, r.block);
      if (r.block) onBlock();
      return r.changed ? r.forward : m;
    };
    if (isMsg(v)) {
      const out = one(v);
      return out === v ? null : encode(out);
    }
    if (!Array.isArray(v)) return null;
    let changed = false;
    const out = v.map((el: unknown) => {
      if (!isMsg(el)) return el;
      const o = one(el);
      if (o !== el) changed = true;
      return o;
    });
    return changed ? encode(out) : null;
  };
}

/**
 * Run `argv` behind the guard. Resolves with the server's exit code (128+signal when a signal
 * ended it, BLOCKED_EXIT when the guard refused it); rejects when it could not start.
 */
export function runProxy(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  guard: ToolGuard,
  hooks: ProxyHooks,
  io: ProxyIo = { input: process.stdin, output: process.stdout },
): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0] ?? '', argv.slice(1), { stdio: ['pipe', 'pipe', 'inherit'], env });
    let blocked = false;
    let started = false;
    const forward = (sig: NodeJS.Signals): void => {
      child.kill(sig);
    };
    for (const s of FORWARDED) process.on(s, forward);
    const stop = (): void => {
      for (const s of FORWARDED) process.off(s, forward);
    };
    const fail = (why: string): void => {
      hooks.say(why);
      child.kill('SIGTERM');
    };
    const toClient = (b: Buffer): void => {
      io.output.write(b);
    };
    const fromClient = new LineSplitter(clientDecider(guard, toClient), MAX_MESSAGE_BYTES);
    const fromServer = new LineSplitter(
      serverDecider(guard, hooks, () => {
        blocked = true;
      }),
      MAX_MESSAGE_BYTES,
    );
    const childIn = child.stdin;
    const childOut = child.stdout;
    childIn.on('error', () => undefined); // EPIPE once the server is gone: its exit says why.
    io.output.on('error', () => child.kill('SIGTERM')); // the client went away
    const tooLong = (e: unknown): void =>
      fail(
        e instanceof LineTooLong
          ? `a message from or to the server is larger than ${MAX_MESSAGE_BYTES} bytes; stopped`
          : `proxy error: ${String(e)}`,
      );
    pipeWith(
      io.input,
      childIn,
      (c) => fromClient.push(c),
      () => {
        for (const b of fromClient.end()) if (b.length > 0) childIn.write(b);
        childIn.end();
      },
      tooLong,
    );
    pipeWith(
      childOut,
      io.output,
      (c) => {
        const out = fromServer.push(c);
        if (blocked) {
          // The refusal goes out; the server is stopped.
          setImmediate(() => child.kill('SIGTERM'));
        }
        return out;
      },
      () => {
        for (const b of fromServer.end()) if (b.length > 0) io.output.write(b);
      },
      tooLong,
    );
    child.once('spawn', () => {
      started = true;
    });
    child.once('error', (e) => {
      stop();
      if (!started) reject(e);
    });
    child.once('close', (code, signal) => {
      stop();
      io.input.pause();
      if (blocked) resolve(BLOCKED_EXIT);
      else if (code !== null) resolve(code);
      else resolve(128 + (signal ? (os.constants.signals[signal] ?? 0) : 0));
    });
  });
}
