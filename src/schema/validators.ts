// Validators for our own schemas, precompiled (see standalone.ts) because they sit on
// `mcp-warden exec`'s path, or (drift events) on the agent's, which must not load ajv's
// compiler. The generated modules are required on first use only.
import type { ValidateFunction } from 'ajv';
import type { Allowlist } from '../policy/types';
import type { AgentConfig } from '../config/types';
import type { RootDocument } from '../policy/root-types';
import type { DriftEvent } from '../events/types';
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

export const driftEventValidator: SchemaValidator<DriftEvent> = validatorFrom<DriftEvent>(
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  lazy(() => (require('./generated/drift-event') as { validate: unknown }).validate),
);
