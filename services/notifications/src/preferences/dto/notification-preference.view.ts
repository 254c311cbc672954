import { ApiProperty } from '@nestjs/swagger';

export class NotificationPreferenceView {
  @ApiProperty({ example: 'new-contact-agent' }) template: string;
  @ApiProperty({ example: 'Me asignaron un contacto' }) label: string;
  @ApiProperty({ description: 'Send it by e-mail' }) email: boolean;
  @ApiProperty({ description: 'Add it to the in-app feed (and push it live)' }) inApp: boolean;
}

export class NotificationPreferencesView {
  @ApiProperty({ type: [NotificationPreferenceView] }) items: NotificationPreferenceView[];
}
