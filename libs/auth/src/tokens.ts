import { z } from 'zod';
import { ROLES, scopeSchema } from '@daiban/contracts';

/**
 * JWT `typ` header values (RFC 9068 style). Each token kind is accepted only where it belongs,
 * so a stream ticket never works as an access token and vice versa.
 */
export const TOKEN_TYPES = {
  access: 'at+jwt',
  streamTicket: 'stream+jwt',
  queueBoard: 'board+jwt',
} as const;
export type TokenType = (typeof TOKEN_TYPES)[keyof typeof TOKEN_TYPES];

/** The one algorithm accepted; pinning it defeats `alg: none` and algorithm-confusion attacks. */
export const TOKEN_ALGORITHM = 'HS256' as const;

/** Claims carried by every gateway-issued JWT, checked after the signature. */
export const tokenClaimsSchema = z.object({
  sub: z.string().min(1),
  /** Session (refresh-token family) id: revoking it ends every token of the session at once. */
  sid: z.string().min(1),
  /** The user's token version when issued; disabling or re-roling a user bumps it. */
  ver: z.number().int().nonnegative(),
  role: z.enum(ROLES),
  scope: scopeSchema,
  jti: z.string().min(1),
  iat: z.number(),
  exp: z.number(),
  aud: z.union([z.string(), z.array(z.string())]),
  iss: z.string(),
});
export type TokenClaims = z.infer<typeof tokenClaimsSchema>;
