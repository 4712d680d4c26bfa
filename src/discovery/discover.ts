// discover(): every MCP server entry Claude Code would start for this user, and every
// settings file that approves project servers. Read-only and bounded (byte cap per file,
// project cap, depth cap, no symlinks out of the scanned folders).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Inventory, SettingsFileKind, UnreadableFile } from '../inventory/types';
import { findConfigHomes } from './homes';
import { parentFolders, scanRoots } from './projects';
import { fileSig, readConfigFile } from './read';
import { scanClaudeJson, scanMcpJson, scanSettings, type FileScan } from './scan';
import type { DiscoveryCache } from './cache';

export interface DiscoverOptions {
  home: string;
  /** Folders a CLAUDE_CONFIG_DIR is known to point to (besides those found in the home). */
  configDirs?: string[];
  /** discovery.roots (`~` = the home). */
  roots?: string[];
  /** Folder depth below each root. Default 4. */
  maxDepth?: number;
  /** Cap on projects. Default 5000. */
  maxProjects?: number;
  /** Byte cap per config file. Default 64 MiB. */
  maxFileBytes?: number;
  /** Reuse what an earlier pass read from files that have not changed. */
  cache?: DiscoveryCache;
  /** Files to read again whatever their stat says (the agent's changed files). */
  fresh?: readonly string[];
}

export const DISCOVERY_DEFAULTS = { maxDepth: 4, maxProjects: 5000, maxFileBytes: 64 * 1024 * 1024 } as const;

type Role =
  | { kind: 'claude-json'; configHome: string }
  | { kind: 'mcp-json'; configHome: string }
  | { kind: SettingsFileKind; configHome: string; project?: string };

function realOr(p: string): string {
  try {
    return fs.realpathSync.native(p);
  } catch {
    return p;
  }
}

/** The real path of an existing file; undefined when it is missing (the common case: no exception). */
function realIfExists(file: string): string | undefined {
  try {
    if (fs.statSync(file, { throwIfNoEntry: false }) === undefined) return undefined;
    return fs.realpathSync.native(file);
  } catch {
    return undefined;
  }
}

const ROLE_NAMES: Record<Role['kind'], string> = {
  'claude-json': 'a .claude.json (user and local scope)',
  'mcp-json': 'a project .mcp.json',
  'user-settings': 'user settings',
  'project-settings': 'project settings',
  'local-settings': 'local project settings',
  'claude-json-project': 'a .claude.json project',
};

function aliasProblem(file: string, real: string, first: { file: string; kind: Role['kind'] }): UnreadableFile {
  return {
    file,
    code: 'SYMLINK_ALIAS',
    reason: `leads to ${real}, already judged as ${ROLE_NAMES[first.kind]} (${first.file}); not judged again here, never written through this path`,
  };
}

function expandHome(p: string, home: string): string {
  if (p === '~') return home;
  if (p.startsWith('~/') || p.startsWith('~\\')) return path.join(home, p.slice(2));
  return path.resolve(p);
}

class Discovery {
  readonly inv: Inventory = { entries: [], settings: [], unreadable: [], files: [], folders: [], projects: [], configHomes: [] };
  private readonly seenFiles = new Set<string>();
  /** Real path → the path and role it was first read in. */
  private readonly realFiles = new Map<string, { file: string; kind: Role['kind'] }>();
  private readonly folders = new Set<string>();
  private readonly cacheKeys = new Set<string>();
  private readonly fresh: ReadonlySet<string>;
  private readonly maxBytes: number;

  constructor(
    private readonly opts: DiscoverOptions,
    private readonly globalRoots: string[],
  ) {
    this.fresh = new Set(opts.fresh ?? []);
    this.maxBytes = opts.maxFileBytes ?? DISCOVERY_DEFAULTS.maxFileBytes;
  }

  folder(dir: string): void {
    this.folders.add(dir);
  }

  /** Read `file` in `role` (once per pass), adding what it holds to the inventory. */
  file(file: string, role: Role, scanRoot: string): FileScan | undefined {
    if (this.seenFiles.has(file)) return undefined;
    this.seenFiles.add(file);
    // A file reached twice (a symlink, a folder reached two ways) is one file, judged once
    // in the role of the path that reached it first. Config homes come first, so a repo's
    // `.mcp.json -> ../../.claude.json` is reported, never judged as project scope.
    const real = realIfExists(file);
    if (real !== undefined) {
      const first = this.realFiles.get(real);
      if (first !== undefined) {
        if (first.kind !== role.kind) this.inv.unreadable.push(aliasProblem(file, real, first));
        return undefined;
      }
      this.realFiles.set(real, { file, kind: role.kind });
    }
    const cacheKey = `${role.kind}\u0000${file}\u0000${role.configHome}\u0000${'project' in role ? (role.project ?? '') : ''}`;
    const cache = this.opts.cache;
    let scan: FileScan | undefined;
    let unreadable: UnreadableFile | undefined;
    const sig = cache && !this.fresh.has(file) ? fileSig(file) : undefined;
    const hit = sig !== undefined ? cache?.get(cacheKey, sig) : undefined;
    if (hit) {
      if ('scan' in hit) scan = hit.scan;
      else unreadable = hit.unreadable;
    } else {
      const r = readConfigFile(file, this.maxBytes, [realOr(scanRoot), ...this.globalRoots], role.kind === 'claude-json' ? 'claude-json' : 'json');
      if (r.kind === 'missing') return undefined;
      if (r.kind === 'unreadable') {
        unreadable = r.problem;
        const s = fileSig(file);
        if (s !== undefined) cache?.set(cacheKey, { sig: s, unreadable });
      } else {
        scan = this.scanOne(file, role, r.value);
        cache?.set(cacheKey, { sig: r.sig, scan });
      }
    }
    this.cacheKeys.add(cacheKey);
    this.inv.files.push(file);
    if (unreadable) {
      this.inv.unreadable.push(unreadable);
      return undefined;
    }
    if (!scan) return undefined;
    // Writes go through a link only while it still leads to what was judged (set again on
    // every pass: a cached scan may come from a time the path was or was not a link).
    const via = real !== undefined && real !== file ? real : undefined;
    for (const x of [...scan.entries, ...scan.settings]) {
      if (via === undefined) delete x.realFile;
      else x.realFile = via;
    }
    this.inv.entries.push(...scan.entries);
    this.inv.settings.push(...scan.settings);
    return scan;
  }

  private scanOne(file: string, role: Role, doc: Record<string, unknown>): FileScan {
    switch (role.kind) {
      case 'claude-json':
        return scanClaudeJson(file, role.configHome, doc);
      case 'mcp-json':
        return scanMcpJson(file, role.configHome, doc);
      default:
        return scanSettings(file, role.kind, role.configHome, role.project, doc);
    }
  }

  finish(): Inventory {
    this.inv.folders = [...this.folders].sort();
    this.opts.cache?.retain(this.cacheKeys);
    return this.inv;
  }
}

export function discover(opts: DiscoverOptions): Inventory {
  const home = path.resolve(opts.home);
  const roots = (opts.roots ?? []).map((r) => expandHome(r, home));
  const globalRoots = [realOr(home), ...roots.map(realOr)];
  const d = new Discovery(opts, globalRoots);
  const truncated: string[] = [];
  const maxProjects = opts.maxProjects ?? DISCOVERY_DEFAULTS.maxProjects;

  const found = findConfigHomes(home, opts.configDirs);
  if (found.truncated) truncated.push(found.truncated);
  d.folder(home);
  // Projects in first-seen order, each with the config home that knows it.
  const projects = new Map<string, string>();
  for (const h of found.homes) {
    d.inv.configHomes.push(h.dir);
    d.folder(h.dir);
    d.folder(h.settingsDir);
    const scan = d.file(h.claudeJson, { kind: 'claude-json', configHome: h.dir }, h.dir);
    d.file(path.join(h.settingsDir, 'settings.json'), { kind: 'user-settings', configHome: h.dir }, h.settingsDir);
    for (const p of scan?.projectKeys ?? []) if (!projects.has(p)) projects.set(p, h.dir);
  }
  if (roots.length > 0) {
    const r = scanRoots(roots, opts.maxDepth ?? DISCOVERY_DEFAULTS.maxDepth, maxProjects);
    if (r.truncated) truncated.push(r.truncated);
    for (const root of roots) d.folder(root);
    for (const p of r.projects) if (!projects.has(p)) projects.set(p, home);
  }
  let count = 0;
  for (const [project, configHome] of projects) {
    if (count >= maxProjects) {
      truncated.push(`more than ${maxProjects} projects; the rest were not scanned`);
      break;
    }
    count++;
    scanProject(d, project, configHome);
  }
  const inv = d.finish();
  if (truncated.length > 0) inv.truncated = truncated;
  return inv;
}

function scanProject(d: Discovery, project: string, configHome: string): void {
  try {
    if (!fs.statSync(project).isDirectory()) return;
  } catch {
    // A project Claude Code remembers but that is gone: its local entries still count
    // (they are in .claude.json), it has no files of its own.
    return;
  }
  d.inv.projects.push(project);
  d.folder(project);
  d.folder(path.join(project, '.claude'));
  d.file(path.join(project, '.mcp.json'), { kind: 'mcp-json', configHome }, project);
  d.file(path.join(project, '.claude', 'settings.json'), { kind: 'project-settings', configHome, project }, project);
  d.file(path.join(project, '.claude', 'settings.local.json'), { kind: 'local-settings', configHome, project }, project);
  for (const parent of parentFolders(project)) {
    d.folder(parent);
    d.file(path.join(parent, '.mcp.json'), { kind: 'mcp-json', configHome }, parent);
  }
}
