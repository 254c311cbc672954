import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@crm/contracts';
import type { AuthUser } from './auth-user.js';

export const ROLES_KEY = 'crm:roles';
export const SCOPES_KEY = 'crm:scopes';

/** Roles allowed on a route (any of them). Without it, any authenticated caller of the tenant. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);

/**
 * API-key scopes a route needs when the caller is an integration, e.g. `contacts:write`. Keys can
 * call only routes that carry this decorator; `@Scopes()` with no scope admits any valid key.
 */
export const Scopes = (...scopes: string[]): MethodDecorator & ClassDecorator => SetMetadata(SCOPES_KEY, scopes);

export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthUser => {
  const request = context.switchToHttp().getRequest<{ user?: AuthUser }>();
  if (!request.user) throw new Error('CurrentUser used on a public route');
  return request.user;
});
