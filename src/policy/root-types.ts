// The signed trust root (schemas/root.schema.json): which keys may sign the next root,
// and which may sign allowlists. TUF's root role, cut down to the two roles we have.
import type * as crypto from 'node:crypto';

export interface RootRole {
  /** Key ids (SHA-256 hex of SPKI DER) from `keys`. */
  keyIds: string[];
  /** Distinct keys of `keyIds` that must sign. */
  threshold: number;
}

export interface RootDocument {
  type: 'mcp-warden.root';
  org: string;
  /** 1, then +1 per rotation. */
  version: number;
  /** RFC 3339. */
  expires: string;
  keys: Record<string, { publicKey: string; name?: string }>;
  roles: { root: RootRole; allowlist: RootRole };
}

/** A root this agent trusts, with its keys parsed once. */
export interface TrustedRoot {
  doc: RootDocument;
  /** SHA-256 hex of the payload bytes. */
  digest: string;
  /** The envelope exactly as received. */
  envelope: Buffer;
  /** Public keys by id, for the root role and the allowlist role. */
  rootKeys: Map<string, crypto.KeyObject>;
  allowlistKeys: Map<string, crypto.KeyObject>;
}
