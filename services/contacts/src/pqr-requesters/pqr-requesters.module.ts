import { Module } from '@nestjs/common';
import { SourcesService } from '../catalogs/sources.service.js';
import { ContactsModule } from '../contacts/contacts.module.js';
import { PqrRequesterLinker } from './pqr-requester-linker.service.js';
import { PqrRequesterHandler } from './pqr-requester.handler.js';
import { PqrSourceService } from './pqr-source.service.js';

/**
 * Contacts from public PQRs (issue #8 §8). SourcesService is provided here too (CatalogsModule
 * exports only its lookup), so the "PQR" source is created exactly like an admin would.
 */
@Module({
  imports: [ContactsModule],
  controllers: [PqrRequesterHandler],
  providers: [PqrRequesterLinker, PqrSourceService, SourcesService],
})
export class PqrRequestersModule {}
