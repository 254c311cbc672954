import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Scopes, type AuthUser } from '@crm/auth';
import { DuplicatesService } from './duplicates.service.js';
import { ListDuplicatesQueryDto } from './dto/list-duplicates.query.dto.js';

@ApiTags('contacts')
@ApiBearerAuth()
@Controller('contacts/duplicates')
export class DuplicatesController {
  constructor(private readonly duplicates: DuplicatesService) {}

  @Get()
  @Scopes('contacts:read')
  @ApiOperation({
    summary: 'Likely duplicates among the contacts you can see: same e-mail, phone or tax id, or similar names in the same company or city',
    description: 'Groups with the reason and what they share. Follow nextCursor until it is null: a page may hold fewer groups than `limit` while the search goes on.',
  })
  list(@CurrentUser() user: AuthUser, @Query() query: ListDuplicatesQueryDto) {
    return this.duplicates.list(user, query);
  }
}
