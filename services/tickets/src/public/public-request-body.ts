import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { Problems, validationFieldErrors } from '@crm/common';
import { readMultipart } from '../messages/multipart-files.js';
import type { UploadedFile } from '../messages/uploaded-file.js';

/** The JSON part of a multipart public request: `ticket` when filing, `message` when replying. */
export type JsonPartName = 'ticket' | 'message';

/**
 * A public request's fields and files: JSON as the body, or multipart with the same JSON in one
 * text part (`jsonPart`) plus up to 5 files. Anything but an object is a 400.
 */
export async function readPublicBody(
  request: FastifyRequest,
  body: unknown,
  jsonPart: JsonPartName,
  maxFileBytes: number,
): Promise<{ fields: Record<string, unknown>; files: UploadedFile[] }> {
  if (!request.isMultipart()) {
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw Problems.invalid([{ field: 'body', message: 'Envíe los datos como un objeto JSON.' }]);
    return { fields: body as Record<string, unknown>, files: [] };
  }
  const { fields, files } = await readMultipart(request, maxFileBytes);
  const extra = Object.keys(fields).filter((name) => name !== jsonPart);
  if (extra.length) throw Problems.invalid(extra.map((field) => ({ field, message: `El campo "${field}" no está permitido; envíe los datos como JSON en "${jsonPart}".` })));
  let parsed: unknown;
  try {
    parsed = JSON.parse(fields[jsonPart] ?? '');
  } catch {
    throw Problems.invalid([{ field: jsonPart, message: `"${jsonPart}" debe contener los datos en JSON.` }]);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw Problems.invalid([{ field: jsonPart, message: `"${jsonPart}" debe ser un objeto JSON.` }]);
  return { fields: parsed as Record<string, unknown>, files };
}

/** Strict whitelist validation (unknown fields, also nested ones → 400 naming them). */
export async function validatedDto<T extends object>(type: ClassConstructor<T>, fields: Record<string, unknown>): Promise<T> {
  const dto = plainToInstance(type, fields, { enableImplicitConversion: false });
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw Problems.invalid(validationFieldErrors(errors));
  return dto;
}
