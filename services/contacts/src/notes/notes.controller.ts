import { Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { NotesControllerBase } from './notes-controller.base.js';
import { NotesService } from './notes.service.js';

@ApiTags('contact notes')
@ApiBearerAuth()
@Controller('contacts/:contactId/notes')
export class NotesController extends NotesControllerBase {
  protected readonly parent = 'contact' as const;
  protected readonly basePath = 'contacts';

  constructor(notes: NotesService) {
    super(notes);
  }
}
