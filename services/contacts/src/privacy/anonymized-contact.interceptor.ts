import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import type { AuthUser } from '@crm/auth';
import { API_PREFIX, Problems, isUuid } from '@crm/common';
import { ContactAccess } from '../contacts/contact-access.js';

/** Routes that change a contact (or something hanging from it): `/contacts/:id…`, `/companies/:id…`. */
const CONTACT_ROUTE = new RegExp(`^/${API_PREFIX}/(?:contacts|companies)/:(id|contactId|companyId)(?:/|$)`);
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * An anonymised contact cannot be edited: any write under its path (PATCH, notes, documents,
 * assignment, conversion, consent…) answers 409. Checked here, once for every feature, because
 * those routes belong to several modules. Visibility is applied first, so a contact the caller
 * may not see is still a 404 from the route itself, never a 409 that would reveal it.
 */
@Injectable()
export class AnonymizedContactInterceptor implements NestInterceptor {
  constructor(private readonly access: ContactAccess) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    if (READS.has(request.method) || !request.user) return next.handle();
    const match = CONTACT_ROUTE.exec(request.routeOptions.url ?? '');
    const id = match ? (request.params as Record<string, string | undefined>)[match[1]!] : undefined;
    if (!id || !isUuid(id)) return next.handle();
    const anonymized = await this.access.visibleQuery(request.user).andWhere('c.id = :anonymizedCheckId', { anonymizedCheckId: id }).andWhere('c.anonymized_at IS NOT NULL').getExists();
    if (anonymized) throw Problems.conflict('El contacto fue anonimizado y no puede modificarse.');
    return next.handle();
  }
}
