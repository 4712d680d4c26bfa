// One redactor for the whole process. Every log transport, every report and every
// error printed to a terminal passes through it. It knows two things:
//  - token shapes (src/log/secret-patterns.ts), so an unknown secret of a known kind is masked;
//  - every secret value this process has handled (learn()), so an arbitrary password
//    read from a config or the keychain is masked wherever it turns up later.
import { maskTokenShapes } from './secret-patterns';

export const MASK = '[REDACTED]';

// Values shorter than this are not learned: masking "1" or "true" everywhere would
// destroy logs without protecting anything real.
const MIN_LEARNED_LENGTH = 4;
const MAX_DEPTH = 12;

export class Redactor {
  private readonly values = new Set<string>();
  private sorted: string[] = [];

  /** Remember a secret value so it is masked wherever it appears. */
  learn(value: string | undefined | null): void {
    if (!value || value.length < MIN_LEARNED_LENGTH || this.values.has(value)) return;
    this.values.add(value);
    // Longest first, so a secret that contains another is masked whole.
    this.sorted = [...this.values].sort((a, b) => b.length - a.length);
  }

  get size(): number {
    return this.values.size;
  }

  redactString(text: string): string {
    let out = text;
    for (const v of this.sorted) {
      if (out.includes(v)) out = out.split(v).join(MASK);
    }
    return maskTokenShapes(out, MASK);
  }

  /** Deep copy of `value` with every string redacted. Cycles and depth are bounded. */
  redact<T>(value: T): T {
    return this.walk(value, 0, new WeakSet()) as T;
  }

  private walk(value: unknown, depth: number, seen: WeakSet<object>): unknown {
    if (typeof value === 'string') return this.redactString(value);
    if (value === null || typeof value !== 'object') return value;
    if (depth >= MAX_DEPTH) return '[TRUNCATED]';
    if (seen.has(value)) return '[CIRCULAR]';
    seen.add(value);
    if (value instanceof Error) {
      return { name: value.name, message: this.redactString(value.message) };
    }
    if (Array.isArray(value)) return value.map((v) => this.walk(v, depth + 1, seen));
    const out: Record<string, unknown> = {};
    // defineProperty: a `__proto__` key is data here, not the copy's prototype.
    for (const [k, v] of Object.entries(value))
      Object.defineProperty(out, k, { value: this.walk(v, depth + 1, seen), enumerable: true, writable: true, configurable: true });
    return out;
  }
}

/** The process-wide redactor. */
export const redactor = new Redactor();
