import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC_KEY, ProblemException } from '@crm/common';
import type { Role } from '@crm/contracts';
import { verifyAccessToken } from './access-token.js';
import type { AuthUser } from './auth-user.js';
import { ROLES_KEY, SCOPES_KEY } from './decorators.js';

export const JWT_SECRET = Symbol('crm:jwtSecret');

interface RequestWithUser {
  headers: Record<string, string | string[] | undefined>;
  user?: AuthUser;
}

/**
 * Every service verifies the caller's token itself: the gateway is not the only lock.
 * 401 without a valid token; 403 when the role or API-key scope does not allow the route.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(JWT_SECRET) private readonly secret: string,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<RequestWithUser>();
    const header = request.headers.authorization;
    const value = Array.isArray(header) ? header[0] : header;
    const token = value?.startsWith('Bearer ') ? value.slice(7).trim() : undefined;
    if (!token) throw new ProblemException(401, 'Falta el token de acceso (cabecera Authorization: Bearer …).');
    try {
      request.user = await verifyAccessToken(token, this.secret);
    } catch {
      throw new ProblemException(401, 'El token de acceso no es válido o expiró.');
    }

    const user = request.user;
    // Integrations (API keys) have scopes, not roles: they reach only routes that declare the
    // scopes they need, and must hold every one of them.
    if (user.kind === 'api-key') {
      const scopes = this.reflector.getAllAndOverride<string[] | undefined>(SCOPES_KEY, targets);
      // No @Scopes at all: not an integration route. @Scopes() with no scope: any key may call.
      if (scopes === undefined) throw new ProblemException(403, 'Esta operación no está disponible para claves de API.');
      if (!scopes.every((scope) => user.scopes.includes(scope))) {
        throw new ProblemException(403, `La clave de API no tiene el alcance requerido (${scopes.join(', ')}).`);
      }
      return true;
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles?.length && !user.roles.some((role) => roles.includes(role))) {
      throw new ProblemException(403, 'Su rol no permite esta acción.');
    }
    return true;
  }
}
