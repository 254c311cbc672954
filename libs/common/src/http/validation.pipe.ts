import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ProblemException } from '../errors/problem.exception.js';
import { fieldErrorsOf } from './validation-messages.js';

/** The 400 of a failed DTO validation: every field's message, Spanish first, English on request. */
export function validationProblem(errors: ValidationError[]): ProblemException {
  const { es, en } = fieldErrorsOf(errors);
  return new ProblemException(400, 'Revise los campos indicados.', { errors: es }, { detail: 'Check the fields indicated.', errors: en });
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
    exceptionFactory: (errors) => validationProblem(errors),
  });
}
