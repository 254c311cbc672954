import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard, JWT_SECRET } from './auth.guard.js';

@Global()
@Module({})
export class AuthModule {
  /** Registers the guard for every route of the app; routes opt out with @Public(). */
  static forRoot(secret = process.env.JWT_SECRET ?? ''): DynamicModule {
    return {
      module: AuthModule,
      providers: [
        { provide: JWT_SECRET, useValue: secret },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [JWT_SECRET],
    };
  }
}
