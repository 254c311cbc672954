import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AuthModule } from '@crm/auth';
import { CommonModule } from '@crm/common';
import { DatabaseModule } from '@crm/database';
import { InboxService, MessagingModule } from '@crm/messaging';
import { startSmtpServer, type RunningSmtpServer } from '@crm/testing';
import { DataSource } from 'typeorm';
import { AssignmentsModule } from '../src/assignments/assignments.module.js';
import { ContactAssignedNotifier } from '../src/assignments/contact-assigned-notifier.service.js';
import { ContactAssignedHandler } from '../src/assignments/contact-assigned.handler.js';
import { NotificationsConfigModule } from '../src/config/notifications-config.module.js';
import { EmailDeliveryInProgressError } from '../src/deliveries/email-delivery-in-progress.error.js';
import { EmailDelivery } from '../src/deliveries/email-delivery.entity.js';
import { EmailSendFailedError } from '../src/deliveries/email-send-failed.error.js';
import { Notification } from '../src/in-app/notification.entity.js';
import { NOTIFICATIONS_MIGRATIONS } from '../src/migrations/index.js';
import { UserEventsHandler } from '../src/users/user-events.handler.js';
import { UserProjection } from '../src/users/user-projection.entity.js';
import { contactAssigned, userCreated } from './notifications-test-kit.js';

/**
 * The exactly-once e-mail rules against the real database and a real SMTP server on loopback
 * (which can refuse messages like a busy server): handlers are called directly, as the transport
 * would on each (re)delivery. The crash between sending and committing is a real SIGKILL of the
 * service process in email-crash.e2e-spec.ts.
 */
@Module({
  imports: [
    CommonModule.forService('notifications'),
    AuthModule.forRoot(),
    DatabaseModule.forService({ schema: 'notifications', entities: [UserProjection, EmailDelivery, Notification], migrations: NOTIFICATIONS_MIGRATIONS, poolSize: 4 }),
    MessagingModule.forService({ service: 'notifications', relay: false, consume: false }),
    NotificationsConfigModule,
    AssignmentsModule,
  ],
})
class DeliveryTestModule {}

describe('e-mail delivery (exactly once)', () => {
  let app: INestApplicationContext;
  let dataSource: DataSource;
  let handler: ContactAssignedHandler;
  let smtp: RunningSmtpServer;
  const received = (email: string) => smtp.messages.filter((mail) => mail.to.includes(email));
  const tenantId = randomUUID();
  const assignerId = randomUUID();

  async function knownUser(overrides: { active?: boolean } = {}): Promise<{ userId: string; email: string }> {
    const user = { userId: randomUUID(), email: `${randomUUID().slice(0, 8)}@demo.test`, name: 'Agente', ...overrides };
    await app.get(UserEventsHandler).onUserCreated(userCreated(tenantId, user));
    return user;
  }

  async function deliveryOf(messageId: string) {
    return dataSource.getRepository(EmailDelivery).findOneByOrFail({ messageId });
  }

  beforeAll(async () => {
    smtp = await startSmtpServer();
    process.env.SMTP_URL = smtp.url;
    process.env.MAIL_FROM = 'CRM <crm@demo.test>';
    app = await NestFactory.createApplicationContext(DeliveryTestModule, { logger: false });
    dataSource = app.get(DataSource);
    handler = app.get(ContactAssignedHandler);
  }, 30_000);

  afterAll(async () => {
    await app?.close();
    await smtp?.stop();
  });

  it('marks a delivery failed when SMTP refuses it, throws for a retry, and the retry sends it once', async () => {
    const user = await knownUser();
    const event = contactAssigned(tenantId, { ownerId: user.userId, assignedBy: assignerId });
    smtp.refuseNext();

    await expect(handler.onContactAssigned(event)).rejects.toBeInstanceOf(EmailSendFailedError);
    expect(await deliveryOf(event.id)).toMatchObject({ status: 'failed', attempts: 1, sentAt: null });
    expect((await deliveryOf(event.id)).lastError).toContain('421');
    expect(received(user.email)).toHaveLength(0);

    await handler.onContactAssigned(event);
    const delivery = await deliveryOf(event.id);
    expect(delivery).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    expect(delivery.providerMessageId).toMatch(/^250 /);
    expect(received(user.email)).toHaveLength(1);
    expect(received(user.email)[0].messageId).toBe(`<${delivery.id}@demo.test>`);

    // A later redelivery finds it sent: nothing else goes out.
    await handler.onContactAssigned(event);
    expect(received(user.email)).toHaveLength(1);
    expect(await dataSource.getRepository(Notification).countBy({ sourceMessageId: event.id })).toBe(1);
  });

  it('does not send a delivery another consumer is sending; the event is retried instead', async () => {
    const user = await knownUser();
    const event = contactAssigned(tenantId, { ownerId: user.userId, assignedBy: assignerId });
    await app.get(InboxService).handleOnce(event, 'notifications.contact-assigned', (em) => app.get(ContactAssignedNotifier).record(em, event));
    const delivery = await deliveryOf(event.id);

    const runner = dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      await runner.query('SELECT id FROM email_delivery WHERE id = $1 FOR UPDATE', [delivery.id]);
      await expect(handler.onContactAssigned(event)).rejects.toBeInstanceOf(EmailDeliveryInProgressError);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    expect(received(user.email)).toHaveLength(0);
    expect((await deliveryOf(event.id)).status).toBe('pending');
  });

  it('sends nothing to a deactivated user', async () => {
    const user = await knownUser({ active: false });
    const event = contactAssigned(tenantId, { ownerId: user.userId, assignedBy: assignerId });
    await handler.onContactAssigned(event);
    expect(await dataSource.getRepository(EmailDelivery).countBy({ messageId: event.id })).toBe(0);
    expect(await dataSource.getRepository(Notification).countBy({ sourceMessageId: event.id })).toBe(0);
    expect(received(user.email)).toHaveLength(0);
  });
});
