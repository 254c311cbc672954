import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Page } from '@crm/common';
import { CurrentUser, Roles, type AuthUser } from '@crm/auth';
import { etagOf } from '@crm/database';
import { API_BASE } from '../../shared/api-base.js';
import { CreateUserDto } from './create-user.dto.js';
import { ListUsersQueryDto } from './list-users-query.dto.js';
import { UpdateUserDto } from './update-user.dto.js';
import type { UserView } from './user-view.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Roles('admin', 'manager')
  @ApiOperation({ summary: 'Users of my tenant (keyset pages)' })
  list(@CurrentUser() caller: AuthUser, @Query() query: ListUsersQueryDto): Promise<Page<UserView>> {
    return this.users.list(caller.tenantId, query);
  }

  @Post()
  @Roles('admin')
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a user (409 naming the existing id when the e-mail is taken)' })
  async create(@CurrentUser() caller: AuthUser, @Body() dto: CreateUserDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<UserView> {
    const user = await this.users.create({ kind: caller.kind, id: caller.id }, caller.tenantId, dto);
    void reply.header('location', `${API_BASE}/users/${user.id}`).header('etag', etagOf(user));
    return user;
  }

  @Get(':id')
  @Roles('admin', 'manager')
  async findOne(@CurrentUser() caller: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<UserView> {
    const user = await this.users.findOne(caller.tenantId, id);
    void reply.header('etag', etagOf(user));
    return user;
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Change name, roles, teams, locale, active or password (send version or If-Match; stale → 412)' })
  async update(
    @CurrentUser() caller: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateUserDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UserView> {
    const user = await this.users.update({ kind: caller.kind, id: caller.id }, caller.tenantId, id, dto, ifMatch);
    void reply.header('etag', etagOf(user));
    return user;
  }
}
