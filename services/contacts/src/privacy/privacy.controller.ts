import { Body, Controller, Headers, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, Scopes, type AuthUser } from '@crm/auth';
import { AnonymizationService } from './anonymization.service.js';
import { ConsentService } from './consent.service.js';
import { AnonymizeDto } from './dto/anonymize.dto.js';
import { ConsentDto } from './dto/consent.dto.js';

const IF_MATCH = /^(?:W\/)?"?(\d+)"?$/;

@ApiTags('personal data')
@ApiBearerAuth()
@Controller('contacts/:contactId')
export class PrivacyController {
  constructor(
    private readonly consent: ConsentService,
    private readonly anonymization: AnonymizationService,
  ) {}

  @Put('consent')
  @Scopes('contacts:write')
  @ApiOperation({ summary: 'Record marketing consent given or withdrawn (date and channel); kept in the timeline' })
  setConsent(@CurrentUser() user: AuthUser, @Param('contactId', ParseUUIDPipe) contactId: string, @Body() dto: ConsentDto, @Headers('if-match') ifMatch: string | undefined) {
    const fromHeader = ifMatch?.trim().match(IF_MATCH)?.[1];
    return this.consent.set(user, contactId, { ...dto, version: dto.version ?? (fromHeader ? Number(fromHeader) : undefined) });
  }

  @Post('anonymize')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Admin: irreversibly wipe the contact’s personal data (keeps aggregates); requires { "confirm": true }' })
  anonymize(@CurrentUser() user: AuthUser, @Param('contactId', ParseUUIDPipe) contactId: string, @Body() _dto: AnonymizeDto) {
    return this.anonymization.anonymize(user, contactId);
  }
}
