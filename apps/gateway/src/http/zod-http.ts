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

/** `@ZodBody(schema)`: the body, validated against a strict zod schema (4xx, never 500). */
export const ZodBody = createParamDecorator((schema: z.ZodType, ctx: ExecutionContext) =>
  validate(schema, ctx.switchToHttp().getRequest<{ body?: unknown }>().body),
);

/** `@ZodQuery(schema)`: the query string, validated (use z.coerce for numbers). */
export const ZodQuery = createParamDecorator((schema: z.ZodType, ctx: ExecutionContext) =>
  validate(schema, ctx.switchToHttp().getRequest<{ query?: unknown }>().query),
);

/** `@ZodParam('id', schema)` for path parameters, e.g. ids that must match idSchema. */
export const ZodParams = createParamDecorator((schema: z.ZodType, ctx: ExecutionContext) =>
  validate(schema, ctx.switchToHttp().getRequest<{ params?: unknown }>().params),
);
