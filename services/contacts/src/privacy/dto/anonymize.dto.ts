import { ApiProperty } from '@nestjs/swagger';
import { Equals } from 'class-validator';

export class AnonymizeDto {
  @ApiProperty({ enum: [true], description: 'Must be true: anonymisation wipes personal data and cannot be undone.' })
  @Equals(true, { message: 'confirm debe ser true: la anonimización es irreversible.' })
  confirm: true;
}
