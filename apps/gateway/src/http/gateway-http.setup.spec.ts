import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import helmet from 'helmet';
import { loadConfig } from '@daiban/config';
import { gatewayEnv } from '../config';
import { helmetOptions, precomputedSecurityHeaders } from './gateway-http.setup';

describe('the security headers taken once from helmet', () => {
  it.each(['development', 'production'])('are what helmet itself sets on an answer (%s)', (env) => {
    const config = loadConfig(gatewayEnv, {
      NODE_ENV: env,
      JWT_SECRET: 'x'.repeat(40),
      ADMIN_PASSWORD: 'Real#Passw0rd-2026',
    });
    const response = new ServerResponse(new IncomingMessage(new Socket()));
    helmet(helmetOptions(config))(response.req, response, (error?: unknown) => {
      if (error) throw error;
    });
    const precomputed = precomputedSecurityHeaders(config);
    expect(Object.fromEntries(precomputed.map(([name, value]) => [name.toLowerCase(), value]))).toEqual(
      response.getHeaders(),
    );
    expect(precomputed.length).toBeGreaterThan(8);
    if (env === 'production')
      expect(precomputed.map(([name]) => name.toLowerCase())).toContain('strict-transport-security');
  });
});
