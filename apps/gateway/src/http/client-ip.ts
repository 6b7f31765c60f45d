import type { FastifyRequest } from 'fastify';

/**
 * Fastify resolves `request.ip` through X-Forwarded-For only for hops listed in TRUSTED_PROXIES
 * (the `trustProxy` option), taking the right-most untrusted address — so entries a client forges
 * on the left of the header are ignored.
 */
export function clientIp(request: Pick<FastifyRequest, 'ip'>): string {
  return request.ip;
}
