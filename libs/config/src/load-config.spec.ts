import { z } from 'zod';
import { ConfigError, loadConfig } from './load-config';
import { serviceEnv } from './env';

describe('loadConfig', () => {
  const schema = serviceEnv('registry', 3001);

  it('works with no variables set, against the default local ports', () => {
    const config = loadConfig(schema, {});
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/daiban');
    expect(config.NATS_URL).toBe('nats://127.0.0.1:4222');
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.PORT).toBe(3001);
    expect(config.DB_SCHEMA).toBe('registry');
  });

  it('names each malformed variable and what it expected, without echoing the value', () => {
    let error: unknown;
    try {
      loadConfig(schema, {
        DATABASE_URL: 'mysql://secret@host/db',
        PORT: 'eighty',
        NATS_URL: 'nats://a:4222,http://b',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toMatch(/DATABASE_URL: expected a postgres:\/\/ or postgresql:\/\/ URL/);
    expect(message).toMatch(/PORT: expected a TCP port number/);
    expect(message).toMatch(/NATS_URL: expected a nats:\/\//);
    expect(message).not.toContain('secret');
  });

  it('names a missing required variable', () => {
    expect(() =>
      loadConfig(z.object({ JWT_SECRET: z.string({ message: 'required: the signing key' }) }), {}),
    ).toThrow(/JWT_SECRET: required: the signing key/);
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig(schema, { PORT: '' }).PORT).toBe(3001);
  });
});
