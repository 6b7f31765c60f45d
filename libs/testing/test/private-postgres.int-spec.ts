import { Client } from 'pg';
import { PrivatePostgres } from '@daiban/testing';

describe('PrivatePostgres', () => {
  let pg: PrivatePostgres | undefined;

  afterEach(async () => {
    await pg?.stop();
    pg = undefined;
  });

  it('starts with the given settings over its test defaults', async () => {
    pg = await PrivatePostgres.start({ settings: { max_connections: '20', shared_buffers: '16MB' } });
    const client = new Client({ connectionString: pg.url });
    await client.connect();
    try {
      const show = async (name: string) =>
        ((await client.query(`SHOW ${name}`)).rows[0] as Record<string, string>)[name];
      expect(await show('max_connections')).toBe('20');
      expect(await show('shared_buffers')).toBe('16MB');
      // a default the caller did not override
      expect(await show('fsync')).toBe('off');
    } finally {
      await client.end();
    }
  });
});
