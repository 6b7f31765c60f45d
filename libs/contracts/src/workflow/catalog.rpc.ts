import { z } from 'zod';
import { defineRpc } from '../rpc';
import { catalogItemsSchema, catalogVersionSchema } from './catalog.schema';

/** GET /api/v1/catalog: the current version, or the one asked for. */
export const workflowCatalogGet = defineRpc({
  pattern: 'workflow.catalog.get',
  request: z.strictObject({ version: z.int().positive().optional() }),
  response: catalogVersionSchema,
});

/** Admin: publish a new version; running items keep the version they started with. */
export const workflowCatalogPublish = defineRpc({
  pattern: 'workflow.catalog.publish',
  request: z.strictObject({ items: catalogItemsSchema, note: z.string().max(500).optional() }),
  response: catalogVersionSchema,
});
