import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsOptional } from 'class-validator';

/** The most values one list filter takes (`?status=a,b,…`). */
export const MAX_FILTER_VALUES = 50;

/** A UUID, or "none" for "not set" (unassigned owner, no team…). */
export const UUID_OR_NONE = /^(none|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** `?tags=a&tags=b`, `?tags=a,b` and a mix of both all become ['a', 'b']. */
export function toFilterList({ value }: { value: unknown }): unknown {
  if (value === undefined || value === null) return value;
  const values = Array.isArray(value) ? value : [value];
  return values
    .flatMap((item) => (typeof item === 'string' ? item.split(',') : [item]))
    .map((item) => (typeof item === 'string' ? item.trim() : item))
    .filter((item) => item !== '');
}

/** A query filter that takes one or several values (repeated parameter or comma list); any of them matches. */
export function ListFilter(description: string, ...validators: PropertyDecorator[]) {
  return applyDecorators(
    ApiPropertyOptional({ type: [String], description: `${description} Several values: repeat the parameter or separate with commas (any of them matches).` }),
    IsOptional(),
    Transform(toFilterList),
    IsArray(),
    ArrayNotEmpty(),
    ArrayMaxSize(MAX_FILTER_VALUES),
    ...validators,
  );
}
