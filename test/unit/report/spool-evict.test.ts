import { planRoom, priorityOf, type SpoolItem } from '../../../src/report/spool-evict';

const hb = (bytes = 10): SpoolItem => ({ kind: 'agent.heartbeat', severity: 'info', bytes });
const ev = (severity: SpoolItem['severity'], bytes = 10): SpoolItem => ({ kind: 'server.unapproved', severity, bytes });

describe('#priorityOf', () => {
  it('puts heartbeats below every other event', () => {
    expect(priorityOf(hb())).toBe(0);
    expect(priorityOf(ev('info'))).toBe(1);
    expect(priorityOf(ev('critical'))).toBe(5);
    expect(priorityOf({ kind: 'agent.events_dropped', severity: 'medium' })).toBe(6);
  });
});

describe('#planRoom', () => {
  it('accepts without eviction when there is room', () => {
    expect(planRoom([ev('high'), hb()], ev('low'), 100)).toEqual({ evict: [], accept: true });
  });

  it('evicts heartbeats first, oldest first', () => {
    const spooled = [ev('info'), hb(), ev('high'), hb()];
    expect(planRoom(spooled, ev('high'), 40)).toEqual({ evict: [1], accept: true });
  });

  it('then evicts lower-priority events, lowest priority first', () => {
    const spooled = [ev('medium'), ev('info'), ev('high'), hb()];
    expect(planRoom(spooled, ev('high', 30), 40)).toEqual({ evict: [0, 1, 3], accept: true });
  });

  it('lets a new heartbeat replace an older one', () => {
    expect(planRoom([hb(), ev('high')], hb(), 20)).toEqual({ evict: [0], accept: true });
  });

  it('never lets a heartbeat evict a real event', () => {
    expect(planRoom([ev('info'), ev('high')], hb(), 20)).toEqual({ evict: [], accept: false });
  });

  it('drops the incoming event rather than evict one of equal priority (oldest evidence survives)', () => {
    expect(planRoom([ev('high'), ev('high')], ev('high'), 20)).toEqual({ evict: [], accept: false });
  });

  it('evicts nothing when eviction would not make enough room', () => {
    expect(planRoom([hb(), ev('critical', 50)], ev('high', 30), 60)).toEqual({ evict: [], accept: false });
  });

  it('refuses an event larger than the whole spool', () => {
    expect(planRoom([], ev('critical', 200), 100)).toEqual({ evict: [], accept: false });
  });
});
