import { Controller, Delete, Get, HttpCode, HttpException, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@crm/auth';
import { PageQueryDto, Problems, type Page } from '@crm/common';
import { DeadLetterService, type DeadLetterView } from './dead-letter.service.js';

/**
 * Admin view of this service's dead letters: deliveries it could not handle and events it could
 * not publish (parked outbox rows, `origin: 'outbox'`). An admin sees, replays and discards only
 * their own tenant's; those without a tenant are the platform operator's (PlatformDeadLettersController).
 */
@ApiTags('dead-letters')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/dead-letters')
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLetterService) {}

  @Get()
  list(@Query() query: PageQueryDto, @CurrentUser() user: AuthUser): Promise<Page<DeadLetterView>> {
    return this.deadLetters.list({ limit: query.limit, cursor: query.cursor, tenantId: user.tenantId });
  }

  @Get(':id')
  async get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() user: AuthUser): Promise<DeadLetterView> {
    const item = await this.deadLetters.get(id, user.tenantId);
    if (!item) throw Problems.notFound();
    return item;
  }

  @Post(':id/replay')
  @HttpCode(200)
  async replay(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() user: AuthUser): Promise<DeadLetterView> {
    let item: DeadLetterView | null;
    try {
      item = await this.deadLetters.replay(id, user.tenantId);
    } catch (err) {
      if (err instanceof HttpException) throw err;
      // Broker down or the queue missing: nothing was marked, the admin can simply retry.
      throw Problems.unavailable(`No se pudo reenviar el mensaje: ${(err as Error).message}`);
    }
    if (!item) throw Problems.notFound();
    return item;
  }

  @Delete(':id')
  @HttpCode(204)
  async discard(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() user: AuthUser): Promise<void> {
    if (!(await this.deadLetters.discard(id, user.tenantId))) throw Problems.notFound();
  }
}
