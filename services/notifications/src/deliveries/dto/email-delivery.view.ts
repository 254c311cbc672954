import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EMAIL_DELIVERY_STATUSES, type EmailDelivery, type EmailDeliveryStatus } from '../email-delivery.entity.js';

/** One row of the delivery log as admins see it (the rendered bodies are not listed). */
export class EmailDeliveryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Id of the event that caused the e-mail' }) messageId: string;
  @ApiProperty({ format: 'uuid' }) recipientUserId: string;
  @ApiProperty({ example: 'new-contact-agent' }) template: string;
  @ApiProperty({ enum: ['es', 'en'] }) locale: string;
  @ApiProperty({ format: 'email' }) toAddress: string;
  @ApiProperty() subject: string;
  @ApiProperty({ enum: EMAIL_DELIVERY_STATUSES }) status: EmailDeliveryStatus;
  @ApiProperty() attempts: number;
  @ApiPropertyOptional({ nullable: true, type: String }) lastError: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) providerMessageId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) sentAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static of(row: EmailDelivery): EmailDeliveryView {
    return {
      id: row.id,
      messageId: row.messageId,
      recipientUserId: row.recipientUserId,
      template: row.template,
      locale: row.locale,
      toAddress: row.toAddress,
      subject: row.subject,
      status: row.status,
      attempts: row.attempts,
      lastError: row.lastError,
      providerMessageId: row.providerMessageId,
      sentAt: row.sentAt ? row.sentAt.toISOString() : null,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }
}

export class EmailDeliveryPage {
  @ApiProperty({ type: [EmailDeliveryView] }) items: EmailDeliveryView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
