import type { TeamSnapshotData } from '@crm/contracts';
import type { Team } from './team.entity.js';

export interface TeamView {
  id: string;
  tenantId: string;
  name: string;
  description: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function toTeamView(team: Team): TeamView {
  return {
    id: team.id,
    tenantId: team.tenantId,
    name: team.name,
    description: team.description,
    version: team.version,
    createdAt: team.createdAt.toISOString(),
    updatedAt: team.updatedAt.toISOString(),
  };
}

/** The identity.team.* event payload. */
export function toTeamSnapshot(team: Team): TeamSnapshotData {
  return { teamId: team.id, name: team.name, description: team.description, active: true, version: team.version, occurredAt: new Date().toISOString() };
}
