// Option parsers shared by `exec`, `headers` and `credentials`.
import { InvalidArgumentError } from 'commander';
import type { Scope } from '../policy/types';
import { isScope, isServerId, SCOPES } from './cli-checks';

export function parseScope(value: string): Scope {
  if (!isScope(value)) throw new InvalidArgumentError(`expected one of ${SCOPES.join(', ')}`);
  return value;
}

export function parseServerId(value: string): string {
  if (!isServerId(value)) throw new InvalidArgumentError('expected an allowlist rule id ([A-Za-z0-9_-]+)');
  return value;
}
