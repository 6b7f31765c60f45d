import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ZodError } from 'zod';
import { DomainError, ERROR_MESSAGES, type ErrorBody, type ErrorCode } from '@daiban/contracts';
import { zodIssues } from '@daiban/messaging';

/** The one place a domain error code becomes an HTTP status. */
export const HTTP_STATUS_BY_CODE: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  UNKNOWN_FIELD: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNAUTHENTICATED: 401,
  TOKEN_INVALID: 401,
  TOKEN_EXPIRED: 401,
  ACCOUNT_LOCKED: 423,
  PASSWORD_EXPIRED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  DUPLICATE: 409,
  VERSION_CONFLICT: 409,
  ILLEGAL_TRANSITION: 409,
  PRECONDITION_FAILED: 422,
  RATE_LIMITED: 429,
  UPSTREAM_TIMEOUT: 504,
  UPSTREAM_UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** Framework errors (Fastify's body parser, Nest's routing) mapped onto the same codes. */
function fromHttpException(exception: HttpException): ErrorBody {
  const status = exception.getStatus();
  // Nest's router turns Fastify's body-parser errors into plain HttpExceptions, dropping their FST_ code;
  // both of Fastify's JSON messages ("Body is not valid JSON…", "…content-type is set to 'application/json'") say JSON.
  if (status === HttpStatus.BAD_REQUEST && /json/i.test(exception.message))
    return { code: 'MALFORMED_JSON', message: ERROR_MESSAGES.MALFORMED_JSON };
  const code: ErrorCode =
    status === HttpStatus.NOT_FOUND
      ? 'NOT_FOUND'
      : status === HttpStatus.PAYLOAD_TOO_LARGE
        ? 'PAYLOAD_TOO_LARGE'
        : status === HttpStatus.UNSUPPORTED_MEDIA_TYPE
          ? 'UNSUPPORTED_MEDIA_TYPE'
          : status === HttpStatus.UNAUTHORIZED
            ? 'UNAUTHENTICATED'
            : status === HttpStatus.FORBIDDEN
              ? 'FORBIDDEN'
              : status === HttpStatus.TOO_MANY_REQUESTS
                ? 'RATE_LIMITED'
                : status < 500
                  ? 'VALIDATION_FAILED'
                  : 'INTERNAL';
  return { code, message: ERROR_MESSAGES[code] };
}

interface FastifyLikeError {
  statusCode?: number;
  code?: string;
}

/** Fastify raises its own errors before Nest sees the body (FST_ERR_CTP_*). */
function fromFastifyError(error: FastifyLikeError): ErrorBody | null {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { code: 'PAYLOAD_TOO_LARGE', message: ERROR_MESSAGES.PAYLOAD_TOO_LARGE };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { code: 'UNSUPPORTED_MEDIA_TYPE', message: ERROR_MESSAGES.UNSUPPORTED_MEDIA_TYPE };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    // Fastify 5 wraps every JSON syntax (and __proto__ poisoning) error in this code.
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { code: 'MALFORMED_JSON', message: ERROR_MESSAGES.MALFORMED_JSON };
    default:
      if (error instanceof SyntaxError && error.statusCode === 400) {
        return { code: 'MALFORMED_JSON', message: ERROR_MESSAGES.MALFORMED_JSON };
      }
      return null;
  }
}

/** Every error leaves as `{code, message, details?}` with a Chinese message; never a stack trace or SQL. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = this.toBody(exception);
    const status = HTTP_STATUS_BY_CODE[body.code] ?? 500;
    if (status >= 500 && body.code === 'INTERNAL') {
      this.logger.error(
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
      );
    }
    void reply.status(status).header('Cache-Control', 'no-store').send(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) return exception.toBody();
    if (exception instanceof ZodError)
      return new DomainError('VALIDATION_FAILED', undefined, zodIssues(exception)).toBody();
    const fastify = fromFastifyError(exception as FastifyLikeError);
    if (fastify) return fastify;
    if (exception instanceof HttpException) return fromHttpException(exception);
    return { code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL };
  }
}
