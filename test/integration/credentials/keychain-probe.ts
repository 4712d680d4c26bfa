// Child-process entry for keychain.test.ts: one operation against the OS keychain,
// printing `ok <json>` or `error <code>`.
import { openSecretStore } from '../../../src/vault/keychain/open';
import type { KeychainBackend } from '../../../src/vault/keychain/backends';

async function main(): Promise<void> {
  const [backend, op, account, value] = process.argv.slice(2);
  const store = openSecretStore((backend ?? 'napi') as KeychainBackend, { service: 'mcp-warden-test', timeoutMs: 15000 });
  try {
    let r: unknown;
    if (op === 'set') r = await store.set(account ?? 'a', value ?? 'v');
    else if (op === 'get') r = await store.get(account ?? 'a');
    else if (op === 'probe') r = await store.probe();
    else r = await store.list();
    process.stdout.write(`ok ${JSON.stringify(r ?? null)}\n`);
  } catch (e) {
    process.stdout.write(`error ${(e as { code?: string }).code ?? 'none'} ${(e as Error).message}\n`);
  }
}
void main();
