import { Controller } from '@nestjs/common';
import { DomainError, upsertRecipient, type RecipientCard } from '@daiban/contracts';
import { RpcHandler, type RpcRequestMessage } from '@daiban/messaging';
import { RecipientDirectory } from './recipient-directory.port';

/** The seam the gateway feeds user contact cards through until its user events exist. */
@Controller()
export class RecipientsHandler {
  constructor(private readonly directory: RecipientDirectory) {}

  @RpcHandler(upsertRecipient)
  async upsert({ data, caller }: RpcRequestMessage<RecipientCard>) {
    if (caller?.role !== 'admin') throw new DomainError('FORBIDDEN');
    return { applied: await this.directory.apply(data) };
  }
}
