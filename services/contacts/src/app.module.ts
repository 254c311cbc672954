import { Module } from '@nestjs/common';
import { AuthModule } from '@crm/auth';
import { CommonModule } from '@crm/common';
import { DatabaseModule } from '@crm/database';
import { MessagingModule } from '@crm/messaging';
import { StorageModule } from '@crm/storage';
import { Contact } from './contacts/contact.entity.js';
import { ContactsModule } from './contacts/contacts.module.js';
import { ContactChange } from './timeline/contact-change.entity.js';
import { UserRef } from './users/user-ref.entity.js';
import { ContactDocument } from './documents/contact-document.entity.js';
import { DocumentsModule } from './documents/documents.module.js';
import { CONTACTS_MIGRATIONS } from './migrations/index.js';
import { AssignmentModule } from './assignment/assignment.module.js';
import { CompaniesModule } from './companies/companies.module.js';
import { LifecycleModule } from './lifecycle/lifecycle.module.js';
import { NotesModule } from './notes/notes.module.js';
import { ActivityModule } from './activity/activity.module.js';
import { ErpAccountModule } from './erp-account/erp-account.module.js';
import { PrivacyModule } from './privacy/privacy.module.js';
import { WebFormsModule } from './web-forms/web-forms.module.js';
import { ImportsModule } from './imports/imports.module.js';
import { DuplicatesModule } from './duplicates/duplicates.module.js';
import { PqrRequestersModule } from './pqr-requesters/pqr-requesters.module.js';

@Module({
  imports: [
    CommonModule.forService('contacts'),
    AuthModule.forRoot(),
    DatabaseModule.forService({ schema: 'contacts', entities: [Contact, ContactChange, ContactDocument, UserRef], migrations: CONTACTS_MIGRATIONS }),
    MessagingModule.forService({ service: 'contacts' }),
    StorageModule.forRoot(),
    ContactsModule,
    DocumentsModule,
    CompaniesModule,
    LifecycleModule,
    AssignmentModule,
    NotesModule,
    ActivityModule,
    ErpAccountModule,
    PrivacyModule,
    WebFormsModule,
    ImportsModule,
    DuplicatesModule,
    PqrRequestersModule,
  ],
})
export class AppModule {}
