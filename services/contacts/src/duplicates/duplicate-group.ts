import type { ContactView } from '../contacts/contact.view.js';
import type { DuplicateReason } from './dto/list-duplicates.query.dto.js';

/** Members of a group shown at most; `more` says the group is larger. */
export const MAX_GROUP_MEMBERS = 20;

/** A group as found, before its members are loaded. */
export interface FoundGroup {
  reason: DuplicateReason;
  /** What the members share: the e-mail, the phone's last 9 digits, the tax id without punctuation, or the name of the first member. */
  key: string;
  memberIds: string[];
  more: boolean;
  /** Name groups: the lowest trigram similarity of a member's name to the first member's (0–1). */
  similarity?: number;
}

export interface DuplicateGroupView {
  reason: DuplicateReason;
  key: string;
  contacts: ContactView[];
  more: boolean;
  similarity?: number;
}

/** One phase's page: groups in order and where the phase goes on from (null = phase done). */
export interface PhasePage<Position> {
  groups: FoundGroup[];
  next: Position | null;
}

/**
 * Groups of a name-similarity page, by seed in seed order: a seed with its matches, skipping a
 * seed whose group is already inside an earlier one, stopping once `wanted` groups are found.
 * Returns the groups and the index of the last seed used (for the cursor).
 */
export function nameGroups(seeds: { id: string; name: string; matches: { id: string; score: number }[] }[], wanted: number): { groups: FoundGroup[]; lastSeed: number } {
  const groups: FoundGroup[] = [];
  const emitted: Set<string>[] = [];
  for (let i = 0; i < seeds.length; i++) {
    const seed = seeds[i];
    if (seed.matches.length === 0) continue;
    const members = [seed.id, ...seed.matches.map((match) => match.id)];
    if (emitted.some((group) => members.every((id) => group.has(id)))) continue;
    emitted.push(new Set(members));
    groups.push({
      reason: 'name',
      key: seed.name,
      memberIds: members.slice(0, MAX_GROUP_MEMBERS),
      more: members.length > MAX_GROUP_MEMBERS,
      similarity: Math.round(Math.min(...seed.matches.map((match) => match.score)) * 100) / 100,
    });
    if (groups.length >= wanted) return { groups, lastSeed: i };
  }
  return { groups, lastSeed: seeds.length - 1 };
}
