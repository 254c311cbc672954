import { Body, Controller, Delete, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles, type AuthUser } from '@crm/auth';
import { API_PREFIX, PageQueryDto } from '@crm/common';
import { etagOf, expectedVersion } from '@crm/database';
import { CreateWebFormDto } from './dto/create-web-form.dto.js';
import { UpdateWebFormDto } from './dto/update-web-form.dto.js';
import type { WebFormView } from './web-form.view.js';
import { WebFormsService } from './web-forms.service.js';

/** Admin only: a form decides where anonymous visitors' data lands. */
@ApiTags('web forms')
@ApiBearerAuth()
@Roles('admin')
@Controller('web-forms')
export class WebFormsController {
  constructor(private readonly forms: WebFormsService) {}

  @Post()
  @ApiOperation({ summary: 'Create a web-to-lead form (admin): tied to a source; returns its unguessable formKey and submitUrl' })
  async create(@CurrentUser() user: AuthUser, @Body() dto: CreateWebFormDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<WebFormView> {
    const form = await this.forms.create(user, dto);
    void reply.status(201).header('location', `/${API_PREFIX}/web-forms/${form.id}`).header('etag', etagOf(form));
    return form;
  }

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: PageQueryDto) {
    return this.forms.list(user, query);
  }

  @Get(':id')
  async get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<WebFormView> {
    const form = await this.forms.get(user, id);
    void reply.header('etag', etagOf(form));
    return form;
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a form (send its version or If-Match); active=false makes its public endpoint answer 404' })
  async update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateWebFormDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WebFormView> {
    const { version, ...changes } = dto;
    const form = await this.forms.update(user, id, changes, expectedVersion(version, ifMatch));
    void reply.header('etag', etagOf(form));
    return form;
  }

  @Post(':id/rotate-key')
  @HttpCode(200)
  @ApiOperation({ summary: 'Issue a new formKey (If-Match required); the old one stops working' })
  rotateKey(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Headers('if-match') ifMatch: string | undefined) {
    return this.forms.rotateKey(user, id, expectedVersion(undefined, ifMatch));
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.forms.remove(user, id);
  }
}
