import type { Locator, Page } from 'playwright-core';
import type { ItemAction, ItemState } from '@daiban/contracts';

/** One form field of an item action, found by its label; `radio` picks the option so named. */
export interface ActionField {
  label: string;
  value: string;
  kind?: 'text' | 'radio';
}

/**
 * `/items/:id` with its action forms: `item-action-<action>` opens the form
 * `item-action-form`, `item-action-submit` sends it, `item-state` carries the state in `data-state`.
 */
export class ItemPage {
  constructor(readonly page: Page) {}

  get state(): Locator {
    return this.page.getByTestId('item-state');
  }

  async goto(itemId: string): Promise<void> {
    await this.page.goto(`/items/${itemId}`);
    await this.state.waitFor();
  }

  async expectState(state: ItemState): Promise<void> {
    await this.page.locator(`[data-testid="item-state"][data-state="${state}"]`).waitFor();
  }

  async act(action: ItemAction, fields: readonly ActionField[], then: ItemState): Promise<void> {
    await this.page.getByTestId(`item-action-${action}`).click();
    const form = this.page.locator(`[data-testid="item-action-form"][data-action="${action}"]`);
    await form.waitFor();
    for (const field of fields) {
      if (field.kind === 'radio') await form.getByRole('radio', { name: field.value }).check();
      else await form.getByLabel(field.label).fill(field.value);
    }
    await form.getByTestId('item-action-submit').click();
    await this.expectState(then);
  }
}
