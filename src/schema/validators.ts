// The validate functions of our own schemas, precompiled (see standalone.ts) because they sit
// on `mcp-warden exec`'s path, or (drift events) on the agent's, which must not load ajv's
// compiler. The generated modules are required on first use only. Typed by their owners
// (policy/validators.ts, config/validator.ts, events/validate.ts): this layer knows no documents.
import type { ValidateFunction } from 'ajv';

function lazy(load: () => unknown): () => ValidateFunction {
  let fn: ValidateFunction | undefined;
  return () => (fn ??= load() as ValidateFunction);
}

export const precompiled = {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  allowlist: lazy(() => (require('./generated/allowlist') as { validate: unknown }).validate),
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  agentConfig: lazy(() => (require('./generated/agent-config') as { validate: unknown }).validate),
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  root: lazy(() => (require('./generated/root') as { validate: unknown }).validate),
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  driftEvent: lazy(() => (require('./generated/drift-event') as { validate: unknown }).validate),
} as const;
