import fc from 'fast-check';
import * as contracts from './index';
import { idSchema, rpcSubject } from './rpc';
import { namespacedSubject } from './streams';

/** Anything with a meaning in a NATS subject: token separator, wildcards, the `$` system prefix, space. */
const HOSTILE = /[.*>$\s]/;

describe('ids never reach a NATS subject', () => {
  it('refuses every id holding . * > $ or white space', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 70 }), (id) => {
        if (HOSTILE.test(id)) expect(idSchema.safeParse(id).success).toBe(false);
      }),
      { numRuns: 2000 },
    );
    for (const id of ['a.b', 'a*', 'a>', '$SYS', 'a b', 'a\tb', '>', '*', 'x.>'])
      expect(idSchema.safeParse(id).success).toBe(false);
  });

  it('builds every RPC and event subject from constants, never from data', () => {
    const values = Object.values(contracts as Record<string, unknown>);
    const patterns = values
      .filter((v): v is { pattern: string } => typeof (v as { pattern?: unknown })?.pattern === 'string')
      .map((v) => v.pattern);
    const events = values
      .filter(
        (v): v is { subject: string; type: string } =>
          typeof (v as { subject?: unknown })?.subject === 'string' &&
          typeof (v as { type?: unknown })?.type === 'string',
      )
      .map((v) => v.subject);
    expect(patterns.length).toBeGreaterThan(20);
    expect(events.length).toBeGreaterThan(10);
    for (const pattern of patterns) expect(pattern).toMatch(/^[a-z][a-z0-9]*(\.[a-z][a-zA-Z0-9]*)+$/);
    for (const subject of events) expect(subject).toMatch(/^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)+\.v\d+$/);
    expect(rpcSubject('tns', patterns[0])).toBe(`tns.rpc.${patterns[0]}`);
    expect(namespacedSubject('tns', events[0])).toBe(`tns.${events[0]}`);
  });
});
