// A structural check for PowerShell scripts, because PowerShell itself is not installable
// here (no Debian package, and no other registry is reachable). It tokenizes enough of the
// language to find what breaks scripts before they ever run: unterminated strings,
// here-strings and block comments; unbalanced (), {}, []; and variables read but never
// assigned (Set-StrictMode -Version Latest makes those fatal at run time).
export interface PsReport {
  problems: string[];
  /** Variables read (lower-cased, without `$`). */
  used: Set<string>;
  /** Variables assigned, declared as parameters or loop variables (lower-cased). */
  assigned: Set<string>;
}

/** Automatic and preference variables PowerShell defines. */
const AUTOMATIC = new Set([
  '_',
  'psitem',
  'true',
  'false',
  'null',
  'args',
  'input',
  'lastexitcode',
  'psscriptroot',
  'pscommandpath',
  'pscmdlet',
  'psboundparameters',
  'error',
  'host',
  'home',
  'pwd',
  'myinvocation',
  'erroractionpreference',
  'verbosepreference',
  'matches',
]);

export function checkPowerShell(text: string): PsReport {
  const problems: string[] = [];
  const used = new Set<string>();
  const assigned = new Set<string>();
  const stack: Array<{ ch: string; line: number }> = [];
  const pairs: Record<string, string> = { ')': '(', '}': '{', ']': '[' };
  let line = 1;
  let i = 0;
  const at = (): string => `line ${line}`;
  const readVar = (start: number): number => {
    // $name, $scope:name, ${any}
    let j = start + 1;
    if (text[j] === '{') {
      const end = text.indexOf('}', j);
      if (end < 0) {
        problems.push(`${at()}: unterminated \${...}`);
        return text.length;
      }
      const inner = text.slice(j + 1, end);
      if (!inner.includes(':')) used.add(inner.toLowerCase());
      return end + 1;
    }
    const m = /^[A-Za-z_][\w]*(?::[A-Za-z_][\w]*)?/.exec(text.slice(j));
    if (!m) return j;
    const name = m[0];
    j += name.length;
    if (!name.includes(':')) {
      const rest = text.slice(j);
      if (/^\s*=(?!=)/.test(rest)) assigned.add(name.toLowerCase());
      else used.add(name.toLowerCase());
    }
    return j;
  };
  while (i < text.length) {
    const c = text[i];
    const two = text.slice(i, i + 2);
    if (c === '\n') {
      line++;
      i++;
    } else if (two === '<#') {
      const end = text.indexOf('#>', i + 2);
      if (end < 0) {
        problems.push(`${at()}: unterminated <# block comment`);
        break;
      }
      line += (text.slice(i, end).match(/\n/g) ?? []).length;
      i = end + 2;
    } else if (c === '#') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (two === "@'" || two === '@"') {
      const close = `\n${two[1]}@`;
      const end = text.indexOf(close, i + 2);
      if (end < 0) {
        problems.push(`${at()}: unterminated here-string`);
        break;
      }
      line += (text.slice(i, end + 1).match(/\n/g) ?? []).length;
      i = end + 3;
    } else if (c === "'") {
      let j = i + 1;
      for (;;) {
        if (j >= text.length) {
          problems.push(`${at()}: unterminated '...' string`);
          return { problems, used, assigned };
        }
        if (text[j] === "'" && text[j + 1] === "'") j += 2;
        else if (text[j] === "'") break;
        else {
          if (text[j] === '\n') line++;
          j++;
        }
      }
      i = j + 1;
    } else if (c === '"') {
      let j = i + 1;
      for (;;) {
        if (j >= text.length) {
          problems.push(`${at()}: unterminated "..." string`);
          return { problems, used, assigned };
        }
        const d = text[j];
        if (d === '`') j += 2;
        else if (d === '"' && text[j + 1] === '"') j += 2;
        else if (d === '"') break;
        else if (d === '$' && text[j + 1] !== '(') j = readVar(j);
        else {
          if (d === '\n') line++;
          j++;
        }
      }
      i = j + 1;
    } else if (c === '`') {
      i += 2;
    } else if (c === '$') {
      i = readVar(i);
    } else if (c === '(' || c === '{' || c === '[') {
      stack.push({ ch: c, line });
      i++;
    } else if (c === ')' || c === '}' || c === ']') {
      const open = stack.pop();
      if (!open || open.ch !== pairs[c])
        problems.push(`${at()}: '${c}' does not close ${open ? `'${open.ch}' from line ${open.line}` : 'anything'}`);
      i++;
    } else {
      i++;
    }
  }
  for (const open of stack) problems.push(`line ${open.line}: '${open.ch}' is never closed`);
  // Parameters ([type]$Name in param(...)) and loop variables count as assigned.
  for (const m of text.matchAll(/\]\s*\$([A-Za-z_]\w*)/g)) assigned.add(m[1].toLowerCase());
  for (const m of text.matchAll(/foreach\s*\(\s*\$([A-Za-z_]\w*)\s+in\b/gi)) assigned.add(m[1].toLowerCase());
  for (const name of used) {
    if (!assigned.has(name) && !AUTOMATIC.has(name)) problems.push(`$${name} is read but never assigned`);
  }
  return { problems, used, assigned };
}
