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
