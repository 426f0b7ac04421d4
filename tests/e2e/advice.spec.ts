import { test, expect } from '@playwright/test';
import { DataPage } from './pages/data';
import { TodayPage } from './pages/today';

// "Today" is fixed so that the dates in the backups below mean the same thing on any day.
const TODAY = '2026-03-12';

function day(offset: number): string {
  const d = new Date(`${TODAY}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}

type Opts = { injuryProne?: boolean; athlete?: string; sorenessToday?: number; crash?: boolean };

/** A backup: 35 days of steady 10 km easy runs (70 km a week), a workout yesterday. */
function backup(opts: Opts & { workoutYesterday: boolean }) {
  const sessions: any[] = [];
  for (let i = -35; i <= 0; i++) {
    if (i === -1 && opts.workoutYesterday) {
      sessions.push({ id: `w${i}`, date: day(i), start_time: '07:00', sport: 'run', intent: 'workout', title: 'Intervals', duration_s: 3600, distance_m: 12000, avg_hr_bpm: 160 });
    } else if (i < 0) {
      sessions.push({ id: `e${i}`, date: day(i), start_time: '07:00', sport: 'run', intent: 'easy', title: 'Easy run', duration_s: 3600, distance_m: 10000, avg_hr_bpm: 135 });
    }
  }
  if (opts.crash) {
    for (let i = -6; i < 0; i++) {
      sessions.push({ id: `c${i}`, date: day(i), start_time: '17:00', sport: 'ride', intent: 'long', title: 'Big ride', duration_s: 4 * 3600, tss: 250, tss_method: 'given' });
    }
  }
  return JSON.stringify({
    format: 'recovery-run-backup',
    version: 1,
    exported_at: `${TODAY}T06:00:00Z`,
    profile: {
      athlete: opts.athlete ?? 'runner', injury_prone: opts.injuryProne ?? false, lthr_bpm: 168, max_hr_bpm: 190, resting_hr_bpm: 48,
      threshold_pace_s_per_km: 255, units: 'metric', start_ctl: 55, start_atl: 55,
    },
    sessions,
    wellness: opts.sorenessToday === undefined ? [] : [{ date: TODAY, soreness: opts.sorenessToday, pain: false }],
  });
}

async function adviceFor(page, json: string) {
  await page.clock.setFixedTime(new Date(`${TODAY}T09:00:00`));
  const data = new DataPage(page);
  await data.open();
  const report = await data.importText('backup.json', json, 'application/json');
  expect(report).toMatch(/added/);
  const today = new TodayPage(page);
  await today.goto();
  await expect(today.advice()).toBeVisible();
  return { kind: await today.kind(), rules: await today.rules(), today };
}

test('an empty log: nothing to recover from', async ({ page }) => {
  await page.clock.setFixedTime(new Date(`${TODAY}T09:00:00`));
  const today = new TodayPage(page);
  await today.open();
  await expect(today.advice()).toHaveAttribute('data-kind', 'train');
  expect(await today.rules()).toContain('R1');
});

test('after a hard workout at 70 km a week: a recovery run (R7)', async ({ page }) => {
  const { kind, rules, today } = await adviceFor(page, backup({ workoutYesterday: true }));
  expect(kind).toBe('recovery-run');
  expect(rules).toEqual(expect.arrayContaining(['R2', 'R3', 'R7']));
  // The session to do carries a heart-rate ceiling in bpm (Zone 2 top from LTHR 168: 89 % = 149).
  await expect(today.advice()).toContainText('bpm');
});

test('injury-prone after a hard workout: cross-training (R6)', async ({ page }) => {
  const { kind, rules } = await adviceFor(page, backup({ workoutYesterday: true, injuryProne: true }));
  expect(kind).toBe('cross-training');
  expect(rules).toContain('R6');
});

test('only easy days: train as planned (R1)', async ({ page }) => {
  const { kind, rules } = await adviceFor(page, backup({ workoutYesterday: false }));
  expect(kind).toBe('train');
  expect(rules).toContain('R1');
});

test('very sore today: passive recovery (R5)', async ({ page }) => {
  const { kind, rules } = await adviceFor(page, backup({ workoutYesterday: true, sorenessToday: 8 }));
  expect(kind).toBe('passive');
  expect(rules).toContain('R5');
});

test('deep fatigue: a few easy days (R10)', async ({ page }) => {
  const { kind, rules, today } = await adviceFor(page, backup({ workoutYesterday: true, crash: true }));
  expect(kind).toBe('easy-days');
  expect(rules).toContain('R10');
  await expect(today.advice()).toContainText(/day/);
});

test('the advice changes at once with the check-in', async ({ page }) => {
  const { kind, today } = await adviceFor(page, backup({ workoutYesterday: true }));
  expect(kind).toBe('recovery-run');
  await today.pain().check();
  await expect(today.advice()).toHaveAttribute('data-kind', 'passive');
});

// Issue #17: a new runner's first days, today's own session, a first visit.

/** The new runner: five ordinary days logged, 60 km a week stated, no start values. */
function newRunner() {
  const run = (i: number, min: number, km: number, hr: number, intent: string) => ({
    id: `n${i}`, date: day(i), start_time: '07:00', sport: 'run', intent, title: `Run ${i}`,
    duration_s: min * 60, distance_m: km * 1000, avg_hr_bpm: hr,
  });
  return JSON.stringify({
    format: 'recovery-run-backup',
    version: 1,
    exported_at: `${TODAY}T06:00:00Z`,
    profile: {
      athlete: 'runner', lthr_bpm: 168, max_hr_bpm: 188, resting_hr_bpm: 48, threshold_pace_s_per_km: 260,
      weekly_volume_m: 60000, units: 'metric',
    },
    sessions: [
      run(-4, 50, 10, 140, 'easy'), run(-3, 60, 12, 158, 'workout'), run(-2, 45, 8, 138, 'easy'),
      run(-1, 90, 17, 145, 'long'), run(0, 40, 7.5, 140, 'easy'),
    ],
    wellness: [],
  });
}

test('a new runner with five ordinary days: no easy days, numbers still settling', async ({ page }) => {
  const { kind, today } = await adviceFor(page, newRunner());
  expect(kind).not.toBe('easy-days');
  await expect(page.getByTestId('settling')).toContainText('Still settling: 5 of 42 days');
  await expect(page.locator('.tiles')).not.toContainText('high risk');
  await expect(today.advice()).toHaveAttribute('data-done', 'false');
});

test('today’s recovery jog, once logged, is done', async ({ page }) => {
  const withJog = JSON.parse(backup({ workoutYesterday: true }));
  withJog.sessions.push({ id: 'jog', date: TODAY, start_time: '08:00', sport: 'run', intent: 'recovery', title: 'Jog', duration_s: 25 * 60, distance_m: 4000, avg_hr_bpm: 130 });
  const { kind, today } = await adviceFor(page, JSON.stringify(withJog));
  expect(kind).toBe('recovery-run');
  await expect(today.advice()).toHaveAttribute('data-done', 'true');
  await expect(today.advice()).toContainText('Done');
});

test('a first visit says where to start', async ({ page }) => {
  await page.clock.setFixedTime(new Date(`${TODAY}T09:00:00`));
  const today = new TodayPage(page);
  await today.open();
  const start = page.getByTestId('first-steps');
  await expect(start).toBeVisible();
  // On a narrow phone each link is a tap target of at least 44 px, and one that wraps keeps
  // ordinary lines (it once took 44 px a line, its bullet beside its last line).
  await page.setViewportSize({ width: 320, height: 700 });
  for (const link of await start.getByRole('link').all()) {
    const box = (await link.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(44);
    expect(box.height).toBeLessThan(2 * 44);
  }
  await start.getByRole('link', { name: 'Import your history from a watch or Strava' }).click();
  await expect(today.heading()).toHaveText('Data');
});
