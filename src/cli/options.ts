// Option parsers shared by `exec`, `headers` and `credentials`.
import { InvalidArgumentError } from 'commander';
import type { Scope } from '../policy/types';

const SCOPES: readonly Scope[] = ['user', 'local', 'project'];

export function parseScope(value: string): Scope {
  if (!SCOPES.includes(value as Scope)) throw new InvalidArgumentError(`expected one of ${SCOPES.join(', ')}`);
  return value as Scope;
}

/** Allowlist rule ids are `[A-Za-z0-9_-]+` (schemas/allowlist.schema.json). */
export function parseServerId(value: string): string {
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(value)) throw new InvalidArgumentError('expected an allowlist rule id ([A-Za-z0-9_-]+)');
  return value;
}
