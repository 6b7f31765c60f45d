import type { z } from 'zod';
import { serviceEnv } from '@daiban/config';

export const notificationsEnv = serviceEnv('notifications', 3003);
export type NotificationsConfig = z.infer<typeof notificationsEnv>;
