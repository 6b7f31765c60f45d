import { ArgumentsHost, Catch, Logger, RpcExceptionFilter } from '@nestjs/common';
import { Observable, throwError } from 'rxjs';
import { ZodError } from 'zod';
import { DomainError, type ErrorBody } from '@daiban/contracts';

export function zodIssues(error: ZodError): Array<{ field: string; message: string }> {
  return error.issues.map((issue) => ({ field: issue.path.join('.') || '(root)', message: issue.message }));
}

/** Turns anything a handler throws into the wire's error body; unknown errors never leak their text. */
export function toErrorBody(exception: unknown, logger?: Logger): ErrorBody {
  if (exception instanceof DomainError) return exception.toBody();
  if (exception instanceof ZodError) {
    return new DomainError('VALIDATION_FAILED', undefined, zodIssues(exception)).toBody();
  }
  logger?.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
  return new DomainError('INTERNAL').toBody();
}

@Catch()
export class RpcErrorFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger('rpc');

  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => toErrorBody(exception, this.logger));
  }
}
