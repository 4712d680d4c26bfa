// The proxy's two directions on raw lines: bytes unchanged unless a list or a call is touched;
// batches handled element by element.
import { itemDigest } from '../../../src/tools/digest';
import { ToolGuard } from '../../../src/tools/guard';
import { clientDecider, serverDecider } from '../../../src/tools/proxy';

const echo = { name: 'echo', description: 'Echo.' };
const line = (v: unknown): Buffer => Buffer.from(JSON.stringify(v) + '\n');

function setup() {
  const guard = new ToolGuard({
    ruleId: 'r',
    mode: 'pinned',
    onChange: 'withhold',
    enforce: true,
    pins: { tools: { echo: itemDigest('tools', echo) } },
  });
  const replies: string[] = [];
  const changes: string[] = [];
  const client = clientDecider(guard, (b) => replies.push(b.toString()));
  const server = serverDecider(
    guard,
    { onChanges: (c) => changes.push(...c.map((x) => x.name)), onLearned: () => undefined, say: () => undefined },
    () => undefined,
  );
  return { guard, replies, changes, client, server };
}

describe('proxy deciders', () => {
  it('leave unrelated lines alone without parsing them (even invalid JSON)', () => {
    const { client, server } = setup();
    expect(client(Buffer.from('{"jsonrpc":"2.0","id":1,"method":"ping"}\n'))).toBeNull();
    expect(client(Buffer.from('not json tools/list\n'))).toBeNull();
    expect(server(Buffer.from('{"broken\n'))).toBeNull();
  });

  it('rewrite only the list response that changes, keeping the id', () => {
    const { client, server, changes } = setup();
    expect(client(line({ jsonrpc: '2.0', id: 7, method: 'tools/list' }))).toBeNull();
    const out = server(line({ jsonrpc: '2.0', id: 7, result: { tools: [echo, { name: 'new', description: 'n' }] } }));
    expect(JSON.parse(out?.toString() ?? '{}')).toEqual({ jsonrpc: '2.0', id: 7, result: { tools: [echo] } });
    expect(changes).toEqual(['new']);
  });

  it('handle batches: refused calls answered here, the rest forwarded as a batch', () => {
    const { client, server, replies } = setup();
    const batch = [
      { jsonrpc: '2.0', id: 1, method: 'tools/list' },
      { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'evil' } },
      { jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'echo' } },
    ];
    const fwd = client(line(batch));
    expect(JSON.parse(fwd?.toString() ?? '[]')).toEqual([batch[0], batch[2]]);
    expect(replies.map((r) => (JSON.parse(r) as { id: number }).id)).toEqual([2]);
    const resp = [
      { jsonrpc: '2.0', id: 1, result: { tools: [echo, { name: 'evil', description: 'e' }] } },
      { jsonrpc: '2.0', id: 3, result: { content: [] } },
    ];
    expect(JSON.parse(server(line(resp))?.toString() ?? '[]')).toEqual([{ jsonrpc: '2.0', id: 1, result: { tools: [echo] } }, resp[1]]);
  });

  it('drop a batch that is entirely refused', () => {
    const { client } = setup();
    expect(client(line([{ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'evil' } }]))?.length).toBe(0);
  });
});
