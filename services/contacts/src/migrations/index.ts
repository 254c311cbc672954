import { outboxArchiveMigration } from '@crm/messaging';
import { InitialContacts1763712000000 } from './1763712000000-initial-contacts.js';
import { ContactProfile1763712100000 } from './1763712100000-contact-profile.js';
import { LifecycleCatalogsAssignment1763712200000 } from './1763712200000-lifecycle-catalogs-assignment.js';
import { ContactNotes1763712300000 } from './1763712300000-contact-notes.js';
import { ContactImports1763712400000 } from './1763712400000-contact-imports.js';
import { SearchDuplicatesMerge1763712500000 } from './1763712500000-search-duplicates-merge.js';
import { ErpActivityFormsPrivacy1763712600000 } from './1763712600000-erp-activity-forms-privacy.js';
import { ObjectRemoval1763712750000 } from './1763712750000-object-removal.js';
import { TeamsIdempotency1763712800000 } from './1763712800000-teams-idempotency.js';
import { RateLimits1763719900000 } from './1763719900000-rate-limits.js';

/** In order. ESM has no directory globbing, so every migration is listed here. */
export const CONTACTS_MIGRATIONS = [
  InitialContacts1763712000000,
  ContactProfile1763712100000,
  LifecycleCatalogsAssignment1763712200000,
  ContactNotes1763712300000,
  ContactImports1763712400000,
  SearchDuplicatesMerge1763712500000,
  ErpActivityFormsPrivacy1763712600000,
  ObjectRemoval1763712750000,
  TeamsIdempotency1763712800000,
  RateLimits1763719900000,
  outboxArchiveMigration('contacts'),
];
