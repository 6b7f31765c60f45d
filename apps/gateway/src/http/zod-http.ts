import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { z } from 'zod';
import { DomainError } from '@daiban/contracts';

/** Unknown fields are refused by name (no mass assignment of status, role, enterpriseId…). */
function validate<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const unknown = result.error.issues.filter((i) => i.code === 'unrecognized_keys');
  if (unknown.length) {
    const keys = unknown.flatMap((i) => ('keys' in i ? (i.keys as string[]) : []));
    throw new DomainError(
      'UNKNOWN_FIELD',
      `请求包含不允许的字段：${keys.join('、')}`,
      keys.map((field) => ({ field, message: '不允许的字段' })),
    );
  }
  throw new DomainError(
    'VALIDATION_FAILED',
    undefined,
    result.error.issues.map((i) => ({ field: i.path.join('.') || '(root)', message: i.message })),
  );
}

/**
 * Nest treats a decorator argument that has a `transform` method as a pipe — and every zod schema
 * has one — so the schema travels wrapped in an object, never as the bare data argument.
 */
type SchemaBox = { schema: z.ZodType };
const fromRequest = (part: 'body' | 'query' | 'params') =>
  createParamDecorator((box: SchemaBox, ctx: ExecutionContext) =>
    validate(box.schema, ctx.switchToHttp().getRequest<Record<string, unknown>>()[part]),
  );
const bodyDecorator = fromRequest('body');
const queryDecorator = fromRequest('query');
const paramsDecorator = fromRequest('params');

/** `@ZodBody(schema)`: the body, validated against a strict zod schema (4xx, never 500). */
export const ZodBody = (schema: z.ZodType): ParameterDecorator => bodyDecorator({ schema });

/** `@ZodQuery(schema)`: the query string, validated (use z.coerce for numbers). */
export const ZodQuery = (schema: z.ZodType): ParameterDecorator => queryDecorator({ schema });

/** `@ZodParams(schema)` for path parameters, e.g. ids that must match idSchema. */
export const ZodParams = (schema: z.ZodType): ParameterDecorator => paramsDecorator({ schema });
