import { MetadataScanner, Reflector } from '@nestjs/core';
import { z } from 'zod';
import { defineEvent, type ConsumerDefinition } from '@daiban/contracts';
import { ConsumerRunner } from './consumer.runner';
import { HandlerRegistry } from './handler-registry';
import { OnEvents } from './on-event.decorator';

const a = defineEvent({ type: 'unit.thing.created', version: 1, stream: 'UNIT', payload: z.object({}) });
const b = defineEvent({ type: 'unit.thing.deleted', version: 1, stream: 'UNIT', payload: z.object({}) });
const consumer = (subjects: string[], durable = 'unit-things'): ConsumerDefinition => ({
  service: 'unit',
  stream: 'UNIT',
  durable,
  subjects,
});

function registryWith(...defs: Array<typeof a>): HandlerRegistry {
  const registry = new HandlerRegistry(undefined as never, undefined as never, undefined as never);
  defs.forEach((def, i) => registry.add(def, async () => undefined, `Handler${i}`));
  return registry;
}

describe('startup check: every subscribed subject has exactly one handler', () => {
  it('accepts one handler per subscribed subject', () => {
    expect(() =>
      ConsumerRunner.checkWiring([consumer([a.subject, b.subject])], registryWith(a, b)),
    ).not.toThrow();
  });

  it('refuses a subscribed subject without a handler', () => {
    expect(() => ConsumerRunner.checkWiring([consumer([a.subject, b.subject])], registryWith(a))).toThrow(
      /no @OnEvent handles it/,
    );
  });

  it('refuses two handlers for one subject', () => {
    expect(() => registryWith(a, a)).toThrow(/two handlers/);
  });

  it('refuses a handler no consumer subscribes to', () => {
    expect(() => ConsumerRunner.checkWiring([consumer([a.subject])], registryWith(a, b))).toThrow(
      /no consumer subscribing/,
    );
  });

  it('refuses one subject subscribed by two consumers of the same service', () => {
    expect(() =>
      ConsumerRunner.checkWiring([consumer([a.subject]), consumer([a.subject], 'other')], registryWith(a)),
    ).toThrow(/subscribed by both/);
  });

  it('counts an @OnEvents handler as the one handler of its subject, and hands it a lone event as a list', async () => {
    const registry = registryWith(a);
    const seen: unknown[] = [];
    registry.addMany(b, async (events) => void seen.push(events.map((e) => e.id)), 'Batch');
    expect(() => registry.addMany(b, async () => undefined, 'Again')).toThrow(/two handlers/);
    expect(() => ConsumerRunner.checkWiring([consumer([a.subject, b.subject])], registry)).not.toThrow();
    await registry.get(b.subject)!.handle({ id: 'e1' } as never, undefined as never);
    expect(seen).toEqual([['e1']]);
  });

  it('gives the subjects of one @OnEvents method the same batch function, so a run of them is one call', async () => {
    const seen: string[][] = [];
    class Both {
      @OnEvents(a, b)
      async apply(events: Array<{ id: string }>) {
        seen.push(events.map((e) => e.id));
      }
    }
    const discovery = { getProviders: () => [{ instance: new Both(), isDependencyTreeStatic: () => true }] };
    const registry = new HandlerRegistry(discovery as never, new MetadataScanner(), new Reflector());
    registry.onModuleInit();
    const [first, second] = [registry.get(a.subject)!, registry.get(b.subject)!];
    expect(first.handleMany).toBeDefined();
    expect(first.handleMany).toBe(second.handleMany);
    expect(() => ConsumerRunner.checkWiring([consumer([a.subject, b.subject])], registry)).not.toThrow();
    await second.handle({ id: 'e2' } as never, undefined as never);
    expect(seen).toEqual([['e2']]);
  });
});
