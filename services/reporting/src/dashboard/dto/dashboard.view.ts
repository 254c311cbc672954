import { ApiProperty } from '@nestjs/swagger';

export class ContactsByLifecycleView {
  @ApiProperty() contact: number;
  @ApiProperty() prospect: number;
  @ApiProperty() customer: number;
  @ApiProperty() supplier: number;
}

/**
 * The tenant's dashboard. Additive by design: each later feature (opportunities, tickets) adds
 * its own fields or sections; existing fields keep their meaning.
 */
export class DashboardView {
  @ApiProperty({ description: 'Contacts created in the tenant (as seen through events)' })
  totalContacts: number;

  @ApiProperty({ type: ContactsByLifecycleView })
  contactsByLifecycle: ContactsByLifecycleView;

  @ApiProperty({ description: 'Contacts that have an owner' })
  assignedContacts: number;

  @ApiProperty({ description: 'Contacts created today (calendar day in timeZone)' })
  contactsCreatedToday: number;

  @ApiProperty({ description: 'Contacts created in the last 30 calendar days, today included' })
  contactsCreatedLast30Days: number;

  @ApiProperty({ example: 'America/Bogota', description: 'Time zone of the calendar days above' })
  timeZone: string;

  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When an event last changed these figures; null before any' })
  updatedAt: string | null;
}
