import type { ContactLifecycle, ConversionTarget } from '@crm/contracts';

export interface LifecycleState {
  lifecycle: ContactLifecycle;
  customerSince: Date | null;
  supplierSince: Date | null;
  anonymizedAt: Date | null;
}

/**
 * The conversion rules. Forward only: contact → prospect → customer (or contact → customer);
 * anyone can become a supplier. Being a customer and being a supplier are independent and
 * permanent, so a customer may also become a supplier (and a supplier a customer); `lifecycle`
 * then shows the latest conversion while customerSince/supplierSince keep both.
 * Returns why the conversion is refused (a 409), or null when it is allowed.
 */
export function conversionRefusal(state: LifecycleState, to: ConversionTarget): string | null {
  if (state.anonymizedAt) return 'El contacto fue anonimizado; no se puede convertir.';
  switch (to) {
    case 'prospect':
      return state.lifecycle === 'contact' ? null : `Solo un contacto puede pasar a prospecto (este es ${LABELS[state.lifecycle]}).`;
    case 'customer':
      return state.customerSince || state.lifecycle === 'customer' ? 'El contacto ya es cliente.' : null;
    case 'supplier':
      return state.supplierSince || state.lifecycle === 'supplier' ? 'El contacto ya es proveedor.' : null;
  }
}

const LABELS: Record<ContactLifecycle, string> = { contact: 'contacto', prospect: 'prospecto', customer: 'cliente', supplier: 'proveedor' };
