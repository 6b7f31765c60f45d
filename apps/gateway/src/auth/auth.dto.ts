import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from '@daiban/auth';

const username = z.string().trim().min(1).max(64);
const password = z.string().min(1).max(PASSWORD_MAX_LENGTH);
const refreshToken = z.string().min(1).max(200);

export const loginBody = z.strictObject({ username, password });
export const refreshBody = z.strictObject({ refreshToken });
export const logoutBody = z.strictObject({ refreshToken });
export const changePasswordBody = z.strictObject({
  username,
  currentPassword: password,
  newPassword: password,
});

export const tokenPairResponse = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  tokenType: z.literal('Bearer'),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int(),
});
export type TokenPair = z.infer<typeof tokenPairResponse>;
