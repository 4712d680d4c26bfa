// DSSE (Dead Simple Signing Envelope) v1 with Ed25519, via node:crypto only.
// Spec: https://github.com/secure-systems-lab/dsse/blob/master/protocol.md
// Signatures are over PAE(payloadType, payload), never over the raw payload: that binds
// the type to the bytes, so a signature cannot be replayed under another type.
import * as crypto from 'node:crypto';

export const ALLOWLIST_PAYLOAD_TYPE = 'application/vnd.mcp-warden.allowlist+json';

export interface DsseSignature {
  /** Only a hint: verification tries every trusted key, keyid never selects trust. */
  keyid?: string;
  sig: string;
}

export interface DsseEnvelope {
  payload: string;
  payloadType: string;
  signatures: DsseSignature[];
}

/** Pre-Authentication Encoding: "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body. */
export function pae(payloadType: string, payload: Buffer): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `, 'utf8'), type, Buffer.from(` ${payload.length} `, 'utf8'), payload]);
}

/** Key id: SHA-256 (hex) of the public key's SPKI DER. Stable across PEM formatting. */
export function keyIdOf(key: crypto.KeyObject): string {
  const pub = key.type === 'private' ? crypto.createPublicKey(key) : key;
  return crypto
    .createHash('sha256')
    .update(pub.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

/** Sign `payload` with each private key; one signature per key. */
export function signEnvelope(payloadType: string, payload: Buffer, keys: crypto.KeyObject[]): DsseEnvelope {
  const msg = pae(payloadType, payload);
  return {
    payload: payload.toString('base64'),
    payloadType,
    signatures: keys.map((k) => ({
      keyid: keyIdOf(k),
      // Ed25519 takes no digest algorithm (null), as tuf-js does.
      sig: crypto.sign(null, msg, k).toString('base64'),
    })),
  };
}

/** Fail closed: any exception (malformed key or signature) is "does not verify". */
export function verifySignature(key: crypto.KeyObject, message: Buffer, signature: Buffer): boolean {
  try {
    return crypto.verify(null, message, key, signature);
  } catch {
    return false;
  }
}

const B64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const B64URL = /^[A-Za-z0-9_-]*$/;

/** Strict base64 (standard or URL-safe, as DSSE allows); undefined when it is not base64. */
export function decodeBase64Strict(s: string): Buffer | undefined {
  if (B64.test(s)) return Buffer.from(s, 'base64');
  if (B64URL.test(s)) return Buffer.from(s, 'base64url');
  return undefined;
}
