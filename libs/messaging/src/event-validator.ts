import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import formatsModule from 'ajv-formats';
import { findEventDefinition, type EventDefinition } from '@crm/contracts';

// A CommonJS module that also sets `exports.default`: under ESM the default import is the plugin
// itself at run time, while the type checker sees the module object.
const addFormats = ((formatsModule as unknown as { default?: unknown }).default ?? formatsModule) as (ajv: Ajv) => Ajv;

export type EventValidation = { valid: true; known: boolean } | { valid: false; reason: string };

/**
 * What every incoming event must be, whatever its type: a CloudEvents 1.0 envelope with our
 * `tenantid` extension. The `id` is any non-empty string (the ERP's need not be UUIDs).
 */
const ENVELOPE = {
  type: 'object',
  required: ['specversion', 'id', 'source', 'type', 'tenantid'],
  properties: {
    specversion: { type: 'string', enum: ['1.0'] },
    id: { type: 'string', minLength: 1 },
    source: { type: 'string', minLength: 1 },
    type: { type: 'string', minLength: 1 },
    time: { type: 'string', format: 'date-time' },
    subject: { type: 'string' },
    datacontenttype: { type: 'string' },
    tenantid: { type: 'string', format: 'uuid' },
    correlationid: { type: 'string' },
  },
  additionalProperties: true,
} as const;

const MAX_REASON = 900;

function describe(errors: ErrorObject[] | null | undefined): string {
  const text = (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.keyword === 'enum' ? ` (${JSON.stringify(e.params)})` : ''}`).join('; ');
  return text.length > MAX_REASON ? `${text.slice(0, MAX_REASON)}…` : text;
}

/**
 * Checks an incoming event against its contract before any handler sees it: the envelope always,
 * and `data` against the JSON schema of its type in the `@crm/contracts` event catalogue. Each
 * type's schema is compiled once, on first use. A type the catalogue does not know (a handler
 * bound to something not yet in contracts, tests' own types) passes with the envelope check only:
 * refusing it would dead-letter every event of a new publisher until contracts catch up.
 */
export class EventValidator {
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, { validate: ValidateFunction; known: boolean }>();

  private envelope?: ValidateFunction;

  constructor(
    private readonly lookup: (type: string) => Pick<EventDefinition, 'schema'> | undefined = findEventDefinition,
    private readonly onSchemaError: (type: string, err: Error) => void = () => undefined,
  ) {
    this.ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(this.ajv);
  }

  /** `routingKey` is the type the event was routed (and will be dispatched) by. */
  validate(routingKey: string, event: unknown): EventValidation {
    const { validate, known } = this.compiledFor(routingKey);
    if (validate(event)) return { valid: true, known };
    return { valid: false, reason: describe(validate.errors) };
  }

  private envelopeOnly(): ValidateFunction {
    this.envelope ??= this.ajv.compile(ENVELOPE);
    return this.envelope;
  }

  private compiledFor(type: string): { validate: ValidateFunction; known: boolean } {
    let entry = this.compiled.get(type);
    if (!entry) {
      const definition = this.lookup(type);
      let validate: ValidateFunction | undefined;
      if (definition) {
        try {
          validate = this.ajv.compile({ allOf: [ENVELOPE, { type: 'object', required: ['data'], properties: { type: { const: type }, data: definition.schema } }] });
        } catch (err) {
          // A schema ajv cannot compile is a bug in contracts (a unit test guards it); checking
          // the envelope only is better than failing every delivery of the type.
          this.onSchemaError(type, err as Error);
        }
      }
      entry = validate ? { validate, known: true } : { validate: this.envelopeOnly(), known: false };
      this.compiled.set(type, entry);
    }
    return entry;
  }
}
