import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, ValidateNested } from 'class-validator';
import { USER_NOTIFICATION_TEMPLATE_IDS } from '../notification-templates.js';

export class TemplatePreferenceDto {
  @ApiProperty({ enum: USER_NOTIFICATION_TEMPLATE_IDS })
  @IsIn(USER_NOTIFICATION_TEMPLATE_IDS)
  template: string;

  @ApiProperty()
  @IsBoolean()
  email: boolean;

  @ApiProperty()
  @IsBoolean()
  inApp: boolean;
}

/** The templates to change; the ones not listed keep their current setting. */
export class UpdateNotificationPreferencesDto {
  @ApiProperty({ type: [TemplatePreferenceDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(USER_NOTIFICATION_TEMPLATE_IDS.length)
  @ValidateNested({ each: true })
  @Type(() => TemplatePreferenceDto)
  items: TemplatePreferenceDto[];
}
