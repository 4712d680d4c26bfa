// Token values are compared exactly: a token with surrounding whitespace is refused, never
// trimmed (a trimmed comparison would accept ` token` where `token` was configured, and a
// copy-paste slip would then go unnoticed until it mattered). Files get one allowance:
// the single trailing newline editors add (`\n`, or `\r\n`) is stripped; `#` lines are
// comments and empty lines are skipped.

/** Why `value` is not usable as a token, or undefined. */
export function tokenProblem(value: string): string | undefined {
  if (value === '') return 'is empty';
  if (value !== value.trim()) return 'has surrounding whitespace (tokens are compared exactly)';
  if (/\s/.test(value)) return 'contains whitespace';
  return undefined;
}

/** The tokens of a token file, in order, or the first problem with its 1-based line. */
export function parseTokenText(text: string): { tokens: string[] } | { problem: string; line: number } {
  const body = text.endsWith('\r\n') ? text.slice(0, -2) : text.endsWith('\n') ? text.slice(0, -1) : text;
  const tokens: string[] = [];
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] ?? '';
    if (l === '' || l.startsWith('#')) continue;
    const problem = tokenProblem(l);
    if (problem)
      return { problem: `${problem}${l.endsWith('\r') ? ' (CRLF line ends? only one trailing newline is stripped)' : ''}`, line: i + 1 };
    tokens.push(l);
  }
  return { tokens };
}
