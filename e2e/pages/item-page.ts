import type { Locator, Page } from 'playwright-core';
import type { ItemAction, ItemState } from '@daiban/contracts';
import { m } from './app-shell';

/** One form field of an item action, found by its label; `choice` picks an option of a select. */
export interface ActionField {
  label: string;
  value: string;
  kind?: 'text' | 'choice';
}

/**
 * The item page with its action forms (wt-items): `item-action-<action>` opens the form
 * `item-action-form`, `item-action-submit` sends it, `item-state` shows the state after.
 */
export class ItemPage {
  constructor(readonly page: Page) {}

  get state(): Locator {
    return this.page.getByTestId('item-state');
  }

  async expectState(state: ItemState): Promise<void> {
    await this.state.filter({ hasText: m.itemStates[state] }).waitFor();
  }

  async act(action: ItemAction, fields: readonly ActionField[], then: ItemState): Promise<void> {
    await this.page.getByTestId(`item-action-${action}`).click();
    const form = this.page.getByTestId('item-action-form');
    await form.waitFor();
    for (const field of fields) {
      const input = form.getByLabel(field.label);
      if (field.kind === 'choice') {
        await input.click();
        await this.page.getByRole('option', { name: field.value }).click();
      } else {
        await input.fill(field.value);
      }
    }
    await this.page.getByTestId('item-action-submit').click();
    await this.expectState(then);
  }
}
