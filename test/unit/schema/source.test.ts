import { parseSource, detectFormat } from '../../../src/schema/source';

describe('parseSource', () => {
  describe('YAML', () => {
    const text = ['org: acme', 'servers:', '  - id: one', '    transport: stdio', '  - id: two', '    comand: x', ''].join('\n');

    it('parses and locates paths at their keys and items', () => {
      const p = parseSource(text, { fileName: 'a.yaml' });

      expect(p.errors).toEqual([]);
      expect(p.value).toEqual({
        org: 'acme',
        servers: [
          { id: 'one', transport: 'stdio' },
          { id: 'two', comand: 'x' },
        ],
      });
      expect(p.locate(['servers', 1, 'comand'])).toEqual({ line: 6, column: 5 });
      expect(p.locate(['servers', 0])).toEqual({ line: 3, column: 5 });
      // A missing property maps to its nearest existing parent.
      expect(p.locate(['servers', 1, 'transport'])).toEqual({ line: 5, column: 5 });
    });

    it('keeps RFC 3339 strings and yes/no as strings (YAML 1.2 core)', () => {
      expect(parseSource('a: 2026-01-01T00:00:00Z\nb: no\nc: 1\n').value).toEqual({ a: '2026-01-01T00:00:00Z', b: 'no', c: 1 });
    });

    it.each([
      ['duplicate key', 'a: 1\na: 2\n'],
      ['bad indentation', 'a:\n  - b\n - c\n'],
      ['two documents', 'a: 1\n---\nb: 2\n'],
      ['collection key', '? [a, b]\n: c\n'],
      ['unknown tag', 'a: !!js/function x\n'],
    ])('reports %s with a line', (_name, bad) => {
      const p = parseSource(bad, { format: 'yaml' });

      expect(p.value).toBeUndefined();
      expect(p.errors.length).toBeGreaterThan(0);
      expect(p.errors[0]?.position.line).toBeGreaterThanOrEqual(1);
    });

    it('caps alias expansion (billion laughs)', () => {
      const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
      for (let i = 0; i < 9; i++) {
        const prev = String.fromCharCode(97 + i);
        const cur = String.fromCharCode(98 + i);
        lines.push(`${cur}: &${cur} [${Array(10).fill(`*${prev}`).join(',')}]`);
      }
      expect(parseSource(lines.join('\n')).errors.length).toBeGreaterThan(0);
    });

    it('makes __proto__ an own key, never a prototype', () => {
      const v = parseSource('__proto__:\n  polluted: 1\n').value as Record<string, unknown>;

      expect(Object.keys(v)).toEqual(['__proto__']);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });

  describe('JSON', () => {
    const text = '{\n  "org": "acme",\n  "servers": [\n    { "id": "one", "comand": "x" }\n  ]\n}\n';

    it('parses and locates keys', () => {
      const p = parseSource(text, { fileName: 'a.json' });

      expect(p.errors).toEqual([]);
      expect(p.locate(['servers', 0, 'comand'])).toEqual({ line: 4, column: 20 });
      expect(p.locate(['servers', 0, 'missing'])).toEqual({ line: 4, column: 5 });
    });

    it.each([
      ['trailing comma', '{"a": 1,}', 1],
      ['comment', '{"a": 1 // c\n}', 1],
      ['unterminated', '{"a": ', 1],
      ['duplicate key', '{"a": 1,\n "a": 2}', 2],
    ])('reports %s with its line', (_name, bad, line) => {
      const p = parseSource(bad, { format: 'json' });

      expect(p.value).toBeUndefined();
      expect(p.errors[0]?.position.line).toBe(line);
    });

    it('makes __proto__ an own key', () => {
      const v = parseSource('{"__proto__": {"mode": "audit"}}').value as Record<string, unknown>;

      expect(Object.keys(v)).toEqual(['__proto__']);
      expect((v as { mode?: string }).mode).toBeUndefined();
    });

    it('accepts a UTF-8 BOM', () => {
      expect(parseSource('\ufeff{"a": 1}').value).toEqual({ a: 1 });
    });
  });

  it('detects the format from the name, then the first character', () => {
    expect(detectFormat('{}', 'x.yaml')).toBe('yaml');
    expect(detectFormat('a: 1', 'x.json')).toBe('json');
    expect(detectFormat('  {"a":1}')).toBe('json');
    expect(detectFormat('a: 1')).toBe('yaml');
  });
});
