import { test, expect } from '@playwright/test';
import { DataPage } from './pages/data';
import { LogPage } from './pages/log';
import { SettingsPage } from './pages/settings';

// Thresholds over time (docs/domain.md §6): a new set from a date is previewed with the
// numbers it changes, applied, and undone. "Today" is fixed so the dates mean the same.
const TODAY = '2026-03-12';
const RUN_DAYS = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-09', '2026-03-10', '2026-03-11'];

/** A version 1 backup: LTHR 160, six one-hour runs at 144 bpm with no TSS (estimated on import). */
function backup() {
  return JSON.stringify({
    format: 'recovery-run-backup', version: 1, exported_at: `${TODAY}T06:00:00Z`,
    profile: { lthr_bpm: 160, units: 'metric' },
    sessions: RUN_DAYS.map((date, i) => ({ id: `r${i}`, date, start_time: '07:00', sport: 'run', title: `Run ${date}`, duration_s: 3600, avg_hr_bpm: 144 })),
  });
}

/** Today's CTL, ATL and TSB from daily loads (docs/domain.md §2: k = 1 − e^(−1/τ), from 0). */
function today(loadOf: (date: string) => number) {
  const kc = 1 - Math.exp(-1 / 42), ka = 1 - Math.exp(-1 / 7);
  let ctl = 0, atl = 0, tsb = 0;
  for (let d = new Date('2026-03-02T12:00:00Z'); d.toISOString().slice(0, 10) <= TODAY; d.setUTCDate(d.getUTCDate() + 1)) {
    const date = d.toISOString().slice(0, 10);
    tsb = ctl - atl;
    const load = RUN_DAYS.includes(date) ? loadOf(date) : 0;
    ctl += (load - ctl) * kc;
    atl += (load - atl) * ka;
  }
  return { ctl, atl, tsb };
}

test('a new set from a date: preview with its numbers, Apply, Undo', async ({ page }) => {
  await page.clock.setFixedTime(new Date(`${TODAY}T09:00:00`));
  const data = new DataPage(page);
  await data.open();
  expect(await data.importText('backup.json', backup(), 'application/json')).toMatch(/6 added/);

  const log = new LogPage(page);
  await log.goto();
  // hrTSS = 1 h × (144 ÷ 160)² × 100 = 81 for every run.
  await expect(log.entry('Run 2026-03-10')).toContainText('81 TSS');

  const settings = new SettingsPage(page);
  await settings.goto();
  await settings.set(/^From/, '2026-03-09');
  await settings.set(/^Threshold heart rate/, '170');

  // The three runs from 9 March change: 81 → 1 h × (144 ÷ 170)² × 100 = 71.75.
  await expect(settings.preview()).toHaveAttribute('data-changed', '3');
  await expect(settings.previewLargest()).toHaveCount(3);
  await expect(settings.previewLargest().first()).toContainText('81 → 72 TSS');
  const lthr170 = 100 * (144 / 170) ** 2;
  const before = today(() => 81);
  const after = today((d) => (d >= '2026-03-09' ? lthr170 : 81));
  // Compared as changes (after − before, each shown to one decimal): the start of the
  // series (0 here, or a seed) adds the same to both sides of each.
  await expect(settings.previewToday()).toHaveText(/^Today: CTL .* → .*, ATL .* → .*, TSB .* → .*\.$/);
  const shown = ((await settings.previewToday().textContent()) ?? '').match(/-?\d+\.\d/g)!.map(Number);
  expect(shown).toHaveLength(6);
  const [ctl0, ctl1, atl0, atl1, tsb0, tsb1] = shown;
  expect(Math.abs(ctl1 - ctl0 - (after.ctl - before.ctl))).toBeLessThan(0.11);
  expect(Math.abs(atl1 - atl0 - (after.atl - before.atl))).toBeLessThan(0.11);
  expect(Math.abs(tsb1 - tsb0 - (after.tsb - before.tsb))).toBeLessThan(0.11);
  expect(after.ctl - before.ctl).toBeLessThan(-0.5);
  // Nothing is re-scored before Apply.
  await log.goto();
  await expect(log.entry('Run 2026-03-10')).toContainText('81 TSS');
  await settings.goto();
  await expect(settings.preview()).toHaveCount(0);
  await settings.set(/^From/, '2026-03-09');
  await settings.set(/^Threshold heart rate/, '170');
  await settings.button('Apply').click();
  await expect(settings.preview()).toHaveCount(0);
  await expect(settings.sets()).toHaveCount(2);
  await expect(settings.field(/^Threshold heart rate/)).toHaveValue('170');

  await log.goto();
  await expect(log.entry('Run 2026-03-10')).toContainText('72 TSS');
  await expect(log.entry('Run 2026-03-10')).toContainText('LTHR 170 bpm (thresholds from 2026-03-09)');
  await expect(log.entry('Run 2026-03-03')).toContainText('81 TSS');
  await expect(log.entry('Run 2026-03-03')).toContainText('LTHR 160 bpm (thresholds from 2026-03-02)');

  // A correction of the set from 9 March, applied and undone: its runs go back to 72.
  await settings.goto();
  await settings.field('A change is').selectOption('fix:2026-03-09');
  await settings.set(/^Threshold heart rate/, '144');
  await expect(settings.preview()).toHaveAttribute('data-changed', '3');
  // 1 h × (144 ÷ 144)² × 100 = 100.
  await expect(settings.previewLargest().first()).toContainText('72 → 100 TSS');
  await settings.button('Apply').click();
  await expect(settings.field(/^Threshold heart rate/)).toHaveValue('144');
  await settings.button('Undo').click();
  await expect(settings.field(/^Threshold heart rate/)).toHaveValue('170');
  await expect(settings.sets()).toHaveCount(2);
  await log.goto();
  await expect(log.entry('Run 2026-03-10')).toContainText('72 TSS');
  await expect(log.entry('Run 2026-03-03')).toContainText('81 TSS');
  await page.reload();
  await expect(log.entry('Run 2026-03-10')).toContainText('72 TSS');
});

test('Cancel leaves everything as it was', async ({ page }) => {
  await page.clock.setFixedTime(new Date(`${TODAY}T09:00:00`));
  const data = new DataPage(page);
  await data.open();
  await data.importText('backup.json', backup(), 'application/json');
  const settings = new SettingsPage(page);
  await settings.goto();
  // A correction for every day re-scores all six runs.
  await settings.field('A change is').selectOption('fix');
  await settings.set(/^Threshold heart rate/, '150');
  await expect(settings.preview()).toHaveAttribute('data-changed', '6');
  await settings.button('Cancel').click();
  await expect(settings.preview()).toHaveCount(0);
  await expect(settings.field(/^Threshold heart rate/)).toHaveValue('160');
  const log = new LogPage(page);
  await log.goto();
  await expect(log.entry('Run 2026-03-02')).toContainText('81 TSS');
});
