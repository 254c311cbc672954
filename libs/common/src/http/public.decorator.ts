import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC_KEY = 'crm:isPublic';

/** Marks a route that needs no token (health, metrics, login, public forms). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_KEY, true);
