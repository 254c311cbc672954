import { Controller, Delete, Get, HttpCode, HttpException, Logger, Param, ParseUUIDPipe, Post, Query, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PageQueryDto, Problems, Public, type Page } from '@crm/common';
import { DeadLetterService, type DeadLetterView } from './dead-letter.service.js';
import { PlatformOperatorGuard } from './platform-operator.guard.js';

const WITHOUT_TENANT = { withoutTenant: true } as const;

/**
 * The platform operator's view of dead letters that belong to no tenant (malformed events from
 * outside, bodies that are not JSON): no tenant admin can see them. Reached only through the
 * gateway's `/api/v1/platform/dead-letters?service=…`, which checks PLATFORM_API_KEY and calls
 * with a platform-operator token.
 */
@ApiExcludeController()
@Public()
@UseGuards(PlatformOperatorGuard)
@Controller('platform/dead-letters')
export class PlatformDeadLettersController {
  private readonly logger = new Logger('PlatformDeadLetters');

  constructor(private readonly deadLetters: DeadLetterService) {}

  @Get()
  list(@Query() query: PageQueryDto): Promise<Page<DeadLetterView>> {
    return this.deadLetters.list({ limit: query.limit, cursor: query.cursor, withoutTenant: true });
  }

  @Get(':id')
  async get(@Param('id', new ParseUUIDPipe()) id: string): Promise<DeadLetterView> {
    const item = await this.deadLetters.get(id, WITHOUT_TENANT);
    if (!item) throw Problems.notFound();
    return item;
  }

  @Post(':id/replay')
  @HttpCode(200)
  async replay(@Param('id', new ParseUUIDPipe()) id: string): Promise<DeadLetterView> {
    let item: DeadLetterView | null;
    try {
      item = await this.deadLetters.replay(id, WITHOUT_TENANT);
    } catch (err) {
      if (err instanceof HttpException) throw err;
      throw Problems.unavailable(`No se pudo reenviar el mensaje: ${(err as Error).message}`);
    }
    if (!item) throw Problems.notFound();
    this.logger.log(`platform operator replayed dead letter ${id}`);
    return item;
  }

  @Delete(':id')
  @HttpCode(204)
  async discard(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    if (!(await this.deadLetters.discard(id, WITHOUT_TENANT))) throw Problems.notFound();
    this.logger.log(`platform operator discarded dead letter ${id}`);
  }
}
