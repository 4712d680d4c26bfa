// Reading a secret value from the person at the keyboard, never from argv (which every
// process on the machine can read, and which lands in shell history).
//  - stdin is not a terminal: the whole of stdin (one trailing newline removed), so
//    `pass show github | mcp-warden credentials set …` works;
//  - stdin is a terminal: a prompt on stderr, input not echoed.
import { CredentialError } from './errors';

/** Largest value accepted (a JWT or a PEM key fits; a mistaken file does not). */
export const MAX_SECRET_BYTES = 64 * 1024;

function check(value: string): string {
  if (value === '') throw new CredentialError({ code: 'BAD_VALUE', message: 'empty value: nothing stored' });
  if (Buffer.byteLength(value) > MAX_SECRET_BYTES) {
    throw new CredentialError({ code: 'BAD_VALUE', message: `value over ${MAX_SECRET_BYTES} bytes: nothing stored` });
  }
  return value;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += b.length;
    if (size > MAX_SECRET_BYTES + 2)
      throw new CredentialError({ code: 'BAD_VALUE', message: `value over ${MAX_SECRET_BYTES} bytes: nothing stored` });
    chunks.push(b);
  }
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

function readHidden(prompt: string, input: NodeJS.ReadStream, output: NodeJS.WritableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    output.write(prompt);
    let value = '';
    const wasRaw = input.isRaw;
    input.setRawMode(true);
    input.resume();
    input.setEncoding('utf8');
    const finish = (err?: Error): void => {
      input.setRawMode(wasRaw);
      input.pause();
      input.off('data', onData);
      output.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (s: string): void => {
      for (const ch of s) {
        if (ch === '\r' || ch === '\n') return finish();
        if (ch === '\u0003' || ch === '\u0004')
          return finish(new CredentialError({ code: 'BAD_VALUE', message: 'cancelled: nothing stored' }));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    input.on('data', onData);
  });
}

/** The secret value: piped stdin, or a no-echo prompt on a terminal. */
export async function readSecretValue(
  label: string,
  io: { input?: NodeJS.ReadStream; output?: NodeJS.WritableStream } = {},
): Promise<string> {
  const input = io.input ?? process.stdin;
  const output = io.output ?? process.stderr;
  if (input.isTTY && typeof input.setRawMode === 'function') return check(await readHidden(`${label}: `, input, output));
  return check(await readAll(input));
}
