// Structured logging with winston. The redaction format is part of the logger itself,
// so no transport (file, console, anything added later) can bypass it.
import * as path from 'node:path';
import * as fs from 'node:fs';
import type * as Winston from 'winston';
import { redactor } from './redact';

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
    transports.push(
      new winston.transports.File({
        filename: opts.file,
        maxsize: opts.maxSize ?? 5 * 1024 * 1024,
        maxFiles: opts.maxFiles ?? 3,
        tailable: true,
        format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
      }),
    );
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
  return winston.createLogger({ level: opts.level ?? 'info', format: redactFormat(), transports });
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

/** Flush and close every transport (clean shutdown). */
export async function closeLogger(): Promise<void> {
  const l = current;
  if (!l) return;
  current = undefined;
  await new Promise<void>((resolve) => {
    l.on('finish', () => resolve());
    l.end();
    setTimeout(resolve, 2000).unref();
  });
}
