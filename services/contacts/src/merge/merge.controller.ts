import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, Scopes, type AuthUser } from '@crm/auth';
import { MergeContactsDto } from './dto/merge-contacts.dto.js';
import { MergeService, type MergeResult } from './merge.service.js';

@ApiTags('contacts')
@ApiBearerAuth()
@Controller('contacts/merge')
export class MergeController {
  constructor(private readonly merges: MergeService) {}

  @Post()
  @HttpCode(200)
  @Roles('admin', 'manager', 'sales')
  @Scopes('contacts:write')
  @ApiHeader({ name: 'If-Match', required: false, description: "The primary's version, instead of `version` in the body." })
  @ApiOperation({
    summary: 'Merge duplicates into a primary contact (dryRun shows the result first)',
    description:
      'Admins and managers merge any contacts they can see; sales only contacts they own. Notes, documents, interests, timeline, ERP activity and account movements move to the primary; people of a merged organisation move to the primary; the duplicates then answer 404 naming the survivor. Publishes contacts.contact.merged.',
  })
  merge(@CurrentUser() user: AuthUser, @Body() dto: MergeContactsDto, @Headers('if-match') ifMatch: string | undefined): Promise<MergeResult> {
    return this.merges.merge(user, dto, ifMatch);
  }
}
