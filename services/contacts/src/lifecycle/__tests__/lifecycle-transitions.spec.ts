import { describe, expect, it } from '@jest/globals';
import type { ContactLifecycle } from '@crm/contracts';
import { conversionRefusal, type LifecycleState } from '../lifecycle-transitions.js';

const state = (lifecycle: ContactLifecycle, extra: Partial<LifecycleState> = {}): LifecycleState => ({
  lifecycle,
  customerSince: lifecycle === 'customer' ? new Date() : null,
  supplierSince: lifecycle === 'supplier' ? new Date() : null,
  anonymizedAt: null,
  ...extra,
});

describe('conversionRefusal', () => {
  it('allows the forward moves: contact → prospect → customer, contact → customer, anyone → supplier', () => {
    expect(conversionRefusal(state('contact'), 'prospect')).toBeNull();
    expect(conversionRefusal(state('contact'), 'customer')).toBeNull();
    expect(conversionRefusal(state('prospect'), 'customer')).toBeNull();
    for (const from of ['contact', 'prospect', 'customer'] as const) expect(conversionRefusal(state(from), 'supplier')).toBeNull();
    expect(conversionRefusal(state('supplier'), 'customer')).toBeNull();
  });

  it('refuses going back, repeating, or converting an anonymised contact', () => {
    expect(conversionRefusal(state('prospect'), 'prospect')).toContain('Solo un contacto');
    expect(conversionRefusal(state('customer'), 'prospect')).toContain('cliente');
    expect(conversionRefusal(state('customer'), 'customer')).toBe('El contacto ya es cliente.');
    expect(conversionRefusal(state('supplier'), 'supplier')).toBe('El contacto ya es proveedor.');
    // A customer who became a supplier is still a customer.
    expect(conversionRefusal(state('supplier', { customerSince: new Date() }), 'customer')).toBe('El contacto ya es cliente.');
    expect(conversionRefusal(state('contact', { anonymizedAt: new Date() }), 'customer')).toContain('anonimizado');
  });
});
