// `mcp-warden credentials`: registered by its owner module (work in progress).
import type { Command } from 'commander';

export function register(_program: Command): void {
  // not yet registered
}
