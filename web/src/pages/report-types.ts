/** The reporting API's answers (services/reporting sales-reports / performance-reports, docs/reporting.md). */
import type { Money } from '../i18n/format';

export interface Period {
  from: string;
  to: string;
}

export interface DashboardReport extends Period {
  totalContacts: number;
  contactsByLifecycle: Record<'contact' | 'prospect' | 'customer' | 'supplier', number>;
  assignedContacts: number;
  contactsCreatedToday: number;
  contactsCreatedLast30Days: number;
  activeOpportunities: number;
  potentialValue: Money[];
  weightedValue: Money[];
  conversionRate: {
    opportunities: { won: number; lost: number; closed: number; rate: number | null };
    leads: { created: number; converted: number; rate: number | null };
  };
}

export interface FunnelReport extends Period {
  byStage: Array<{
    stageId: string;
    name: string | null;
    probability: number | null;
    reached: number;
    reachedValue: Money[];
    open: number;
    openValue: Money[];
    conversionToNext: number | null;
  }>;
}

export interface StageDistributionReport extends Period {
  total: number;
  stages: Array<{ stageId: string; name: string | null; count: number; value: Money[]; weightedValue: Money[]; share: number | null }>;
}

export interface SellersReport extends Period {
  rankedBy: { currency: string };
  sellers: Array<{ rank: number; ownerId: string; name: string | null; won: number; lost: number; wonValue: Money[]; activitiesDone: number; winRate: number | null }>;
}

export interface TrendsReport extends Period {
  granularity: 'week' | 'month';
  series: Array<{ period: string; created: number; won: number; lost: number; createdValue: Money[]; wonValue: Money[]; lostValue: Money[] }>;
}

/** The amount in `currency` of a per-currency list (0 when absent). */
export const amountIn = (money: Money[] | undefined, currency = 'COP'): number => Number(money?.find((item) => item.currency === currency)?.amount ?? 0);

/** `GET /reports/sales-cycle` (performance-reports.service.ts): deals closed in the period, days to close, time in stage. */
export interface SalesCycleReport extends Period {
  won: number;
  lost: number;
  winRate: number | null;
  averageDaysToWin: number | null;
  medianDaysToWin: number | null;
  averageDaysToLose: number | null;
  medianDaysToLose: number | null;
  timeInStage: Array<{ stageId: string; name: string | null; probability: number | null; exits: number; averageDays: number | null; medianDays: number | null }>;
}

/** `GET /reports/sources`: leads, customers acquired, won deals, cost and CAC per source. */
export interface SourcesReport extends Period {
  sources: Array<{ sourceId: string; name: string | null; channel: string | null; leads: number; customers: number; won: number; wonValue: Money[]; cost: Money[]; cac: Money[] }>;
}

/** `GET /reports/customers/value` (service-reports.service.ts): CLTV per customer and currency from the ERP's invoices. */
export interface CustomersValueReport extends Period {
  horizonMonths: number;
  formula: string;
  customers: Array<{
    contactId: string;
    name: string | null;
    currency: string;
    invoices: number;
    revenueToDate: Money;
    paidToDate: Money;
    averageOrder: Money;
    monthsActive: number;
    purchaseFrequencyPerMonth: number;
    firstPurchaseAt: string | null;
    lastPurchaseAt: string | null;
    projectedCltv: Money;
  }>;
}

/** `GET /reports/forecast`: open deals by expected close month (`YYYY-MM`), value and weighted value. */
export interface ForecastReport extends Period {
  months: Array<{ month: string; count: number; value: Money[]; weightedValue: Money[] }>;
}

export type LegalOutcome = 'on_time' | 'late' | 'extended' | 'overdue' | 'pending';

/** `GET /reports/tickets`: PQRs received in the period. Times in business minutes. */
export interface TicketsReport extends Period {
  total: number;
  closed: number;
  byClass: Array<{ key: string | null; count: number }>;
  byCategory: Array<{ key: string | null; count: number }>;
  byChannel: Array<{ key: string | null; count: number }>;
  byPriority: Array<{ key: string | null; count: number }>;
  firstResponseBusinessMinutes: { answered: number; average: number | null; median: number | null };
  resolutionBusinessMinutes: { resolved: number; average: number | null; median: number | null };
  slaCompliance: { closed: number; met: number; rate: number | null };
  legalCompliance: Record<LegalOutcome, number> & { answered: number; rate: number | null };
  csat: { responses: number; average: number | null; distribution: Record<'1' | '2' | '3' | '4' | '5', number> };
}

/** `GET /reports/activities`: per assignee and type, created and done in the period. */
export interface ActivitiesReport extends Period {
  rows: Array<{ userId: string; name: string | null; type: string; created: number; done: number }>;
}
