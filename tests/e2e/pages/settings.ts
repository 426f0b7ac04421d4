import { Page, Locator, expect } from '@playwright/test';
import { AppFrame } from './app';

/** The Settings page. */
export class SettingsPage extends AppFrame {
  constructor(page: Page) {
    super(page);
  }

  async goto() {
    await this.link('Settings').click();
    await expect(this.heading()).toHaveText('Settings');
  }

  field(label: string | RegExp): Locator {
    return this.page.getByLabel(label);
  }

  /** Types a value and commits it the way leaving the field does. */
  async set(label: string | RegExp, value: string) {
    const f = this.field(label);
    await f.fill(value);
    await f.press('Tab');
  }
}
