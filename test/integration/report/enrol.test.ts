// The agent's side of enrolment against a real collector on 127.0.0.1, on SQLite and
// PostgreSQL: enrol at first contact, keep the credential (0600), re-enrol only when the
// collector forgot it, stop when another enrolment holds the id; and a canary: the
// credential never reaches logs, spool, status, errors or the collector's database.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { closeLogger, configureLogger } from '../../../src/log/logger';
import { redactor } from '../../../src/log/redact';
import { spoolStatus } from '../../../src/report';
import { credentialPath } from '../../../src/report/credential';
import { cleanupTmp, tmpDir } from '../../helpers/tmp';
import { dbTargets } from '../collector/db-targets';
import { ADMIN, adminGet, request, startCollector, type Running } from '../collector/harness';
import { agentSide, unapproved } from './helpers';

const readCredential = (stateDir: string): string =>
  (JSON.parse(fs.readFileSync(credentialPath(stateDir), 'utf8')) as { credential: string }).credential;

const resetDevice = (c: Running, deviceId: string) =>
  request(`${c.url}/v1/devices/reset`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ deviceId }),
  });

/** Every file under `dir` whose bytes contain `needle`. */
function filesContaining(dir: string, needle: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const f = path.join(e.parentPath, e.name);
    if (fs.readFileSync(f).includes(needle)) out.push(f);
  }
  return out;
}

describe.each(dbTargets())('enrolment with a collector on $name', (target) => {
  let c: Running;
  beforeEach(async () => {
    c = await startCollector(await target.create());
  });
  afterEach(async () => {
    await c?.stop();
  });
  afterAll(async () => {
    await target.dropAll();
    cleanupTmp();
  });

  it('enrols at first contact, keeps the credential in a 0600 file, and reuses it', async () => {
    const a = agentSide(c.url, {}, 'laptop-1');
    a.spool.emit(unapproved('a'));
    expect(await a.send()).toMatchObject({ outcome: 'ok', accepted: 1 });
    const first = readCredential(a.stateDir);
    expect(first).toMatch(/^mwd1_[A-Za-z0-9_-]{43}$/);
    expect(fs.statSync(credentialPath(a.stateDir)).mode & 0o777).toBe(0o600);

    a.spool.emit(unapproved('b'));
    expect(await a.send()).toMatchObject({ outcome: 'ok', accepted: 1 });
    expect(readCredential(a.stateDir)).toBe(first);
    const metrics = (await request(`${c.url}/metrics`)).text;
    expect(metrics).toContain('mcp_warden_collector_enrolments_total{result="accepted"} 1');
  });

  it('enrols again after an admin reset, and only then', async () => {
    const a = agentSide(c.url, {}, 'laptop-2');
    a.spool.emit(unapproved('a'));
    await a.send();
    const before = readCredential(a.stateDir);

    expect((await resetDevice(c, 'laptop-2')).json.reset).toBe(true);
    a.spool.emit(unapproved('b'));
    expect(await a.send()).toMatchObject({ outcome: 'ok', accepted: 1, pending: 0 });

    expect(readCredential(a.stateDir)).not.toBe(before);
    expect((await adminGet(c.url, '/v1/events?device=laptop-2')).json.events).toHaveLength(2);
  });

  it('stops, keeps its events and says why when another enrolment holds its device id', async () => {
    const original = agentSide(c.url, {}, 'laptop-3');
    original.spool.emit(unapproved('a'));
    await original.send();
    // A clone (or an impersonator holding the shared token) claims the same id.
    const clone = agentSide(c.url, {}, 'laptop-3');
    clone.spool.emit(unapproved('forged'));

    const r = await clone.send();

    expect(r).toMatchObject({ outcome: 'permanent', httpStatus: 409, pending: 1 });
    expect(r.error).toContain('ALREADY_ENROLLED');
    expect(r.error).toContain('fleet reset-device laptop-3');
    expect(fs.existsSync(credentialPath(clone.stateDir))).toBe(false);
    expect((await adminGet(c.url, '/v1/events?device=laptop-3')).json.events).toHaveLength(1);
    // The original keeps working.
    original.spool.emit(unapproved('b'));
    expect((await original.send()).outcome).toBe('ok');
  });

  it('never lets the credential reach a log, the spool, status, an error or the database (canary)', async () => {
    const logDir = tmpDir('mcpw-log-');
    configureLogger({ file: path.join(logDir, 'agent.log'), level: 'debug' });
    try {
      const a = agentSide(c.url, {}, 'laptop-4');
      a.spool.emit(unapproved('a'));
      const sent = await a.send();
      const credential = readCredential(a.stateDir);
      // A failure path too: the collector forgets it, and so does a second clone's try.
      await resetDevice(c, 'laptop-4');
      const other = agentSide(c.url, {}, 'laptop-4');
      other.spool.emit(unapproved('b'));
      const refused = await (async () => {
        await other.send(); // enrols laptop-4 again, so the first agent's next send is refused
        a.spool.emit(unapproved('c'));
        return a.send();
      })();
      await closeLogger();

      expect(refused.outcome).toBe('permanent');
      expect(JSON.stringify([sent, refused, spoolStatus(a.stateDir), spoolStatus(other.stateDir)])).not.toContain(credential);
      expect(filesContaining(a.stateDir, credential)).toEqual([]); // forgotten after CREDENTIAL_UNKNOWN
      expect(filesContaining(logDir, credential)).toEqual([]);
      expect(fs.readFileSync(path.join(logDir, 'agent.log'), 'utf8')).toContain('enrolled at the collector');
      expect(redactor.redactString(`x ${credential} y`)).toBe('x [REDACTED] y');
      const otherCredential = readCredential(other.stateDir);
      expect(filesContaining(other.stateDir, otherCredential)).toEqual([credentialPath(other.stateDir)]);
      const api = await adminGet(c.url, '/v1/events?limit=1000');
      expect(api.text).not.toContain(otherCredential);
      if (target.name === 'sqlite') {
        const dbDir = path.dirname(new URL(`file://${c.store.description.slice('sqlite:'.length)}`).pathname);
        expect(filesContaining(dbDir, otherCredential)).toEqual([]);
        expect(filesContaining(dbDir, credential)).toEqual([]);
      }
    } finally {
      await closeLogger();
    }
  });
});
