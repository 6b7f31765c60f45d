import { applyDecorators, Injectable, PipeTransform, UseFilters, UsePipes } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { callerSchema, type RpcDefinition } from '@daiban/contracts';
import type { RpcRequestMessage } from './rpc-wire';
import { RpcErrorFilter } from './rpc-error.filter';

@Injectable()
class RpcRequestPipe implements PipeTransform {
  constructor(private readonly def: RpcDefinition) {}

  transform(value: RpcRequestMessage): RpcRequestMessage {
    return {
      data: this.def.request.parse(value?.data),
      caller: value?.caller == null ? null : callerSchema.parse(value.caller),
    };
  }
}

/**
 * A request-reply handler for a contract: the payload arrives validated as `{ data, caller }`
 * and any error leaves as `{ code, message, details }`.
 */
export const RpcHandler = (def: RpcDefinition) =>
  applyDecorators(
    MessagePattern(def.pattern),
    UsePipes(new RpcRequestPipe(def)),
    UseFilters(new RpcErrorFilter()),
  );
