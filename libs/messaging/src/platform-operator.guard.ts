import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { JWT_SECRET } from '@crm/auth';
import { ProblemException } from '@crm/common';
import { isPlatformOperatorToken } from './platform-operator-token.js';

/** Admits only the gateway's platform-operator token (routes marked @Public() for the user guard). */
@Injectable()
export class PlatformOperatorGuard implements CanActivate {
  constructor(@Inject(JWT_SECRET) private readonly secret: string) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const header = context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>().headers.authorization;
    const value = Array.isArray(header) ? header[0] : header;
    const token = value?.startsWith('Bearer ') ? value.slice(7).trim() : undefined;
    if (token && this.secret && (await isPlatformOperatorToken(token, this.secret))) return true;
    // Tenant users (even admins) do not learn that the route exists.
    throw new ProblemException(404, 'Recurso no encontrado.');
  }
}
