import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles, Scopes, type AuthUser } from '@crm/auth';
import { API_PREFIX, preferredLanguage } from '@crm/common';
import { etagOf, expectedVersion } from '@crm/database';
import { CreatePipelineDto } from './dto/create-pipeline.dto.js';
import { CreateStageDto } from './dto/create-stage.dto.js';
import { MergeStageDto } from './dto/merge-stage.dto.js';
import { ReorderStagesDto } from './dto/reorder-stages.dto.js';
import { UpdatePipelineDto } from './dto/update-pipeline.dto.js';
import { UpdateStageDto } from './dto/update-stage.dto.js';
import { PipelinesService } from './pipelines.service.js';
import { StagesService } from './stages.service.js';

@ApiTags('pipelines')
@ApiBearerAuth()
@Controller('pipelines')
export class PipelinesController {
  constructor(
    private readonly pipelines: PipelinesService,
    private readonly stages: StagesService,
  ) {}

  @Get()
  @Scopes('opportunities:read')
  @ApiOperation({ summary: 'Pipelines with their ordered stages (the first call seeds Ventas: Prospecto … Perdido); ?includeArchived=true' })
  list(@CurrentUser() user: AuthUser, @Headers('accept-language') lang: string | undefined, @Query('includeArchived') includeArchived?: string) {
    return this.pipelines.list(user, preferredLanguage(lang), includeArchived === 'true');
  }

  @Get(':id')
  @Scopes('opportunities:read')
  async get(@CurrentUser() user: AuthUser, @Param('id') id: string, @Headers('accept-language') lang: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    const pipeline = await this.pipelines.get(user, id, preferredLanguage(lang));
    void reply.header('etag', etagOf(pipeline));
    return pipeline;
  }

  @Post()
  @Roles('admin')
  @Scopes('opportunities:write')
  @ApiOperation({ summary: 'Create a pipeline (admin) with its stages in order (the default six when omitted)' })
  async create(@CurrentUser() user: AuthUser, @Body() dto: CreatePipelineDto, @Headers('accept-language') lang: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    const pipeline = await this.pipelines.create(user, dto, preferredLanguage(lang));
    void reply.status(201).header('location', `/${API_PREFIX}/pipelines/${pipeline.id}`).header('etag', etagOf(pipeline));
    return pipeline;
  }

  @Patch(':id')
  @Roles('admin')
  @Scopes('opportunities:write')
  @ApiOperation({ summary: 'Rename, reorder (position), make default or archive a pipeline (admin); needs version or If-Match' })
  async update(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() dto: UpdatePipelineDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('accept-language') lang: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { version, ...changes } = dto;
    const pipeline = await this.pipelines.update(user, id, changes, expectedVersion(version, ifMatch), preferredLanguage(lang));
    void reply.header('etag', etagOf(pipeline));
    return pipeline;
  }

  @Get(':id/stages')
  @Scopes('opportunities:read')
  stageList(@CurrentUser() user: AuthUser, @Param('id') id: string, @Headers('accept-language') lang: string | undefined) {
    return this.stages.list(user, id, preferredLanguage(lang));
  }

  @Post(':id/stages')
  @Roles('admin')
  @Scopes('opportunities:write')
  @ApiOperation({ summary: 'Add a stage (admin): name, probability, kind open|won|lost, shownAsTab, staleAfterDays, position' })
  async createStage(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() dto: CreateStageDto,
    @Headers('accept-language') lang: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const stage = await this.stages.create(user, id, dto, preferredLanguage(lang));
    void reply.status(201).header('location', `/${API_PREFIX}/pipelines/${id}/stages/${stage.id}`).header('etag', etagOf(stage));
    return stage;
  }

  @Put(':id/stages/order')
  @Roles('admin')
  @Scopes('opportunities:write')
  @ApiOperation({ summary: 'Reorder the stages (admin): every stage id once, in the new order' })
  reorder(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() dto: ReorderStagesDto, @Headers('accept-language') lang: string | undefined) {
    return this.stages.reorder(user, id, dto.stageIds, preferredLanguage(lang));
  }

  @Patch(':id/stages/:stageId')
  @Roles('admin')
  @Scopes('opportunities:write')
  @ApiOperation({ summary: 'Rename, change probability/kind/tab/stale threshold or archive a stage (admin); needs version or If-Match' })
  async updateStage(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Param('stageId') stageId: string,
    @Body() dto: UpdateStageDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('accept-language') lang: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { version, ...changes } = dto;
    const stage = await this.stages.update(user, id, stageId, changes, expectedVersion(version, ifMatch), preferredLanguage(lang));
    void reply.header('etag', etagOf(stage));
    return stage;
  }

  @Delete(':id/stages/:stageId')
  @Roles('admin')
  @Scopes('opportunities:write')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an empty stage (admin); 409 naming the count when it holds opportunities' })
  async deleteStage(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('stageId') stageId: string): Promise<void> {
    await this.stages.delete(user, id, stageId);
  }

  @Post(':id/stages/:stageId/merge')
  @Roles('admin')
  @Scopes('opportunities:write')
  @HttpCode(200)
  @ApiOperation({ summary: 'Merge a stage into another of the same pipeline (admin): its deals move there, it is archived' })
  merge(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('stageId') stageId: string, @Body() dto: MergeStageDto, @Headers('accept-language') lang: string | undefined) {
    return this.stages.merge(user, id, stageId, dto.targetStageId, preferredLanguage(lang));
  }
}
