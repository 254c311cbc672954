import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { CONTACTS_CONTACT_ASSIGNED, EVENT_CATALOG, findEventDefinition } from '@crm/contracts';
import { EventValidator } from '../event-validator.js';

function assigned(data: Record<string, unknown> = {}, envelope: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    specversion: '1.0',
    id: randomUUID(),
    source: 'crm/contacts',
    type: CONTACTS_CONTACT_ASSIGNED,
    time: new Date().toISOString(),
    subject: 'c-1',
    datacontenttype: 'application/json',
    tenantid: randomUUID(),
    data: {
      contactId: randomUUID(),
      displayName: 'Ana Gómez',
      ownerId: randomUUID(),
      previousOwnerId: null,
      teamId: null,
      assignedBy: randomUUID(),
      assignedAt: new Date().toISOString(),
      version: 2,
      ...data,
    },
    ...envelope,
  };
}

describe('EventValidator (contracts event catalogue)', () => {
  const validator = new EventValidator();

  it('accepts an event that matches its catalogue schema, and says the type is known', () => {
    expect(validator.validate(CONTACTS_CONTACT_ASSIGNED, assigned())).toEqual({ valid: true, known: true });
    // Changes to a type are additive: unknown fields pass.
    expect(validator.validate(CONTACTS_CONTACT_ASSIGNED, assigned({ addedLater: 1 }))).toEqual({ valid: true, known: true });
  });

  it('refuses a well-formed but wrong-shaped event and names every field at fault', () => {
    const result = validator.validate(CONTACTS_CONTACT_ASSIGNED, assigned({ ownerId: 42, version: 'two' }));
    expect(result.valid).toBe(false);
    const reason = (result as { reason: string }).reason;
    expect(reason).toContain('/data/ownerId must be string');
    expect(reason).toContain('/data/version must be integer');
  });

  it('refuses a missing data object, a missing or malformed tenant, and a body whose type is not its routing key', () => {
    const noData = assigned();
    delete noData.data;
    expect(validator.validate(CONTACTS_CONTACT_ASSIGNED, noData)).toMatchObject({ valid: false, reason: expect.stringContaining("must have required property 'data'") });
    const noTenant = assigned();
    delete noTenant.tenantid;
    expect(validator.validate(CONTACTS_CONTACT_ASSIGNED, noTenant)).toMatchObject({ valid: false, reason: expect.stringContaining("'tenantid'") });
    expect(validator.validate(CONTACTS_CONTACT_ASSIGNED, assigned({}, { tenantid: 'acme' }))).toMatchObject({
      valid: false,
      reason: expect.stringContaining('/tenantid must match format "uuid"'),
    });
    expect(validator.validate(CONTACTS_CONTACT_ASSIGNED, assigned({}, { type: 'contacts.contact.created' }))).toMatchObject({ valid: false, reason: expect.stringContaining('/type') });
  });

  it('checks only the envelope of a type the catalogue does not know', () => {
    const event = assigned({}, { type: 'itest.thing.created', data: { anything: true } });
    expect(validator.validate('itest.thing.created', event)).toEqual({ valid: true, known: false });
    expect(validator.validate('itest.thing.created', { ...event, specversion: '0.3' })).toMatchObject({ valid: false });
  });

  it('compiles each type once', () => {
    const lookups: string[] = [];
    const counting = new EventValidator((type) => {
      lookups.push(type);
      return findEventDefinition(type);
    });
    for (let i = 0; i < 5; i++) counting.validate(CONTACTS_CONTACT_ASSIGNED, assigned());
    counting.validate('itest.other', assigned({}, { type: 'itest.other' }));
    counting.validate('itest.other', assigned({}, { type: 'itest.other' }));
    expect(lookups).toEqual([CONTACTS_CONTACT_ASSIGNED, 'itest.other']);
  });

  it('compiles the schema of every type in the catalogue', () => {
    const broken: string[] = [];
    const strict = new EventValidator(findEventDefinition, (type) => broken.push(type));
    for (const definition of EVENT_CATALOG) strict.validate(definition.type, {});
    expect(broken).toEqual([]);
    expect(EVENT_CATALOG.length).toBeGreaterThan(10);
  });

  it('falls back to the envelope check when a schema does not compile, and says so', () => {
    const errors: string[] = [];
    const validator = new EventValidator(
      () => ({ schema: { type: 'object', properties: { a: { $ref: '#/nowhere' } } } as never }),
      (type) => errors.push(type),
    );
    expect(validator.validate('x.y.z', assigned({}, { type: 'x.y.z' }))).toEqual({ valid: true, known: false });
    expect(errors).toEqual(['x.y.z']);
  });
});
