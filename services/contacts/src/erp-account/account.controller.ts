import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, Scopes, type AuthUser } from '@crm/auth';
import { PageQueryDto } from '@crm/common';
import { AccountQueryService } from './account-query.service.js';
import { AccountQueryDto } from './dto/account-query.dto.js';
import { ErpUnmatchedService } from './erp-unmatched.service.js';

@ApiTags('erp account')
@ApiBearerAuth()
@Controller('contacts')
export class AccountController {
  constructor(
    private readonly accounts: AccountQueryService,
    private readonly unmatched: ErpUnmatchedService,
  ) {}

  @Get(':contactId/account')
  @Scopes('contacts:read')
  @ApiOperation({ summary: 'Account status reported by the ERP (balance, overdue, credit limit, last invoice/payment) and the purchase history, newest first (keyset pages)' })
  account(@CurrentUser() user: AuthUser, @Param('contactId', ParseUUIDPipe) contactId: string, @Query() query: AccountQueryDto) {
    return this.accounts.accountOf(user, contactId, query);
  }

  @Get('erp-unmatched')
  @Roles('admin')
  @ApiOperation({ summary: 'Admin: ERP events that could not be attributed to a contact (unknown or ambiguous customer, invalid payload), newest first' })
  unmatchedEvents(@CurrentUser() user: AuthUser, @Query() query: PageQueryDto) {
    return this.unmatched.list(user, query);
  }
}
