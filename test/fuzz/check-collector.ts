// Collector event batches, in process: the route's own steps (parse the body, the batch
// shape, per-event screening with the device binding: src/collector/screen.ts) and
// ingestion into a real SQLite store. Properties: never a crash; a bad event is rejected
// alone, with a code, and the rest of the batch still goes in; an event about another
// device than the credential's is never stored; a leap second is stored as the next second.
import * as path from 'node:path';
import * as crypto from 'node:crypto';
import { screenEvents } from '../../src/collector/screen';
import { openStore, type Store } from '../../src/collector/store';
import { isWardenError } from '../../src/errors';
import { damage, deepText, randomStyle, toNode, write, type Json, type Members } from './json-text';
import { canary, word, type Rng } from './rng';
import { Failure, type Outcome } from './outcome';

function event(r: Rng, device: string): Record<string, Json> {
  return {
    id: crypto.randomUUID(),
    time: new Date(Date.UTC(2026, 11, 3, r.int(24))).toISOString(),
    device: { id: device, hostname: 'h.corp', os: 'linux-6.1', user: 'alice' },
    agentVersion: '0.1.0',
    policy: { org: 'acme', version: 3, digest: 'b'.repeat(64) },
    kind: 'server.unapproved',
    severity: 'high',
    mode: 'audit',
    action: 'none',
    wouldDo: 'removed',
    message: 'unapproved server github',
    server: { name: 'github', scope: 'user', transport: 'stdio', argv: ['npx', '-y', 'gh-mcp'] },
    file: '/home/alice/.claude.json',
    jsonPath: '$.mcpServers.github',
  };
}

function mutateEvent(r: Rng, e: Record<string, Json>): Members {
  const n = toNode(e) as Members;
  switch (r.int(8)) {
    case 0:
      // Around the depth cap, and far past it (deeper than JSON.stringify can recurse).
      n.members.push(['detail', { raw: deepText(r, r.chance(0.5) ? 20 + r.int(20) : 100 + r.int(20_000)) }]);
      break;
    case 1:
      n.members.push([
        'time',
        r.pick([
          '2026-12-31T23:59:60Z',
          '2026-12-31T18:59:60-05:00',
          '2026-12-31T12:59:60Z',
          '2026-13-01T00:00:00Z',
          '2026-02-29T00:00:00Z',
          '',
          'now',
        ]),
      ]);
      break;
    case 7:
      // Impersonation: an event about another device than the one that authenticated.
      n.members.push(['device', { id: `dev-${word(r)}-other`, hostname: 'h.corp', os: 'linux-6.1', user: 'mallory' }]);
      break;
    case 2:
      n.members.push(['__proto__', { kind: 'agent.heartbeat' }]);
      break;
    case 3:
      n.members.push(['message', 'x'.repeat(70_000)]);
      break;
    case 4:
      n.members.push(['id', r.pick<Json>([1, null, '', 'x'.repeat(300)])]);
      break;
    case 5:
      n.members.push(['message', canary(r)]);
      break;
    default:
      n.members.splice(r.int(n.members.length), 1);
  }
  return n;
}

let store: Promise<Store> | undefined;

export async function checkBatch(r: Rng, dir: string): Promise<Outcome> {
  store ??= openStore(`sqlite:${path.join(dir, 'collector.db')}`);
  const s = await store;
  const device = `dev-${word(r)}`;
  const events: Array<Members | Record<string, Json>> = [];
  for (let i = 1 + r.int(5); i > 0; i--)
    events.push(r.chance(0.5) ? mutateEvent(r, event(r, device)) : (toNode(event(r, device)) as Members));
  let body: Buffer<ArrayBufferLike> = Buffer.from(write(r, { members: [['events', events as Json[]]] }, randomStyle(r)));
  if (r.chance(0.2)) body = damage(r, body);
  // The route's steps (src/collector/routes.ts postEvents), in process.
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return { ok: true, code: 'INVALID_JSON' };
  }
  const list = (parsed as { events?: unknown } | null)?.events;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || !Array.isArray(list))
    return { ok: true, code: 'BAD_REQUEST' };
  const { good, rejected } = screenEvents(list, device);
  if (good.length + rejected.length !== list.length) throw new Failure('lost', 'screening lost events: neither accepted nor rejected');
  for (const e of good) {
    if (e.device.id !== device) throw new Failure('impersonation', `an event for ${e.device.id} passed with ${device}'s credential`);
    if (Number.isNaN(Date.parse(e.time))) throw new Failure('time', `stored time ${e.time} is not readable by Date.parse`);
  }
  if (rejected.some((x) => !x.code)) throw new Failure('code', 'a rejected event has no code');
  try {
    const res = await s.ingest(good, Date.UTC(2026, 11, 3, 12));
    if (res.accepted + res.duplicates !== good.length)
      throw new Failure('lost', 'valid events of a batch were neither accepted nor duplicates');
  } catch (e) {
    if (e instanceof Failure || !isWardenError(e)) throw e;
    return { ok: true, code: e.code };
  }
  // Outcome names the first rejection code, so the summary shows what the batches hit.
  return { ok: true, code: rejected.length > 0 ? `PARTIAL:${rejected[0]?.code ?? ''}` : 'ACCEPTED' };
}
