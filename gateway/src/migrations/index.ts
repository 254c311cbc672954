import { IdentitySchema1767000000000 } from './1767000000000-identity-schema.js';

/** The identity schema's migrations, in order (ESM: listed explicitly, never globbed). */
export const IDENTITY_MIGRATIONS = [IdentitySchema1767000000000];
