// The built-in sandbox defaults (docs/sandbox.md says what each one protects). Home-relative
// paths are joined to the user's home at launch.

/** Read-only system folders a program needs to run (missing ones are skipped). */
export const LINUX_SYSTEM_READ: readonly string[] = [
  '/usr',
  '/bin',
  '/sbin',
  '/lib',
  '/lib32',
  '/lib64',
  '/libx32',
  '/etc',
  '/opt',
  '/nix/store',
];

export const MACOS_SYSTEM_READ: readonly string[] = [
  '/usr',
  '/bin',
  '/sbin',
  '/System',
  '/Library',
  '/private/etc',
  '/private/var/db/timezone',
  '/opt/homebrew',
  '/usr/local',
  '/Applications/Xcode.app',
  '/Library/Developer/CommandLineTools',
];

/**
 * Known secret locations, relative to the home. The home itself is not mounted, so these
 * matter when an allowed path contains them (a workspace that IS the home, an allowRead of
 * `~`): they are masked there. Naming one in allowRead/allowWrite opens it for that rule.
 */
export const SECRET_LOCATIONS: readonly string[] = [
  '.ssh',
  '.aws',
  '.azure',
  '.config/gcloud',
  '.kube',
  '.docker/config.json',
  '.netrc',
  '.npmrc',
  '.pypirc',
  '.git-credentials',
  '.config/gh',
  '.gnupg',
  '.password-store',
  '.claude.json',
  '.claude/.credentials.json',
  // browser profiles (cookies, saved passwords)
  '.mozilla',
  '.config/google-chrome',
  '.config/chromium',
  '.config/BraveSoftware',
  '.config/microsoft-edge',
  'snap/firefox',
  'Library/Application Support/Google/Chrome',
  'Library/Application Support/Firefox',
  'Library/Application Support/BraveSoftware',
  'Library/Application Support/Microsoft Edge',
  'Library/Safari',
  'Library/Cookies',
  // keychains and keyrings
  'Library/Keychains',
  '.local/share/keyrings',
];
