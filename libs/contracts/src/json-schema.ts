/** The subset of JSON Schema the contracts use; kept as plain objects so AsyncAPI can embed them. */
export interface JsonSchema {
  type?: string | string[];
  format?: string;
  enum?: readonly (string | number | null)[];
  properties?: Record<string, JsonSchema>;
  required?: readonly string[];
  items?: JsonSchema;
  additionalProperties?: boolean | JsonSchema;
  description?: string;
  minLength?: number;
  pattern?: string;
  oneOf?: readonly JsonSchema[];
}

export const uuid: JsonSchema = { type: 'string', format: 'uuid' };
export const nullableUuid: JsonSchema = { type: ['string', 'null'], format: 'uuid' };
export const dateTime: JsonSchema = { type: 'string', format: 'date-time' };
export const text: JsonSchema = { type: 'string' };
export const nullableText: JsonSchema = { type: ['string', 'null'] };
export const integer: JsonSchema = { type: 'integer' };

export function object(properties: Record<string, JsonSchema>, required: readonly string[] = Object.keys(properties)): JsonSchema {
  // Consumers must tolerate unknown fields: changes to a type are additive only.
  return { type: 'object', properties, required, additionalProperties: true };
}
