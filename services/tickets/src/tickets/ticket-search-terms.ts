/** "José ÁLVAREZ" → "jose alvarez": the folding tickets.fold_text applies in the database. */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

export const MIN_SEARCH_LENGTH = 3;

/** The words of a search, or null when none has the 3 characters a trigram index needs. */
export function searchWordsOf(q: string): string[] | null {
  const words = [...new Set(foldText(q).trim().split(/\s+/).filter(Boolean))];
  return words.some((word) => word.length >= MIN_SEARCH_LENGTH) ? words : null;
}

/** `%text%` with LIKE's own wildcards (and the escape character) taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}
