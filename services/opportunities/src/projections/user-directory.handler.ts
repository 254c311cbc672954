import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { IDENTITY_USER_CREATED, IDENTITY_USER_UPDATED, type CloudEvent, type UserSnapshotData } from '@crm/contracts';
import { InboxService } from '@crm/messaging';

/** Keeps opportunities' copy of each tenant's users: agents, assignees and owners must be real, active people. */
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
    await this.inbox.handleOnce(event, 'opportunities.user-directory', async (em) => {
      await em.query(
        `INSERT INTO opportunities.user_ref (user_id, tenant_id, name, email, roles, team_ids, active, locale, source_version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (user_id) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email, roles = EXCLUDED.roles, team_ids = EXCLUDED.team_ids,
           active = EXCLUDED.active, locale = EXCLUDED.locale, source_version = EXCLUDED.source_version
         WHERE opportunities.user_ref.source_version < EXCLUDED.source_version`,
        [user.userId, event.tenantid, user.name, user.email, user.roles ?? [], user.teamIds ?? [], user.active, user.locale ?? 'es', user.version],
      );
    });
  }
}
