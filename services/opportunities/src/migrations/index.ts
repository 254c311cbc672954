import { OpportunitiesInitial1767225600000 } from './1767225600000-opportunities-initial.js';

/** In order; run at start (never `synchronize`). */
export const OPPORTUNITIES_MIGRATIONS = [OpportunitiesInitial1767225600000];
