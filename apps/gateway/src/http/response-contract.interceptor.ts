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

/**
 * Success bodies pass through the route's declared response schema: fields it does not list
 * (a password hash, an unmasked phone added by mistake) are stripped, and a body that breaks the
 * contract is a server bug answered with 500 rather than sent.
 */
@Injectable()
export class ResponseContractInterceptor implements NestInterceptor {
  private readonly logger = new Logger('response-contract');

  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const schema = this.reflector.get<z.ZodType | null | undefined>(
      RESPONSE_SCHEMA_KEY,
      context.getHandler(),
    );
    if (!schema) return next.handle();
    return next.handle().pipe(
      map((body) => {
        // A file download (e.g. the ledger as .xlsx) is not the JSON the schema describes.
        if (body instanceof StreamableFile) return body;
        const result = schema.safeParse(body);
        if (result.success) return result.data;
        this.logger.error(
          `response of ${context.getClass().name}.${context.getHandler().name} breaks its contract: ${result.error.message}`,
        );
        throw new DomainError('INTERNAL');
      }),
    );
  }
}
