import { describe, expect, it } from '@jest/globals';
import { ArrayMaxSize, IsEmail, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, ValidateNested, validate } from 'class-validator';
import { plainToInstance, Type } from 'class-transformer';
import { ProblemDetailsFilter } from '../errors/problem-details.filter.js';
import { validationProblem } from '../http/validation.pipe.js';

class LineDto {
  @IsInt()
  @Min(1)
  quantity!: number;
}

class SampleDto {
  @IsEmail()
  email!: string;

  @IsString()
  @MaxLength(10)
  name!: string;

  @IsIn(['alta', 'media', 'baja'])
  priority!: string;

  @IsOptional()
  @IsUUID('all', { each: true })
  @ArrayMaxSize(2)
  tags?: string[];

  @IsOptional()
  @Matches(/^\d+$/, { message: 'code debe tener solo dígitos.' })
  code?: string;

  @ValidateNested({ each: true })
  @Type(() => LineDto)
  lines!: LineDto[];
}

async function problemFor(body: Record<string, unknown>, acceptLanguage?: string) {
  const errors = await validate(plainToInstance(SampleDto, body), { whitelist: true, forbidNonWhitelisted: true });
  const exception = validationProblem(errors);
  let sent: { errors: { field: string; message: string }[]; detail: string } | undefined;
  const reply = {
    status: () => reply,
    header: () => reply,
    getHeader: () => undefined,
    send: (payload: typeof sent) => {
      sent = payload;
      return reply;
    },
  };
  const host = {
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => ({ url: '/x', headers: { 'accept-language': acceptLanguage } }), getResponse: () => reply }),
  };
  new ProblemDetailsFilter({ warn: () => undefined, error: () => undefined } as never).catch(exception, host as never);
  return sent!;
}

const BAD = {
  email: 'no-es-correo',
  name: 'un nombre demasiado largo',
  priority: 'urgente',
  tags: ['x', '4b0f0f5e-6a55-4a4e-9d2b-0f1c2a3b4c5d', 'y'],
  code: 'A1',
  lines: [{ quantity: 0 }],
  ownerId: 'colado',
};

describe('validation messages', () => {
  it('answers every built-in constraint in Spanish, naming the field, and keeps a DTO’s own message', async () => {
    const problem = await problemFor(BAD);
    expect(problem.detail).toBe('Revise los campos indicados.');
    const byField = (field: string) => problem.errors.filter((error) => error.field === field).map((error) => error.message);
    expect(byField('email')).toEqual(['«email» debe ser un correo electrónico válido.']);
    expect(byField('name')).toEqual(['«name» admite como máximo 10 caracteres.']);
    expect(byField('priority')).toEqual(['«priority» debe ser uno de estos valores: alta, media, baja.']);
    expect(byField('tags').sort()).toEqual(['Cada valor de «tags» debe ser un identificador UUID.', '«tags» admite como máximo 2 elementos.']);
    expect(byField('code')).toEqual(['code debe tener solo dígitos.']);
    expect(byField('lines.0.quantity')).toEqual(['«lines.0.quantity» no puede ser menor que 1.']);
    expect(byField('ownerId')).toEqual(['El campo "ownerId" no está permitido.']);
    // Nothing left in English.
    expect(problem.errors.map((error) => error.message).join(' ')).not.toMatch(/\b(must|should)\b/);
  });

  it('answers class-validator’s English text when the caller asks for English', async () => {
    const problem = await problemFor(BAD, 'en-US,en;q=0.9');
    expect(problem.detail).toBe('Check the fields indicated.');
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { field: 'email', message: 'email must be an email' },
        { field: 'lines.0.quantity', message: 'quantity must not be less than 1' },
        { field: 'ownerId', message: 'property ownerId should not exist' },
        { field: 'code', message: 'code debe tener solo dígitos.' },
      ]),
    );
  });
});
