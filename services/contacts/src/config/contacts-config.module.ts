import { Global, Module } from '@nestjs/common';
import { CONTACTS_CONFIG, loadContactsConfig } from './contacts-env.js';

/** The service's settings (CONTACTS_CONFIG), read and validated once, for every feature. */
@Global()
@Module({
  providers: [{ provide: CONTACTS_CONFIG, useFactory: () => loadContactsConfig() }],
  exports: [CONTACTS_CONFIG],
})
export class ContactsConfigModule {}
