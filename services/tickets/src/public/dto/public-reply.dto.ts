import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class PublicReplyDto {
  @ApiProperty({ maxLength: 20000, description: 'Plain text; shown as written (never as HTML).' })
  @IsString()
  @Length(1, 20000)
  body: string;
}
