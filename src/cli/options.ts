// Option parsers shared by `exec`, `headers` and `credentials`.
import { InvalidArgumentError } from 'commander';
import type { Scope } from '../policy/types';
import { isScope, isServerId, SCOPES } from './cli-checks';
import { CLIENT_IDS, type ClientId } from '../policy/client-ids';

export function parseScope(value: string): Scope {
  if (!isScope(value)) throw new InvalidArgumentError(`expected one of ${SCOPES.join(', ')}`);
  return value;
}

export function parseServerId(value: string): string {
  if (!isServerId(value)) throw new InvalidArgumentError('expected an allowlist rule id ([A-Za-z0-9_-]+)');
  return value;
}

/** `--client`: one of the other clients (src/clients); Claude Code is the default, never named. */
export function parseClient(value: string): ClientId {
  if (!CLIENT_IDS.includes(value as ClientId) || value === 'claude-code') {
    throw new InvalidArgumentError(`expected one of ${CLIENT_IDS.filter((c) => c !== 'claude-code').join(', ')}`);
  }
  return value as ClientId;
}
