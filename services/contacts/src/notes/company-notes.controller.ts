import { Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { NotesControllerBase } from './notes-controller.base.js';
import { NotesService } from './notes.service.js';

/** The same notes, reached through the company: the id must be an organisation (else 404). */
@ApiTags('company notes')
@ApiBearerAuth()
@Controller('companies/:contactId/notes')
export class CompanyNotesController extends NotesControllerBase {
  protected readonly parent = 'organization' as const;
  protected readonly basePath = 'companies';

  constructor(notes: NotesService) {
    super(notes);
  }
}
