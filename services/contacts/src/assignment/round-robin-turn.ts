/**
 * The member whose turn comes after `lastUserId` in `members` (cyclic). When the last one is no
 * longer a member, the turn starts over at the first. `undefined` when there is nobody.
 */
export function nextInTurn(members: readonly string[], lastUserId: string | null): string | undefined {
  if (members.length === 0) return undefined;
  const index = lastUserId ? members.indexOf(lastUserId) : -1;
  return members[(index + 1) % members.length];
}
