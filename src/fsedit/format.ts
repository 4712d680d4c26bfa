// Formatting detection for insertions into files we do not own. Deletions never use
// formatting options (they would re-format neighbours); insertions use the file's own.
import type { FormattingOptions } from 'jsonc-parser';

export function detectFormatting(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const m = /\n([ \t]+)\S/.exec(text);
  if (m?.[1]?.startsWith('\t')) return { insertSpaces: false, tabSize: 1, eol };
  const size = m?.[1]?.length ?? 2;
  return { insertSpaces: true, tabSize: size > 0 && size <= 8 ? size : 2, eol };
}
