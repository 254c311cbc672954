import { describe, expect, it } from '@jest/globals';
import { TopologyNames } from '../topology-names.js';

describe('TopologyNames', () => {
  it('prefixes every name so test runs never collide', () => {
    const names = new TopologyNames('t123_4.');
    const all = [
      names.events,
      names.erpEvents,
      names.unrouted,
      names.deadLetterExchange,
      names.serviceQueue('notifications'),
      names.deadLetterQueue('notifications'),
      names.retryQueue('notifications', 2),
    ];
    expect(all).toEqual([
      't123_4.crm.events',
      't123_4.erp.events',
      't123_4.crm.unrouted',
      't123_4.crm.dlx',
      't123_4.crm.notifications',
      't123_4.crm.notifications.dlq',
      't123_4.crm.notifications.retry.2',
    ]);
  });

  it('uses the plain names in production (no prefix)', () => {
    expect(new TopologyNames().events).toBe('crm.events');
    expect(new TopologyNames('').serviceQueue('reporting')).toBe('crm.reporting');
  });
});
