import { SetMetadata } from '@nestjs/common';
import type { Role } from '@daiban/contracts';

export const PUBLIC_ROUTE = 'daiban:public';
export const ROLES_KEY = 'daiban:roles';
export const STREAM_TICKET_KEY = 'daiban:stream-ticket';
export const LOGIN_THROTTLE_KEY = 'daiban:login-throttle';

/** Opts a route out of the global authentication guard. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Only these roles may call the route; others get 403 and an audit row. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/**
 * EventSource cannot send headers, so this route also accepts `?ticket=` — a single-use stream
 * ticket valid for a minute — instead of the Authorization header.
 */
export const AcceptsStreamTicket = () => SetMetadata(STREAM_TICKET_KEY, true);

/** Counted against the stricter per-IP login limit (credential stuffing). */
export const LoginThrottle = () => SetMetadata(LOGIN_THROTTLE_KEY, true);
