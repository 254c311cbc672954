import { describe, expect, it } from '@jest/globals';
import { ticketMailId } from '@crm/common';
import { ignoreReason, type LoopSignals } from '../loop-guard.js';

const SECRET = 'a-long-enough-secret-for-ticket-mail-ids-0123456789';

function mail(headers: Record<string, string>, extra: Partial<LoopSignals> = {}): LoopSignals {
  return {
    headers: new Map(Object.entries(headers)),
    messageId: '<abc@cliente.test>',
    fromAddress: 'maria@cliente.test',
    envelopeFrom: 'maria@cliente.test',
    contentType: 'text/plain',
    ...extra,
  };
}

describe('loop guard', () => {
  it('lets a person’s e-mail through (Auto-Submitted: no included)', () => {
    expect(ignoreReason(mail({}), SECRET)).toBeNull();
    expect(ignoreReason(mail({ 'auto-submitted': 'no' }), SECRET)).toBeNull();
    expect(ignoreReason(mail({ precedence: 'first-class' }), SECRET)).toBeNull();
  });

  it('ignores auto-replies, bulk and list mail', () => {
    expect(ignoreReason(mail({ 'auto-submitted': 'auto-replied' }), SECRET)).toBe('auto_submitted');
    expect(ignoreReason(mail({ 'auto-submitted': 'auto-generated; owner-email="x@y"' }), SECRET)).toBe('auto_submitted');
    expect(ignoreReason(mail({ precedence: 'bulk' }), SECRET)).toBe('precedence');
    expect(ignoreReason(mail({ precedence: 'Junk' }), SECRET)).toBe('precedence');
    expect(ignoreReason(mail({ precedence: 'list' }), SECRET)).toBe('precedence');
    expect(ignoreReason(mail({ 'x-autoreply': 'yes' }), SECRET)).toBe('autoreply_header');
  });

  it('ignores our own e-mails coming back and bounces', () => {
    const ours = ticketMailId(SECRET, '6f1c1a52-0a4e-4c8e-9c57-1f2a3b4c5d6e', 'crm.test');
    expect(ignoreReason(mail({}, { messageId: ours }), SECRET)).toBe('own_message');
    expect(ignoreReason(mail({ 'x-crm-template': 'ticket-acknowledgement' }), SECRET)).toBe('own_message');
    expect(ignoreReason(mail({}, { envelopeFrom: '' }), SECRET)).toBe('mailer_daemon');
    expect(ignoreReason(mail({}, { fromAddress: 'MAILER-DAEMON@mx.cliente.test' }), SECRET)).toBe('mailer_daemon');
    expect(ignoreReason(mail({}, { fromAddress: 'postmaster@cliente.test' }), SECRET)).toBe('mailer_daemon');
    expect(ignoreReason(mail({}, { contentType: 'multipart/report; report-type=delivery-status; boundary="x"' }), SECRET)).toBe('delivery_report');
  });
});
