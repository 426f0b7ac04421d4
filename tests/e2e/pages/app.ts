import { Page, Locator, expect } from '@playwright/test';

/** The frame every page shares: the navigation links (names are a contract, docs/ux.md). */
export class AppFrame {
  constructor(readonly page: Page) {}

  link(name: 'Today' | 'Log' | 'Chart' | 'Data' | 'Settings'): Locator {
    return this.page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name, exact: true });
  }

  heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  alert(): Locator {
    return this.page.getByRole('alert');
  }

  async open(path = '') {
    await this.page.goto(path);
    await expect(this.heading()).toBeVisible();
  }

  /** Writes raw text into the app's storage key before the app loads. */
  async seedStorage(raw: string) {
    await this.page.addInitScript((value) => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem('recovery-run', value);
        sessionStorage.setItem('seeded', '1');
      }
    }, raw);
  }

  /** The text under the app's key: the head of the stored data (or a whole older text). */
  async storedRaw(): Promise<string | null> {
    return this.page.evaluate(() => localStorage.getItem('recovery-run'));
  }

  /** Every key of the app's (the head and the blocks of records) with its text. */
  async storedKeys(): Promise<Record<string, string>> {
    return this.page.evaluate(() => {
      const out: Record<string, string> = {};
      for (let i = 0; i < localStorage.length; i++) {
        const k = localStorage.key(i)!;
        if (k === 'recovery-run' || k.startsWith('recovery-run/')) out[k] = localStorage.getItem(k)!;
      }
      return out;
    });
  }
}
