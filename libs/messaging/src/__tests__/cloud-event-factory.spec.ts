import { describe, expect, it } from '@jest/globals';
import { RequestContext } from '@crm/common';
import { buildCloudEvent } from '../cloud-event-factory.js';

const event = { type: 'contacts.contact.assigned', subject: 'c-1', tenantId: '7f0c8a0e-3f1b-4a53-9d7e-3c2f1c1b2a10', data: { ownerId: 'u-1' } };

describe('buildCloudEvent', () => {
  it('fills the CloudEvents 1.0 envelope of ARCHITECTURE §4', () => {
    const e = buildCloudEvent('contacts', event, new Date('2026-03-11T04:25:20.000Z'));
    expect(e).toMatchObject({
      specversion: '1.0',
      source: 'crm/contacts',
      type: 'contacts.contact.assigned',
      time: '2026-03-11T04:25:20.000Z',
      subject: 'c-1',
      datacontenttype: 'application/json',
      tenantid: event.tenantId,
      data: { ownerId: 'u-1' },
    });
    expect(e.id).toMatch(/^[0-9a-f-]{36}$/);
    // Outside a request the event starts its own correlation chain.
    expect(e.correlationid).toBe(e.id);
  });

  it('carries the current request correlation id, unless one is given', () => {
    const fromRequest = RequestContext.run({ requestId: 'r-1', correlationId: 'corr-1' }, () => buildCloudEvent('contacts', event));
    expect(fromRequest.correlationid).toBe('corr-1');
    const explicit = RequestContext.run({ requestId: 'r-1', correlationId: 'corr-1' }, () => buildCloudEvent('contacts', { ...event, correlationId: 'given' }));
    expect(explicit.correlationid).toBe('given');
  });

  it('refuses an event without type, subject or tenant', () => {
    expect(() => buildCloudEvent('contacts', { ...event, tenantId: '' })).toThrow('tenantId');
  });
});
