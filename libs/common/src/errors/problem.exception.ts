import { HttpException } from '@nestjs/common';
import type { FieldError } from './problem-details.js';

/**
 * An HTTP error with problem-details extras (field errors, the id of an existing duplicate…).
 * `detail` should say what happened in words a user understands.
 */
export class ProblemException extends HttpException {
  constructor(
    status: number,
    readonly detail: string,
    readonly extras: { errors?: FieldError[]; [key: string]: unknown } = {},
    /** The same problem for `Accept-Language: en`, when the caller wrote it in both languages. */
    readonly english?: { detail: string; errors?: FieldError[] },
  ) {
    super(detail, status);
  }
}

export const Problems = {
  notFound: (what = 'El recurso no existe o no es visible para usted.') => new ProblemException(404, what),
  staleVersion: (current?: number) =>
    new ProblemException(412, 'El registro fue modificado por otra persona; recárguelo y vuelva a intentarlo.', current === undefined ? {} : { currentVersion: current }),
  versionRequired: () => new ProblemException(428, 'Envíe la versión del registro (campo version o cabecera If-Match).'),
  conflict: (detail: string, existingId?: string) => new ProblemException(409, detail, existingId ? { existingId } : {}),
  invalid: (errors: FieldError[], detail = 'Revise los campos indicados.') => new ProblemException(400, detail, { errors }),
  forbidden: (detail = 'Su rol no permite esta acción.') => new ProblemException(403, detail),
  unsupportedMediaType: (detail: string) => new ProblemException(415, detail),
  tooLarge: (detail: string) => new ProblemException(413, detail),
  unavailable: (detail: string) => new ProblemException(503, detail),
};
