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
