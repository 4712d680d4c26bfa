// Structured logging with winston. The redaction format is part of the logger itself,
// so no transport (file, console, anything added later) can bypass it.
import * as path from 'node:path';
import * as fs from 'node:fs';
import type * as Winston from 'winston';
import type TransportStream from 'winston-transport';
import { redactor } from './redact';
import { FileSink } from './file-sink';

/** What the code logs through. Unconfigured it is a no-op, and winston is never loaded:
 * `exec` starts servers on every Claude Code launch and must stay cheap. */
export interface Logger {
  error(message: string, meta?: Record<string, unknown>): unknown;
  warn(message: string, meta?: Record<string, unknown>): unknown;
  info(message: string, meta?: Record<string, unknown>): unknown;
  debug(message: string, meta?: Record<string, unknown>): unknown;
}

const SILENT: Logger = { error: () => undefined, warn: () => undefined, info: () => undefined, debug: () => undefined };

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

export interface LoggerOptions {
  level?: LogLevel;
  /** JSON-lines log file, rotated by size. */
  file?: string;
  /** Bytes per file before rotation. */
  maxSize?: number;
  /** Rotated files kept. */
  maxFiles?: number;
  /** Human-readable lines on stderr (foreground / verbose). */
  console?: boolean;
}

function build(opts: LoggerOptions): Winston.Logger | undefined {
  if (!opts.file && !opts.console) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const winston = require('winston') as typeof Winston;
  const redactFormat = winston.format((info) => {
    const { level, message, ...rest } = info;
    const clean = redactor.redact({ message, ...rest }) as Record<string, unknown>;
    // winston keys its internals on symbols, which Object.entries skips; keep them.
    return Object.assign(info, clean, { level });
  });
  const transports: Winston.transport[] = [];
  if (opts.file) {
    fs.mkdirSync(path.dirname(opts.file), { recursive: true, mode: 0o700 });
    const sink = new FileSink({ file: opts.file, maxSize: opts.maxSize ?? 5 * 1024 * 1024, maxFiles: opts.maxFiles ?? 3 });
    const MESSAGE = Symbol.for('message');
    // A transport whose write is done when log() returns: nothing queued, nothing to flush.
    // winston exports the base class at run time as `Transport` (its typings only as a namespace).
    const Base = (winston as unknown as { Transport: typeof TransportStream }).Transport;
    class SyncFile extends Base {
      override log(info: Record<string | symbol, unknown>, next: () => void): void {
        sink.write(String(info[MESSAGE]));
        next();
      }
      override close(): void {
        sink.close();
      }
    }
    transports.push(new SyncFile({ format: winston.format.combine(winston.format.timestamp(), winston.format.json()) }));
  }
  if (opts.console) {
    transports.push(
      new winston.transports.Console({
        stderrLevels: ['error', 'warn', 'info', 'debug'],
        format: winston.format.combine(
          winston.format.timestamp(),
          winston.format.printf((i) => {
            const { level, message, timestamp, ...rest } = i;
            const extra = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : '';
            return `${String(timestamp)} ${level} ${String(message)}${extra}`;
          }),
        ),
      }),
    );
  }
  // The redaction format sits on the logger itself, so no transport can bypass it.
  const logger = winston.createLogger({ level: opts.level ?? 'info', format: redactFormat(), transports });
  // A transport error is re-emitted on the logger; unhandled it would throw. Say it once.
  let told = false;
  logger.on('error', (e: unknown) => {
    if (told) return;
    told = true;
    try {
      process.stderr.write(`mcp-warden: logging failed: ${e instanceof Error ? e.message : String(e)}\n`);
    } catch {
      // stderr gone too
    }
  });
  return logger;
}

let current: Winston.Logger | undefined;

/** Replace the process logger (called once by the CLI after reading flags and config). */
export function configureLogger(opts: LoggerOptions): Logger {
  current = build(opts);
  return current ?? SILENT;
}

/** The process logger. Silent until configureLogger() gives it a transport. */
export function log(): Logger {
  return current ?? SILENT;
}

/**
 * Close every transport (clean shutdown). The file transport writes synchronously, so by
 * now every line is on disk; this only releases descriptors. Bounded: a stuck transport
 * never holds the exit.
 */
export async function closeLogger(): Promise<void> {
  const l = current;
  if (!l) return;
  current = undefined;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 2000);
    timer.unref();
    l.on('finish', () => {
      clearTimeout(timer);
      resolve();
    });
    l.end();
  });
  for (const t of l.transports) t.close?.();
}
