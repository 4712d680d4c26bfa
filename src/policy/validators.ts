// The allowlist and trust-root documents' validators (precompiled: src/schema/validators.ts).
import { validatorFrom, type SchemaValidator } from '../schema/compile';
import { precompiled } from '../schema/validators';
import type { RootDocument } from './root-types';
import type { Allowlist } from './types';

export const allowlistValidator: SchemaValidator<Allowlist> = validatorFrom<Allowlist>(precompiled.allowlist);
export const rootValidator: SchemaValidator<RootDocument> = validatorFrom<RootDocument>(precompiled.root);
