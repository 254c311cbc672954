import { describe, expect, it } from '@jest/globals';
import { bindingFor, isTopicPattern, topicMatches } from '../topic-pattern.js';
import { TopologyNames } from '../topology-names.js';

describe('topicMatches (RabbitMQ topic semantics)', () => {
  it.each([
    ['contacts.contact.assigned', 'contacts.contact.assigned', true],
    ['contacts.contact.assigned', 'contacts.contact.created', false],
    ['contacts.contact.*', 'contacts.contact.created', true],
    ['contacts.*', 'contacts.contact.created', false],
    ['contacts.#', 'contacts.contact.created', true],
    ['contacts.#', 'contacts', true],
    ['#', 'anything.at.all', true],
    ['*.contact.*', 'contacts.contact.created', true],
    ['#.created', 'contacts.contact.created', true],
    ['#.created', 'contacts.contact.updated', false],
    ['contacts.#.created', 'contacts.created', true],
    ['contacts.*.created', 'contacts.created', false],
    ['sales.order.*', 'sales.order.created.v2', false],
  ])('%s vs %s → %s', (pattern, key, expected) => {
    expect(topicMatches(pattern, key)).toBe(expected);
  });
});

describe('isTopicPattern', () => {
  it('accepts routing keys and wildcards, rejects the rest', () => {
    expect(isTopicPattern('contacts.contact.stage_changed')).toBe(true);
    expect(isTopicPattern('contacts.*')).toBe(true);
    expect(isTopicPattern('tickets.#')).toBe(true);
    expect(isTopicPattern('')).toBe(false);
    expect(isTopicPattern('contacts..created')).toBe(false);
    expect(isTopicPattern('{"cmd":"x"}')).toBe(false);
    expect(isTopicPattern('contacts.con*')).toBe(false);
  });
});

describe('bindingFor', () => {
  const names = new TopologyNames('t1.');
  const erp = ['sales', 'finance'];

  it('binds our events on crm.events and the ERP domains on erp.events', () => {
    expect(bindingFor('contacts.contact.assigned', undefined, names, erp)).toEqual({ exchange: 't1.crm.events', pattern: 'contacts.contact.assigned' });
    expect(bindingFor('sales.order.created', undefined, names, erp)).toEqual({ exchange: 't1.erp.events', pattern: 'sales.order.created' });
    expect(bindingFor('finance.#', undefined, names, erp).exchange).toBe('t1.erp.events');
  });

  it('lets a handler choose the exchange explicitly', () => {
    expect(bindingFor('billing.invoice.paid', { exchange: 'erp.events' }, names, erp).exchange).toBe('t1.erp.events');
    expect(bindingFor('sales.note.added', { exchange: 'crm.events' }, names, erp).exchange).toBe('t1.crm.events');
    expect(() => bindingFor('x.y', { exchange: 'other' }, names, erp)).toThrow('unknown exchange');
  });
});
