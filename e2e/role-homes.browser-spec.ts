import { ROLES } from '@daiban/contracts';
import { ROLE_PAGES } from './pages';
import { browserTest, useBrowser } from './support/browser-test';

describe('each role signs in and lands on its home page', () => {
  const browser = useBrowser();

  for (const role of ROLES) {
    browserTest(
      `${role}: login form → home, screenshot artifacts/e2e/home-${role}.png`,
      browser,
      async () => {
        const pages = new ROLE_PAGES[role](await browser().tab(role));
        await pages.signIn('/');
        await pages.expectHome();
        await pages.bell.waitFor();
        await pages.screenshot(`home-${role}`);
        await browser().closeTab(role);
      },
    );
  }
});
