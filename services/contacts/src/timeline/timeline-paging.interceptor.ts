import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';
import type { AuthUser } from '@crm/auth';
import { API_PREFIX, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE, Problems } from '@crm/common';
import { TimelineRequestContext } from './timeline-request.context.js';

const TIMELINE_ROUTE = `/${API_PREFIX}/contacts/:id/timeline`;

/**
 * Gives `GET /contacts/{id}/timeline` its `?limit&cursor` paging and the viewer (private
 * entries), and adds `nextCursor` to the response: the route's controller belongs to the
 * contacts core and only passes the contact to TimelineService.list. Registered globally;
 * every other route passes straight through.
 */
@Injectable()
export class TimelinePagingInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    if (request.method !== 'GET' || request.routeOptions.url !== TIMELINE_ROUTE) return next.handle();

    const query = (request.query ?? {}) as Record<string, unknown>;
    const state = { limit: parseLimit(query.limit), cursor: parseCursor(query.cursor), viewerId: request.user?.id, nextCursor: null as string | null | undefined };
    // Nest binds the handler's async context to where handle() is called (AsyncResource.bind).
    return TimelineRequestContext.run(state, () => next.handle()).pipe(
      map((body) => (body && typeof body === 'object' && !Array.isArray(body) ? { ...body, nextCursor: state.nextCursor ?? null } : body)),
    );
  }
}

function parseLimit(value: unknown): number {
  if (value === undefined || value === '') return DEFAULT_PAGE_SIZE;
  const limit = typeof value === 'string' && /^\d{1,4}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw Problems.invalid([{ field: 'limit', message: `limit debe ser un entero entre 1 y ${MAX_PAGE_SIZE}.` }]);
  }
  return limit;
}

function parseCursor(value: unknown): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || value.length > 1000) throw Problems.invalid([{ field: 'cursor', message: 'cursor inválido' }]);
  return value;
}
