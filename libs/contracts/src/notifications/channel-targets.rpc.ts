import { z } from 'zod';
import { defineRpc, idSchema } from '../rpc';

export const TARGET_KINDS = ['wecom', 'dingtalk', 'smtp'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

const scopeKey = z.object({ scopeKind: z.enum(['park', 'county']), scopeId: idSchema });

export const webhookConfigSchema = z
  .object({
    url: z.url({ protocol: /^https?$/ }),
    /** 钉钉 "加签" secret; the URL is signed per message when present. */
    secret: z.string().min(1).max(200).optional(),
  })
  .strict();

export const smtpConfigSchema = z
  .object({
    host: z.string().min(1).max(255),
    port: z.number().int().min(1).max(65535),
    secure: z.boolean().default(false),
    user: z.string().max(255).optional(),
    password: z.string().max(255).optional(),
    from: z.string().min(3).max(255),
  })
  .strict();

export const channelTargetInputSchema = z.discriminatedUnion('kind', [
  scopeKey.extend({
    kind: z.literal('wecom'),
    config: webhookConfigSchema,
    enabled: z.boolean().default(true),
  }),
  scopeKey.extend({
    kind: z.literal('dingtalk'),
    config: webhookConfigSchema,
    enabled: z.boolean().default(true),
  }),
  scopeKey.extend({ kind: z.literal('smtp'), config: smtpConfigSchema, enabled: z.boolean().default(true) }),
]);
export type ChannelTargetInput = z.infer<typeof channelTargetInputSchema>;

/** Secrets never travel back: only whether one is set. */
export const channelTargetViewSchema = z.object({
  id: z.uuid(),
  kind: z.enum(TARGET_KINDS),
  scopeKind: z.enum(['park', 'county']),
  scopeId: z.string(),
  enabled: z.boolean(),
  summary: z.string(),
  hasSecret: z.boolean(),
  updatedAt: z.string(),
});
export type ChannelTargetView = z.infer<typeof channelTargetViewSchema>;

export const listChannelTargets = defineRpc({
  pattern: 'notifications.targets.list',
  request: z.object({}).strict(),
  response: z.object({ items: z.array(channelTargetViewSchema) }),
});

export const upsertChannelTarget = defineRpc({
  pattern: 'notifications.targets.upsert',
  request: channelTargetInputSchema,
  response: channelTargetViewSchema,
});

export const removeChannelTarget = defineRpc({
  pattern: 'notifications.targets.remove',
  request: z.object({ id: z.uuid() }).strict(),
  response: z.object({ removed: z.boolean() }),
});
