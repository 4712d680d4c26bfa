// Editing the YAML frontmatter of a subagent file (`.claude/agents/*.md`) in place: the
// `yaml` package's Document API changes the nodes we name and keeps comments, key order
// and the Markdown body byte for byte. Same discipline as the JSON edits: a lock
// (`<file>.lock`, as proper-lockfile makes it), re-read inside it, a file whose
// frontmatter does not parse is never rewritten, the result must parse back, and the
// temp-file + rename happens only if nobody changed the file meanwhile.
import * as fs from 'node:fs';
import * as lockfile from 'proper-lockfile';
import type { Document } from 'yaml';
import { yaml as yamlLib } from '../util/yaml-lazy';
import { fileHoldsText, writeAtomicChecked } from './atomic';
import { FileEditError } from './errors';

/** Largest subagent file read or edited (bytes). */
export const MAX_AGENT_BYTES = 1024 * 1024;

export interface Frontmatter {
  /** The YAML between the fences. */
  yaml: string;
  /** Offsets of the YAML inside the file's text. */
  start: number;
  end: number;
}

/** The frontmatter block of a Markdown file (`---` fences at the very top), if any. */
export function splitFrontmatter(text: string): Frontmatter | undefined {
  const m = /^\uFEFF?---[ \t]*\r?\n/.exec(text);
  if (!m) return undefined;
  const start = m[0].length;
  const close = /^---[ \t]*$/m;
  const rest = text.slice(start);
  const c = close.exec(rest);
  if (!c) return undefined;
  return { yaml: rest.slice(0, c.index), start, end: start + c.index };
}

function resolves(doc: Document): boolean {
  try {
    doc.toJS({ maxAliasCount: 16 });
    return true;
  } catch {
    return false;
  }
}

export interface FrontmatterEdit {
  changed: boolean;
  /** The new text (for recognising our own write). */
  text: string;
}

/**
 * Run `fn` on the frontmatter document of `file` inside the lock; it returns whether it
 * changed the document. Throws FileEditError for a file that is missing, too large, or
 * whose frontmatter does not parse.
 */
export async function editFrontmatter(file: string, fn: (doc: Document) => boolean): Promise<FrontmatterEdit> {
  let release: (() => Promise<void>) | undefined;
  try {
    release = await lockfile.lock(file, { realpath: false, stale: 10_000, retries: { retries: 50, minTimeout: 20, maxTimeout: 250 } });
  } catch (e) {
    throw new FileEditError({ code: 'LOCK_TIMEOUT', message: `${file}: could not take ${file}.lock`, file, cause: e });
  }
  try {
    let text: string;
    try {
      if (fs.statSync(file).size > MAX_AGENT_BYTES)
        throw new FileEditError({ code: 'TOO_LARGE', message: `${file}: over the ${MAX_AGENT_BYTES}-byte limit`, file });
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      if (e instanceof FileEditError) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      throw new FileEditError({
        code: code === 'ENOENT' ? 'NOT_FOUND' : 'UNREADABLE',
        message: `${file}: cannot read (${code ?? 'error'})`,
        file,
        cause: e,
      });
    }
    const fm = splitFrontmatter(text);
    if (!fm) throw new FileEditError({ code: 'PARSE_ERROR', message: `${file}: has no frontmatter; left untouched`, file });
    const doc = yamlLib().parseDocument(fm.yaml, { uniqueKeys: true });
    if (doc.errors.length > 0 || !resolves(doc))
      throw new FileEditError({ code: 'PARSE_ERROR', message: `${file}: frontmatter is not valid YAML; left untouched`, file });
    if (!fn(doc)) return { changed: false, text };
    const yaml = doc.toString();
    const check = yamlLib().parseDocument(yaml, { uniqueKeys: true });
    if (
      check.errors.length > 0 ||
      !resolves(check) ||
      JSON.stringify(check.toJS({ maxAliasCount: 16 })) !== JSON.stringify(doc.toJS({ maxAliasCount: 16 }))
    ) {
      throw new FileEditError({
        code: 'VERIFY_FAILED',
        message: `${file}: the edited frontmatter would not read back as intended; nothing written`,
        file,
      });
    }
    const next = text.slice(0, fm.start) + yaml + text.slice(fm.end);
    const w = writeAtomicChecked(file, next, () => fileHoldsText(file, text));
    if (!w.wrote)
      throw new FileEditError({ code: 'CONTENDED', message: `${file}: changed while being edited; judged again next pass`, file });
    return { changed: true, text: next };
  } finally {
    await release().catch(() => undefined);
  }
}
