import type { Locator, Page } from 'playwright-core';
import type { Role } from '@daiban/contracts';
import { messages } from '../../apps/web/src/i18n/messages';
import { demoUser } from '../support/api';
import { artifactPath } from '../support/run-state';

export const m = messages;

/**
 * An accessible name as Ant Design renders it: a button of two Chinese characters gets a space
 * between them ("登 录"), so names match with optional white space between characters.
 */
export function uiName(text: string): RegExp {
  const escaped = [...text].map((ch) => ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^\\s*${escaped.join('\\s*')}\\s*$`);
}

/**
 * What every signed-in page has (web/src/layout/app-layout.tsx): the login form, the header with
 * the user and role, the notification bell. The role page objects build on it.
 */
export class AppShell {
  constructor(
    readonly page: Page,
    readonly role: Role,
  ) {}

  get loginUsername(): Locator {
    return this.page.getByLabel(m.auth.username);
  }

  get loginPassword(): Locator {
    return this.page.getByLabel(m.auth.password);
  }

  get loginSubmit(): Locator {
    return this.page.getByRole('button', { name: uiName(m.auth.submit) });
  }

  get sessionExpiredNotice(): Locator {
    return this.page.getByText(m.auth.sessionExpired);
  }

  get headerUser(): Locator {
    return this.page.getByTestId('header-user');
  }

  get bell(): Locator {
    return this.page.getByTestId('notification-bell');
  }

  /** Fills the login form shown at `path` (any page redirects there when signed out) as this role's demo user. */
  async signIn(path = '/'): Promise<void> {
    await this.page.goto(path);
    await this.fillLogin();
    await this.expectSignedIn();
  }

  /** The login form on the page as it is now (after a redirect), as this role's demo user. */
  async fillLogin(): Promise<void> {
    const user = demoUser(this.role);
    await this.loginUsername.fill(user.username);
    await this.loginPassword.fill(user.password);
    await this.loginSubmit.click();
  }

  async expectSignedIn(): Promise<void> {
    await this.headerUser.filter({ hasText: m.roles[this.role] }).waitFor();
    await this.page.getByText(m.common.loading).first().waitFor({ state: 'hidden' });
  }

  async goHome(): Promise<void> {
    await this.page.getByRole('link', { name: m.app.title }).click();
  }

  async screenshot(name: string): Promise<string> {
    const path = artifactPath(name);
    await this.page.screenshot({ path, fullPage: true });
    return path;
  }

  /** Opens the bell's popover and returns its rows (title, body, date). */
  async openNotifications(): Promise<Locator> {
    const list = this.page.getByTestId('notification-list');
    if (!(await list.isVisible())) await this.bell.click();
    await list.waitFor();
    await list.getByText(m.common.loading).waitFor({ state: 'hidden' });
    return list.getByTestId('notification');
  }

  async closeNotifications(): Promise<void> {
    if (await this.page.getByTestId('notification-list').isVisible()) await this.bell.click();
  }
}

/**
 * Picks `text` in an Ant Design select without search. Its options render in a virtual list in a
 * popup outside the field (only a window of them exists at a time), so the keyboard walks the list
 * to the option: the field's combobox names the option it is on in `aria-activedescendant`, an
 * element of its own (hidden) listbox labelled with the option's text.
 */
export async function chooseOption(page: Page, select: Locator, text: string): Promise<void> {
  const combobox = select.getByRole('combobox');
  await select.click();
  for (let step = 0; step < 60; step++) {
    const active = await combobox.getAttribute('aria-activedescendant');
    const label = active ? await page.locator(`[id="${active}"]`).getAttribute('aria-label') : null;
    if (label?.trim() === text) {
      await page.keyboard.press('Enter');
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`no option ${text} in the select`);
}

/**
 * Picks an option in an Ant Design select with search: types `search`, waits for the option
 * labelled `optionText` among the filtered ones, walks the keyboard onto it (the combobox names the
 * option it is on in `aria-activedescendant`), takes it with Enter and waits for the popup to close.
 * Clicking the option instead races the popup's opening animation and may leave the select empty.
 */
export async function searchOption(
  page: Page,
  select: Locator,
  search: string,
  optionText = search,
): Promise<void> {
  const combobox = select.getByRole('combobox');
  await select.click();
  await page.keyboard.type(search);
  // The field's own listbox (hidden, for screen readers) holds the option the keyboard is on.
  const listbox = page.locator(`[id="${await combobox.getAttribute('aria-controls')}"]`);
  await listbox
    .locator(`[role="option"][aria-label*="${optionText}"]`)
    .first()
    .waitFor({ state: 'attached' });
  for (let step = 0; ; step++) {
    const active = await combobox.getAttribute('aria-activedescendant');
    const label = active ? await page.locator(`[id="${active}"]`).getAttribute('aria-label') : null;
    if (label?.includes(optionText)) break;
    if (step >= 60) throw new Error(`no option ${optionText} after typing ${search}`);
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
  await select.filter({ hasText: optionText }).waitFor();
  await combobox.and(page.locator('[aria-expanded="false"]')).waitFor();
}
