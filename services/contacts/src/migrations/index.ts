import { InitialContacts1763712000000 } from './1763712000000-initial-contacts.js';
import { ContactProfile1763712100000 } from './1763712100000-contact-profile.js';

/** In order. ESM has no directory globbing, so every migration is listed here. */
export const CONTACTS_MIGRATIONS = [InitialContacts1763712000000, ContactProfile1763712100000];
