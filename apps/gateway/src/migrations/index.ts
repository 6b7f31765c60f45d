/** The gateway's own migrations (identity, audit), in order. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const GATEWAY_MIGRATIONS: Function[] = [];
