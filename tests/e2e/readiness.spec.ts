import { test, expect } from '@playwright/test';
import { DataPage } from './pages/data';
import { TodayPage } from './pages/today';

// Issue #19: readiness beyond form (docs/domain.md §7). "Today" is fixed so the dates below
// mean the same thing on any day.
const TODAY = '2026-03-12';

function day(offset: number): string {
  const d = new Date(`${TODAY}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}

/** 35 days of steady easy runs (from start values 55/55): a log that covers 28 days. */
function backup() {
  const sessions: any[] = [];
  for (let i = -35; i < 0; i++) {
    sessions.push({ id: `e${i}`, date: day(i), start_time: '07:00', sport: 'run', intent: 'easy', title: 'Easy run', duration_s: 3600, distance_m: 10000, avg_hr_bpm: 135 });
  }
  return JSON.stringify({
    format: 'recovery-run-backup',
    version: 2,
    exported_at: `${TODAY}T06:00:00Z`,
    profile: { athlete: 'runner', lthr_bpm: 168, max_hr_bpm: 190, threshold_pace_s_per_km: 255, units: 'metric', start_ctl: 55, start_atl: 55 },
    sessions,
    wellness: [],
  });
}

async function start(page) {
  await page.clock.setFixedTime(new Date(`${TODAY}T09:00:00`));
  const data = new DataPage(page);
  await data.open();
  expect(await data.importText('backup.json', backup(), 'application/json')).toMatch(/added/);
  const today = new TodayPage(page);
  await today.goto();
  await expect(today.advice()).toBeVisible();
  return { data, today };
}

test('a check-in with HRV and sick: passive, R15', async ({ page }) => {
  const { today } = await start(page);
  await expect(today.advice()).toHaveAttribute('data-kind', 'train');
  await today.hrv().fill('58');
  await today.hrv().press('Enter');
  await today.sick().check();
  await expect(today.advice()).toHaveAttribute('data-kind', 'passive');
  expect(await today.rules()).toContain('R15');
  // The HRV needs 14 mornings before it has a normal range.
  await expect(page.getByTestId('readiness')).toContainText('not enough data yet');
});

test('the load budget, ratio and monotony are on Today', async ({ page }) => {
  const { today } = await start(page);
  const tss = Number(await today.loadBudget().getAttribute('data-tss'));
  expect(Number.isInteger(tss) && tss > 0).toBe(true);
  await expect(today.loadBudget()).toContainText(`up to ${tss} TSS today keeps tomorrow's form above −30`);
  await expect(today.acwr()).toHaveAttribute('data-value', /^\d+\.\d\d$/);
});

test('check-ins CSV: import, then export gives the same rows', async ({ page }) => {
  const { data } = await start(page);
  // Issue #33 added hrv_sdnn_ms and hrv_source (docs/formats.md §2.1).
  const csv =
    'date,hrv_rmssd_ms,hrv_sdnn_ms,hrv_source,hrv_range_low_ms,hrv_range_high_ms,resting_hr_bpm,sleep_h,soreness,pain,sick,injured,menstruating,notes\n' +
    `${day(-2)},61.5,,Garmin,52,68,49,7.5,2,false,false,false,false,\n` +
    `${day(-1)},,48.5,Apple Watch,,,52,,,false,true,false,false,cold\n`;
  const report = await data.importText('check-ins.csv', csv, 'text/csv');
  expect(report).toMatch(/Check-ins: 2 added/);
  const { name, text } = await data.download('Export check-ins (CSV)');
  expect(name).toMatch(/check-ins/);
  expect(text).toBe(csv);
  // A file from before those columns still imports (and exports with them empty).
  const old =
    'date,hrv_rmssd_ms,resting_hr_bpm,sleep_h,soreness,pain,sick,injured,menstruating,notes\n' +
    `${day(-3)},58,50,8,,false,false,false,false,\n`;
  expect(await data.importText('old-check-ins.csv', old, 'text/csv')).toMatch(/Check-ins: 1 added/);
  const again = await data.download('Export check-ins (CSV)');
  expect(again.text).toContain(`${day(-3)},58,,,,,50,8,,false,false,false,false,\n`);
});
