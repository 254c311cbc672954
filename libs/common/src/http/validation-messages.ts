import type { ValidationError } from '@nestjs/common';
import type { FieldError } from '../errors/problem-details.js';

/**
 * class-validator's built-in messages are English ("email must be an email"). A DTO that sets its
 * own `message` is already written for people (mostly in Spanish); the built-in ones are put into
 * Spanish here, keyed by constraint and checked against the English text so that a custom message
 * on the same constraint is never rewritten. The English text stays for `Accept-Language: en`.
 */
interface Rule {
  /** The built-in English message without "$property" and without the "each value in" prefix. */
  english: RegExp;
  spanish: (field: string, args: string[]) => string;
}

const f = (field: string) => `«${field}»`;

const RULES: Record<string, Rule> = {
  isNotEmpty: { english: /^should not be empty$/, spanish: (p) => `${f(p)} no puede estar vacío.` },
  arrayNotEmpty: { english: /^should not be empty$/, spanish: (p) => `${f(p)} no puede estar vacío.` },
  isDefined: { english: /^should not be null or undefined$/, spanish: (p) => `${f(p)} es obligatorio.` },
  isString: { english: /^must be a string$/, spanish: (p) => `${f(p)} debe ser texto.` },
  isInt: { english: /^must be an integer number$/, spanish: (p) => `${f(p)} debe ser un número entero.` },
  isNumber: { english: /^must be a number conforming to the specified constraints$/, spanish: (p) => `${f(p)} debe ser un número.` },
  isNumberString: { english: /^must be a number string$/, spanish: (p) => `${f(p)} debe ser un número escrito como texto.` },
  isDecimal: { english: /^is not a valid decimal number\.$/, spanish: (p) => `${f(p)} debe ser un número decimal.` },
  isPositive: { english: /^must be a positive number$/, spanish: (p) => `${f(p)} debe ser un número positivo.` },
  isBoolean: { english: /^must be a boolean value$/, spanish: (p) => `${f(p)} debe ser true o false.` },
  isBooleanString: { english: /^must be a boolean string$/, spanish: (p) => `${f(p)} debe ser "true" o "false".` },
  isEmail: { english: /^must be an email$/, spanish: (p) => `${f(p)} debe ser un correo electrónico válido.` },
  isUuid: { english: /^must be a UUID$/, spanish: (p) => `${f(p)} debe ser un identificador UUID.` },
  isUrl: { english: /^must be a URL address$/, spanish: (p) => `${f(p)} debe ser una dirección URL.` },
  isDateString: { english: /^must be a valid ISO 8601 date string$/, spanish: (p) => `${f(p)} debe ser una fecha ISO 8601 (AAAA-MM-DD o con hora).` },
  isIso8601: { english: /^must be a valid ISO 8601 date string$/, spanish: (p) => `${f(p)} debe ser una fecha ISO 8601 (AAAA-MM-DD o con hora).` },
  isDate: { english: /^must be a Date instance$/, spanish: (p) => `${f(p)} debe ser una fecha.` },
  isTimeZone: { english: /^must be a valid IANA time-zone$/, spanish: (p) => `${f(p)} debe ser una zona horaria IANA, como America/Bogota.` },
  isISO31661Alpha2: { english: /^must be a valid ISO31661 Alpha2 code$/, spanish: (p) => `${f(p)} debe ser un código de país ISO de 2 letras (CO, ES…).` },
  isISO4217CurrencyCode: { english: /^must be a valid ISO4217 currency code$/, spanish: (p) => `${f(p)} debe ser un código de moneda ISO 4217 (COP, USD…).` },
  isPhoneNumber: { english: /^must be a valid phone number$/, spanish: (p) => `${f(p)} debe ser un número de teléfono válido.` },
  isMobilePhone: { english: /^must be a phone number$/, spanish: (p) => `${f(p)} debe ser un número de teléfono válido.` },
  isAlphanumeric: { english: /^must contain only letters and numbers$/, spanish: (p) => `${f(p)} solo admite letras y dígitos.` },
  isLowercase: { english: /^must be a lowercase string$/, spanish: (p) => `${f(p)} debe estar en minúsculas.` },
  isUppercase: { english: /^must be uppercase$/, spanish: (p) => `${f(p)} debe estar en mayúsculas.` },
  isArray: { english: /^must be an array$/, spanish: (p) => `${f(p)} debe ser una lista.` },
  isObject: { english: /^must be an object$/, spanish: (p) => `${f(p)} debe ser un objeto.` },
  isNotEmptyObject: { english: /^must be a non-empty object$/, spanish: (p) => `${f(p)} debe ser un objeto con al menos un campo.` },
  isHexColor: { english: /^must be a hexadecimal color$/, spanish: (p) => `${f(p)} debe ser un color hexadecimal (#1f6feb).` },
  isMilitaryTime: { english: /^must be a valid representation of military time in the format HH:MM$/, spanish: (p) => `${f(p)} debe ser una hora HH:MM.` },
  isIn: { english: /^must be one of the following values: (.*)$/, spanish: (p, [values]) => `${f(p)} debe ser uno de estos valores: ${values}.` },
  isEnum: { english: /^must be one of the following values: (.*)$/, spanish: (p, [values]) => `${f(p)} debe ser uno de estos valores: ${values}.` },
  isNotIn: { english: /^should not be one of the following values: (.*)$/, spanish: (p, [values]) => `${f(p)} no puede ser ninguno de estos valores: ${values}.` },
  equals: { english: /^must be equal to (.*)$/, spanish: (p, [value]) => `${f(p)} debe ser igual a ${value}.` },
  maxLength: { english: /^must be shorter than or equal to (\d+) characters$/, spanish: (p, [n]) => `${f(p)} admite como máximo ${n} caracteres.` },
  minLength: { english: /^must be longer than or equal to (\d+) characters$/, spanish: (p, [n]) => `${f(p)} necesita al menos ${n} caracteres.` },
  isLength: {
    english: /^must be (?:longer than or equal to (\d+) and )?(?:shorter|longer) than or equal to (\d+) characters$/,
    spanish: (p, [min, max]) => (min ? `${f(p)} debe tener entre ${min} y ${max} caracteres.` : `${f(p)} debe tener como máximo ${max} caracteres.`),
  },
  min: { english: /^must not be less than (.*)$/, spanish: (p, [n]) => `${f(p)} no puede ser menor que ${n}.` },
  max: { english: /^must not be greater than (.*)$/, spanish: (p, [n]) => `${f(p)} no puede ser mayor que ${n}.` },
  arrayMinSize: { english: /^must contain at least (\d+) elements$/, spanish: (p, [n]) => `${f(p)} debe tener al menos ${n} elementos.` },
  arrayMaxSize: { english: /^must contain no more than (\d+) elements$/, spanish: (p, [n]) => `${f(p)} admite como máximo ${n} elementos.` },
  arrayUnique: { english: /^.*'s elements must be unique$/, spanish: (p) => `${f(p)} no puede repetir elementos.` },
  matches: { english: /^must match .* regular expression$/, spanish: (p) => `${f(p)} no tiene el formato esperado.` },
  whitelistValidation: { english: /^should not exist$/, spanish: (p) => `El campo "${p}" no está permitido.` },
  nestedValidation: { english: /^must be either object or array$/, spanish: (p) => `${f(p)} debe ser un objeto o una lista.` },
};

/** One message of one constraint, in Spanish and in English. */
export function translateConstraint(constraint: string, message: string, property: string, field: string): { es: string; en: string } {
  const rule = RULES[constraint];
  if (!rule) return { es: message, en: message };
  // "each value in tags must be…", "property x should not exist", "nested property x must be…", "All x's elements…"
  const each = message.startsWith('each value in ');
  const withoutEach = each ? message.slice('each value in '.length) : message;
  const rest = withoutEach.replace(/^(?:nested )?property /, '').replace(/^All /, '');
  if (!rest.startsWith(`${property} `) && !rest.startsWith(`${property}'s`)) return { es: message, en: message };
  const match = rule.english.exec(rest.slice(property.length).replace(/^ /, ''));
  if (!match) return { es: message, en: message };
  const spanish = rule.spanish(field, match.slice(1));
  return { es: each ? `Cada valor de ${spanish}` : spanish, en: message };
}

/** Field errors of a class-validator result, dotted paths (`lines.0.quantity`), in both languages. */
export function fieldErrorsOf(errors: ValidationError[], parent = ''): { es: FieldError[]; en: FieldError[] } {
  const es: FieldError[] = [];
  const en: FieldError[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      const text = translateConstraint(constraint, message, error.property, field);
      es.push({ field, message: text.es });
      en.push({ field, message: text.en });
    }
    const nested = fieldErrorsOf(error.children ?? [], field);
    es.push(...nested.es);
    en.push(...nested.en);
  }
  return { es, en };
}
