import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class TrackingQueryDto {
  @ApiProperty({ description: 'The tracking token of the acuse de recibo e-mail.' })
  @IsString()
  @MaxLength(200)
  token: string;
}
