import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { MESSAGE_KINDS, type MessageKind } from '../ticket-message.entity.js';
import { MAX_MESSAGE_LENGTH } from '../ticket-messages.service.js';

/** JSON body of POST /tickets/{id}/messages (multipart sends the same as fields, plus files). */
export class PostMessageDto {
  @ApiProperty({ enum: MESSAGE_KINDS, description: 'public: a reply e-mailed to the requester; internal: a note for staff only.' })
  @IsIn(MESSAGE_KINDS)
  kind: MessageKind;

  @ApiProperty({ maxLength: MAX_MESSAGE_LENGTH })
  @IsString()
  @Length(1, MAX_MESSAGE_LENGTH)
  body: string;
}
