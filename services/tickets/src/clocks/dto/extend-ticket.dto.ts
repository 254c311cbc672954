import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';

export class ExtendTicketDto {
  @ApiProperty({ description: 'Why the answer cannot be given in time (sent to the petitioner)', example: 'Se requiere concepto del área jurídica' })
  @IsString()
  @Length(3, 2000)
  reason: string;

  @ApiProperty({ description: 'New due day (YYYY-MM-DD, a business day in the calendar zone): at most twice the initial term', example: '2026-04-30' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'newDate debe tener el formato AAAA-MM-DD' })
  newDate: string;
}
