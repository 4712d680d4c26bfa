// Validators for our own schemas, precompiled (see standalone.ts) because they sit on
// `mcp-warden exec`'s path. The generated modules are required on first use only.
import type { ValidateFunction } from 'ajv';
import type { Allowlist } from '../policy/types';
import type { AgentConfig } from '../config/types';
import type { RootDocument } from '../policy/root-types';
import { validatorFrom, type SchemaValidator } from './compile';

function lazy(load: () => unknown): () => ValidateFunction {
  let fn: ValidateFunction | undefined;
  return () => (fn ??= load() as ValidateFunction);
}

export const allowlistValidator: SchemaValidator<Allowlist> = validatorFrom<Allowlist>(
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  lazy(() => (require('./generated/allowlist') as { validate: unknown }).validate),
);

export const agentConfigValidator: SchemaValidator<AgentConfig> = validatorFrom<AgentConfig>(
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  lazy(() => (require('./generated/agent-config') as { validate: unknown }).validate),
);

export const rootValidator: SchemaValidator<RootDocument> = validatorFrom<RootDocument>(
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  lazy(() => (require('./generated/root') as { validate: unknown }).validate),
);
