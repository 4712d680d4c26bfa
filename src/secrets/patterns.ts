// Shapes of well-known credentials. Shared by the detector (credentials) and the log
// redactor, so that anything we would migrate is also something we never log.
// Each pattern is anchored to the token's own shape, not to context, so it can run
// over free text (log lines, error messages).

export interface TokenPattern {
  id: string;
  /** Global regex; matches the secret part only. */
  re: RegExp;
}

export const TOKEN_PATTERNS: readonly TokenPattern[] = [
  { id: 'github-pat', re: /\bgh[pousr]_[A-Za-z0-9]{30,255}\b/g },
  { id: 'github-fine-grained', re: /\bgithub_pat_[A-Za-z0-9_]{30,255}\b/g },
  { id: 'gitlab-pat', re: /\bglpat-[A-Za-z0-9_-]{20,}\b/g },
  { id: 'slack', re: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g },
  { id: 'anthropic', re: /\bsk-ant-[A-Za-z0-9_-]{20,}\b/g },
  { id: 'openai', re: /\bsk-(?:proj-|svcacct-)?[A-Za-z0-9_-]{20,}\b/g },
  { id: 'aws-access-key', re: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  { id: 'jwt', re: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/g },
  { id: 'bearer', re: /(?<=\bBearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi },
  { id: 'basic-auth', re: /(?<=\bBasic\s+)[A-Za-z0-9+/=]{8,}/gi },
  // Password in URL userinfo: scheme://user:PASSWORD@host
  { id: 'url-password', re: /(?<=[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s@/]+(?=@)/gi },
  { id: 'private-key', re: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g },
];

/** Replace every known token shape in `text`. */
export function maskTokenShapes(text: string, mask = '[REDACTED]'): string {
  let out = text;
  for (const p of TOKEN_PATTERNS) out = out.replace(p.re, mask);
  return out;
}
