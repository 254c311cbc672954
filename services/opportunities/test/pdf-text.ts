import { inflateSync } from 'node:zlib';

/**
 * A test's reading of a PDF: the page count and the text shown by each text operator (pdfkit
 * writes standard-font text as hex strings in TJ/Tj operators of Flate-compressed content
 * streams). Enough to check what a reader sees, without a PDF library.
 */
export function readPdf(pdf: Buffer): { pages: number; texts: string[] } {
  const raw = pdf.toString('latin1');
  const pages = (raw.match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
  const texts: string[] = [];
  const streamPattern = /<<([^]*?)>>\s*stream\r?\n/g;
  for (let match = streamPattern.exec(raw); match; match = streamPattern.exec(raw)) {
    const start = match.index + match[0].length;
    const end = raw.indexOf('endstream', start);
    const bytes = pdf.subarray(start, end);
    let content: string;
    try {
      content = (match[1].includes('/FlateDecode') ? inflateSync(bytes) : bytes).toString('latin1');
    } catch {
      continue; // an image or font stream that is not text
    }
    for (const op of content.matchAll(/\[((?:<[0-9a-fA-F]*>|[^\]])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      const hexes = op[1] !== undefined ? [...op[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]) : [op[2]];
      texts.push(hexes.map((hex) => Buffer.from(hex, 'hex').toString('latin1')).join(''));
    }
  }
  return { pages, texts };
}
