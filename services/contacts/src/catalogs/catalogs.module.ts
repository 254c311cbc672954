import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogLookup } from './catalog-lookup.service.js';
import { Interest } from './interest.entity.js';
import { InterestsController } from './interests.controller.js';
import { InterestsService } from './interests.service.js';
import { Source } from './source.entity.js';
import { SourcesController } from './sources.controller.js';
import { SourcesService } from './sources.service.js';

/** Catalogues an admin manages: sources of capture and interests. Contacts validate against them. */
@Module({
  imports: [TypeOrmModule.forFeature([Source, Interest])],
  controllers: [SourcesController, InterestsController],
  providers: [SourcesService, InterestsService, CatalogLookup],
  exports: [CatalogLookup],
})
export class CatalogsModule {}
