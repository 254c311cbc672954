import { describe, expect, it } from '@jest/globals';
import { testRunOfName } from '../amqp-cleanup.js';

describe('testRunOfName', () => {
  it('reads the start time and process of the run that declared a name', () => {
    expect(testRunOfName('t1796575112_17237.p91bacd.crm.events')).toEqual({ startedAt: 1796575112, pid: 17237 });
    expect(testRunOfName('t1796575112_17237.crm.contacts.dlq')).toEqual({ startedAt: 1796575112, pid: 17237 });
  });

  it('leaves alone names that no test run made', () => {
    expect(testRunOfName('crm.contacts')).toBeNull();
    expect(testRunOfName('crm.events')).toBeNull();
    expect(testRunOfName('tickets.crm.events')).toBeNull();
  });
});
