import { applyDecorators, SetMetadata } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';
import { ERROR_MESSAGES, type ErrorCode } from '@daiban/contracts';
import { HTTP_STATUS_BY_CODE } from '../errors/http-error.filter';

export const RESPONSE_SCHEMA_KEY = 'daiban:response-schema';

export interface ApiContractOptions {
  summary: string;
  description?: string;
  tags?: string[];
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
  /** The success body; null for 204 or a stream. Responses are parsed through it, so unlisted fields never leave. */
  response: z.ZodType | null;
  status?: number;
  /** Error codes the route itself may answer; the common ones are added for every route. */
  errors: ErrorCode[];
  /** Marks the route as needing no token in the document (the guard reads @Public()). */
  public?: boolean;
  /** Content type of a success body that is not JSON (e.g. text/event-stream). */
  produces?: string;
}

/** zod → JSON Schema (OpenAPI 3.0 dialect), the same schema the route validates with. */
export function openApiSchema(schema: z.ZodType, io: 'input' | 'output'): SchemaObject {
  const result = z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  delete result.$schema;
  return result as SchemaObject;
}

function errorBodySchema(codes: ErrorCode[]): SchemaObject {
  return {
    type: 'object',
    required: ['code', 'message'],
    properties: {
      code: { type: 'string', enum: codes },
      message: { type: 'string', description: '简体中文说明' },
      details: { description: '校验错误时为 [{field, message}]' },
    },
  };
}

function parameterDecorators(schema: z.ZodType, kind: 'query' | 'path'): MethodDecorator[] {
  const json = openApiSchema(schema, 'input') as SchemaObject & {
    properties?: Record<string, SchemaObject>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const required = (json.required ?? []).includes(name) && property.default === undefined;
    const options = { name, required, schema: property, description: property.description };
    return kind === 'query' ? ApiQuery(options) : ApiParam({ ...options, required: true });
  });
}

/**
 * One decorator that documents a route (request and response schemas, every error code with its
 * status) and lets the response interceptor enforce the response schema. Other issues' routes use
 * it the same way.
 */
export function ApiContract(options: ApiContractOptions): MethodDecorator {
  const decorators: MethodDecorator[] = [
    ApiOperation({ summary: options.summary, description: options.description }),
    SetMetadata(RESPONSE_SCHEMA_KEY, options.produces ? null : options.response),
  ];
  if (options.tags?.length) decorators.push(ApiTags(...options.tags));
  if (!options.public) decorators.push(ApiBearerAuth());
  if (options.body) decorators.push(ApiBody({ schema: openApiSchema(options.body, 'input') }));
  if (options.query) decorators.push(...parameterDecorators(options.query, 'query'));
  if (options.params) decorators.push(...parameterDecorators(options.params, 'path'));

  const status = options.status ?? 200;
  if (options.response) {
    decorators.push(
      ApiResponse({
        status,
        description: '成功',
        content: {
          [options.produces ?? 'application/json']: { schema: openApiSchema(options.response, 'output') },
        },
      }),
    );
  } else {
    decorators.push(ApiResponse({ status, description: '成功' }));
  }

  const codes = new Set<ErrorCode>(options.errors);
  if (options.body)
    [
      'VALIDATION_FAILED',
      'UNKNOWN_FIELD',
      'MALFORMED_JSON',
      'PAYLOAD_TOO_LARGE',
      'UNSUPPORTED_MEDIA_TYPE',
    ].forEach((c) => codes.add(c as ErrorCode));
  if (options.query || options.params)
    ['VALIDATION_FAILED', 'UNKNOWN_FIELD'].forEach((c) => codes.add(c as ErrorCode));
  if (!options.public)
    ['UNAUTHENTICATED', 'TOKEN_INVALID', 'TOKEN_EXPIRED'].forEach((c) => codes.add(c as ErrorCode));
  codes.add('RATE_LIMITED');
  codes.add('INTERNAL');
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const httpStatus = HTTP_STATUS_BY_CODE[code];
    byStatus.set(httpStatus, [...(byStatus.get(httpStatus) ?? []), code]);
  }
  for (const [httpStatus, statusCodes] of [...byStatus.entries()].sort(([a], [b]) => a - b)) {
    decorators.push(
      ApiResponse({
        status: httpStatus,
        description: statusCodes.map((code) => `${code}: ${ERROR_MESSAGES[code]}`).join('；'),
        schema: errorBodySchema(statusCodes),
      }),
    );
  }
  return applyDecorators(...decorators);
}
