// What a command prints: stdout lines and JSON, stderr lines, every one through the
// redactor (a secret that reached a message is masked on the way out).
import { redactor } from '../log/redact';

export function out(line = ''): void {
  process.stdout.write(redactor.redactString(line) + '\n');
}

export function outJson(value: unknown): void {
  process.stdout.write(JSON.stringify(redactor.redact(value), null, 2) + '\n');
}

export function err(line: string): void {
  process.stderr.write(redactor.redactString(line) + '\n');
}
