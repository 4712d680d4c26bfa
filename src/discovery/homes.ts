// Config homes: the default (`~/.claude.json` + `~/.claude/`) and every other folder a
// CLAUDE_CONFIG_DIR may point to. The agent cannot see the variable of the user's shells
// (reference §1.2), so it looks for folders directly in the home that hold a
// `.claude.json` (`alias claude-work='CLAUDE_CONFIG_DIR=~/.claude-work claude'`), plus
// any folders the caller knows about. Symlinked folders are not followed.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface ConfigHome {
  /** What ServerEntry.configHome records: the home for the default, else the folder. */
  dir: string;
  /** The `.claude.json` of this home. */
  claudeJson: string;
  /** Where `settings.json` lives: `~/.claude` for the default, the folder itself otherwise. */
  settingsDir: string;
}

// A home with more entries than this is scanned only this far (reported as truncated).
const MAX_HOME_ENTRIES = 20_000;

function hasFile(file: string): boolean {
  try {
    return fs.lstatSync(file).isFile() || fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

export function findConfigHomes(home: string, extraDirs: readonly string[] = []): { homes: ConfigHome[]; truncated?: string } {
  const homes: ConfigHome[] = [{ dir: home, claudeJson: path.join(home, '.claude.json'), settingsDir: path.join(home, '.claude') }];
  const seen = new Set<string>([home]);
  let truncated: string | undefined;
  let dirents: fs.Dirent[] = [];
  try {
    dirents = fs.readdirSync(home, { withFileTypes: true });
  } catch {
    // An unreadable home has no other config homes we can see.
  }
  if (dirents.length > MAX_HOME_ENTRIES) {
    truncated = `home has ${dirents.length} entries; looked for config homes in the first ${MAX_HOME_ENTRIES}`;
    dirents = dirents.slice(0, MAX_HOME_ENTRIES);
  }
  const candidates = dirents.filter((d) => d.isDirectory()).map((d) => path.join(home, d.name));
  for (const extra of extraDirs) candidates.push(path.resolve(extra));
  for (const dir of candidates.sort()) {
    if (seen.has(dir)) continue;
    const claudeJson = path.join(dir, '.claude.json');
    if (!hasFile(claudeJson)) continue;
    seen.add(dir);
    homes.push({ dir, claudeJson, settingsDir: dir });
  }
  return truncated ? { homes, truncated } : { homes };
}
