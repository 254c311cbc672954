// The one window exactly-once e-mail cannot close by itself: the SMTP server accepted the
// message and the notifications process dies before it commits `sent`. A real SIGKILL of the
// service process in that window (held open by the test-only NOTIFICATIONS_TEST_PAUSE_AFTER_SEND
// hook), a restart, the broker's redelivery; driven and read through the gateway and the real
// loopback SMTP server.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CrmWorld, waitFor } from '@crm/testing';

interface DeliveryView {
  id: string;
  toAddress: string;
  status: string;
  attempts: number;
}

describe('an assignment e-mail whose sender is killed between the SMTP send and the commit', () => {
  let world: CrmWorld;
  const folder = mkdtempSync(join(tmpdir(), 'crm-pause-'));
  const pauseFile = join(folder, 'paused-after-send');

  beforeAll(async () => {
    world = await CrmWorld.start({ services: ['contacts', 'notifications'], env: { NOTIFICATIONS_TEST_PAUSE_AFTER_SEND: pauseFile } });
  }, 120_000);

  afterAll(async () => {
    await world?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('reaches the recipient as one message (one Message-ID), one delivery marked sent and one in-app notification after the restart', async () => {
    const agent = await world.createUser(['sales'], [], { name: 'Laura Restrepo' });
    const contact = await world.createContact(world.adminToken, { firstName: 'Andrés', lastName: 'Zapata' });
    await world.assign(world.adminToken, contact.id, agent.id);

    // The SMTP server has the message and the process is parked before its `sent` commit.
    const pausedDelivery = await waitFor(async () => existsSync(pauseFile) && readFileSync(pauseFile, 'utf8'), {
      timeoutMs: 20_000,
      description: 'the sender to pause after SMTP accepted the e-mail',
    });
    const [first] = await world.platform.smtp.waitForMessages((mail) => mail.to.includes(agent.email));
    expect(first.headers['x-crm-delivery-id']).toBe(pausedDelivery);

    await world.platform.stopService('notifications', 'SIGKILL');
    expect(world.platform.processes.get('notifications')!.child.signalCode).toBe('SIGKILL');
    delete world.platform.env.NOTIFICATIONS_TEST_PAUSE_AFTER_SEND;
    await world.platform.startService('notifications');

    // The broker redelivers the unacknowledged event; the row was still `pending` (the kill
    // rolled back its transaction), so it is sent again under the same Message-ID and marked.
    const delivery = await waitFor(
      async () => {
        const response = await world.api.get('/api/v1/email-deliveries?limit=200', world.adminToken);
        const mine = (response.body.items as DeliveryView[] | undefined)?.filter((item) => item.toAddress === agent.email) ?? [];
        return mine.length === 1 && mine[0].status === 'sent' ? mine[0] : undefined;
      },
      { timeoutMs: 30_000, description: 'the delivery log to show the e-mail sent' },
    );
    expect(delivery).toMatchObject({ id: pausedDelivery, attempts: 1 });

    const copies = world.platform.smtp.messages.filter((mail) => mail.to.includes(agent.email));
    expect(copies.map((mail) => mail.headers['x-crm-delivery-id'])).toEqual([pausedDelivery, pausedDelivery]);
    // What the recipient's mailbox shows: one message, since both transmissions carry one Message-ID.
    expect(new Set(copies.map((mail) => mail.messageId))).toEqual(new Set([`<${pausedDelivery}@demo.test>`]));
    expect(copies[1].subject).toBe(first.subject);

    const feed = await world.api.get('/api/v1/notifications', agent.token);
    expect(feed.status).toBe(200);
    expect(feed.body.items.filter((item: { type: string }) => item.type === 'contact.assigned')).toHaveLength(1);
  });
});
