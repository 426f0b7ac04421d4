// Writes the FIT test fixtures of issue #10 with Garmin's own FIT SDK for JavaScript
// (@garmin/fitsdk: its Encoder writes the files, its Decoder reads them back), so the
// app's reader is tested against files it did not make.
//
//   cd tests/fixtures/activity/tools && npm ci && cd - && node scripts/make_fit_fixtures.mjs
//
// Writes tests/fixtures/activity/*.fit and expected.json: for each file, what Garmin's
// Decoder reads back (record count, start, totals, local time offset, integrity) and
// numbers computed here, independently of the Rust code, from the streams written:
// normalized power (Coggan: 30 s rolling mean, fourth-power mean, fourth root) and
// normalized graded pace (Minetti et al. 2002 cost of running on a gradient).

import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "tests", "fixtures", "activity");
const require = createRequire(join(out, "tools", "package.json"));
const { Encoder, Decoder, Stream, Profile, Utils } = await import(
  require.resolve("@garmin/fitsdk")
);

const M = Profile.MesgNum;
const fitSeconds = (date) => Utils.convertDateToDateTime(date);

/** The 30 s rolling mean, fourth-power mean, fourth root of a 1 s series. */
function normalized(series) {
  if (series.length < 30) return null;
  let sum4 = 0;
  let n = 0;
  for (let end = 30; end <= series.length; end++) {
    let s = 0;
    for (let i = end - 30; i < end; i++) s += series[i];
    sum4 += (s / 30) ** 4;
    n++;
  }
  return (sum4 / n) ** 0.25;
}

/** Minetti et al. 2002, J Appl Physiol 93:1039, energy cost of running (J/kg/m). */
function minetti(i) {
  const g = Math.max(-0.45, Math.min(0.45, i));
  return 155.4 * g ** 5 - 30.4 * g ** 4 - 43.3 * g ** 3 + 46.3 * g ** 2 + 19.5 * g + 3.6;
}

/**
 * Writes one activity. `points` are {t (s from start), hr, power, distance, altitude}.
 */
function activity({ start, offsetS, sport, subSport, points, fileType = "activity" }) {
  const e = new Encoder();
  e.onMesg(M.FILE_ID, {
    type: fileType,
    manufacturer: "development",
    product: 0,
    serialNumber: 1234,
    timeCreated: start,
  });
  e.onMesg(M.EVENT, { timestamp: start, event: "timer", eventType: "start" });
  for (const p of points) {
    const rec = { timestamp: new Date(start.getTime() + p.t * 1000) };
    if (p.hr != null) rec.heartRate = p.hr;
    if (p.power != null) rec.power = p.power;
    if (p.distance != null) rec.distance = p.distance;
    if (p.altitude != null) rec.altitude = p.altitude;
    e.onMesg(M.RECORD, rec);
  }
  const last = points[points.length - 1];
  const end = new Date(start.getTime() + last.t * 1000);
  e.onMesg(M.EVENT, { timestamp: end, event: "timer", eventType: "stopAll" });
  const hrs = points.filter((p) => p.hr != null).map((p) => p.hr);
  const powers = points.filter((p) => p.power != null).map((p) => p.power);
  e.onMesg(M.LAP, {
    timestamp: end,
    startTime: start,
    totalElapsedTime: last.t,
    totalTimerTime: last.t,
  });
  e.onMesg(M.SESSION, {
    timestamp: end,
    startTime: start,
    sport,
    subSport,
    totalElapsedTime: last.t,
    totalTimerTime: last.t,
    totalDistance: last.distance ?? undefined,
    avgHeartRate: hrs.length ? Math.round(hrs.reduce((a, b) => a + b) / hrs.length) : undefined,
    maxHeartRate: hrs.length ? Math.max(...hrs) : undefined,
    avgPower: powers.length
      ? Math.round(powers.reduce((a, b) => a + b) / powers.length)
      : undefined,
    firstLapIndex: 0,
    numLaps: 1,
  });
  e.onMesg(M.ACTIVITY, {
    timestamp: end,
    totalTimerTime: last.t,
    numSessions: 1,
    type: "manual",
    event: "activity",
    eventType: "stop",
    localTimestamp: fitSeconds(end) + offsetS,
  });
  return e.close();
}

/** What Garmin's Decoder reads back from the bytes. */
function readBack(bytes) {
  const stream = Stream.fromByteArray(bytes);
  const decoder = new Decoder(stream);
  const isFIT = decoder.isFIT();
  const integrity = decoder.checkIntegrity();
  const { messages, errors } = new Decoder(Stream.fromByteArray(bytes)).read({
    convertDateTimesToDates: false,
  });
  const rec = messages.recordMesgs ?? [];
  const session = (messages.sessionMesgs ?? [])[0] ?? null;
  const act = (messages.activityMesgs ?? [])[0] ?? null;
  return {
    is_fit: isFIT,
    integrity,
    errors: errors.map((e) => String(e.message ?? e)),
    records: rec.length,
    first_record_unix_s: rec.length ? rec[0].timestamp + Utils.FIT_EPOCH_MS / 1000 : null,
    last_record_unix_s: rec.length
      ? rec[rec.length - 1].timestamp + Utils.FIT_EPOCH_MS / 1000
      : null,
    last_distance_m: rec.length ? rec[rec.length - 1].distance ?? null : null,
    record_hr_mean:
      rec.filter((r) => r.heartRate != null).reduce((a, r) => a + r.heartRate, 0) /
        Math.max(1, rec.filter((r) => r.heartRate != null).length) || null,
    record_hr_max: rec.reduce((m, r) => Math.max(m, r.heartRate ?? 0), 0) || null,
    record_power_mean:
      rec.filter((r) => r.power != null).reduce((a, r) => a + r.power, 0) /
        Math.max(1, rec.filter((r) => r.power != null).length) || null,
    session: session && {
      sport: session.sport,
      sub_sport: session.subSport,
      start_unix_s: session.startTime + Utils.FIT_EPOCH_MS / 1000,
      total_elapsed_time: session.totalElapsedTime,
      total_distance: session.totalDistance ?? null,
    },
    local_offset_s: act ? act.localTimestamp - act.timestamp : null,
    // The streams as Garmin's Decoder reads them, for the numbers computed below.
    _power: rec.map((r) => r.power ?? 0),
    _distance: rec.map((r) => r.distance ?? null),
    _altitude: rec.map((r) => r.altitude ?? r.enhancedAltitude ?? null),
  };
}

/** NGP from decoded streams (1 s records): Minetti grade adjustment, as streams.rs documents. */
function ngp(distance, altitude) {
  const n = distance.length;
  const speed = [];
  const cum = [];
  const alt = [];
  for (let i = 1; i < n; i++) {
    speed.push(distance[i] - distance[i - 1]);
    cum.push((cum.length ? cum[cum.length - 1] : 0) + speed[speed.length - 1]);
    alt.push(altitude[i]);
  }
  const gap = speed.map((v, i) => {
    const k = Math.max(0, i - 5);
    const j = Math.min(speed.length - 1, i + 5);
    const run = cum[j] - cum[k];
    const grade = run >= 10 ? Math.max(-0.45, Math.min(0.45, (alt[j] - alt[k]) / run)) : 0;
    return (v * minetti(grade)) / minetti(0);
  });
  const ngs = normalized(gap);
  return ngs ? 1000 / ngs : null;
}

const expected = {};
function emit(name, bytes, extra = {}) {
  writeFileSync(join(out, name), bytes);
  const back = readBack(bytes);
  const { _power, _distance, _altitude, ...kept } = back;
  expected[name] = { ...kept, ...extra(back) };
}

// 1. A ride with power and heart rate: 2026-03-07 08:00 UTC, local +01:00 (09:00).
//    Blocks of 20 min at 150 W / 140 bpm, 250 W / 165 bpm, 150 W / 140 bpm; 9 m/s, flat.
const ride = [];
for (let t = 0; t <= 3600; t++) {
  const hard = t > 1200 && t <= 2400;
  ride.push({ t, hr: hard ? 165 : 140, power: hard ? 250 : 150, distance: 9 * t, altitude: 100 });
}
const rideBytes = activity({
  start: new Date("2026-03-07T08:00:00Z"),
  offsetS: 3600,
  sport: "cycling",
  subSport: "road",
  points: ride,
});
emit("ride_power_hr.fit", rideBytes, (b) => ({
  normalized_power_w: normalized(b._power.slice(1)),
}));

// 2. A hilly run with heart rate, altitude and distance: 2026-03-09 06:30 UTC, local
//    +01:00 (07:30). 45 min at 3 m/s over a 20 m sine hill with a 10 min period; 150 bpm,
//    165 bpm in the last 15 min. Elevation gain by hand: 20 m to the first top, then four
//    80 → 120 m climbs = 180 m.
const run = [];
for (let t = 0; t <= 2700; t++) {
  run.push({
    t,
    hr: t > 1800 ? 165 : 150,
    distance: 3 * t,
    altitude: 100 + 20 * Math.sin((2 * Math.PI * t) / 600),
  });
}
const runBytes = activity({
  start: new Date("2026-03-09T06:30:00Z"),
  offsetS: 3600,
  sport: "running",
  subSport: "trail",
  points: run,
});
emit("run_hilly.fit", runBytes, (b) => ({
  normalized_graded_pace_s_per_km: ngp(b._distance, b._altitude),
}));

// 3. Three hours of 1 s records (speed benchmark): power, HR, distance, rolling altitude.
const long = [];
for (let t = 0; t <= 3 * 3600; t++) {
  long.push({
    t,
    hr: 130 + (t % 600 < 300 ? 10 : 25),
    power: 180 + ((t * 37) % 120),
    distance: 8.5 * t,
    altitude: 200 + 30 * Math.sin((2 * Math.PI * t) / 1800),
  });
}
emit(
  "long_3h.fit",
  activity({
    start: new Date("2026-03-01T07:00:00Z"),
    offsetS: 3600,
    sport: "cycling",
    subSport: "road",
    points: long,
  }),
  (b) => ({ normalized_power_w: normalized(b._power.slice(1)) }),
);

// 4. The ride cut in half: a file whose copy stopped early.
emit("truncated.fit", rideBytes.slice(0, Math.floor(rideBytes.length / 2)), () => ({}));

// 5. The ride with its closing CRC changed: every message still decodes, but the checksum
//    no longer matches the contents (Garmin's checkIntegrity() says false).
const bad = Uint8Array.from(rideBytes);
bad[bad.length - 1] ^= 0xff;
emit("bad_crc.fit", bad, () => ({}));

// 6. A course (a route to follow), not a recording.
emit(
  "course.fit",
  activity({
    start: new Date("2026-03-01T07:00:00Z"),
    offsetS: 0,
    sport: "running",
    subSport: "generic",
    points: [0, 1, 2].map((t) => ({ t, distance: 3 * t })),
    fileType: "course",
  }),
  () => ({}),
);

writeFileSync(join(out, "expected.json"), JSON.stringify(expected, null, 2) + "\n");
console.log(Object.keys(expected).join(", "));
