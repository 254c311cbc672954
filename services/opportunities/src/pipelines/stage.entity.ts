import { Column, Entity } from 'typeorm';
import { TenantEntity } from '@crm/database';

export const STAGE_KINDS = ['open', 'won', 'lost'] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

/** An ordered step of a pipeline. Archived stages keep their history but take no new deals. */
@Entity({ name: 'stage' })
export class Stage extends TenantEntity {
  @Column({ name: 'pipeline_id', type: 'uuid' })
  pipelineId: string;

  @Column({ type: 'text' })
  name: string;

  /** Seeded stages: the name is translated on `Accept-Language: en` until renamed. */
  @Column({ name: 'seed_key', type: 'text', nullable: true })
  seedKey: string | null;

  @Column({ type: 'int' })
  position: number;

  /** Default probability (0-100) of the deals in it. */
  @Column({ type: 'int' })
  probability: number;

  @Column({ type: 'text' })
  kind: StageKind;

  /** HolaGest: "qué estados se muestran como pestañas" in the list. */
  @Column({ name: 'shown_as_tab', type: 'boolean', default: true })
  shownAsTab: boolean;

  /** Days without activity after which a deal in this stage is stale; null = never. */
  @Column({ name: 'stale_after_days', type: 'int', nullable: true })
  staleAfterDays: number | null;

  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt: Date | null;
}
