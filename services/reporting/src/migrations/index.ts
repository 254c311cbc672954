import { outboxArchiveMigration } from '@crm/messaging';
import { ReportingInitial1767225600000 } from './1767225600000-reporting-initial.js';
import { ReportingReadModels1781100000000 } from './1781100000000-reporting-read-models.js';
import { ReportingFunnelCube1781150000000 } from './1781150000000-reporting-funnel-cube.js';

/** In order; run at start (never `synchronize`). The outbox archive stays last. */
export const REPORTING_MIGRATIONS = [ReportingInitial1767225600000, ReportingReadModels1781100000000, ReportingFunnelCube1781150000000, outboxArchiveMigration('reporting')];
