import { ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldError } from '../errors/problem-details.js';
import { ProblemException } from '../errors/problem.exception.js';

/** class-validator errors as problem+json field errors (nested fields dotted; unknown fields named in Spanish). */
export function validationFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) =>
      message.includes('should not exist') ? { field, message: `El campo "${field}" no está permitido.` } : { field, message },
    );
    return [...own, ...validationFieldErrors(error.children ?? [], field)];
  });
}

/**
 * Whitelisting validation: unknown fields are refused (400 naming them), so nobody can set
 * tenantId, ownerId or version through a body that does not declare them.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => new ProblemException(400, 'Revise los campos indicados.', { errors: validationFieldErrors(errors) }),
  });
}
