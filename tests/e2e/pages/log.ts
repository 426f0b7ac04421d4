import { Page, Locator, expect } from '@playwright/test';
import { AppFrame } from './app';

/** The Log page: the list of sessions and the add/edit form. */
export class LogPage extends AppFrame {
  constructor(page: Page) {
    super(page);
  }

  async goto() {
    await this.link('Log').click();
    await expect(this.heading()).toHaveText('Log');
  }

  entries(): Locator {
    return this.page.locator('ul.sessions > li:not(.week)');
  }

  entry(text: string): Locator {
    return this.entries().filter({ hasText: text });
  }

  field(label: string | RegExp): Locator {
    return this.page.getByLabel(label);
  }

  /** The undo offered after a delete (an `Undo` button in the `role="status"` notice). */
  undo(): Locator {
    return this.page.locator('.undo[role="status"]').getByRole('button', { name: 'Undo' });
  }

  /** A past day's check-in in the Log's `Check-ins` list (`data-day` is its date). */
  checkIn(day: string): Locator {
    return this.page.locator(`ul.check-ins > li[data-day="${day}"]`);
  }

  /** Opens a past day's check-in form. */
  async openCheckIn(day: string) {
    const item = this.checkIn(day);
    await item.locator('summary').click();
    await expect(item.getByLabel(/^Soreness/)).toBeVisible();
    return item;
  }

  liveTss(): Locator {
    return this.page.getByTestId('live-tss');
  }

  async add(fields: Record<string, string>) {
    await this.page.getByRole('button', { name: 'Add session' }).click();
    await this.fill(fields);
    await this.page.getByRole('button', { name: 'Save session' }).click();
  }

  async fill(fields: Record<string, string>) {
    for (const [label, value] of Object.entries(fields)) {
      const f = this.page.getByLabel(label, { exact: false }).first();
      if ((await f.evaluate((e) => e.tagName)) === 'SELECT') await f.selectOption(value);
      else await f.fill(value);
    }
  }
}
