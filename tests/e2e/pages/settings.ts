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

  /** The preview of a change of thresholds (docs/domain.md §6), shown before anything is re-scored. */
  preview(): Locator {
    return this.page.getByTestId('threshold-preview');
  }

  previewToday(): Locator {
    return this.page.getByTestId('preview-today');
  }

  previewLargest(): Locator {
    return this.page.getByTestId('preview-largest').locator('li');
  }

  button(name: 'Apply' | 'Cancel' | 'Undo'): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  sets(): Locator {
    return this.page.getByTestId('threshold-sets').locator('tbody tr');
  }
}
