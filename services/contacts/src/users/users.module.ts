import { Module } from '@nestjs/common';
import { UserDirectoryHandler } from './user-directory.handler.js';

/** Contacts' projection of the tenant's users (user_ref), kept from identity events. */
@Module({
  controllers: [UserDirectoryHandler],
})
export class UsersModule {}
