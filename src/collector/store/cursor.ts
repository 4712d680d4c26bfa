// Opaque cursors for keyset pagination: the sort key of the last row returned, so the
// next page starts strictly after it. Stable under concurrent inserts (no offsets).
import { HttpError } from '../errors';

export type CursorKey = (string | number)[];

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Decode and check the shape (`types`: 's' string, 'n' number per position). */
export function decodeCursor(raw: string, types: string): CursorKey {
  let v: unknown;
  if (raw.length > 2048 || !/^[A-Za-z0-9_-]*$/.test(raw))
    throw new HttpError(400, 'INVALID_CURSOR', 'cursor is not one this collector issued');
  try {
    v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw new HttpError(400, 'INVALID_CURSOR', 'cursor is not one this collector issued');
  }
  if (!Array.isArray(v) || v.length !== types.length) throw new HttpError(400, 'INVALID_CURSOR', 'cursor is not one this collector issued');
  const arr = v as unknown[];
  types.split('').forEach((t, i) => {
    const x = arr[i];
    const ok = t === 'n' ? typeof x === 'number' && Number.isSafeInteger(x) : typeof x === 'string' && x.length <= 512;
    if (!ok) throw new HttpError(400, 'INVALID_CURSOR', 'cursor is not one this collector issued');
  });
  return arr as CursorKey;
}
