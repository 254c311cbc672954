/** A part that failed or ran out of time, beside the parts that worked (the answer is still 200). */
export interface PartError {
  error: { service: string; status: number; detail: string };
}

export type Part<T = unknown> = T | PartError;

/** `GET /customers/{contactId}/360`: everything a seller or agent needs on one screen. */
export interface Customer360View {
  contactId: string;
  generatedAt: string;
  /** The time budget the parts had, in milliseconds. */
  budgetMs: number;
  /** The contact as contacts shows it to the caller (always present: it decides visibility). */
  profile: unknown;
  openOpportunities: Part<{ items: unknown[] }>;
  recentActivities: Part<{ items: unknown[] }>;
  openTickets: Part<{ items: unknown[] }>;
  timeline: Part<{ items: unknown[] }>;
  erpAccount: Part;
  lifetimeValue: Part;
  /** Names of the parts that failed, for a quick check. */
  failedParts: string[];
}
