import { ReportingInitial1767225600000 } from './1767225600000-reporting-initial.js';

/** In order; run at start (never `synchronize`). */
export const REPORTING_MIGRATIONS = [ReportingInitial1767225600000];
