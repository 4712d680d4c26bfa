// What the judge may ask of the machine. Judging is pure given these answers, so the
// unit tests drive every branch with a fake; src/judge/fs-context.ts is the real one.

/** One folder of npx's cache (`<npm cache>/_npx/<hash>/`) whose install list holds a spec. */
export interface NpxInstall {
  folder: string;
  /** `packages["node_modules/<name>"].version` from its package-lock.json. */
  version?: string;
  /** `packages["node_modules/<name>"].integrity` (SRI) from its package-lock.json. */
  integrity?: string;
}

export type HashResult = { sha256: string } | { error: string };

export interface JudgeContext {
  /**
   * Absolute path of the mcp-warden that wrapped entries must run (the agent config's
   * `exec.path`). A wrapper at any other path is not ours and is judged unapproved.
   */
  execPath: string;
  /** The user's home, for `~/` in a rule's `file`. */
  home: string;
  /** Resolve a bare command name the way a spawn through PATH would; undefined if not found. */
  which(command: string): string | undefined;
  /** SHA-256 (lowercase hex) of a file's bytes, or why it could not be read. */
  hashFile(file: string): HashResult;
  /** npx cache folders whose `_npx.packages` list holds exactly `spec` (`name@version`). */
  npxInstalls(spec: string, name: string): NpxInstall[] | { error: string };
}
