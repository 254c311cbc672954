import { outboxArchiveMigration } from '@crm/messaging';
import { ReportingInitial1767225600000 } from './1767225600000-reporting-initial.js';
import { ReportingReadModels1781100000000 } from './1781100000000-reporting-read-models.js';

/** In order; run at start (never `synchronize`). */
export const REPORTING_MIGRATIONS = [ReportingInitial1767225600000, ReportingReadModels1781100000000, outboxArchiveMigration('reporting')];
