// The edit starting from the text discovery read (fsedit/known.ts, issue 22): used only
// when the file provably still holds those bytes; any change under us means the file is
// read again inside the lock, so another writer's save is never lost.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as fsio from '../../../src/util/fsio';
import { editJsonFile } from '../../../src/fsedit/edit';
import { TextHandoff } from '../../../src/fsedit/known';
import { readConfigFile } from '../../../src/discovery/read';
import { cleanupTmp, tmpDir, writeFile } from '../../helpers/tmp';

afterEach(() => {
  jest.restoreAllMocks();
  cleanupTmp();
});

const CANARY = 'sk-canary-known-0000000000000000';

/** A .claude.json over the handoff threshold (history pads it), with one server to remove. */
function bigClaudeJson(extra: Record<string, unknown> = {}): string {
  const history = Array.from({ length: 4000 }, (_, i) => ({ display: `prompt ${i} ` + 'x'.repeat(150), timestamp: i }));
  return (
    JSON.stringify(
      {
        numStartups: 3,
        mcpServers: { keep: { command: 'ok' }, bad: { command: 'evil', env: { TOKEN: CANARY } } },
        ...extra,
        projects: { '/p': { history } },
      },
      null,
      2,
    ) + '\n'
  );
}

/** What discovery keeps of `file` in an enforce pass. */
function discoveryRead(file: string): TextHandoff {
  const texts = new TextHandoff();
  const r = readConfigFile(file, 64 * 1024 * 1024, [path.dirname(file)], 'claude-json', texts);
  expect(r.kind).toBe('ok');
  return texts;
}

const removeBad = [{ path: ['mcpServers', 'bad'], value: undefined }];

describe('the text discovery read, handed to the edit', () => {
  it('is edited without reading the file again when the file is unchanged', async () => {
    const d = tmpDir();
    const f = writeFile(path.join(d, '.claude.json'), bigClaudeJson());
    const texts = discoveryRead(f);
    expect(texts.size).toBe(1);
    const reads = jest.spyOn(fsio, 'readCapped');

    const r = await editJsonFile(f, removeBad, { known: texts.take(f) });

    expect(r.changed).toBe(true);
    expect(reads).not.toHaveBeenCalled();
    const after = JSON.parse(fs.readFileSync(f, 'utf8')) as { mcpServers: Record<string, unknown>; projects: unknown };
    expect(Object.keys(after.mcpServers)).toEqual(['keep']);
    expect(fs.readFileSync(f, 'utf8')).toBe(bigClaudeJson().replace(/,\n {4}"bad": \{[^]*?\n {4}\}\n/, '\n'));
    expect(texts.take(f)).toBeUndefined();
  });

  it('is not used when the file changed after discovery read it: the save made meanwhile is kept', async () => {
    const d = tmpDir();
    const f = writeFile(path.join(d, '.claude.json'), bigClaudeJson());
    const texts = discoveryRead(f);
    // Claude Code saves in between (a new key, the removed server still there).
    fs.writeFileSync(f, bigClaudeJson({ savedMeanwhile: true }));

    const r = await editJsonFile(f, removeBad, { known: texts.take(f) });

    expect(r.changed).toBe(true);
    const after = JSON.parse(fs.readFileSync(f, 'utf8')) as Record<string, unknown>;
    expect(after.savedMeanwhile).toBe(true);
    expect(Object.keys(after.mcpServers as object)).toEqual(['keep']);
  });

  it('is not used when the bytes differ though the stat looks the same (coarse timestamps): the file is read', async () => {
    const d = tmpDir();
    const f = writeFile(path.join(d, '.claude.json'), bigClaudeJson());
    const texts = discoveryRead(f);
    const known = texts.take(f);
    if (!known) throw new Error('no handoff');
    // Same signature, other bytes: as if a same-size save landed within the timestamp's tick.
    const stale = { ...known, text: known.text.replace('"numStartups": 3', '"numStartups": 4'), sha256: '0'.repeat(64) };
    const reads = jest.spyOn(fsio, 'readCapped');

    await editJsonFile(f, removeBad, { known: stale });

    expect(reads).toHaveBeenCalled();
    expect((JSON.parse(fs.readFileSync(f, 'utf8')) as { numStartups: number }).numStartups).toBe(3);
  });

  it('a file that changes on every attempt is still never rewritten over a save', async () => {
    const d = tmpDir();
    const f = writeFile(path.join(d, '.claude.json'), bigClaudeJson());
    const texts = discoveryRead(f);
    const known = texts.take(f);
    // Another writer that ignores the lock saves between our read and our rename, every time.
    const real = fsio.writeFileAtomic;
    let n = 0;
    jest.spyOn(fsio, 'writeFileAtomic').mockImplementation((file, data, opts) => {
      fs.writeFileSync(f, bigClaudeJson({ save: ++n }));
      return real(file, data, opts);
    });

    await expect(editJsonFile(f, removeBad, { known, maxAttempts: 2 })).rejects.toMatchObject({ code: 'CONTENDED' });
    const after = JSON.parse(fs.readFileSync(f, 'utf8')) as Record<string, unknown>;
    expect(after.save).toBe(2);
    expect(Object.keys(after.mcpServers as object)).toEqual(['keep', 'bad']);
  });

  it('is only offered for big files of valid UTF-8', () => {
    const d = tmpDir();
    const small = writeFile(path.join(d, 'small', '.claude.json'), '{"mcpServers": {}}');
    expect(discoveryRead(small).size).toBe(0);
    // One invalid byte inside a history string: Claude Code still loads it (as U+FFFD), so
    // it is judged, but its edit must start from the bytes, not from their decoding.
    const text = bigClaudeJson();
    const at = text.indexOf('prompt 0 ');
    const invalid = writeFile(
      path.join(d, 'invalid', '.claude.json'),
      Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from([0xff]), Buffer.from(text.slice(at))]),
    );
    const texts = new TextHandoff();
    expect(readConfigFile(invalid, 64 * 1024 * 1024, [path.dirname(invalid)], 'claude-json', texts).kind).toBe('ok');
    expect(texts.size).toBe(0);
  });
});
