import {
  CallHandler,
  ExecutionContext,
  Injectable,
  Logger,
  NestInterceptor,
  StreamableFile,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { map, type Observable } from 'rxjs';
import type { z } from 'zod';
import { DomainError } from '@daiban/contracts';
import { RESPONSE_SCHEMA_KEY } from './api-contract.decorator';

const logger = new Logger('response-contract');

/**
 * A success body through its route's response schema: what it does not list is stripped, and a body
 * that breaks it is a server bug answered with 500 rather than sent.
 */
export function contractBody(schema: z.ZodType, body: unknown, route: string): unknown {
  // A file download (e.g. the ledger as .xlsx) is not the JSON the schema describes.
  if (body instanceof StreamableFile) return body;
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  logger.error(`response of ${route} breaks its contract: ${result.error.message}`);
  throw new DomainError('INTERNAL');
}

/**
 * Success bodies pass through the route's declared response schema: fields it does not list
 * (a password hash, an unmasked phone added by mistake) are stripped, and a body that breaks the
 * contract is a server bug answered with 500 rather than sent.
 */
@Injectable()
export class ResponseContractInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const schema = this.reflector.get<z.ZodType | null | undefined>(
      RESPONSE_SCHEMA_KEY,
      context.getHandler(),
    );
    if (!schema) return next.handle();
    const route = `${context.getClass().name}.${context.getHandler().name}`;
    return next.handle().pipe(map((body) => contractBody(schema, body, route)));
  }
}
