// The agent's periodic flush against a real collector on 127.0.0.1.
import { startFlusher, spoolStatus } from '../../../src/report';
import { cleanupTmp } from '../../helpers/tmp';
import { dbTargets } from '../collector/db-targets';
import { adminGet, startCollector } from '../collector/harness';
import { agentSide, unapproved } from './helpers';

const [sqlite] = dbTargets();

afterAll(async () => {
  await sqlite.dropAll();
  cleanupTmp();
});

describe('#startFlusher', () => {
  it('sends soon after a kick, and once more when stopped', async () => {
    const c = await startCollector(await sqlite.create());
    try {
      const a = agentSide(c.url);
      const results: string[] = [];
      const f = startFlusher({
        stateDir: a.stateDir,
        config: a.config,
        intervalMs: 60_000,
        kickDelayMs: 50,
        onResult: (r) => results.push(r.outcome),
      });

      a.spool.emit(unapproved('a'));
      f.kick();
      for (let i = 0; i < 100 && spoolStatus(a.stateDir).pending > 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(spoolStatus(a.stateDir).pending).toBe(0);

      a.spool.emit(unapproved('b'));
      const last = await f.stop(5000);

      expect(last).toMatchObject({ outcome: 'ok', accepted: 1, pending: 0 });
      expect(results).toContain('ok');
      expect((await adminGet(c.url, '/v1/events')).json.events).toHaveLength(2);
    } finally {
      await c.stop();
    }
  });
});
