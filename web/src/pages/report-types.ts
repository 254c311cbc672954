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
