import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { CSV_BOM, csvLine, type CsvDelimiter, type Language } from '@crm/common';
import type { OpportunityView } from './opportunity.view.js';

const HEADERS = {
  es: [
    'ID',
    'Título',
    'Estado',
    'Etapa',
    'Contacto',
    'Valor',
    'Moneda',
    'Probabilidad %',
    'Cierre esperado',
    'Agente',
    'Responsable',
    'Propietario',
    'Equipo',
    'Etiquetas',
    'Estancada',
    'Creada',
  ],
  en: ['ID', 'Title', 'Status', 'Stage', 'Contact', 'Value', 'Currency', 'Probability %', 'Expected close', 'Agent', 'Assignee', 'Owner', 'Team', 'Tags', 'Stale', 'Created'],
};
const STATUS = { es: { open: 'Abierta', won: 'Ganada', lost: 'Perdida' }, en: { open: 'Open', won: 'Won', lost: 'Lost' } };

/** One export row; the description and notes are never exported. */
export function exportRow(o: OpportunityView, language: Language): unknown[] {
  return [
    o.id,
    o.title,
    STATUS[language][o.status],
    o.stageName,
    o.contactName,
    o.value.amount,
    o.value.currency,
    o.probability,
    o.expectedCloseDate,
    o.agentId,
    o.assigneeId,
    o.ownerId,
    o.teamId,
    o.tags.join(', '),
    o.stale ? (language === 'es' ? 'Sí' : 'Yes') : 'No',
    o.createdAt,
  ];
}

/** CSV with BOM; every cell through csvLine, which neutralises formula-looking text (=, +, -, @). */
export async function* csvExport(pages: AsyncIterable<OpportunityView[]>, language: Language, delimiter: CsvDelimiter): AsyncGenerator<string> {
  yield CSV_BOM + csvLine(HEADERS[language], delimiter);
  for await (const page of pages) yield page.map((o) => csvLine(exportRow(o, language), delimiter)).join('');
}

export function xlsxExport(pages: AsyncIterable<OpportunityView[]>, language: Language): Readable {
  const output = new PassThrough({ highWaterMark: 1024 * 1024 });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet(language === 'es' ? 'Oportunidades' : 'Opportunities');
  void (async () => {
    sheet.addRow(HEADERS[language]).commit();
    for await (const page of pages) for (const o of page) sheet.addRow(exportRow(o, language).map((cell) => cell ?? '')).commit();
    sheet.commit();
    await workbook.commit();
  })().catch((error: Error) => output.destroy(error));
  return output;
}
