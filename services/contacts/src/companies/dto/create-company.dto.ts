import { ApiProperty, OmitType } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { CreateContactDto } from '../../contacts/dto/create-contact.dto.js';

/** POST /companies: an organisation, with the fields (and rules) of POST /contacts minus those of people. */
export class CreateCompanyDto extends OmitType(CreateContactDto, ['kind', 'firstName', 'lastName', 'companyName', 'companyId'] as const) {
  @ApiProperty({ description: 'Legal or trade name (razón social).', example: 'Constructora Andina S.A.S.' })
  @IsString()
  @Length(1, 200)
  companyName: string;
}
