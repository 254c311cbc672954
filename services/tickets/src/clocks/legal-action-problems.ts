import { ProblemException, type Language } from '@crm/common';
import type { ExtensionRefusal } from '../business-time/index.js';

const say = (language: Language, es: string, en: string): string => (language === 'en' ? en : es);

export const LegalActionProblems = {
  noClock: (language: Language) => new ProblemException(409, say(language, 'La PQR no tiene término legal en curso.', 'The ticket has no running legal term.')),
  answered: (language: Language) =>
    new ProblemException(409, say(language, 'La PQR ya fue respondida (cerrada); su término legal terminó.', 'The ticket was already answered (closed); its legal term is over.')),
  alreadySuspended: (language: Language) => new ProblemException(409, say(language, 'El término legal ya está suspendido.', 'The legal term is already suspended.')),
  expired: (dueAt: Date, language: Language) =>
    new ProblemException(
      409,
      say(
        language,
        `El término venció (${dueAt.toISOString()}) antes de esa fecha; ya no se puede suspender.`,
        `The term expired (${dueAt.toISOString()}) before that instant; it can no longer be suspended.`,
      ),
      { currentDueAt: dueAt.toISOString() },
    ),
  badInstant: (field: 'requestedAt' | 'answeredAt', why: 'future' | 'too_early', language: Language) =>
    new ProblemException(400, say(language, 'Revise los campos indicados.', 'Check the fields shown.'), {
      errors: [
        {
          field,
          message:
            why === 'future'
              ? say(language, 'No puede estar en el futuro.', 'It cannot be in the future.')
              : field === 'requestedAt'
                ? say(language, 'No puede ser anterior a la recepción ni a la última respuesta del peticionario.', 'It cannot precede the receipt or the last answer of the petitioner.')
                : say(language, 'No puede ser anterior a la suspensión.', 'It cannot precede the suspension.'),
        },
      ],
    }),
  notSuspended: (language: Language) => new ProblemException(409, say(language, 'El término legal no está suspendido.', 'The legal term is not suspended.')),

  /** Art. 14 parágrafo refusals, each naming the limit it hit. */
  extension: (refusal: ExtensionRefusal, language: Language): ProblemException => {
    switch (refusal.code) {
      case 'suspended':
        return new ProblemException(409, say(language, 'El término está suspendido: reanúdelo antes de prorrogarlo.', 'The term is suspended: resume it before extending it.'));
      case 'past_due':
        return new ProblemException(
          409,
          say(
            language,
            `El término venció (${refusal.currentDueAt.toISOString()}); la prórroga debe informarse antes del vencimiento (Ley 1755 de 2015, art. 14 parágrafo).`,
            `The term expired (${refusal.currentDueAt.toISOString()}); an extension must be notified before the due date (Ley 1755 de 2015, art. 14 parágrafo).`,
          ),
          { currentDueAt: refusal.currentDueAt.toISOString() },
        );
      case 'invalid_date':
        return new ProblemException(400, say(language, 'Revise los campos indicados.', 'Check the fields shown.'), {
          errors: [{ field: 'newDate', message: say(language, 'Fecha inválida (AAAA-MM-DD).', 'Invalid date (YYYY-MM-DD).') }],
        });
      case 'not_later':
        return new ProblemException(400, say(language, 'Revise los campos indicados.', 'Check the fields shown.'), {
          errors: [
            {
              field: 'newDate',
              message: say(
                language,
                `La nueva fecha debe ser posterior al vencimiento actual (${refusal.currentDueDate}).`,
                `The new date must be after the current due date (${refusal.currentDueDate}).`,
              ),
            },
          ],
          currentDueDate: refusal.currentDueDate,
        });
      case 'not_business_day':
        return new ProblemException(400, say(language, 'Revise los campos indicados.', 'Check the fields shown.'), {
          errors: [{ field: 'newDate', message: say(language, `${refusal.date} no es un día hábil.`, `${refusal.date} is not a business day.`) }],
        });
      case 'beyond_double':
        return new ProblemException(
          400,
          say(
            language,
            `La prórroga no puede exceder el doble del término inicial (${refusal.maxTermDays} días hábiles): a más tardar ${refusal.maxDueDate} (Ley 1755 de 2015, art. 14 parágrafo).`,
            `An extension may not exceed twice the initial term (${refusal.maxTermDays} business days): ${refusal.maxDueDate} at the latest (Ley 1755 de 2015, art. 14 parágrafo).`,
          ),
          {
            errors: [{ field: 'newDate', message: say(language, `Máximo ${refusal.maxDueDate}.`, `At most ${refusal.maxDueDate}.`) }],
            maxDueDate: refusal.maxDueDate,
            maxDueAt: refusal.maxDueAt.toISOString(),
            maxTermDays: refusal.maxTermDays,
          },
        );
    }
  },
};
