// Escaped HTML templates as typed functions: `html\`…${x}…\`` escapes every interpolated
// string; only values that are already Html (built by html`` itself) pass through. There
// is no other way to put text into a page, so a device name, a server name or a file path
// from an event can never become markup.
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export type Child = Html | string | number | null | undefined | false | readonly Child[];

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESC[c] ?? c);
}

function render(c: Child): string {
  if (c === null || c === undefined || c === false) return '';
  if (c instanceof Html) return c.text;
  if (Array.isArray(c)) return (c as readonly Child[]).map(render).join('');
  return escapeHtml(String(c));
}

export function html(strings: TemplateStringsArray, ...values: Child[]): Html {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

/** Join children (e.g. rows) into one Html. */
export function join(items: readonly Child[]): Html {
  return new Html(render(items));
}
