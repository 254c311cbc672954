import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles, Scopes, type AuthUser } from '@crm/auth';
import { API_PREFIX, preferredLanguage } from '@crm/common';
import { etagOf, expectedVersion } from '@crm/database';
import { CreateCategoryDto } from './dto/create-category.dto.js';
import { ListCategoriesQueryDto } from './dto/list-categories.query.dto.js';
import { UpdateCategoryDto } from './dto/update-category.dto.js';
import { TicketCategoriesService, type CategoryView } from './ticket-categories.service.js';

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('ticket-categories')
export class TicketCategoriesController {
  constructor(private readonly categories: TicketCategoriesService) {}

  @Get()
  @Scopes('tickets:read')
  @ApiOperation({ summary: 'PQR categories (tipos); the first use seeds the Spanish defaults. `name` follows Accept-Language.' })
  list(@CurrentUser() user: AuthUser, @Query() query: ListCategoriesQueryDto, @Headers('accept-language') acceptLanguage: string | undefined) {
    return this.categories.list(user, preferredLanguage(acceptLanguage), query.active === 'false');
  }

  @Get(':id')
  @Scopes('tickets:read')
  async get(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CategoryView> {
    const category = await this.categories.get(user, id, preferredLanguage(acceptLanguage));
    void reply.header('etag', etagOf(category));
    return category;
  }

  @Post()
  @Roles('admin')
  @Scopes('tickets:write')
  @ApiOperation({ summary: 'Add a category (admin)' })
  async create(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateCategoryDto,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CategoryView> {
    const category = await this.categories.create(user, dto, preferredLanguage(acceptLanguage));
    void reply.status(201).header('location', `/${API_PREFIX}/ticket-categories/${category.id}`).header('etag', etagOf(category));
    return category;
  }

  @Patch(':id')
  @Roles('admin')
  @Scopes('tickets:write')
  @ApiOperation({ summary: 'Rename, reorder or retire (active=false) a category (admin); send the version' })
  async update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateCategoryDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CategoryView> {
    const { version, ...changes } = dto;
    const category = await this.categories.update(user, id, changes, expectedVersion(version, ifMatch), preferredLanguage(acceptLanguage));
    void reply.header('etag', etagOf(category));
    return category;
  }
}
