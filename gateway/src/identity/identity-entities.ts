import { ApiKey } from './api-keys/api-key.entity.js';
import { AuditEntry } from './audit/audit-entry.entity.js';
import { RefreshToken } from './auth/refresh-token.entity.js';
import { Team } from './teams/team.entity.js';
import { Tenant } from './tenants/tenant.entity.js';
import { UserTeam } from './users/user-team.entity.js';
import { User } from './users/user.entity.js';

export const IDENTITY_ENTITIES = [Tenant, User, UserTeam, Team, ApiKey, RefreshToken, AuditEntry];
