// Each command group lives in its own file and registers itself here.
import type { Command } from 'commander';
import * as keygen from './keygen';
import * as allowlist from './allowlist';
import * as scan from './scan';
import * as reconcile from './reconcile';
import * as quarantine from './quarantine';
import * as exec from './exec';
import * as headers from './headers';
import * as credentials from './credentials';
import * as agent from './agent';
import * as status from './status';
import * as collector from './collector';
import * as drift from './drift';
import * as fleet from './fleet';
import * as system from './system';

export function registerAll(program: Command): void {
  for (const m of [keygen, allowlist, scan, reconcile, quarantine, exec, headers, credentials, agent, status, collector, drift, fleet, system]) {
    m.register(program);
  }
}
