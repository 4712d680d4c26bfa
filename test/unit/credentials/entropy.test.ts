// Measures the last-resort detector on ordinary values (false positives) and on random
// key material (detection rate), and prints both. The fixture is built by
// test/fixtures/entropy/build-ordinary.js from real package specs, paths, URLs, README
// flags, identifiers, SRI strings, UUIDs and digests.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { looksRandom, shannonEntropy } from '../../../src/secrets/entropy';
import { findSecrets } from '../../../src/secrets/detect';
import type { ServerEntry } from '../../../src/inventory/types';

const FIXTURE = path.join(__dirname, '..', '..', 'fixtures', 'entropy', 'ordinary.txt');
const ordinary = fs.readFileSync(FIXTURE, 'utf8').split('\n').filter(Boolean);

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const generators: Record<string, (bytes: number) => string> = {
  base64url: (n) => crypto.randomBytes(n).toString('base64url'),
  base64: (n) => crypto.randomBytes(n).toString('base64'),
  hex: (n) => crypto.randomBytes(n).toString('hex'),
  alnum: (n) => Array.from(crypto.randomBytes(n), (b) => ALNUM[b % 62]).join(''),
};

function report(line: string): void {
  process.stdout.write(`[entropy] ${line}\n`);
}

describe('entropy detector', () => {
  it('has a false-positive rate under 0.1% on ordinary values', () => {
    const flagged = ordinary.filter((v) => looksRandom(v) || v.split(/[=:@?&#,]/).some((p) => looksRandom(p)));
    const rate = flagged.length / ordinary.length;
    report(`false positives: ${flagged.length} / ${ordinary.length} ordinary values = ${(rate * 100).toFixed(3)}%`);
    for (const f of flagged) report(`  flagged: ${f.slice(0, 80)}`);
    expect(rate).toBeLessThan(0.001);
  });

  it('findSecrets flags under 0.1% of ordinary values as env values, arguments and headers', () => {
    let hits = 0;
    const flagged: string[] = [];
    for (const v of ordinary) {
      const e: ServerEntry = {
        key: 'k',
        file: '/f',
        scope: 'user',
        configHome: '/h',
        jsonPath: [],
        name: 'x',
        transport: 'stdio',
        command: 'npx',
        args: ['serve', v],
        env: { SETTING: v },
        headers: { Accept: v },
        raw: {},
      };
      const f = findSecrets(e);
      if (f.length > 0) {
        hits++;
        flagged.push(`${v.slice(0, 80)} (${f.map((x) => x.reason).join(', ')})`);
      }
    }
    report(
      `findSecrets on ordinary values (innocent names): ${hits} / ${ordinary.length} = ${((hits / ordinary.length) * 100).toFixed(3)}%`,
    );
    for (const f of flagged) report(`  flagged: ${f}`);
    expect(hits / ordinary.length).toBeLessThan(0.001);
  });

  it('detects most random key material of 20+ characters', () => {
    const rows: string[] = [];
    let total = 0;
    let found = 0;
    for (const [kind, gen] of Object.entries(generators)) {
      for (const bytes of [16, 24, 32, 48]) {
        let hit = 0;
        const n = 500;
        let len = 0;
        for (let i = 0; i < n; i++) {
          const s = gen(bytes);
          len = s.length;
          if (looksRandom(s)) hit++;
        }
        total += n;
        found += hit;
        rows.push(`${kind}/${len} chars: ${((hit / n) * 100).toFixed(1)}%`);
      }
    }
    report(`detection rate on random secrets: ${((found / total) * 100).toFixed(1)}% overall; ${rows.join(', ')}`);
    // 40- and 64-digit hex are deliberately ordinary (git commits, SHA-256 pins), so the
    // overall rate is bounded by that choice.
    expect(found / total).toBeGreaterThan(0.75);
  });

  it.each([
    ['git commit', crypto.randomBytes(20).toString('hex')],
    ['sha256 pin', crypto.randomBytes(32).toString('hex')],
    ['uuid', crypto.randomUUID()],
    ['SRI', 'sha512-' + crypto.randomBytes(64).toString('base64')],
    ['identifier', 'WebGL2RenderingContextOverloads'],
    ['kebab words', 'modelcontextprotocol-server-filesystem'],
    ['short', 'aB3dE5gH7j'],
  ])('treats a %s as ordinary', (_kind, value) => {
    expect(looksRandom(value)).toBe(false);
  });

  it('computes Shannon entropy', () => {
    expect(shannonEntropy('')).toBe(0);
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
  });
});
