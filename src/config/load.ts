// Finding, reading and validating the agent config that MDM delivers. Order:
//   1. --config FILE
//   2. $MCP_WARDEN_CONFIG
//   3. the OS policy channel (macOS managed preferences, Windows HKLM policy value):
//      what a configuration profile / Group Policy enforces wins over a loose file;
//   4. the OS default files (src/paths.ts defaultConfigFiles).
// The first one found is used; a later one is never merged in, so what is in force is
// always exactly one document an admin can read.
import * as path from 'node:path';
import { ConfigError, isWardenError } from '../errors';
import { redactor } from '../log/redact';
import { defaultConfigFiles } from '../paths';
import { checkDocument, formatProblem } from '../schema/document';
import { agentConfigValidator } from './validator';
import { readCapped } from '../util/fsio';
import { readOsPolicyConfig, type OsConfigSource } from './os-sources';
import type { AgentConfig, LoadedConfig } from './types';

/** Bytes. An agent config is a few KB; anything near this is not one. */
export const MAX_CONFIG_BYTES = 256 * 1024;

export interface ConfigLocateOptions {
  /** --config */
  configPath?: string;
  env?: NodeJS.ProcessEnv;
  /** Replace the OS defaults (tests; a system service that knows better). */
  osDefaults?: {
    files: string[];
    policy?: () => OsConfigSource | undefined;
    /** Folder relative paths in a policy-channel config resolve against. Default: the first file's. */
    baseDir?: string;
  };
}

/** Find (--config, $MCP_WARDEN_CONFIG, OS default), size-cap, parse (YAML/JSON), schema-validate. Throws ConfigError. */
export function loadAgentConfig(opts: ConfigLocateOptions): LoadedConfig {
  const env = opts.env ?? process.env;
  if (opts.configPath) return loadConfigFile(path.resolve(opts.configPath), '--config');
  if (env.MCP_WARDEN_CONFIG) return loadConfigFile(path.resolve(env.MCP_WARDEN_CONFIG), '$MCP_WARDEN_CONFIG');
  const defaults = opts.osDefaults ?? { files: defaultConfigFiles(), policy: () => readOsPolicyConfig() };
  const baseDir = defaults.baseDir ?? path.dirname(defaults.files[0] ?? process.cwd());
  let fromPolicy: OsConfigSource | undefined;
  try {
    fromPolicy = defaults.policy?.();
  } catch (e) {
    throw new ConfigError({ code: 'CONFIG_INVALID', message: `cannot read the OS policy config: ${(e as Error).message}`, cause: e });
  }
  if (fromPolicy) return parseAgentConfig(fromPolicy.text, { source: fromPolicy.source, baseDir });
  for (const file of defaults.files) {
    try {
      return loadConfigFile(file, 'default location');
    } catch (e) {
      if (!(e instanceof ConfigError && e.code === 'CONFIG_NOT_FOUND')) throw e;
    }
  }
  const where = [...(defaults.policy ? ['the OS policy channel'] : []), ...defaults.files].join(', ');
  throw new ConfigError({
    code: 'CONFIG_NOT_FOUND',
    message: `no agent config: pass --config FILE or set MCP_WARDEN_CONFIG (looked in ${where})`,
  });
}

function loadConfigFile(file: string, via: string): LoadedConfig {
  let bytes: Buffer;
  try {
    bytes = readCapped(file, MAX_CONFIG_BYTES);
  } catch (e) {
    if (isWardenError(e) && e.code === 'FILE_NOT_FOUND') {
      throw new ConfigError({ code: 'CONFIG_NOT_FOUND', message: `agent config ${file} (from ${via}) does not exist`, file, cause: e });
    }
    throw new ConfigError({ code: 'CONFIG_INVALID', message: (e as Error).message, file, cause: e });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (e) {
    throw new ConfigError({ code: 'CONFIG_INVALID', message: `${file}: not UTF-8 text`, file, cause: e });
  }
  return parseAgentConfig(text, { source: file, baseDir: path.dirname(file), fileName: file });
}

/**
 * Parse and validate config text. `source` names it in errors; relative paths in it
 * resolve against `baseDir`. Every problem is reported, each with path and line.
 */
export function parseAgentConfig(text: string, where: { source: string; baseDir: string; fileName?: string }): LoadedConfig {
  const checked = checkDocument<AgentConfig>(text, {
    fileName: where.fileName,
    validate: (v) => agentConfigValidator.validate(v),
    semantic: (c) => {
      const keys = c.trust.keys?.length ?? 0;
      if (c.trust.root || c.trust.threshold === undefined || c.trust.threshold <= keys) return [];
      return [
        {
          segments: ['trust', 'threshold'],
          message: `is ${c.trust.threshold} but only ${keys} key(s) are listed: no allowlist could ever verify`,
        },
      ];
    },
  });
  const problems = [...checked.syntax, ...checked.problems];
  if (!checked.value || problems.length > 0) {
    const lines = problems.map((p) => `  ${formatProblem(where.source, p)}`);
    throw new ConfigError({
      code: 'CONFIG_INVALID',
      message: `invalid agent config (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${lines.join('\n')}`,
      file: where.fileName ?? where.source,
      jsonPath: problems[0]?.path,
    });
  }
  const config = resolvePaths(checked.value, where.baseDir);
  // The inline enrollment token is a secret from here on.
  redactor.learn(config.report?.token);
  return { config, source: where.source, baseDir: where.baseDir };
}

/** Every path field, made absolute against the config's folder (a copy; input untouched). */
function resolvePaths(c: AgentConfig, baseDir: string): AgentConfig {
  const abs = (p: string | undefined): string | undefined => (p === undefined ? undefined : path.resolve(baseDir, p));
  const out: AgentConfig = structuredClone(c);
  if (out.allowlist.file !== undefined) out.allowlist.file = abs(out.allowlist.file);
  if (out.trust.keys)
    out.trust.keys = out.trust.keys.map((k) => (k.publicKeyFile === undefined ? k : { ...k, publicKeyFile: abs(k.publicKeyFile) }));
  const root = out.trust.root;
  if (root?.file !== undefined) root.file = abs(root.file);
  if (root?.chainFile !== undefined) root.chainFile = abs(root.chainFile);
  if (out.network?.caFile !== undefined) out.network.caFile = abs(out.network.caFile);
  if (out.report?.tokenFile !== undefined) out.report.tokenFile = abs(out.report.tokenFile);
  if (out.report?.caFile !== undefined) out.report.caFile = abs(out.report.caFile);
  if (out.exec?.path !== undefined) out.exec.path = abs(out.exec.path);
  if (out.system?.managedDir !== undefined) out.system.managedDir = abs(out.system.managedDir);
  return out;
}
