// The agent config's validator (precompiled: src/schema/validators.ts).
import { validatorFrom, type SchemaValidator } from '../schema/compile';
import { precompiled } from '../schema/validators';
import type { AgentConfig } from './types';

export const agentConfigValidator: SchemaValidator<AgentConfig> = validatorFrom<AgentConfig>(precompiled.agentConfig);
