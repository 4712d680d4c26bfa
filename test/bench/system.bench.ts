// `system apply` rendering cost at the allowlist schema's limit (5000 rules), and the
// size of the drop-in it produces. Run: npm run bench (or bundle this file with esbuild
// and run it with node). Prints p50/p99 and memory.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { renderManagedSettings } from '../../src/system/render';
import { prepareDropIn } from '../../src/system/validate';
import { writeDropIn } from '../../src/system/dropin';
import type { Policy, ServerRule } from '../../src/policy/types';

function rules(n: number): ServerRule[] {
  const out: ServerRule[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 4 === 3) {
      out.push({ id: `remote-${i}`, transport: 'http', url: `https://mcp-${i}.example.com/*`, tools: { ask: [`write_${i}`] } });
    } else {
      out.push({
        id: `srv-${i}`,
        transport: 'stdio',
        command: 'npx',
        args: ['-y', `@acme/mcp-server-${i}@1.2.${i}`, `--root=/srv/${i}`],
        package: { registry: 'npm', name: `@acme/mcp-server-${i}`, version: `1.2.${i}`, integrity: `sha512-${'A'.repeat(86)}==` },
        env: i % 2 === 0 ? { secrets: ['API_TOKEN'] } : undefined,
        tools: i % 5 === 0 ? { ask: ['delete_*'], deny: [`drop_${i}`] } : undefined,
      });
    }
  }
  return out;
}

function policy(n: number): Policy {
  return {
    allowlist: {
      org: 'acme',
      version: 1,
      expires: '2099-01-01T00:00:00Z',
      mode: 'enforce',
      servers: rules(n),
      settings: { allowManagedMcpServersOnly: true },
    },
    digest: '0'.repeat(64),
    keyIds: [],
    acceptedAt: new Date(0).toISOString(),
    source: 'bench',
  };
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function bench(label: string, runs: number, fn: () => void): void {
  fn(); // warm-up (schema compilation happens once per process)
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  console.log(`${label}: p50 ${pct(times, 50).toFixed(2)} ms, p99 ${pct(times, 99).toFixed(2)} ms (${runs} runs)`);
}

for (const n of [50, 500, 5000]) {
  const p = policy(n);
  let text = '';
  bench(`render+validate ${n} rules`, n === 5000 ? 30 : 200, () => {
    text = prepareDropIn(renderManagedSettings(p, { execPath: '/usr/bin/mcp-warden' }).settings);
  });
  console.log(
    `  drop-in: ${(Buffer.byteLength(text) / 1024).toFixed(1)} KiB, ${renderManagedSettings(p, { execPath: '/usr/bin/mcp-warden' }).settings.allowedMcpServers.length} allow entries`,
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcpw-bench-'));
  const file = path.join(dir, 'managed-settings.d', '50-mcp-warden.json');
  bench(`  atomic write ${n} rules`, 50, () => writeDropIn(file, text));
  fs.rmSync(dir, { recursive: true, force: true });
}
const mem = process.memoryUsage();
console.log(`memory: rss ${(mem.rss / 1048576).toFixed(0)} MiB, heapUsed ${(mem.heapUsed / 1048576).toFixed(0)} MiB`);
