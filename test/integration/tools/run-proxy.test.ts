// runProxy against a real child process, with in-memory streams for the client side: large
// messages pass byte for byte (backpressure both ways), exit codes and signals come back.
import { PassThrough } from 'node:stream';
import { itemDigest } from '../../../src/tools/digest';
import { ToolGuard } from '../../../src/tools/guard';
import { runProxy, type ProxyHooks } from '../../../src/tools/proxy';

// Echoes every line back (a stand-in server), exits with $CODE when its stdin ends.
const CAT =
  "process.stdin.pipe(process.stdout); process.stdin.on('end', () => { process.stdout.end(() => process.exit(Number(process.env.CODE || 0))); });";

function guard(): ToolGuard {
  return new ToolGuard({
    ruleId: 'cat',
    mode: 'pinned',
    onChange: 'withhold',
    enforce: true,
    pins: { tools: { echo: itemDigest('tools', { name: 'echo' }) } },
  });
}

const hooks: ProxyHooks = { onChanges: () => undefined, onLearned: () => undefined, say: () => undefined };

function collect(s: PassThrough): Promise<Buffer> {
  const parts: Buffer[] = [];
  s.on('data', (d: Buffer) => parts.push(d));
  return new Promise((resolve) => s.on('end', () => resolve(Buffer.concat(parts))));
}

describe('runProxy with a real child', () => {
  it('forwards large messages byte for byte and returns the exit code', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const got = collect(output);
    const run = runProxy([process.execPath, '-e', CAT], { ...process.env, CODE: '7' }, guard(), hooks, { input, output });
    const big = JSON.stringify({ jsonrpc: '2.0', method: 'notifications/message', params: { data: 'x'.repeat(8 * 1024 * 1024) } }) + '\n';
    const small = Array.from({ length: 2000 }, (_, i) => JSON.stringify({ jsonrpc: '2.0', id: i, method: 'ping' }) + '\n').join('');
    input.write(big);
    input.write(small);
    input.end();
    const code = await run;
    output.end();
    const bytes = await got;
    expect(code).toBe(7);
    expect(bytes.length).toBe(Buffer.byteLength(big + small));
    expect(bytes.equals(Buffer.from(big + small))).toBe(true);
  }, 60_000);

  it('answers a refused call itself, without the server seeing it', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const got = collect(output);
    const run = runProxy([process.execPath, '-e', CAT], process.env, guard(), hooks, { input, output });
    input.write(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'evil' } }) + '\n');
    input.end();
    expect(await run).toBe(0);
    output.end();
    const lines = (await got)
      .toString()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: number; error?: { code: number }; method?: string });
    expect(lines).toEqual([expect.objectContaining({ id: 1, error: expect.objectContaining({ code: -32001 }) })]);
  });

  it('reports 128 + signal when the server is killed', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const run = runProxy([process.execPath, '-e', "process.kill(process.pid, 'SIGKILL')"], process.env, guard(), hooks, { input, output });
    expect(await run).toBe(128 + 9);
  });

  it('rejects when the command does not exist', async () => {
    await expect(
      runProxy(['/nonexistent/server'], process.env, guard(), hooks, { input: new PassThrough(), output: new PassThrough() }),
    ).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
