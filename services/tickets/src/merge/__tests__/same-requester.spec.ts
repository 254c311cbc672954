import { describe, expect, it } from '@jest/globals';
import { sameRequester } from '../same-requester.js';

const none = { contactId: null, requesterEmail: null, requesterDocumentType: null, requesterDocumentNumber: null };

describe('same requester (merge guard)', () => {
  it('matches by contact, e-mail (any case) or identity document', () => {
    expect(sameRequester({ ...none, contactId: 'c1' }, { ...none, contactId: 'c1' })).toBe(true);
    expect(sameRequester({ ...none, requesterEmail: 'Maria@Cliente.co ' }, { ...none, requesterEmail: 'maria@cliente.co' })).toBe(true);
    expect(sameRequester({ ...none, requesterDocumentType: 'CC', requesterDocumentNumber: '1020' }, { ...none, requesterDocumentType: 'cc', requesterDocumentNumber: '1020' })).toBe(true);
  });

  it('refuses different people and requesters without any identifier', () => {
    expect(sameRequester({ ...none, contactId: 'c1', requesterEmail: 'a@x.co' }, { ...none, contactId: 'c2', requesterEmail: 'b@x.co' })).toBe(false);
    expect(sameRequester({ ...none, requesterDocumentType: 'CC', requesterDocumentNumber: '1020' }, { ...none, requesterDocumentType: 'NIT', requesterDocumentNumber: '1020' })).toBe(false);
    expect(sameRequester(none, none)).toBe(false);
  });
});
