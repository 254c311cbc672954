/** Lines that introduce the quoted message in a reply, in the clients our requesters use. */
const QUOTE_INTRO = [/^(on|el)\s.{3,200}(wrote|escribió|escribio)\s*:\s*$/i, /^-{2,}\s*(original message|mensaje original)\s*-{2,}\s*$/i, /^_{10,}\s*$/, /^(from|de)\s*:\s.+$/i];

/**
 * The new part of a reply: the text above the quoted message. Clients put the quote below an
 * intro line ("El lun, 3 mar 2026 a las 10:00, X escribió:") or as `>` lines; both are cut.
 * When nothing is left (a reply written inside the quote), the whole text is kept.
 */
export function newPartOfReply(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    // An intro may wrap onto a second line ("El lun, 3 mar 2026 a las 10:00,\nX <x@y> escribió:").
    const joined = i + 1 < lines.length ? `${line} ${lines[i + 1]}` : line;
    if (QUOTE_INTRO.some((pattern) => pattern.test(line.trim()))) break;
    if (QUOTE_INTRO[0]!.test(joined.trim()) && lines[i + 2]?.trim().startsWith('>')) break;
    if (line.trimStart().startsWith('>')) continue;
    kept.push(line);
  }
  const result = kept.join('\n').trim();
  return result || text.trim();
}

/** A radicado in a subject ("Re: Acuse de recibo de su PQR PQR-2026-000042"), or null. */
export function radicadoInSubject(subject: string | null | undefined): string | null {
  const match = /\b([A-Z0-9]{1,10}-\d{4}-\d{6,})\b/.exec(subject ?? '');
  return match?.[1] ?? null;
}
