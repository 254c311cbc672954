import { Controller, Inject, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { IDENTITY_USER_CREATED, IDENTITY_USER_UPDATED, type CloudEvent, type UserSnapshotData } from '@crm/contracts';
import { InboxService } from '@crm/messaging';
import { UserProjectionService } from './user-projection.service.js';

const CONSUMER = 'notifications.user-projection';

/** identity.user.created / identity.user.updated → the users projection (newest version wins). */
@Controller()
export class UserEventsHandler {
  private readonly logger = new Logger(UserEventsHandler.name);

  constructor(
    private readonly inbox: InboxService,
    @Inject(UserProjectionService) private readonly users: UserProjectionService,
  ) {}

  @EventPattern<string>(IDENTITY_USER_CREATED)
  async onUserCreated(@Payload() event: CloudEvent<UserSnapshotData>): Promise<void> {
    await this.project(event);
  }

  @EventPattern<string>(IDENTITY_USER_UPDATED)
  async onUserUpdated(@Payload() event: CloudEvent<UserSnapshotData>): Promise<void> {
    await this.project(event);
  }

  private async project(event: CloudEvent<UserSnapshotData>): Promise<void> {
    const { duplicate, result } = await this.inbox.handleOnce(event, CONSUMER, (em) => this.users.apply(em, event.tenantid, event.data));
    if (!duplicate && result === 'stale') this.logger.debug(`ignored stale ${event.type} v${event.data.version} for user ${event.data.userId}`);
  }
}
