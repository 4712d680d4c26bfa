// Splitting an entry into what a quarantine record may hold and the secret values that
// go to the keychain. Detection is the credentials detector (src/secrets/detect.ts);
// a final sweep treats any remaining string with a known token shape as secret too, so a
// token in a field nobody anticipated still never reaches the record. Each secret-bearing
// string is stashed whole (lossless restore) and shown with the secret replaced by
// `{{secret:NAME}}`.
import type { ServerEntry } from '../inventory/types';
import type { ServerRule } from '../policy/types';
import { detectSecrets } from '../secrets/detect';
import { findTokenShapes } from '../log/secret-patterns';
import { redactor } from '../log/redact';
import type { PathSegment } from '../util/jsonpath';
import { cloneJson, findStrings, getOwn, setOwn } from '../util/json-safe';

export interface SecretAtPath {
  path: PathSegment[];
  name: string;
  /** The ORIGINAL string at `path`. Never log. */
  value: string;
}

export interface Sanitized {
  /** The entry with every secret replaced by a placeholder. Safe to store and print. */
  entry: Record<string, unknown>;
  secrets: SecretAtPath[];
}

function placeholderName(name: string): string {
  const n = name.replace(/[^A-Za-z0-9_]/g, '_').replace(/^([0-9])/, '_$1');
  return n || 'SECRET';
}

function getAt(obj: unknown, path: readonly PathSegment[]): unknown {
  let cur = obj;
  for (const s of path) cur = getOwn(cur, s);
  return cur;
}

function setAt(obj: unknown, path: readonly PathSegment[], value: unknown): void {
  const parent = getAt(obj, path.slice(0, -1)) as Record<string | number, unknown>;
  setOwn(parent, path[path.length - 1], value);
}

export function sanitizeEntry(entry: ServerEntry, rule?: ServerRule): Sanitized {
  const display = cloneJson(entry.raw);
  // Group detected secrets by the string that holds them.
  const byPath = new Map<string, { path: PathSegment[]; name: string; values: Array<{ value: string; name: string }> }>();
  for (const d of detectSecrets(entry, rule)) {
    const f = d.finding;
    let path: PathSegment[];
    if (f.location === 'env') path = ['env', f.name];
    else if (f.location === 'headers') path = f.name === 'headersHelper' ? ['headersHelper'] : ['headers', f.name];
    else if (f.location === 'args') path = ['args', f.argIndex ?? Number(f.name)];
    else path = ['url'];
    redactor.learn(d.value);
    if (typeof getAt(entry.raw, path) !== 'string') continue;
    const key = JSON.stringify(path);
    const slot = byPath.get(key) ?? { path, name: placeholderName(d.secretName), values: [] };
    slot.values.push({ value: d.value, name: placeholderName(d.secretName) });
    byPath.set(key, slot);
  }
  const secrets: SecretAtPath[] = [];
  for (const slot of byPath.values()) {
    const original = getAt(entry.raw, slot.path) as string;
    let shown = original;
    for (const v of slot.values.sort((a, b) => b.value.length - a.value.length)) {
      if (v.value) shown = shown.split(v.value).join(`{{secret:${v.name}}}`);
    }
    setAt(display, slot.path, shown);
    secrets.push({ path: slot.path, name: slot.name, value: original });
  }
  // Whatever still looks like a token, wherever it is, goes the same way.
  // Iterative: an entry may nest far deeper than the stack.
  for (const path of findStrings(display, (v) => findTokenShapes(v).length > 0)) {
    const original = getAt(entry.raw, path);
    if (typeof original !== 'string') continue;
    const name = placeholderName(path.map(String).join('_'));
    setAt(display, path, `{{secret:${name}}}`);
    const known = secrets.find((s) => JSON.stringify(s.path) === JSON.stringify(path));
    if (!known) secrets.push({ path, name, value: original });
  }
  for (const s of secrets) redactor.learn(s.value);
  return { entry: display, secrets };
}
