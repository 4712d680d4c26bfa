// The network settings of one process, from the agent config and the environment: which
// proxy (src/net/proxy-env.ts) and which CAs (src/net/ca.ts) every outbound request uses.
// Proxy credentials are taught to the redactor here, before any request can log a URL.
import * as path from 'node:path';
import type { AgentConfig } from '../config/types';
import { redactor } from '../log/redact';
import { trustedCas } from './ca';
import { parseProxyUrl, proxyAuthorization, type ProxySettings } from './proxy-env';

export interface NetSettings {
  proxy: ProxySettings;
  /** Every trusted CA (PEM): Node's roots, the OS bundle, the org CA. */
  cas: string[];
}

/** Teach the redactor a proxy URL's password, user, and the Basic header made from them. */
export function learnProxySecrets(raw: string | undefined): void {
  if (!raw) return;
  const u = parseProxyUrl(raw);
  if (!u || (!u.username && !u.password)) return;
  if (u.password) {
    redactor.learn(u.password);
    redactor.learn(decodeURIComponent(u.password));
  }
  const auth = proxyAuthorization(u);
  if (auth) redactor.learn(auth.slice('Basic '.length));
}

export interface NetSettingsInput {
  config?: AgentConfig;
  /** Folder that relative CA paths resolve against (the config file's). */
  baseDir?: string;
  env?: NodeJS.ProcessEnv;
  /** Extra org CA files (e.g. a command's --ca-file). */
  caFiles?: string[];
}

export function netSettings(input: NetSettingsInput = {}): NetSettings {
  const env = input.env ?? process.env;
  const n = input.config?.network;
  const abs = (f: string): string => (input.baseDir && !path.isAbsolute(f) ? path.join(input.baseDir, f) : f);
  for (const v of [n?.proxy, env.HTTPS_PROXY, env.https_proxy, env.HTTP_PROXY, env.http_proxy]) learnProxySecrets(v);
  const caFiles = [n?.caFile, input.config?.report?.caFile, ...(input.caFiles ?? [])].filter((f): f is string => f !== undefined).map(abs);
  return {
    proxy: { proxy: n?.proxy, noProxy: n?.noProxy, env },
    cas: trustedCas({ caFiles: [...new Set(caFiles)], systemCa: n?.systemCa, env }),
  };
}
