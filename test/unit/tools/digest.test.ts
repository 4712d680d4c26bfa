import * as fs from 'node:fs';
import * as path from 'node:path';
import { digestInput, itemDigest, serverDigests, setDigest, type ItemKind } from '../../../src/tools/digest';

interface Vectors {
  items: Array<{ kind: ItemKind; item: Record<string, unknown>; digest: string }>;
  sets: Array<{ items: Record<string, string>; digest: string }>;
  servers: Array<{ tools: string[]; prompts: string[]; resourceTemplates: string[]; digest: string }>;
}

function vectors(): Vectors {
  const doc = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'docs', 'tool-pinning.md'), 'utf8');
  const m = /```json test-vectors\n([\s\S]*?)\n```/.exec(doc);
  if (!m?.[1]) throw new Error('no test-vectors block in docs/tool-pinning.md');
  return JSON.parse(m[1]) as Vectors;
}

describe('tool digests (docs/tool-pinning.md)', () => {
  const v = vectors();

  it('matches every item vector of the spec', () => {
    for (const t of v.items) expect([t.item.name, itemDigest(t.kind, t.item)]).toEqual([t.item.name, t.digest]);
  });

  it('matches every set vector', () => {
    for (const s of v.sets) expect(setDigest(s.items)).toBe(s.digest);
  });

  it('matches every server vector', () => {
    const byName = (kind: ItemKind, names: string[]): unknown[] =>
      names.map((n) => v.items.find((i) => i.kind === kind && i.item.name === n)?.item);
    for (const s of v.servers) {
      const d = serverDigests({
        tools: byName('tools', s.tools),
        prompts: byName('prompts', s.prompts),
        resourceTemplates: byName('resourceTemplates', s.resourceTemplates),
      });
      expect(d.server).toBe(s.digest);
    }
  });

  it('ignores key order, _meta and unknown fields, and sees every covered field', () => {
    const a = { name: 't', description: 'd', inputSchema: { type: 'object', properties: {} } };
    const b = { inputSchema: { properties: {}, type: 'object' }, description: 'd', name: 't', _meta: { at: 1 }, extra: true };
    expect(itemDigest('tools', b)).toBe(itemDigest('tools', a));
    for (const field of ['name', 'title', 'description', 'inputSchema', 'outputSchema', 'annotations']) {
      expect(itemDigest('tools', { ...a, [field]: { changed: field } })).not.toBe(itemDigest('tools', a));
    }
    expect(digestInput('tools', { ...a, title: undefined })).toEqual(a);
  });

  it('is independent of list order, and sensitive to one changed item', () => {
    const x = { name: 'x', description: '1' };
    const y = { name: 'y', description: '2' };
    expect(serverDigests({ tools: [x, y] }).server).toBe(serverDigests({ tools: [y, x] }).server);
    expect(serverDigests({ tools: [x, { ...y, description: '3' }] }).server).not.toBe(serverDigests({ tools: [x, y] }).server);
  });

  it('keeps a tool named __proto__ as data', () => {
    const d = serverDigests({ tools: [{ name: '__proto__', description: 'p' }] });
    expect(Object.keys(d.tools)).toEqual(['__proto__']);
  });
});
