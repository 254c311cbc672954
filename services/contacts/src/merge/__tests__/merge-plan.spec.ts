import { describe, expect, it } from '@jest/globals';
import type { Contact } from '../../contacts/contact.entity.js';
import { planMerge } from '../merge-plan.js';

function contact(id: string, fields: Partial<Contact>): Contact {
  return {
    id,
    kind: 'person',
    firstName: null,
    lastName: null,
    companyName: null,
    displayName: '',
    email: null,
    phone: null,
    emails: [],
    phones: [],
    tags: [],
    city: null,
    taxId: null,
    priority: 'normal',
    marketingConsent: false,
    consentAt: null,
    consentChannel: null,
    interestIds: [],
    ...fields,
  } as Contact;
}

const primary = contact('p', {
  firstName: 'José',
  lastName: 'Pérez',
  displayName: 'José Pérez',
  email: 'jose@x.co',
  emails: [{ value: 'jose@x.co', label: 'work', primary: true }],
  tags: ['vip'],
  interestIds: ['i1'],
});
const duplicate = contact('d', {
  firstName: 'Jose',
  lastName: 'Perez Gómez',
  displayName: 'Jose Perez Gómez',
  email: 'jperez@y.co',
  emails: [{ value: 'jperez@y.co', label: 'home', primary: true }],
  phone: '+57 300 123 4567',
  phones: [{ value: '+57 300 123 4567', label: 'mobile', primary: true }],
  city: 'Medellín',
  taxId: '1.020.345.678',
  tags: ['feria-2026', 'vip'],
  interestIds: ['i2'],
  marketingConsent: true,
  consentAt: new Date('2026-01-10T00:00:00Z'),
  consentChannel: 'web',
});

describe('planMerge', () => {
  it('fills only the empty fields of the primary and unites the lists', () => {
    const { result, takenFrom } = planMerge(primary, [duplicate]);
    expect(result).toMatchObject({
      firstName: 'José',
      lastName: 'Pérez',
      displayName: 'José Pérez',
      city: 'Medellín',
      taxId: '1.020.345.678',
      email: 'jose@x.co',
      phone: '+57 300 123 4567',
    });
    expect(result.emails.map((e) => [e.value, e.primary])).toEqual([
      ['jose@x.co', true],
      ['jperez@y.co', false],
    ]);
    expect(result.tags).toEqual(['vip', 'feria-2026']);
    expect(result.interestIds).toEqual(['i1', 'i2']);
    expect(takenFrom).toMatchObject({ city: 'd', taxId: 'd' });
    expect(takenFrom.firstName).toBeUndefined();
  });

  it('takes the chosen contact value and recomputes the display name', () => {
    const { result, changes } = planMerge(primary, [duplicate], { lastName: 'd' });
    expect(result.displayName).toBe('José Perez Gómez');
    expect(changes).toEqual(expect.arrayContaining([{ field: 'lastName', from: 'Pérez', to: 'Perez Gómez' }]));
  });

  it('carries a consent decision as one piece when the primary never recorded one', () => {
    const { result } = planMerge(primary, [duplicate]);
    expect([result.marketingConsent, result.consentChannel]).toEqual([true, 'web']);
  });

  it('leaves the primary untouched (the plan is a copy)', () => {
    planMerge(primary, [duplicate], { city: 'd' });
    expect(primary.city).toBeNull();
    expect(primary.emails).toHaveLength(1);
  });
});
