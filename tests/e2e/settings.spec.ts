import { test, expect } from '@playwright/test';
import { SettingsPage } from './pages/settings';
import { LogPage } from './pages/log';
import { DataPage } from './pages/data';
import { TodayPage } from './pages/today';

test('units round trip: switching to miles shows the log in miles', async ({ page }) => {
  const log = new LogPage(page);
  await log.open('#/log');
  await log.add({ Title: 'Ten k', Duration: '50:00', 'Distance (km)': '10' });
  await expect(log.entry('Ten k')).toContainText('10.0 km');
  const settings = new SettingsPage(page);
  await settings.goto();
  await settings.field('Units').selectOption('imperial');
  await log.goto();
  // 10 km = 6.21 mi; 5:00 /km = 8:03 /mi (1 mi = 1.609344 km).
  await expect(log.entry('Ten k')).toContainText('6.21 mi');
  await expect(log.entry('Ten k')).toContainText('8:03 /mi');
  await page.reload();
  await expect(log.entry('Ten k')).toContainText('6.21 mi');
});

test('thresholds show zones, and a bad value keeps its text with a message', async ({ page }) => {
  const settings = new SettingsPage(page);
  await settings.open('#/settings');
  await settings.set(/^Threshold heart rate/, '168');
  // Friel: Z2 is 85–89 % of LTHR → 143–149 bpm for 168.
  await expect(page.locator('.zones tr', { hasText: 'Z2' })).toContainText('143 bpm');
  await expect(page.locator('.zones tr', { hasText: 'Z2' })).toContainText('149 bpm');
  await settings.set(/^Max heart rate/, '300');
  await expect(settings.field(/^Max heart rate/)).toHaveValue('300');
  await expect(settings.field(/^Max heart rate/)).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#maxhr-error')).toContainText('25 to 250');
  await page.reload();
  await expect(settings.field(/^Threshold heart rate/)).toHaveValue('168');
  await expect(settings.field(/^Max heart rate/)).toHaveValue('');
});

test('the theme can be set by hand', async ({ page }) => {
  const settings = new SettingsPage(page);
  await settings.open('#/settings');
  await settings.field('Theme').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(21, 24, 28)');
});

// Fitness and fatigue set on a date (docs/domain.md §2.1, issue #17): CTL and ATL at the end
// of that day, from another tool; Today's numbers go on from them and name them as set by
// the athlete. "Today" is fixed so the dates mean the same on any day.
test('fitness on a date: validated beside the fields, carried into Today, cleared', async ({ page }) => {
  const TODAY = '2026-03-12';
  const RUNS = ['2026-03-10', '2026-03-11', '2026-03-12'];
  await page.clock.setFixedTime(new Date(`${TODAY}T09:00:00`));
  const data = new DataPage(page);
  await data.open();
  // Three one-hour runs at 144 bpm with LTHR 160: hrTSS 1 h × (144 ÷ 160)² × 100 = 81 each.
  const backup = JSON.stringify({
    format: 'recovery-run-backup', version: 2, exported_at: `${TODAY}T06:00:00Z`,
    profile: { lthr_bpm: 160, units: 'metric' },
    sessions: RUNS.map((date, i) => ({ id: `r${i}`, date, start_time: '07:00', sport: 'run', title: `Run ${date}`, duration_s: 3600, avg_hr_bpm: 144 })),
  });
  expect(await data.importText('backup.json', backup, 'application/json')).toMatch(/3 added/);

  // k = 1 − e^(−1/τ), the app's default update (docs/domain.md §2).
  const kc = 1 - Math.exp(-1 / 42), ka = 1 - Math.exp(-1 / 7);
  const tile = (name: string) => page.locator('.tile', { hasText: name }).locator('.value');
  const today = new TodayPage(page);
  await today.goto();
  // From 0: CTL = 81 × (1 − (1 − kc)³) = 5.7.
  const fromZero = 81 * (1 - (1 - kc) ** 3);
  await expect(tile('Fitness (CTL)')).toHaveText(fromZero.toFixed(0));
  await expect(page.getByTestId('settling')).toBeVisible();

  const settings = new SettingsPage(page);
  await settings.goto();
  await settings.set(/^Date of fitness and fatigue/, '2026-03-13');
  await expect(settings.field(/^Date of fitness and fatigue/)).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#fitness-date-error')).toContainText('today or an earlier date');
  await settings.set(/^Date of fitness and fatigue/, '2026-03-10');
  await expect(page.locator('#fitness-date-error')).toBeEmpty();
  await settings.set(/^CTL on that date/, '500');
  await expect(page.locator('#fitness-ctl-error')).toContainText('0 to 300');
  await expect(page.getByTestId('fitness-on')).toContainText('Not set');
  await settings.set(/^CTL on that date/, '50');
  await settings.set(/^ATL on that date/, '60');
  await expect(page.getByTestId('fitness-on')).toContainText('CTL 50 and ATL 60 at the end of 2026-03-10');

  // The end of 10 March is CTL 50, ATL 60; 11 and 12 March add 81 each:
  // X += (81 − X) × k, twice; today's form is 11 March's CTL − ATL.
  let ctl = 50, atl = 60, tsb = 0;
  for (let i = 0; i < 2; i++) {
    tsb = ctl - atl;
    ctl += (81 - ctl) * kc;
    atl += (81 - atl) * ka;
  }
  await today.goto();
  await expect(tile('Fitness (CTL)')).toHaveText(ctl.toFixed(0));
  await expect(tile('Fatigue (ATL)')).toHaveText(atl.toFixed(0));
  await expect(tile('Form (TSB)')).toHaveText((tsb >= 0 ? '+' : '') + tsb.toFixed(0));
  await expect(page.getByTestId('fitness-set')).toContainText('set by you on 2026-03-10');
  await expect(page.getByTestId('settling')).toHaveCount(0);
  await page.reload();
  await expect(tile('Fitness (CTL)')).toHaveText(ctl.toFixed(0));

  await settings.goto();
  await expect(settings.field(/^CTL on that date/)).toHaveValue('50');
  await page.getByRole('button', { name: 'Clear fitness on a date' }).click();
  await expect(page.getByTestId('fitness-on')).toContainText('Not set');
  await today.goto();
  await expect(tile('Fitness (CTL)')).toHaveText(fromZero.toFixed(0));
  await expect(page.getByTestId('fitness-set')).toHaveCount(0);
});
