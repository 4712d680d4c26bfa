// Pure parts of the dashboard: HTML escaping, CSV escaping, URL state.
import { csvCell, toCsv } from '../../../src/collector/dashboard/csv';
import { html, join } from '../../../src/collector/dashboard/html';
import { link, window } from '../../../src/collector/dashboard/params';
import { HttpError } from '../../../src/collector/errors';

describe('html``', () => {
  it('escapes every interpolated string and passes Html through', () => {
    const name = `<script>alert("x")</script>&'`;
    expect(html`<td title="${name}">${name}</td>`.text).toBe(
      '<td title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;</td>',
    );
    expect(html`<ul>${join([html`<li>${'a<b'}</li>`, null, false, undefined, 3])}</ul>`.text).toBe('<ul><li>a&lt;b</li>3</ul>');
  });
});

describe('CSV', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    [' padded ', '" padded "'],
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['\t=x', "'\t=x"],
    ['=HYPERLINK("http://e","x")', `"'=HYPERLINK(""http://e"",""x"")"`],
  ])('escapes %j as %j', (input, out) => {
    expect(csvCell(input)).toBe(out);
  });

  it('keeps numbers, empty cells and CRLF rows', () => {
    expect(csvCell(-1)).toBe('-1');
    expect(csvCell(null)).toBe('');
    expect(
      toCsv(
        ['a', 'b'],
        [
          [1, undefined],
          ['x', true],
        ],
      ),
    ).toBe('a,b\r\n1,\r\nx,true\r\n');
  });
});

describe('URL state', () => {
  it('replaces and removes parameters', () => {
    const q = new URLSearchParams('status=noncompliant&page=3');
    expect(link('/devices', q, { page: null, sort: 'id' })).toBe('/devices?status=noncompliant&sort=id');
    expect(link('/', new URLSearchParams(), {})).toBe('/');
  });

  it('bounds the offset and the sort keys', () => {
    expect(window(new URLSearchParams('page=2&per=25'), ['id'], 'id', 'asc')).toEqual({
      page: 2,
      offset: 25,
      limit: 25,
      sort: 'id',
      dir: 'asc',
    });
    expect(() => window(new URLSearchParams('page=999999'), ['id'], 'id', 'asc')).toThrow(HttpError);
    expect(() => window(new URLSearchParams('sort=body'), ['id'], 'id', 'asc')).toThrow(HttpError);
    expect(() => window(new URLSearchParams('per=5000'), ['id'], 'id', 'asc')).toThrow(HttpError);
  });
});
