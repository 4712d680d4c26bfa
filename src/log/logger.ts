// Structured logging with winston. The redaction format is part of the logger itself,
// so no transport (file, console, anything added later) can bypass it.
import * as path from 'node:path';
import * as fs from 'node:fs';
import * as winston from 'winston';
import { redactor } from './redact';

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

const redactFormat = winston.format((info) => {
  const { level, message, ...rest } = info;
  const clean = redactor.redact({ message, ...rest }) as Record<string, unknown>;
  // winston keys its internals on symbols, which Object.entries skips; keep them.
  return Object.assign(info, clean, { level });
});

function build(opts: LoggerOptions): winston.Logger {
  const transports: winston.transport[] = [];
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
  return winston.createLogger({
    level: opts.level ?? 'info',
    format: redactFormat(),
    transports,
    // With no transport the logger is silent (winston would otherwise warn on stderr).
    silent: transports.length === 0,
  });
}

let current: winston.Logger = build({});

/** Replace the process logger (called once by the CLI after reading flags and config). */
export function configureLogger(opts: LoggerOptions): winston.Logger {
  current = build(opts);
  return current;
}

/** The process logger. Silent until configureLogger() gives it a transport. */
export function log(): winston.Logger {
  return current;
}

/** Flush and close every transport (clean shutdown). */
export async function closeLogger(): Promise<void> {
  const l = current;
  await new Promise<void>((resolve) => {
    if (l.transports.length === 0) return resolve();
    l.on('finish', () => resolve());
    l.end();
    setTimeout(resolve, 2000).unref();
  });
}
