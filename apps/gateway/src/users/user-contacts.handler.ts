import { Controller } from '@nestjs/common';
import { DomainError, userContacts, type RpcRequest, type RpcResponse } from '@daiban/contracts';
import { RpcHandler, type RpcRequestMessage } from '@daiban/messaging';
import { UsersRepository } from '../identity/users.repository';

/**
 * `gateway.users.contacts`: e-mail and phone of users, for the notifications service at send time.
 * Services call as the system caller (role admin); anyone else is refused. NATS user permissions close
 * the subject to every other publisher in production (see the contract).
 */
@Controller()
export class UserContactsHandler {
  constructor(private readonly users: UsersRepository) {}

  @RpcHandler(userContacts)
  async contacts({
    data,
    caller,
  }: RpcRequestMessage<RpcRequest<typeof userContacts>>): Promise<RpcResponse<typeof userContacts>> {
    if (!caller) throw new DomainError('UNAUTHENTICATED');
    if (caller.role !== 'admin') throw new DomainError('FORBIDDEN');
    const rows = await this.users.contactsOf([...new Set(data.userIds)]);
    return {
      contacts: rows.map((r) => ({ userId: r.id, email: r.email, phone: r.phone, enabled: r.enabled })),
    };
  }
}
