import { describe, expect, it } from '@jest/globals';
import type { AuthUser } from '../auth-user.js';
import { canWrite, isRecordVisible, visibilityLevel, visibilityPredicate } from '../record-visibility.js';

const base: AuthUser = { kind: 'user', id: 'u1', tenantId: 't1', roles: ['sales'], teamIds: ['team-a'], scopes: [] };
const columns = { owner: 'c.owner_id', team: 'c.team_id', createdBy: 'c.created_by', sharedWithTeam: 'c.shared_with_team' };

describe('record visibility', () => {
  it('gives admins the whole tenant', () => {
    expect(visibilityPredicate({ ...base, roles: ['admin'] }, columns).sql).toBe('1=1');
  });

  it('limits managers to their own and their teams records', () => {
    const { sql, params } = visibilityPredicate({ ...base, roles: ['manager'] }, columns);
    expect(sql).toContain('c.team_id IN (:...visTeamIds)');
    expect(sql).not.toContain('shared_with_team');
    expect(params.visTeamIds).toEqual(['team-a']);
  });

  it('limits sales to owned, created-unassigned and team-shared records', () => {
    const { sql } = visibilityPredicate(base, columns);
    expect(sql).toContain('c.owner_id = :visUserId');
    expect(sql).toContain('(c.shared_with_team AND c.team_id IN (:...visTeamIds))');
  });

  it('never matches a team for a user without teams', () => {
    const { params } = visibilityPredicate({ ...base, teamIds: [] }, columns);
    expect(params.visTeamIds).toEqual(['00000000-0000-0000-0000-000000000000']);
  });

  it('lets read-only users see shared records but write nothing', () => {
    const readonly = { ...base, roles: ['readonly' as const] };
    expect(visibilityLevel(readonly)).toBe('own');
    expect(visibilityPredicate(readonly, columns).sql).not.toContain('owner_id');
    expect(canWrite(readonly)).toBe(false);
    expect(canWrite(base)).toBe(true);
  });
});

describe('isRecordVisible (the same rule, for one record in memory)', () => {
  const record = (extra: Partial<{ ownerId: string | null; teamId: string | null; createdBy: string; sharedWithTeam: boolean }> = {}) => ({
    ownerId: 'someone',
    teamId: 'team-a',
    createdBy: 'someone',
    sharedWithTeam: true,
    ...extra,
  });

  it('lets admins and API keys see everything, managers their teams whether shared or not', () => {
    expect(isRecordVisible({ ...base, roles: ['admin'], teamIds: [] }, record({ teamId: 'team-z', sharedWithTeam: false }))).toBe(true);
    expect(isRecordVisible({ ...base, kind: 'api-key', roles: [] }, record({ teamId: null }))).toBe(true);
    expect(isRecordVisible({ ...base, roles: ['manager'] }, record({ sharedWithTeam: false }))).toBe(true);
    expect(isRecordVisible({ ...base, roles: ['manager'] }, record({ teamId: 'team-b' }))).toBe(false);
  });

  it('lets sales see what they own or created unassigned, and what their team shares', () => {
    expect(isRecordVisible(base, record())).toBe(true);
    expect(isRecordVisible(base, record({ sharedWithTeam: false }))).toBe(false);
    expect(isRecordVisible(base, record({ sharedWithTeam: false, ownerId: 'u1' }))).toBe(true);
    expect(isRecordVisible(base, record({ teamId: 'team-b', ownerId: null, createdBy: 'u1' }))).toBe(true);
    expect(isRecordVisible(base, record({ teamId: 'team-b', ownerId: 'other', createdBy: 'u1' }))).toBe(false);
  });

  it('lets read-only users see only what their team shares, even what they own', () => {
    const reader: AuthUser = { ...base, roles: ['readonly'] };
    expect(isRecordVisible(reader, record())).toBe(true);
    expect(isRecordVisible(reader, record({ ownerId: 'u1', sharedWithTeam: false }))).toBe(false);
  });
});
