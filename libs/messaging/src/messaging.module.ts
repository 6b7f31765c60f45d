import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options';
import { NatsConnectionManager } from './jetstream/nats-connection';
import { HandlerRegistry } from './inbox/handler-registry';
import { OutboxWriter } from './outbox/outbox.writer';
import { OutboxRelay } from './outbox/outbox.relay';
import { RpcClient } from './rpc/rpc.client';
import { MessagingLifecycle } from './messaging.lifecycle';

@Global()
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions & { rpcTimeoutMs?: number }): DynamicModule {
    const providers: Provider[] = [
      { provide: MESSAGING_OPTIONS, useValue: options },
      NatsConnectionManager,
      HandlerRegistry,
      OutboxWriter,
      RpcClient,
      MessagingLifecycle,
    ];
    if (options.relay) providers.push(OutboxRelay);
    return {
      module: MessagingModule,
      imports: [DiscoveryModule],
      providers,
      exports: [
        MESSAGING_OPTIONS,
        NatsConnectionManager,
        OutboxWriter,
        RpcClient,
        HandlerRegistry,
        ...(options.relay ? [OutboxRelay] : []),
      ],
    };
  }
}
