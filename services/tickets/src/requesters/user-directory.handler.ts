import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { IDENTITY_USER_CREATED, IDENTITY_USER_UPDATED, type CloudEvent, type UserSnapshotData } from '@crm/contracts';
import { InboxService } from '@crm/messaging';

/**
 * Keeps tickets' copy of each tenant's users: names and language for e-mails, teams and roles
 * to validate assignees, pick agents automatically and find a team's managers.
 */
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
    await this.inbox.handleOnce(event, 'tickets.user-directory', async (em) => {
      // Newer versions win; an older event arriving late changes nothing.
      await em.query(
        `INSERT INTO tickets.user_ref (user_id, tenant_id, name, email, language, team_ids, roles, active, source_version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (user_id) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email, language = EXCLUDED.language,
           team_ids = EXCLUDED.team_ids, roles = EXCLUDED.roles, active = EXCLUDED.active, source_version = EXCLUDED.source_version
         WHERE tickets.user_ref.source_version < EXCLUDED.source_version`,
        [user.userId, event.tenantid, user.name, user.email ?? null, user.locale === 'en' ? 'en' : 'es', user.teamIds ?? [], user.roles ?? [], user.active, user.version],
      );
    });
  }
}
