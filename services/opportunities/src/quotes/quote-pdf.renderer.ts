import PDFDocument from 'pdfkit';
import type { QuoteIssuer } from './quote-issuer.js';
import { formatDateEsCo, formatMoneyEsCo, formatQuantityEsCo } from './quote-format.js';
import type { QuoteView } from './quote.view.js';

export interface QuotePdfInput {
  quote: QuoteView;
  issuer: QuoteIssuer;
  customer: { name: string; taxId: string | null; email: string | null; phone: string | null };
  opportunityTitle: string;
  sellerName: string | null;
  issuedOn: string;
}

const MARGIN = 50;
const ACCENT = '#1f4e79';
const MUTED = '#555555';
/** #, description, quantity, unit price, discount %, IVA %, line total (sums to 495 = A4 width − margins). */
const COLUMNS = [
  { title: '#', width: 22, align: 'left' as const },
  { title: 'Descripción', width: 171, align: 'left' as const },
  { title: 'Cant.', width: 40, align: 'right' as const },
  { title: 'Precio unit.', width: 77, align: 'right' as const },
  { title: 'Desc.', width: 40, align: 'right' as const },
  { title: 'IVA', width: 40, align: 'right' as const },
  { title: 'Valor', width: 105, align: 'right' as const },
];

/** A Spanish quote (A4): issuer header, customer, lines, totals per tax rate, validity and terms. */
export function renderQuotePdf(input: QuotePdfInput): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: `Cotización ${input.quote.number}`, Author: input.issuer.name } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  header(doc, input);
  customer(doc, input);
  lines(doc, input.quote);
  totals(doc, input.quote);
  closing(doc, input);
  doc.end();
  return done;
}

function header(doc: PDFKit.PDFDocument, { issuer, quote, issuedOn }: QuotePdfInput): void {
  const top = MARGIN;
  doc.fillColor(ACCENT).font('Helvetica-Bold').fontSize(16).text(issuer.name, MARGIN, top, { width: 280 });
  doc.fillColor(MUTED).font('Helvetica').fontSize(9);
  for (const line of [issuer.taxId && `NIT ${issuer.taxId}`, issuer.address, issuer.phone && `Tel. ${issuer.phone}`, issuer.email]) if (line) doc.text(line, { width: 280 });
  const right = 345;
  doc.fillColor(ACCENT).font('Helvetica-Bold').fontSize(20).text('COTIZACIÓN', right, top, { width: 200, align: 'right' });
  doc
    .fillColor('black')
    .font('Helvetica-Bold')
    .fontSize(11)
    .text(quote.number, right, doc.y + 2, { width: 200, align: 'right' });
  doc.font('Helvetica').fontSize(9).fillColor(MUTED);
  doc.text(`Revisión ${quote.revision}`, right, doc.y, { width: 200, align: 'right' });
  doc.text(`Fecha: ${formatDateEsCo(issuedOn)}`, right, doc.y, { width: 200, align: 'right' });
  doc.text(`Válida hasta: ${formatDateEsCo(quote.validUntil)}`, right, doc.y, { width: 200, align: 'right' });
  doc.y = Math.max(doc.y, top + 80);
  doc.moveTo(MARGIN, doc.y).lineTo(545, doc.y).strokeColor(ACCENT).lineWidth(1.5).stroke();
  doc.moveDown(1);
}

function customer(doc: PDFKit.PDFDocument, { customer: c, opportunityTitle }: QuotePdfInput): void {
  const top = doc.y;
  doc.fillColor(ACCENT).font('Helvetica-Bold').fontSize(10).text('CLIENTE', MARGIN, top);
  doc
    .fillColor('black')
    .font('Helvetica-Bold')
    .fontSize(11)
    .text(c.name, MARGIN, doc.y + 2, { width: 300 });
  doc.font('Helvetica').fontSize(9).fillColor(MUTED);
  doc.text(`NIT / C.C.: ${c.taxId ?? 'no registrado'}`, { width: 300 });
  if (c.email) doc.text(c.email, { width: 300 });
  if (c.phone) doc.text(`Tel. ${c.phone}`, { width: 300 });
  const leftBottom = doc.y;
  doc.fillColor(ACCENT).font('Helvetica-Bold').fontSize(10).text('REFERENCIA', 345, top, { width: 200, align: 'right' });
  doc
    .fillColor('black')
    .font('Helvetica')
    .fontSize(9)
    .text(opportunityTitle, 345, doc.y + 2, { width: 200, align: 'right' });
  doc.y = Math.max(leftBottom, doc.y) + 18;
}

function tableHeader(doc: PDFKit.PDFDocument): void {
  const top = doc.y;
  doc.rect(MARGIN, top - 4, 495, 18).fill(ACCENT);
  doc.fillColor('white').font('Helvetica-Bold').fontSize(9);
  let x = MARGIN;
  for (const column of COLUMNS) {
    doc.text(column.title, x + 3, top, { width: column.width - 6, align: column.align, lineBreak: false });
    x += column.width;
  }
  doc.fillColor('black').font('Helvetica').fontSize(9);
  doc.y = top + 20;
}

function lines(doc: PDFKit.PDFDocument, quote: QuoteView): void {
  tableHeader(doc);
  quote.lines.forEach((line, index) => {
    const descriptionHeight = doc.heightOfString(line.description, { width: COLUMNS[1].width - 6 });
    if (doc.y + descriptionHeight + 10 > doc.page.height - MARGIN - 20) {
      doc.addPage();
      tableHeader(doc);
    }
    const top = doc.y;
    if (index % 2 === 1)
      doc
        .rect(MARGIN, top - 3, 495, descriptionHeight + 6)
        .fill('#f2f5f9')
        .fillColor('black');
    const cells = [
      String(line.position),
      line.description,
      formatQuantityEsCo(line.quantity),
      formatMoneyEsCo(line.unitPrice, quote.currency),
      line.discountPercent === '0' ? '—' : `${formatQuantityEsCo(line.discountPercent)} %`,
      `${formatQuantityEsCo(line.taxPercent)} %`,
      formatMoneyEsCo(line.net, quote.currency),
    ];
    let x = MARGIN;
    cells.forEach((cell, column) => {
      doc.text(cell, x + 3, top, { width: COLUMNS[column].width - 6, align: COLUMNS[column].align });
      x += COLUMNS[column].width;
    });
    doc.y = top + descriptionHeight + 6;
  });
  doc.moveTo(MARGIN, doc.y).lineTo(545, doc.y).strokeColor('#cccccc').lineWidth(0.5).stroke();
  doc.moveDown(0.8);
}

function totals(doc: PDFKit.PDFDocument, quote: QuoteView): void {
  const rows: [string, string, boolean][] = [
    ['Subtotal', quote.subtotal, false],
    ['Descuentos', `-${quote.discountTotal}`, false],
    ['Base gravable', quote.taxableTotal, false],
    ...quote.taxes.map((t): [string, string, boolean] => [`IVA ${formatQuantityEsCo(t.ratePercent)} %`, t.tax, false]),
    [`Total ${quote.currency}`, quote.total, true],
  ];
  if (doc.y + rows.length * 16 > doc.page.height - MARGIN) doc.addPage();
  for (const [label, amount, strong] of rows) {
    const top = doc.y;
    if (strong)
      doc
        .rect(325, top - 4, 220, 20)
        .fill(ACCENT)
        .fillColor('white');
    doc.font(strong ? 'Helvetica-Bold' : 'Helvetica').fontSize(strong ? 11 : 9.5);
    doc.text(label, 330, top, { width: 100 });
    doc.text(amount.startsWith('-') ? `- ${formatMoneyEsCo(amount.slice(1), quote.currency)}` : formatMoneyEsCo(amount, quote.currency), 430, top, { width: 110, align: 'right' });
    doc.fillColor('black');
    doc.y = top + (strong ? 22 : 16);
  }
  doc.moveDown(1);
}

function closing(doc: PDFKit.PDFDocument, { quote, sellerName, issuer }: QuotePdfInput): void {
  doc.x = MARGIN;
  doc.fillColor(ACCENT).font('Helvetica-Bold').fontSize(10).text('VALIDEZ Y CONDICIONES', MARGIN, doc.y, { width: 495 });
  doc.fillColor('black').font('Helvetica').fontSize(9);
  doc.text(
    `Esta cotización es válida hasta el ${formatDateEsCo(quote.validUntil)}. Valores en ${quote.currency === 'COP' ? 'pesos colombianos (COP)' : quote.currency}, IVA discriminado por tarifa.`,
    { width: 495 },
  );
  if (quote.terms) doc.moveDown(0.4).text(quote.terms, { width: 495 });
  if (sellerName) doc.moveDown(1.2).fillColor(MUTED).text(`Elaborada por: ${sellerName}`, { width: 495 });
  if (issuer.footerTerms) doc.moveDown(1.2).fillColor(MUTED).fontSize(8).text(issuer.footerTerms, { width: 495 });
}
