// The checks behind the `--server` and `--scope` options, without commander: the full CLI
// (src/cli/options.ts) and the launch fast path (src/cli/launch-argv.ts) must
// accept exactly the same values.
import type { Scope } from '../policy/types';

export const SCOPES: readonly Scope[] = ['user', 'local', 'project'];

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

/** Allowlist rule ids are `[A-Za-z0-9_-]+` (schemas/allowlist.schema.json). */
export function isServerId(value: string): boolean {
  return /^[A-Za-z0-9_-]{1,128}$/.test(value);
}
