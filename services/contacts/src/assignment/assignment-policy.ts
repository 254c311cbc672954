import { hasRole, type AuthUser } from '@crm/auth';

/**
 * Who may hand a contact (that they can see and write) to someone: admins, managers and
 * integrations any; sales and support only contacts that are theirs or have no owner yet, so
 * nobody takes a colleague's contact away just because the team shares it. Null = allowed.
 */
export function assignmentDenial(user: AuthUser, contact: { ownerId: string | null }): string | null {
  if (user.kind === 'api-key' || hasRole(user, 'admin', 'manager')) return null;
  if (contact.ownerId === null || contact.ownerId === user.id) return null;
  return 'Solo puede reasignar sus propios contactos o los que aún no tienen responsable.';
}
