import { describe, expect, it } from '@jest/globals';
import { plainToInstance, Type } from 'class-transformer';
import { IsString, ValidateNested, validate } from 'class-validator';
import { validationFieldErrors } from '../http/validation.pipe.js';

class Address {
  @IsString()
  city!: string;
}

class Person {
  @IsString()
  name!: string;

  @ValidateNested()
  @Type(() => Address)
  address!: Address;
}

describe('validationFieldErrors', () => {
  it('names nested fields with dots and refuses unknown fields in Spanish', async () => {
    const person = plainToInstance(Person, { name: 7, address: { city: 'Cali', zone: 'sur' }, tenantId: 'x' });
    const errors = await validate(person, { whitelist: true, forbidNonWhitelisted: true });
    expect(validationFieldErrors(errors)).toEqual(
      expect.arrayContaining([
        { field: 'name', message: 'name must be a string' },
        { field: 'address.zone', message: 'El campo "address.zone" no está permitido.' },
        { field: 'tenantId', message: 'El campo "tenantId" no está permitido.' },
      ]),
    );
    expect(validationFieldErrors(errors)).toHaveLength(3);
  });
});
