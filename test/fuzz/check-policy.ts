// The admin-side inputs: allowlist text (YAML or JSON) through lint, and DSSE envelopes
// through verification. Properties: never a crash (only typed, coded errors), never a
// hang, and an envelope that verifies carries exactly the payload that was signed.
import * as crypto from 'node:crypto';
import YAML from 'yaml';
import { lintAllowlist } from '../../src/policy/lint';
import { verifyEnvelope } from '../../src/policy/verify';
import { ALLOWLIST_PAYLOAD_TYPE, signEnvelope } from '../../src/policy/dsse';
import { isWardenError } from '../../src/errors';
import { damage, deepText, randomStyle, toNode, write, type Json, type Members } from './json-text';
import { canary, word, type Rng } from './rng';
import { Failure, type Outcome } from './outcome';

function allowlist(r: Rng): Json {
  const servers: Json[] = [];
  for (let i = r.int(4); i > 0; i--) {
    servers.push(
      r.chance(0.5)
        ? { id: word(r), transport: 'stdio', command: 'node', args: [word(r)], sha256: 'a'.repeat(64) }
        : { id: word(r), transport: 'http', url: `https://${word(r)}.example/mcp` },
    );
  }
  return {
    org: 'acme',
    version: 1 + r.int(5),
    expires: new Date(Date.UTC(2030, 0, 1)).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    mode: r.pick(['audit', 'enforce']),
    servers,
  };
}

/** The allowlist as text, mutated: structure first (JSON), then bytes. */
function allowlistText(r: Rng): string {
  const doc = allowlist(r);
  if (r.chance(0.4)) return String(damage(r, Buffer.from(YAML.stringify(doc))));
  const n = toNode(doc) as Members;
  switch (r.int(6)) {
    case 0:
      n.members.push(['version', r.pick<Json>([-1, 1e400, '2', 2.5])]);
      break;
    case 1:
      n.members.push(['__proto__', { mode: 'enforce' }]);
      break;
    case 2:
      n.members.push(['servers', { raw: deepText(r, 600 + r.int(5000)) }]);
      break;
    case 3:
      n.members.push(['org', 'x'.repeat(100_000)]);
      break;
    case 4:
      n.members.push(['expires', r.pick(['2030-12-31T23:59:60Z', '2030-02-30T00:00:00Z', 'tomorrow', '9999-12-31T23:59:59+25:00'])]);
      break;
    default:
      n.members.push([`x${word(r)}`, canary(r)]);
  }
  const text = write(r, n, randomStyle(r));
  return String(r.chance(0.3) ? damage(r, Buffer.from(text)) : text);
}

export function checkLint(r: Rng): Outcome {
  try {
    const res = lintAllowlist(allowlistText(r), { now: new Date(Date.UTC(2029, 0, 1)) });
    return { ok: true, code: res.errors.length > 0 ? 'ERRORS' : 'CLEAN' };
  } catch (e) {
    if (isWardenError(e)) return { ok: true, code: e.code };
    throw e;
  }
}

let key: { priv: crypto.KeyObject; pub: crypto.KeyObject } | undefined;
function trustKey(): { priv: crypto.KeyObject; pub: crypto.KeyObject } {
  if (!key) {
    const k = crypto.generateKeyPairSync('ed25519');
    key = { priv: k.privateKey, pub: k.publicKey };
  }
  return key;
}

/** A valid envelope, then mutated; or a mutated payload, validly signed (an admin's mistake). */
export function checkEnvelope(r: Rng): Outcome {
  const k = trustKey();
  const signed = Buffer.from(r.chance(0.5) ? JSON.stringify(allowlist(r)) : allowlistText(r));
  const env = signEnvelope(r.chance(0.95) ? ALLOWLIST_PAYLOAD_TYPE : 'text/plain', signed, [k.priv]) as unknown as Record<string, Json>;
  let bytes: Buffer;
  const mutated = r.chance(0.6);
  if (!mutated) bytes = Buffer.from(JSON.stringify(env));
  else {
    const n = toNode(env) as Members;
    switch (r.int(6)) {
      case 0:
        n.members.push(['payload', Buffer.from(JSON.stringify({ ...(allowlist(r) as object), org: 'evil' })).toString('base64')]);
        break;
      case 1:
        n.members.push(['signatures', { raw: deepText(r, 600 + r.int(5000)) }]);
        break;
      case 2:
        n.members.push(['__proto__', { payloadType: 'x' }]);
        break;
      case 3: {
        const sig = (env.signatures as Array<Record<string, string>>)[0];
        n.members.push(['signatures', [sig, { ...sig }, { keyid: word(r), sig: sig.sig.slice(1) + 'A' }]]);
        break;
      }
      case 4:
        n.members.push(['payload', (env.payload as string).replace(/[A-Za-z]/, 'Q')]);
        break;
      default:
        n.members.push(['payloadType', ALLOWLIST_PAYLOAD_TYPE + ' ']);
    }
    bytes = Buffer.from(write(r, n, randomStyle(r)));
    if (r.chance(0.3)) bytes = damage(r, bytes);
  }
  try {
    const v = verifyEnvelope(bytes, { trustKeys: [k.pub], threshold: 1, org: 'acme', now: new Date(Date.UTC(2029, 0, 1)) });
    if (v.digest !== crypto.createHash('sha256').update(signed).digest('hex'))
      throw new Failure('forgery', 'an envelope verified with a payload that was never signed');
    return { ok: true, code: 'VERIFIED' };
  } catch (e) {
    if (e instanceof Failure) throw e;
    if (isWardenError(e)) return { ok: true, code: e.code };
    throw e;
  }
}
