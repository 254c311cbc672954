/** What the receiving servers said about a message's authenticity, as its headers report it. */
export interface AuthVerdicts {
  spf: string | null;
  dkim: string | null;
  dmarc: string | null;
  /** The headers it was read from (name: value), kept as received, each capped. */
  headers: { name: string; value: string }[];
}

const RESULT = /^(pass|fail|softfail|neutral|none|temperror|permerror|policy|hardfail)$/;
const MAX_KEPT = 10;
const MAX_VALUE = 1000;

/**
 * Reads `Authentication-Results` (RFC 8601) and `Received-SPF` (RFC 7208 §9.1). With several
 * results for a method, the first header wins (the one our relay added on top). These are
 * recorded, not trusted: only a header added by our own MX says anything; an operator who runs
 * one configures it to strip incoming copies.
 */
export function readAuthVerdicts(headerLines: readonly { key: string; line: string }[]): AuthVerdicts {
  const verdicts: AuthVerdicts = { spf: null, dkim: null, dmarc: null, headers: [] };
  for (const { key, line } of headerLines) {
    const name = key.toLowerCase();
    if (name !== 'authentication-results' && name !== 'received-spf') continue;
    const value = line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
    if (verdicts.headers.length < MAX_KEPT) verdicts.headers.push({ name, value: value.slice(0, MAX_VALUE) });
    if (name === 'received-spf') {
      const result = /^([a-z]+)/i.exec(value)?.[1]?.toLowerCase();
      if (result && RESULT.test(result)) verdicts.spf ??= result;
      continue;
    }
    // authserv-id [version]; method=result (comment) prop=value; …
    for (const clause of value.split(';').slice(1)) {
      const match = /^\s*(spf|dkim|dmarc)\s*=\s*([a-z]+)/i.exec(clause);
      if (!match) continue;
      const method = match[1]!.toLowerCase() as 'spf' | 'dkim' | 'dmarc';
      const result = match[2]!.toLowerCase();
      if (RESULT.test(result)) verdicts[method] ??= result;
    }
  }
  return verdicts;
}
