import { loadConfig } from '@daiban/config';
import { DEV_ADMIN_PASSWORD, DEV_JWT_SECRET, gatewayEnv } from './config';

describe('gateway configuration', () => {
  it('runs in development with documented defaults', () => {
    const config = loadConfig(gatewayEnv, {});
    expect(config.JWT_SECRET).toBe(DEV_JWT_SECRET);
    expect(config.ADMIN_PASSWORD).toBe(DEV_ADMIN_PASSWORD);
    expect(config.ACCESS_TOKEN_TTL_SECONDS).toBe(900);
    expect(config.API_DOCS_ENABLED).toBe(true);
    expect(config.TRUSTED_PROXIES).toEqual([]);
  });

  it('refuses to start in production without a JWT secret and an admin password', () => {
    expect(() => loadConfig(gatewayEnv, { NODE_ENV: 'production' })).toThrow(
      /JWT_SECRET: required in production[\s\S]*ADMIN_PASSWORD: required in production/,
    );
    expect(() =>
      loadConfig(gatewayEnv, {
        NODE_ENV: 'production',
        JWT_SECRET: DEV_JWT_SECRET,
        ADMIN_PASSWORD: 'Real#Passw0rd',
      }),
    ).toThrow(/JWT_SECRET/);
  });

  it('hides the API docs in production unless asked, and caps access tokens at 15 minutes', () => {
    const prod = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), ADMIN_PASSWORD: 'Real#Passw0rd' };
    expect(loadConfig(gatewayEnv, prod).API_DOCS_ENABLED).toBe(false);
    expect(loadConfig(gatewayEnv, { ...prod, API_DOCS_ENABLED: 'true' }).API_DOCS_ENABLED).toBe(true);
    expect(() => loadConfig(gatewayEnv, { ACCESS_TOKEN_TTL_SECONDS: '3600' })).toThrow(
      /ACCESS_TOKEN_TTL_SECONDS/,
    );
  });

  it('reads proxy and origin lists', () => {
    const config = loadConfig(gatewayEnv, {
      TRUSTED_PROXIES: '10.0.0.0/8, 127.0.0.1',
      CORS_ORIGINS: 'https://daiban.example.cn',
    });
    expect(config.TRUSTED_PROXIES).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(config.CORS_ORIGINS).toEqual(['https://daiban.example.cn']);
  });
});
