// A strict reader for XML property lists (plutil does not exist on Linux). It accepts
// exactly Apple's PropertyList-1.0 element set and throws, naming the position, on
// anything else: an unknown element, a key without a value, text outside elements,
// unbalanced tags. xmllint checks well-formedness separately.
export type PlistValue = string | number | boolean | Date | Buffer | PlistValue[] | { [key: string]: PlistValue };

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function unescape(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (m, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    const v = ENTITIES[e];
    if (v === undefined) throw new Error(`unknown entity ${m}`);
    return v;
  });
}

interface Token {
  kind: 'open' | 'close' | 'empty' | 'text';
  name: string;
  text: string;
  at: number;
}

function tokenize(xml: string): Token[] {
  const body = xml
    .replace(/^\uFEFF?<\?xml[^?]*\?>/, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<!DOCTYPE[^>]*>/, '');
  const out: Token[] = [];
  const re = /<(\/?)([A-Za-z][\w.-]*)([^>]*?)(\/?)>|([^<]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(body))) {
    if (m[5] !== undefined) {
      out.push({ kind: 'text', name: '', text: m[5], at: m.index });
    } else {
      const kind = m[1] ? 'close' : m[4] ? 'empty' : 'open';
      out.push({ kind, name: m[2] ?? '', text: '', at: m.index });
    }
  }
  return out;
}

export function parsePlist(xml: string): PlistValue {
  const toks = tokenize(xml).filter((t) => !(t.kind === 'text' && t.text.trim() === ''));
  let i = 0;
  const next = (): Token => {
    const t = toks[i++];
    if (!t) throw new Error('unexpected end of document');
    return t;
  };
  const expectClose = (name: string): void => {
    const t = next();
    if (t.kind !== 'close' || t.name !== name) throw new Error(`expected </${name}> at ${t.at}, got ${t.kind} ${t.name}`);
  };
  const textOf = (name: string): string => {
    const t = toks[i];
    if (t && t.kind === 'text') {
      i++;
      expectClose(name);
      return unescape(t.text);
    }
    expectClose(name);
    return '';
  };
  const value = (): PlistValue => {
    const t = next();
    if (t.kind === 'empty') {
      if (t.name === 'true') return true;
      if (t.name === 'false') return false;
      if (t.name === 'dict') return {};
      if (t.name === 'array') return [];
      if (t.name === 'string') return '';
      throw new Error(`<${t.name}/> is not a plist value (at ${t.at})`);
    }
    if (t.kind !== 'open') throw new Error(`expected a value at ${t.at}, got ${t.kind} ${t.name || JSON.stringify(t.text)}`);
    switch (t.name) {
      case 'string':
        return textOf('string');
      case 'integer': {
        const s = textOf('integer').trim();
        if (!/^[+-]?\d+$/.test(s)) throw new Error(`bad <integer> ${s}`);
        return Number(s);
      }
      case 'real':
        return Number(textOf('real'));
      case 'date':
        return new Date(textOf('date'));
      case 'data':
        return Buffer.from(textOf('data').replace(/\s+/g, ''), 'base64');
      case 'array': {
        const arr: PlistValue[] = [];
        while (toks[i] && !(toks[i].kind === 'close' && toks[i].name === 'array')) arr.push(value());
        expectClose('array');
        return arr;
      }
      case 'dict': {
        const d: Record<string, PlistValue> = {};
        while (toks[i] && !(toks[i].kind === 'close' && toks[i].name === 'dict')) {
          const k = next();
          if (k.kind !== 'open' || k.name !== 'key') throw new Error(`expected <key> at ${k.at}`);
          const key = textOf('key');
          if (key in d) throw new Error(`duplicate key ${key}`);
          d[key] = value();
        }
        expectClose('dict');
        return d;
      }
      default:
        throw new Error(`<${t.name}> is not a plist element (at ${t.at})`);
    }
  };
  const root = next();
  if (root.kind !== 'open' || root.name !== 'plist') throw new Error('the document is not a <plist>');
  const v = value();
  expectClose('plist');
  if (i !== toks.length) throw new Error(`content after </plist> at ${toks[i].at}`);
  return v;
}
