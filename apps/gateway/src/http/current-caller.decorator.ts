import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { DomainError, type Caller } from '@daiban/contracts';

/** The authenticated caller the auth guard put on the request; every service call passes it on. */
export const CurrentCaller = createParamDecorator((_data: unknown, ctx: ExecutionContext): Caller => {
  const request = ctx.switchToHttp().getRequest<{ caller?: Caller }>();
  if (!request.caller) throw new DomainError('UNAUTHENTICATED');
  return request.caller;
});
