import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { buildSync } from 'esbuild';
import { createEventFactory } from '../../../src/events/factory';
import type { DriftEvent, DriftEventInput } from '../../../src/events/types';
import { openSpool, spoolStatus, requeueDeadLetters, heartbeatEvent } from '../../../src/report';
import { cleanupTmp, tmpDir } from '../../helpers/tmp';

const unapproved = (name: string, severity: DriftEventInput['severity'] = 'high'): DriftEventInput => ({
  kind: 'server.unapproved',
  severity,
  action: 'none',
  wouldDo: 'removed',
  message: `unapproved ${name}`,
  server: { name, scope: 'user' },
});
const beat = () => heartbeatEvent({ compliant: false, policyVersion: 3, counts: { approved: 2, unapproved: 1 }, pending: 0 });

function setup(maxBytes?: number) {
  const stateDir = tmpDir();
  const factory = createEventFactory({
    stateDir,
    policy: null,
    mode: 'audit',
    device: { id: 'dev-1', hostname: 'h', os: 'linux', user: 'u' },
  });
  return { stateDir, factory, spool: openSpool(stateDir, { factory, maxBytes }) };
}

afterEach(cleanupTmp);

describe('spool', () => {
  it('keeps events in order until they are acknowledged', () => {
    const { spool } = setup();
    spool.emit(unapproved('a'));
    spool.emit(unapproved('b'));
    spool.emit(unapproved('c'));

    const pending = spool.pending();
    expect(pending.map((e) => e.server?.name)).toEqual(['a', 'b', 'c']);

    expect(spool.ack([pending[0].id, pending[2].id])).toBe(2);
    expect(spool.pending().map((e) => e.server?.name)).toEqual(['b']);
    expect(spool.status().pending).toBe(1);
  });

  it('survives reopening (it is on disk) and files are private', () => {
    const { stateDir, factory, spool } = setup();
    spool.emit(unapproved('a'));
    const again = openSpool(stateDir, { factory });
    expect(again.pending()).toHaveLength(1);
    const mode = fs.statSync(path.join(stateDir, 'spool', 'events.jsonl')).mode & 0o777;
    expect(mode).toBe(0o600);
  });

  it('skips a torn last line and keeps appending after it', () => {
    const { stateDir, spool } = setup();
    spool.emit(unapproved('a'));
    fs.appendFileSync(path.join(stateDir, 'spool', 'events.jsonl'), '{"id":"torn-write-0001","kind":"ser');
    spool.emit(unapproved('b'));

    expect(spool.pending().map((e) => e.server?.name)).toEqual(['a', 'b']);
    spool.ack([spool.pending()[0].id]);
    expect(spool.status().corrupt).toBe(1);
    expect(fs.readFileSync(path.join(stateDir, 'spool', 'events.jsonl'), 'utf8')).not.toContain('torn');
  });

  it('refuses an invalid event and counts it', () => {
    const { spool, factory } = setup();
    const bad = { ...factory(unapproved('a')), kind: 'server.bogus' } as unknown as DriftEvent;

    expect(spool.emitEvent(bad)).toBe('invalid');
    expect(spool.pending()).toHaveLength(0);
    expect(spool.status().invalid).toBe(1);
  });

  describe('when full', () => {
    it('drops heartbeats first, counts every drop and reports them in an event', () => {
      const { factory } = setup();
      const one = Buffer.byteLength(JSON.stringify(factory(unapproved('x')))) + 1;
      const small = setup(one * 4 + 200);
      small.spool.emit(beat());
      small.spool.emit(unapproved('a'));
      small.spool.emit(beat());
      small.spool.emit(unapproved('b'));
      small.spool.emit(unapproved('c'));

      const kinds = small.spool.pending().map((e) => e.kind);
      expect(kinds.filter((k) => k === 'agent.heartbeat').length).toBeLessThan(2);
      expect(small.spool.pending().filter((e) => e.kind === 'server.unapproved')).toHaveLength(3);
      const st = small.spool.status();
      expect(st.dropped.total).toBeGreaterThanOrEqual(1);
      expect(st.dropped.byKind['agent.heartbeat']).toBe(st.dropped.total);
    });

    it('drops the newest high event rather than older evidence, and never silently', () => {
      const { factory } = setup();
      const one = Buffer.byteLength(JSON.stringify(factory(unapproved('x')))) + 1;
      const s = setup(one * 3 - 20);
      expect(s.spool.emitEvent(s.factory(unapproved('a')))).toBe('spooled');
      expect(s.spool.emitEvent(s.factory(unapproved('b')))).toBe('spooled');
      expect(s.spool.emitEvent(s.factory(unapproved('c')))).toBe('dropped');

      expect(s.spool.pending().map((e) => e.server?.name)).toEqual(['a', 'b']);
      expect(s.spool.status().dropped).toEqual({ total: 1, byKind: { 'server.unapproved': 1 }, unreported: 1 });

      // Room again: the next event is preceded by a summary of what was dropped.
      s.spool.ack(s.spool.pending().map((e) => e.id));
      s.spool.emit(unapproved('d'));
      const after = s.spool.pending();
      expect(after.map((e) => e.kind)).toEqual(['agent.events_dropped', 'server.unapproved']);
      expect(after[0].detail).toMatchObject({ dropped: 1, byKind: { 'server.unapproved': 1 } });
      expect(s.spool.status().dropped.unreported).toBe(0);
      expect(s.spool.status().dropped.total).toBe(1);
    });
  });

  it('keeps one pending drop summary, merging later drops into it', () => {
    const { factory } = setup();
    const one = Buffer.byteLength(JSON.stringify(factory(unapproved('x')))) + 1;
    const s = setup(one * 4);
    for (let i = 0; i < 4; i++) s.spool.emit(unapproved(`keep${i}`));
    for (let i = 0; i < 5; i++) s.spool.emit(unapproved(`lost${i}`));
    s.spool.ack([s.spool.pending()[0].id, s.spool.pending()[1].id]);
    s.spool.emit(unapproved('next'));
    for (let i = 0; i < 3; i++) s.spool.emit(unapproved(`lost-again${i}`));
    s.spool.ack([s.spool.pending()[0].id]);
    s.spool.emit(unapproved('last'));

    const summaries = s.spool.pending().filter((e) => e.kind === 'agent.events_dropped');
    expect(summaries).toHaveLength(1);
    expect(summaries[0].detail).toMatchObject({ dropped: s.spool.status().dropped.total });
    expect(s.spool.status().dropped.unreported).toBe(0);
  });

  it('moves refused events to dead letters and requeues them on demand', () => {
    const { stateDir, spool } = setup();
    spool.emit(unapproved('a'));
    spool.emit(unapproved('b'));
    const [a] = spool.pending();

    expect(spool.deadLetter([{ id: a.id, reason: 'schema: $.kind', httpStatus: 200 }])).toBe(1);
    expect(spool.pending().map((e) => e.server?.name)).toEqual(['b']);
    expect(spoolStatus(stateDir)).toMatchObject({ pending: 1, deadLetters: 1, deadLetterReasons: { 'schema: $.kind': 1 } });

    expect(requeueDeadLetters(stateDir)).toBe(1);
    expect(spoolStatus(stateDir)).toMatchObject({ pending: 2, deadLetters: 0 });
  });

  it('takes concurrent appends from several processes without losing or mixing a line', async () => {
    const { stateDir } = setup();
    // Inside the repo, so that node_modules resolves.
    const script = path.resolve('.test-build', `spool-writer-${process.pid}.js`);
    buildSync({
      stdin: {
        contents: `
          const { openSpool } = require(${JSON.stringify(path.resolve('src/report'))});
          const { createEventFactory } = require(${JSON.stringify(path.resolve('src/events/factory'))});
          const [stateDir, who, n] = process.argv.slice(2);
          const factory = createEventFactory({ stateDir, policy: null, mode: 'audit', device: { id: 'dev-1', hostname: 'h', os: 'linux', user: 'u' } });
          const spool = openSpool(stateDir, { factory });
          for (let i = 0; i < Number(n); i++) spool.emit({ kind: 'server.unapproved', severity: 'high', action: 'none', message: who + '-' + i, server: { name: who + '-' + i } });
        `,
        resolveDir: process.cwd(),
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      packages: 'external',
      outfile: script,
      logLevel: 'error',
    });
    const runs = ['p1', 'p2', 'p3', 'p4'].map(
      (who) =>
        new Promise<number | null>((resolve) => {
          const c = spawn(process.execPath, [script, stateDir, who, '50'], { stdio: 'inherit' });
          c.on('exit', resolve);
        }),
    );
    expect(await Promise.all(runs)).toEqual([0, 0, 0, 0]);

    const spool = openSpool(stateDir, { factory: createEventFactory({ stateDir, policy: null, mode: 'audit' }) });
    const names = spool.pending().map((e) => e.message);
    expect(names).toHaveLength(200);
    expect(new Set(names).size).toBe(200);
    expect(spool.status().corrupt).toBe(0);
  });
});

describe('spool.emitMany (a pass’s events)', () => {
  const eventsFile = (stateDir: string): string => path.join(stateDir, 'spool', 'events.jsonl');

  it('writes them in order, in one append, and counts invalid ones under the same lock', () => {
    const { stateDir, spool, factory } = setup();
    spool.emit(unapproved('before'));
    const bad = { ...factory(unapproved('bad')), kind: 'server.bogus' } as unknown as DriftEvent;
    const results = spool.emitEvents([factory(unapproved('a')), bad, factory(unapproved('b'))]);

    expect(results).toEqual(['spooled', 'invalid', 'spooled']);
    expect(spool.pending().map((e) => e.server?.name)).toEqual(['before', 'a', 'b']);
    expect(spool.status().invalid).toBe(1);
    expect(fs.readFileSync(eventsFile(stateDir), 'utf8').split('\n').filter(Boolean)).toHaveLength(3);
  });

  it('after an append torn by a crash, keeps the whole lines, skips the torn one, and a retry adds no duplicate', () => {
    const { stateDir, spool, factory } = setup();
    const batch = ['a', 'b', 'c'].map((n) => factory(unapproved(n)));
    // What a crash in the middle of the batch's single write leaves: the first line whole,
    // the second cut short, the third never written.
    const text = batch.map((e) => JSON.stringify(e)).join('\n') + '\n';
    const cut = text.indexOf('\n') + 1 + 40;
    fs.writeFileSync(eventsFile(stateDir), text.slice(0, cut), { mode: 0o600 });
    expect(spool.pending().map((e) => e.server?.name)).toEqual(['a']);

    // The next pass spools what it finds again; the events that made it are not doubled
    // (the collector deduplicates by id; the spool itself holds each line once).
    spool.emitEvents(batch.slice(1));
    const ids = spool.pending().map((e) => e.id);
    expect(spool.pending().map((e) => e.server?.name)).toEqual(['a', 'b', 'c']);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps the cap: a batch that does not fit is placed event by event, drops counted and reported', () => {
    const { factory } = setup();
    const one = Buffer.byteLength(JSON.stringify(factory(unapproved('x')))) + 1;
    const s = setup(one * 3 - 20);
    const results = s.spool.emitEvents(['a', 'b', 'c', 'd'].map((n) => s.factory(unapproved(n))));

    expect(results).toEqual(['spooled', 'spooled', 'dropped', 'dropped']);
    expect(s.spool.pending().map((e) => e.server?.name)).toEqual(['a', 'b']);
    expect(s.spool.status().dropped).toMatchObject({ total: 2, unreported: 2 });
    s.spool.ack(s.spool.pending().map((e) => e.id));
    s.spool.emitMany([unapproved('e')]);
    expect(s.spool.pending().map((e) => e.kind)).toEqual(['agent.events_dropped', 'server.unapproved']);
  });

  it('never throws: a spool it cannot write reports failed', () => {
    const { stateDir, spool, factory } = setup();
    fs.mkdirSync(eventsFile(stateDir));
    expect(spool.emitEvents([factory(unapproved('a'))])).toEqual(['failed']);
    expect(() => spool.emitMany([unapproved('b')])).not.toThrow();
  });
});
