import { Client } from 'pg';
import { DEMO_ENTERPRISES } from '../apps/gateway/src/identity/demo-data';
import { demoUser } from './support/api';
import { browserTest, useBrowser } from './support/browser-test';
import { e2eDatabaseUrl } from './support/run-state';
import { EnterprisePages } from './pages/enterprise';

/** Ages the user's sessions past the gateway's idle timeout (SESSION_IDLE_TIMEOUT_MINUTES, 30). */
async function idleOut(username: string): Promise<void> {
  const db = new Client({ connectionString: e2eDatabaseUrl() });
  await db.connect();
  try {
    const { rowCount } = await db.query(
      `UPDATE gateway.session_families SET last_seen_at = last_seen_at - interval '31 minutes'
        WHERE user_id = (SELECT id FROM gateway.users WHERE lower(username) = lower($1)) AND revoked_at IS NULL`,
      [username],
    );
    if (!rowCount) throw new Error(`no open session of ${username}`);
  } finally {
    await db.end();
  }
}

describe('session expiry', () => {
  const browser = useBrowser();
  const project = DEMO_ENTERPRISES[0].projects[0].name;

  browserTest(
    'an idle session returns to login, then back to the page the user was on',
    browser,
    async () => {
      const enterprise = new EnterprisePages(await browser().tab('enterprise'));
      await enterprise.signIn('/');
      await enterprise.expectInAgency(project);
      await enterprise.openProgress(project);
      const progressPath = new URL(enterprise.page.url()).pathname;
      expect(progressPath).not.toBe('/');

      await idleOut(demoUser('enterprise').username);
      // Any request now gets 401 and the one refresh fails too, so the app sends the user to login.
      // Opening the bell makes a request; the live stream's reconnect may get there first.
      await enterprise.bell.click({ timeout: 3_000 }).catch(() => undefined);
      await enterprise.sessionExpiredNotice.waitFor();
      expect(new URL(enterprise.page.url()).pathname).toBe('/login');
      await enterprise.screenshot('session-expired-login');

      await enterprise.fillLogin();
      await enterprise.expectSignedIn();
      await enterprise.expectProgressOpen(project);
      expect(new URL(enterprise.page.url()).pathname).toBe(progressPath);
    },
  );
});
