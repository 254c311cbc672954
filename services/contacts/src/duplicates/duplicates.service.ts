import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@crm/auth';
import { badCursorProblem, decodeKeysetCursor, encodeCursor, type Page } from '@crm/common';
import { ContactAccess } from '../contacts/contact-access.js';
import { toContactView, type ContactView } from '../contacts/contact.view.js';
import type { DuplicateGroupView, FoundGroup, PhasePage } from './duplicate-group.js';
import { DUPLICATE_REASONS, type DuplicateReason, type ListDuplicatesQueryDto } from './dto/list-duplicates.query.dto.js';
import { ExactKeyDuplicatesFinder } from './exact-key-duplicates.finder.js';
import { SimilarNameDuplicatesFinder, type NamePosition } from './similar-name-duplicates.finder.js';

type Position = string | NamePosition | null;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The cursor is flat text: [phase, key or name, id]; '' where the phase has no position yet (or no id). */
function encodePosition(phase: DuplicateReason, position: Position): string {
  if (position === null) return encodeCursor([phase, '', '']);
  return encodeCursor(typeof position === 'string' ? [phase, position, ''] : [phase, position[0], position[1]]);
}

/**
 * Likely duplicates among the contacts the caller can see, in phases: same e-mail, same phone,
 * same tax id (exact keys), then similar names in the same company or city. The cursor says
 * which phase and where in it; a page may hold fewer groups than asked while nextCursor is not
 * null (each request does bounded work), and is the end only when nextCursor is null.
 */
@Injectable()
export class DuplicatesService {
  constructor(
    private readonly access: ContactAccess,
    private readonly exactKeys: ExactKeyDuplicatesFinder,
    private readonly similarNames: SimilarNameDuplicatesFinder,
  ) {}

  async list(user: AuthUser, query: ListDuplicatesQueryDto): Promise<Page<DuplicateGroupView>> {
    const phases = DUPLICATE_REASONS.filter((reason) => !query.reason || query.reason.includes(reason));
    let [phaseIndex, position] = this.start(phases, query.cursor);
    const found: FoundGroup[] = [];
    while (phaseIndex < phases.length && found.length < query.limit) {
      const wanted = query.limit - found.length;
      const page = await this.phasePage(user, phases[phaseIndex], position, wanted);
      found.push(...page.groups);
      if (page.next === null) {
        phaseIndex++;
        position = null;
      } else {
        position = page.next;
        // A phase that stopped short of what was asked spent this request's budget.
        if (page.groups.length < wanted) break;
      }
    }
    const nextCursor = phaseIndex < phases.length ? encodePosition(phases[phaseIndex], position) : null;
    return { items: await this.views(user, found), nextCursor };
  }

  private phasePage(user: AuthUser, phase: DuplicateReason, position: Position, wanted: number): Promise<PhasePage<Position>> {
    if (phase === 'name') return this.similarNames.page(user, position as NamePosition | null, wanted);
    return this.exactKeys.page(user, phase, position as string | null, wanted);
  }

  /** [phase index, position in it] from the cursor; a cursor of another reason filter is a 400. */
  private start(phases: readonly DuplicateReason[], cursor: string | undefined): [number, Position] {
    const values = decodeKeysetCursor(cursor, ['key', 'text', 'text']);
    if (!values) return [0, null];
    const [phase, key, id] = values;
    const index = phases.indexOf(phase as DuplicateReason);
    if (index < 0) throw badCursorProblem();
    if (key === '' && id === '') return [index, null];
    if (phase === 'name') {
      if (!UUID.test(id)) throw badCursorProblem();
      return [index, [key, id]];
    }
    if (key === '' || id !== '') throw badCursorProblem();
    return [index, key];
  }

  /** Loads the members (visible, not merged) in one query and keeps groups still of two or more. */
  private async views(user: AuthUser, groups: FoundGroup[]): Promise<DuplicateGroupView[]> {
    const ids = [...new Set(groups.flatMap((group) => group.memberIds))];
    if (ids.length === 0) return [];
    const contacts = await this.access.visibleQuery(user).andWhere('c.id IN (:...ids)', { ids }).getMany();
    const byId = new Map<string, ContactView>(contacts.map((contact) => [contact.id, toContactView(contact)]));
    return groups
      .map((group) => {
        const members = group.memberIds.map((id) => byId.get(id)).filter((view): view is ContactView => Boolean(view));
        const key = group.reason === 'name' ? (members[0]?.displayName ?? group.key) : group.key;
        return { reason: group.reason, key, contacts: members, more: group.more, ...(group.similarity === undefined ? {} : { similarity: group.similarity }) };
      })
      .filter((group) => group.contacts.length >= 2);
  }
}
