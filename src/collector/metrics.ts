// Prometheus text exposition (format 0.0.4), hand-written: a few counters and one
// histogram do not justify a dependency. Counters are per instance (Prometheus sums
// them across instances); the fleet gauges come from the database at scrape time, so
// every instance reports the same fleet.
import { VERSION } from '../version';
import type { Summary } from './store';

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const P = 'mcp_warden_collector';

function labels(l: Record<string, string>): string {
  const parts = Object.entries(l).map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
}

export class Metrics {
  private readonly requests = new Map<string, number>();
  private readonly durations = new Map<string, { buckets: number[]; sum: number; count: number }>();
  readonly events = { accepted: 0, duplicate: 0, rejected: 0 };
  rateLimited = 0;
  readonly enrolments = { accepted: 0, refused: 0 };
  readonly authFailures = { device: 0, admin: 0, metrics: 0 };

  observe(route: string, method: string, status: number, seconds: number): void {
    const key = JSON.stringify([route, method, String(status)]);
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    let d = this.durations.get(route);
    if (!d) {
      d = { buckets: BUCKETS.map(() => 0), sum: 0, count: 0 };
      this.durations.set(route, d);
    }
    BUCKETS.forEach((b, i) => {
      if (seconds <= b) d.buckets[i] = (d.buckets[i] ?? 0) + 1;
    });
    d.sum += seconds;
    d.count += 1;
  }

  render(fleet: Summary | undefined): string {
    const out: string[] = [];
    const head = (name: string, type: string, help: string) => out.push(`# HELP ${P}_${name} ${help}`, `# TYPE ${P}_${name} ${type}`);
    head('build_info', 'gauge', 'Collector version.');
    out.push(`${P}_build_info${labels({ version: VERSION })} 1`);
    head('http_requests_total', 'counter', 'HTTP requests by route, method and status.');
    for (const [k, n] of this.requests) {
      const [route, method, code] = JSON.parse(k) as [string, string, string];
      out.push(`${P}_http_requests_total${labels({ route, method, code })} ${n}`);
    }
    head('http_request_duration_seconds', 'histogram', 'HTTP request duration by route.');
    for (const [route, d] of this.durations) {
      BUCKETS.forEach((b, i) =>
        out.push(`${P}_http_request_duration_seconds_bucket${labels({ route, le: String(b) })} ${d.buckets[i] ?? 0}`),
      );
      out.push(`${P}_http_request_duration_seconds_bucket${labels({ route, le: '+Inf' })} ${d.count}`);
      out.push(`${P}_http_request_duration_seconds_sum${labels({ route })} ${d.sum}`);
      out.push(`${P}_http_request_duration_seconds_count${labels({ route })} ${d.count}`);
    }
    head('events_received_total', 'counter', 'Events received, by result (accepted, duplicate, rejected).');
    for (const [result, n] of Object.entries(this.events)) out.push(`${P}_events_received_total${labels({ result })} ${n}`);
    head('enrolments_total', 'counter', 'Device enrolments, by result (accepted, refused: already enrolled).');
    for (const [result, n] of Object.entries(this.enrolments)) out.push(`${P}_enrolments_total${labels({ result })} ${n}`);
    head('rate_limited_total', 'counter', 'Requests refused by the per-device or per-address rate limit (this instance).');
    out.push(`${P}_rate_limited_total ${this.rateLimited}`);
    head('auth_failures_total', 'counter', 'Requests with a missing or wrong token, by token kind.');
    for (const [scope, n] of Object.entries(this.authFailures)) out.push(`${P}_auth_failures_total${labels({ scope })} ${n}`);
    head('database_up', 'gauge', '1 when the last fleet query succeeded.');
    out.push(`${P}_database_up ${fleet ? 1 : 0}`);
    if (fleet) {
      head('devices', 'gauge', 'Devices by compliance status.');
      out.push(`${P}_devices${labels({ status: 'compliant' })} ${fleet.devices.compliant}`);
      out.push(`${P}_devices${labels({ status: 'noncompliant' })} ${fleet.devices.nonCompliant}`);
      out.push(`${P}_devices${labels({ status: 'unknown' })} ${fleet.devices.unknown}`);
      head('devices_stale', 'gauge', `Devices without a check-in for ${fleet.staleAfterSeconds} seconds.`);
      out.push(`${P}_devices_stale ${fleet.devices.stale}`);
      head('open_findings', 'gauge', 'Open drift findings by kind.');
      for (const k of fleet.topDriftKinds) out.push(`${P}_open_findings${labels({ kind: k.kind })} ${k.findings}`);
    }
    return out.join('\n') + '\n';
  }
}
