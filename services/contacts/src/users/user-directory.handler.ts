import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { IDENTITY_USER_CREATED, IDENTITY_USER_UPDATED, type CloudEvent, type UserSnapshotData } from '@crm/contracts';
import { InboxService } from '@crm/messaging';

/** Keeps contacts' copy of each tenant's users, needed to validate owners and teams. */
@Controller()
export class UserDirectoryHandler {
  constructor(private readonly inbox: InboxService) {}

  @EventPattern<string>(IDENTITY_USER_CREATED)
  async onUserCreated(@Payload() event: CloudEvent<UserSnapshotData>): Promise<void> {
    await this.upsert(event);
  }

  @EventPattern<string>(IDENTITY_USER_UPDATED)
  async onUserUpdated(@Payload() event: CloudEvent<UserSnapshotData>): Promise<void> {
    await this.upsert(event);
  }

  private async upsert(event: CloudEvent<UserSnapshotData>): Promise<void> {
    const user = event.data;
    await this.inbox.handleOnce(event, 'contacts.user-directory', async (em) => {
      // Newer versions win; an older event arriving late changes nothing.
      await em.query(
        `INSERT INTO contacts.user_ref (user_id, tenant_id, name, team_ids, active, source_version, roles)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (user_id) DO UPDATE SET name = EXCLUDED.name, team_ids = EXCLUDED.team_ids,
           active = EXCLUDED.active, source_version = EXCLUDED.source_version, roles = EXCLUDED.roles
         WHERE contacts.user_ref.source_version < EXCLUDED.source_version`,
        [user.userId, event.tenantid, user.name, user.teamIds, user.active, user.version, user.roles ?? null],
      );
      // Every team an identity event mentions exists (the gateway publishes no team events):
      // kept even if a later event moves the user away, so the team stays usable.
      if (user.teamIds.length > 0) {
        await em.query('INSERT INTO contacts.team_ref (tenant_id, team_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING', [event.tenantid, user.teamIds]);
      }
    });
  }
}
