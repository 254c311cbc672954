import type { ExportCell } from '@crm/common';
import type { Money } from './report-scope.js';

/** A report as a sheet: Spanish headers, numbers as numbers. */
export interface ReportTable {
  headers: string[];
  rows: ExportCell[][];
}

type AnyReport = Record<string, unknown>;
type Item = Record<string, unknown>;

const n = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
const s = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

/** One row per currency found in `lists` (a row with no money gets one row with empty money cells). */
function perCurrency(base: ExportCell[], lists: (Money[] | undefined)[]): ExportCell[][] {
  const currencies = [...new Set(lists.flatMap((list) => (list ?? []).map((m) => m.currency)))].sort();
  if (currencies.length === 0) return [[...base, null, ...lists.map(() => null)]];
  return currencies.map((currency) => [...base, currency, ...lists.map((list) => n((list ?? []).find((m) => m.currency === currency)?.amount))]);
}

const items = (report: AnyReport, key: string): Item[] => (report[key] as Item[] | undefined) ?? [];

export const REPORT_TABLES: Record<string, (report: AnyReport) => ReportTable> = {
  dashboard: (r) => {
    const conv = r.conversionRate as { opportunities: Item; leads: Item };
    const rows: ExportCell[][] = [
      ['Total de contactos', null, n(r.totalContacts)],
      ['Oportunidades activas', null, n(r.activeOpportunities)],
      ...(r.potentialValue as Money[]).map((m): ExportCell[] => ['Valor potencial', m.currency, n(m.amount)]),
      ...(r.weightedValue as Money[]).map((m): ExportCell[] => ['Valor ponderado', m.currency, n(m.amount)]),
      ['Oportunidades ganadas en el periodo', null, n(conv.opportunities.won)],
      ['Oportunidades cerradas en el periodo', null, n(conv.opportunities.closed)],
      ['Tasa de conversión de oportunidades', null, n(conv.opportunities.rate)],
      ['Leads creados en el periodo', null, n(conv.leads.created)],
      ['Leads convertidos a cliente', null, n(conv.leads.converted)],
      ['Tasa de conversión de leads', null, n(conv.leads.rate)],
    ];
    return { headers: ['Indicador', 'Moneda', 'Valor'], rows };
  },
  funnel: (r) => ({
    headers: ['Sección', 'Nombre', 'Cantidad', 'Abiertas', 'Ganadas', 'Perdidas', 'Conversión', 'Moneda', 'Valor', 'Valor abierto', 'Valor ganado'],
    rows: [
      ...items(r, 'byStage').flatMap((x) =>
        perCurrency(['Etapa', s(x.name ?? x.stageId), n(x.reached), n(x.open), null, null, n(x.conversionToNext)], [x.reachedValue as Money[], x.openValue as Money[], []]),
      ),
      ...items(r, 'byOwner').flatMap((x) =>
        perCurrency(['Responsable', s(x.ownerName ?? x.ownerId), n(x.created), n(x.open), n(x.won), n(x.lost), n(x.winRate)], [x.createdValue as Money[], [], x.wonValue as Money[]]),
      ),
      ...items(r, 'bySource').flatMap((x) =>
        perCurrency(['Fuente', s(x.sourceName ?? x.sourceId), n(x.created), n(x.open), n(x.won), n(x.lost), n(x.winRate)], [x.createdValue as Money[], [], x.wonValue as Money[]]),
      ),
    ],
  }),
  'stage-distribution': (r) => ({
    headers: ['Etapa', 'Probabilidad', 'Cantidad', 'Participación', 'Moneda', 'Valor', 'Valor ponderado'],
    rows: items(r, 'stages').flatMap((x) => perCurrency([s(x.name ?? x.stageId), n(x.probability), n(x.count), n(x.share)], [x.value as Money[], x.weightedValue as Money[]])),
  }),
  trends: (r) => ({
    headers: ['Periodo', 'Creadas', 'Ganadas', 'Perdidas', 'Moneda', 'Valor creado', 'Valor ganado', 'Valor perdido'],
    rows: items(r, 'series').flatMap((x) => perCurrency([s(x.period), n(x.created), n(x.won), n(x.lost)], [x.createdValue as Money[], x.wonValue as Money[], x.lostValue as Money[]])),
  }),
  'sales-cycle': (r) => ({
    headers: ['Concepto', 'Cantidad', 'Días promedio', 'Días mediana', 'Tasa de éxito'],
    rows: [
      ['Ganadas', n(r.won), n(r.averageDaysToWin), n(r.medianDaysToWin), n(r.winRate)],
      ['Perdidas', n(r.lost), n(r.averageDaysToLose), n(r.medianDaysToLose), null],
      ...items(r, 'timeInStage').map((x): ExportCell[] => [`Etapa: ${s(x.name ?? x.stageId) ?? ''}`, n(x.exits), n(x.averageDays), n(x.medianDays), null]),
    ],
  }),
  sellers: (r) => ({
    headers: ['Posición', 'Vendedor', 'Ganadas', 'Perdidas', 'Tasa de éxito', 'Actividades realizadas', 'Moneda', 'Valor ganado'],
    rows: items(r, 'sellers').flatMap((x) => perCurrency([n(x.rank), s(x.name ?? x.ownerId), n(x.won), n(x.lost), n(x.winRate), n(x.activitiesDone)], [x.wonValue as Money[]])),
  }),
  sources: (r) => ({
    headers: ['Fuente', 'Canal', 'Leads', 'Clientes adquiridos', 'Ganadas', 'Moneda', 'Valor ganado', 'Costo', 'CAC'],
    rows: items(r, 'sources').flatMap((x) =>
      perCurrency([s(x.name ?? x.sourceId), s(x.channel), n(x.leads), n(x.customers), n(x.won)], [x.wonValue as Money[], x.cost as Money[], x.cac as Money[]]),
    ),
  }),
  'customers-value': (r) => ({
    headers: ['Cliente', 'Moneda', 'Facturas', 'Ingresos a la fecha', 'Pagado', 'Pedido promedio', 'Meses activos', 'Frecuencia mensual', 'CLTV proyectado'],
    rows: items(r, 'customers').map((x): ExportCell[] => [
      s(x.name ?? x.contactId),
      s(x.currency),
      n(x.invoices),
      n((x.revenueToDate as Money).amount),
      n((x.paidToDate as Money).amount),
      n((x.averageOrder as Money).amount),
      n(x.monthsActive),
      n(x.purchaseFrequencyPerMonth),
      n((x.projectedCltv as Money).amount),
    ]),
  }),
  forecast: (r) => ({
    headers: ['Mes', 'Cantidad', 'Moneda', 'Valor', 'Valor ponderado'],
    rows: items(r, 'months').flatMap((x) => perCurrency([s(x.month), n(x.count)], [x.value as Money[], x.weightedValue as Money[]])),
  }),
  tickets: (r) => {
    const dims: [string, string][] = [
      ['byClass', 'Clase'],
      ['byCategory', 'Categoría'],
      ['byChannel', 'Canal'],
      ['byPriority', 'Prioridad'],
    ];
    const legal = r.legalCompliance as Record<string, number | null>;
    const csat = r.csat as { average: number | null; distribution: Record<string, number> };
    const first = r.firstResponseBusinessMinutes as Item;
    const resolution = r.resolutionBusinessMinutes as Item;
    const sla = r.slaCompliance as Item;
    return {
      headers: ['Dimensión', 'Valor', 'Cantidad'],
      rows: [
        ['Total', 'Radicados', n(r.total)],
        ...dims.flatMap(([key, label]) => items(r, key).map((x): ExportCell[] => [label, s(x.key), n(x.count)])),
        ['Primera respuesta (minutos hábiles)', 'Promedio', n(first.average)],
        ['Primera respuesta (minutos hábiles)', 'Mediana', n(first.median)],
        ['Resolución (minutos hábiles)', 'Promedio', n(resolution.average)],
        ['Resolución (minutos hábiles)', 'Mediana', n(resolution.median)],
        ['Cumplimiento SLA', 'Cerrados', n(sla.closed)],
        ['Cumplimiento SLA', 'Cumplidos', n(sla.met)],
        ['Cumplimiento SLA', 'Tasa', n(sla.rate)],
        ...['on_time', 'late', 'extended', 'overdue', 'pending'].map((k): ExportCell[] => ['Cumplimiento legal', k, n(legal[k])]),
        ['Satisfacción', 'Promedio', n(csat.average)],
        ...Object.entries(csat.distribution).map(([k, v]): ExportCell[] => ['Satisfacción', `${k} estrellas`, n(v)]),
      ],
    };
  },
  activities: (r) => ({
    headers: ['Vendedor', 'Tipo', 'Creadas', 'Realizadas'],
    rows: items(r, 'rows').map((x): ExportCell[] => [s(x.name ?? x.userId), s(x.type), n(x.created), n(x.done)]),
  }),
};
