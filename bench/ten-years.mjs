// Ten years of a multisport athlete's log in the app's localStorage envelope
// (`{"schema":1,"data":{...}}`, src/store/schema.rs and src/store/data.rs): about 5,000
// sessions over 3,650 days ending today, with the fields the app stores and a TSS scored the
// way the app would (pace, power, swim, heart rate, RPE), plus the last year's check-ins.
//
//   node bench/ten-years.mjs [--until YYYY-MM-DD] [--days 3650] > ten-years.json

const PROFILE = {
  sex: 'female', birth_year: 1990, weight_kg: 58.0, height_cm: 167.0, athlete: 'triathlete',
  injury_prone: false, weekly_volume_m: 64000.0, units: 'metric', lthr_bpm: 168.0,
  max_hr_bpm: 190.0, resting_hr_bpm: 48.0, threshold_pace_s_per_km: 255.0, ftp_w: 230.0,
  css_s_per_100m: 95.0, ctl_time_constant_days: 42.0, atl_time_constant_days: 7.0,
  start_ctl: 0.0, start_atl: 0.0, pmc_update: 'exponential',
};

/** A small deterministic generator (mulberry32): the same log on every run. */
function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, between: (lo, hi) => lo + (hi - lo) * next(), pick: (xs) => xs[Math.floor(next() * xs.length)] };
}

function isoDay(d) {
  return d.toISOString().slice(0, 10);
}

/** The local calendar day, as the app's clock sees it. */
export function localToday() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The app's id format: `s<ms in base 36>-<counter in base 36>`. */
function id(ms, n) {
  return `s${Math.floor(ms).toString(36)}-${n.toString(36)}`;
}

const hoursOf = (s) => s.duration_s / 3600;

function score(s, r) {
  const h = hoursOf(s);
  switch (s.sport) {
    case 'run': {
      const pace = s.duration_s / (s.distance_m / 1000); // s per km
      const IF = PROFILE.threshold_pace_s_per_km / pace;
      return [h * IF * IF * 100, 'pace'];
    }
    case 'ride': {
      if (s.normalized_power_w != null) {
        const IF = s.normalized_power_w / PROFILE.ftp_w;
        return [h * IF * IF * 100, 'power'];
      }
      const IF = s.avg_hr_bpm / PROFILE.lthr_bpm;
      return [h * IF * IF * 100, 'hr'];
    }
    case 'swim': {
      const pace = s.duration_s / (s.distance_m / 100); // s per 100 m
      const IF = PROFILE.css_s_per_100m / pace;
      return [h * IF * IF * IF * 100, 'swim'];
    }
    case 'strength':
      return [h * (15 + (40 - 15) * (s.rpe - 1) / 9), 'rpe'];
    case 'yoga':
      return [h * (10 + (25 - 10) * (s.rpe - 1) / 9), 'rpe'];
    default:
      if (r.next() < 0.3) return [Math.round(r.between(20, 120)), 'given'];
      return [h * (s.avg_hr_bpm / PROFILE.lthr_bpm) ** 2 * 100, 'hr'];
  }
}

const NOTES = ['', '', '', '', '', '', 'Windy', 'Felt strong', 'Legs heavy', 'Hilly route, 2 min jog recoveries', 'Left calf a bit tight'];

export function tenYears({ until = localToday(), days = 3650, seed = 2026 } = {}) {
  const r = rng(seed);
  const end = new Date(`${until}T12:00:00Z`);
  const start = new Date(end);
  start.setUTCDate(start.getUTCDate() - (days - 1));
  const sessions = [];
  const wellness = [];
  let counter = 0;
  for (let i = 0; i < days; i++) {
    const day = new Date(start);
    day.setUTCDate(day.getUTCDate() + i);
    const date = isoDay(day);
    const wd = day.getUTCDay(); // Sunday = 0
    const plan = [];
    // A week of a triathlete: ~1.4 sessions a day, Friday mostly rest.
    if (wd === 5) { if (r.next() < 0.5) plan.push(['swim', 'easy']); }
    else if (wd === 1) { plan.push(['run', 'easy']); if (r.next() < 0.9) plan.push(['strength', 'strength']); }
    else if (wd === 2) { plan.push(['run', 'workout']); if (r.next() < 0.8) plan.push(['swim', 'workout']); }
    else if (wd === 3) { plan.push(['ride', 'easy']); if (r.next() < 0.45) plan.push(['run', 'recovery']); }
    else if (wd === 4) { plan.push(['swim', 'workout']); if (r.next() < 0.85) plan.push(['run', 'easy']); }
    else if (wd === 6) { plan.push(['ride', 'long']); if (r.next() < 0.7) plan.push(['run', 'easy']); }
    else { plan.push(['run', 'long']); if (r.next() < 0.3) plan.push(['yoga', 'recovery']); }
    if (r.next() < 0.05) plan.length = 0; // sick, travelling
    plan.forEach(([sport, intent], n) => {
      const mins = {
        run: { recovery: 30, easy: 50, workout: 65, long: 105 }[intent],
        ride: { easy: 60, long: 180 }[intent],
        swim: { easy: 40, workout: 60 }[intent],
        strength: 45, yoga: 50,
      }[sport];
      const j = r.between(0.85, 1.15);
      const s = {
        id: id(day.getTime() + 7 * 3600e3 + n * 60e3, counter++ % 36),
        date,
        start_time: n === 0 ? r.pick(['06:30', '07:00', '07:15', '12:10']) : r.pick(['17:30', '18:00', '18:30']),
        sport,
        intent,
        title: {
          run: { recovery: 'Recovery run', easy: 'Easy run', workout: r.pick(['6 × 800 m', 'Tempo 3 × 10 min', 'Hill repeats']), long: 'Long run' }[intent],
          ride: { easy: 'Spin', long: 'Long ride' }[intent],
          swim: { easy: 'Easy swim', workout: 'Swim: 10 × 100 m' }[intent],
          strength: 'Gym: legs and core',
          yoga: 'Evening yoga',
        }[sport],
        duration_s: Math.round(mins * j * 60),
        distance_m: null,
        avg_hr_bpm: null,
        avg_power_w: null,
        normalized_power_w: null,
        rpe: null,
        tss: null,
        tss_method: null,
        notes: r.pick(NOTES),
      };
      const hard = intent === 'workout' || intent === 'long';
      if (sport === 'run') {
        const pace = (hard ? 270 : 330) * r.between(0.95, 1.05); // s per km
        s.distance_m = Math.round(s.duration_s / pace * 1000);
        s.avg_hr_bpm = Math.round((hard ? 156 : 138) * r.between(0.97, 1.03));
        s.rpe = hard ? 7 : 3;
      } else if (sport === 'ride') {
        s.distance_m = Math.round(s.duration_s / 3600 * r.between(24000, 31000));
        s.avg_hr_bpm = Math.round(128 * r.between(0.95, 1.05));
        s.avg_power_w = Math.round(150 * r.between(0.9, 1.1));
        s.normalized_power_w = Math.round(s.avg_power_w * r.between(1.03, 1.1));
        s.rpe = hard ? 5 : 3;
      } else if (sport === 'swim') {
        const pace = (hard ? 100 : 112) * r.between(0.96, 1.04); // s per 100 m
        s.distance_m = Math.round(s.duration_s / pace * 100 / 25) * 25;
        s.rpe = hard ? 6 : 3;
      } else {
        s.rpe = sport === 'yoga' ? 2 : 6;
      }
      const [tss, method] = score(s, r);
      s.tss = tss;
      s.tss_method = method;
      sessions.push(s);
    });
    if (i >= days - 365 && r.next() < 0.6) {
      wellness.push({
        date, soreness: 1 + Math.floor(r.next() * 4), pain: false, menstruating: r.next() < 0.15,
        sleep_h: Math.round(r.between(6, 9) * 4) / 4, resting_hr_bpm: Math.round(r.between(45, 53)), notes: '',
      });
    }
  }
  return {
    schema: 1,
    data: { profile: PROFILE, sessions, wellness, settings: { theme: 'system', last_backup: until } },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name, dflt) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : dflt;
  };
  const env = tenYears({ until: arg('--until', localToday()), days: Number(arg('--days', 3650)) });
  process.stdout.write(JSON.stringify(env));
  process.stderr.write(`${env.data.sessions.length} sessions, ${env.data.wellness.length} check-ins\n`);
}
