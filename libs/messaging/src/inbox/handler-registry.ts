import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { EntityManager } from 'typeorm';
import type { EventDefinition, EventEnvelope } from '@daiban/contracts';
import { ON_EVENT, ON_EVENTS } from './on-event.decorator';

export type EventHandlerFn = (event: EventEnvelope, manager: EntityManager) => Promise<void>;
export type EventsHandlerFn = (events: EventEnvelope[], manager: EntityManager) => Promise<void>;

export interface RegisteredHandler {
  def: EventDefinition;
  handle: EventHandlerFn;
  /**
   * Set for @OnEvents handlers: the consumer hands it a batch's consecutive events of the subjects it shares
   * this function with.
   */
  handleMany?: EventsHandlerFn;
  name: string;
}

/** Finds every @OnEvent method once; a subject with two handlers stops the app at startup. */
@Injectable()
export class HandlerRegistry implements OnModuleInit {
  private readonly handlers = new Map<string, RegisteredHandler>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const fn = instance[method];
        if (typeof fn !== 'function') continue;
        const name = `${instance.constructor.name}.${method}`;
        const def = this.reflector.get<EventDefinition | undefined>(ON_EVENT, fn);
        if (def) this.add(def, (fn as EventHandlerFn).bind(instance), name);
        const many = this.reflector.get<EventDefinition[] | undefined>(ON_EVENTS, fn);
        if (many) {
          // One function for all its subjects: the consumer hands a run of them to one call.
          const bound = (fn as EventsHandlerFn).bind(instance);
          for (const def of many) this.addMany(def, bound, name);
        }
      }
    }
  }

  add(def: EventDefinition, handle: EventHandlerFn, name: string, handleMany?: EventsHandlerFn): void {
    const existing = this.handlers.get(def.subject);
    if (existing) {
      throw new Error(`Event ${def.subject} has two handlers: ${existing.name} and ${name}`);
    }
    this.handlers.set(def.subject, { def, handle, handleMany, name });
  }

  addMany(def: EventDefinition, handleMany: EventsHandlerFn, name: string): void {
    this.add(def, (event, manager) => handleMany([event], manager), name, handleMany);
  }

  get(subject: string): RegisteredHandler | undefined {
    return this.handlers.get(subject);
  }

  subjects(): string[] {
    return [...this.handlers.keys()];
  }
}
