import { LineSplitter, LineTooLong } from '../../../src/tools/lines';

const text = (bufs: Buffer[]): string => Buffer.concat(bufs).toString('utf8');

describe('LineSplitter', () => {
  it('passes untouched lines through byte for byte, across chunk boundaries', () => {
    const seen: string[] = [];
    const s = new LineSplitter((l) => {
      seen.push(l.toString());
      return null;
    }, 1024);
    const input = '{"a":1}\n{"b":"é"}\n{"c":3}\n';
    const bytes = Buffer.from(input);
    const out: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 5) out.push(...s.push(bytes.subarray(i, i + 5)));
    out.push(...s.end());
    expect(text(out)).toBe(input);
    expect(seen).toEqual(['{"a":1}\n', '{"b":"é"}\n', '{"c":3}\n']);
  });

  it('replaces only the lines the decider changes, and drops those it empties', () => {
    const s = new LineSplitter((l) => (l.includes('x') ? Buffer.from('X\n') : l.includes('drop') ? Buffer.alloc(0) : null), 1024);
    expect(text(s.push(Buffer.from('1\nx\n2\ndrop\n3\npart')))).toBe('1\nX\n2\n3\n');
    expect(text(s.push(Buffer.from('ial\n')))).toBe('partial\n');
  });

  it('sends a last line without a newline at the end', () => {
    const s = new LineSplitter(() => null, 1024);
    expect(s.push(Buffer.from('abc'))).toEqual([]);
    expect(text(s.end())).toBe('abc');
  });

  it('refuses a line over the cap, complete or not', () => {
    expect(() => new LineSplitter(() => null, 8).push(Buffer.from('0123456789\n'))).toThrow(LineTooLong);
    const s = new LineSplitter(() => null, 8);
    s.push(Buffer.from('01234'));
    expect(() => s.push(Buffer.from('56789'))).toThrow(LineTooLong);
  });
});
