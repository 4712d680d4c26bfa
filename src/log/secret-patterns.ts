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
  { id: 'gitlab-token', re: /\bgl(?:ptt|dt|rt|cbt|imt|ft|soat|oas)-[A-Za-z0-9_-]{20,}\b/g },
  { id: 'slack-app', re: /\bxapp-\d-[A-Za-z0-9-]{10,}\b/g },
  { id: 'stripe', re: /\b[rsp]k_(?:live|test)_[A-Za-z0-9]{16,}\b/g },
  { id: 'google-api-key', re: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  { id: 'npm-token', re: /\bnpm_[A-Za-z0-9]{36}\b/g },
  { id: 'huggingface', re: /\bhf_[A-Za-z0-9]{30,}\b/g },
  { id: 'sendgrid', re: /\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}\b/g },
  { id: 'digitalocean', re: /\bdo[por]_v1_[a-f0-9]{64}\b/g },
  { id: 'linear', re: /\blin_(?:api|oauth)_[A-Za-z0-9]{30,}\b/g },
  { id: 'notion', re: /\b(?:secret_[A-Za-z0-9]{43}|ntn_[A-Za-z0-9]{40,})\b/g },
  { id: 'sentry', re: /\bsntr[ysu]_[A-Za-z0-9_=+/-]{30,}/g },
  { id: 'atlassian', re: /\bATATT3[A-Za-z0-9_=-]{40,}\b/g },
  { id: 'postman', re: /\bPMAK-[a-f0-9]{24}-[a-f0-9]{34}\b/g },
  { id: 'databricks', re: /\bdapi[a-f0-9]{32}(?:-\d)?\b/g },
  { id: 'groq', re: /\bgsk_[A-Za-z0-9]{40,}\b/g },
  { id: 'jwt', re: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/g },
  // mcp-warden's own per-device collector credential (src/collector/auth.ts).
  { id: 'mcp-warden-device', re: /\bmwd1_[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g },
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

export interface TokenMatch {
  id: string;
  start: number;
  end: number;
}

/** Every known token shape in `text`, with its span, earliest first; overlaps keep the first pattern. */
export function findTokenShapes(text: string): TokenMatch[] {
  const found: TokenMatch[] = [];
  for (const p of TOKEN_PATTERNS) {
    // matchAll clones the regex, so the shared global pattern's lastIndex is untouched.
    for (const m of text.matchAll(p.re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (found.some((f) => start < f.end && f.start < end)) continue;
      found.push({ id: p.id, start, end });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
