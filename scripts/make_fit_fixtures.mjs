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
    laps: (messages.lapMesgs ?? []).length,
    laps_timer_s: (messages.lapMesgs ?? []).reduce((a, l) => a + (l.totalTimerTime ?? 0), 0),
    laps_distance_m: (messages.lapMesgs ?? []).reduce((a, l) => a + (l.totalDistance ?? 0), 0),
    timer_events: (messages.eventMesgs ?? [])
      .filter((e) => e.event === "timer")
      .map((e) => `${e.timestamp + Utils.FIT_EPOCH_MS / 1000} ${e.eventType}`),
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

// Issue #30: real files that read wrong, each as the smallest file that shows the fault.

/**
 * A recording without a `session` message: records, timer events and the laps given, as
 * some watches' exports and files cut before their summary are. `points` are {t, hr,
 * distance}; `events` are [t, "start" | "stop" | "stopAll"]; `laps` are {from, to} in
 * seconds from the start, each lap's totals summed from the points inside it.
 */
function withoutSession({ start, manufacturer, sport, subSport, points, events, laps }) {
  const e = new Encoder();
  const at = (t) => new Date(start.getTime() + t * 1000);
  e.onMesg(M.FILE_ID, {
    type: "activity",
    manufacturer,
    product: 0,
    serialNumber: 1234,
    timeCreated: start,
  });
  e.onMesg(M.SPORT, { sport, subSport });
  // Records and events in time order, an event before a record of the same second.
  const items = [
    ...events.map(([t, eventType]) => ({ t, order: 0, eventType })),
    ...points.map((p) => ({ t: p.t, order: 1, p })),
  ].sort((a, b) => a.t - b.t || a.order - b.order);
  for (const it of items) {
    if (it.eventType) {
      e.onMesg(M.EVENT, { timestamp: at(it.t), event: "timer", eventType: it.eventType });
    } else {
      const rec = { timestamp: at(it.p.t) };
      if (it.p.hr != null) rec.heartRate = it.p.hr;
      if (it.p.distance != null) rec.distance = it.p.distance;
      e.onMesg(M.RECORD, rec);
    }
  }
  for (const lap of laps) {
    const inside = points.filter((p) => p.t > lap.from && p.t <= lap.to);
    const first = points.filter((p) => p.t <= lap.from).pop();
    const last = inside[inside.length - 1];
    const hrs = inside.map((p) => p.hr);
    e.onMesg(M.LAP, {
      timestamp: at(lap.to),
      startTime: at(lap.from),
      totalElapsedTime: lap.to - lap.from,
      totalTimerTime: lap.to - lap.from,
      totalDistance: last.distance - first.distance,
      avgHeartRate: Math.round(hrs.reduce((a, b) => a + b) / hrs.length),
      maxHeartRate: Math.max(...hrs),
    });
  }
  const end = at(points[points.length - 1].t);
  e.onMesg(M.ACTIVITY, { timestamp: end, type: "manual", event: "activity", eventType: "stop" });
  return e.close();
}

/** The seconds the timer ran, from timer events [t, type] (a stop of any kind pauses it). */
function timerSeconds(events, until) {
  let total = 0;
  let since = null;
  for (const [t, type] of events) {
    if (type === "start" && since == null) since = t;
    if (type !== "start" && since != null) {
      total += t - since;
      since = null;
    }
  }
  return since == null ? total : total + (until - since);
}

// 7. Laps that end before the records do (a Suunto 9 export whose last lap message is
//    missing: its laps cover 4 035 s of a 4 812 s recording). 2026-05-16 06:00 UTC, a run
//    at 3 m/s with a record a second and no session message; four laps end at 4 035 s.
//    After them the run goes on at 160 bpm (150 before), with a 120 s pause (timer stopped
//    at 4 500 s, started at 4 620 s, no records between) and the timer stopped at 4 812 s.
//    By hand: timer 4 035 + (4 500 − 4 035) + (4 812 − 4 620) = 4 035 + 465 + 192 = 4 692 s;
//    elapsed 4 812 s; distance 3 m/s × 4 692 s = 14 076 m (the laps' 12 105 m + 1 971 m);
//    average HR by timer time (4 035 × 150 + 657 × 160) / 4 692 = 151.40 bpm.
const tail = [];
for (let t = 0; t <= 4812; t++) {
  if (t > 4500 && t < 4620) continue;
  const moving = t <= 4500 ? t : t - 120;
  tail.push({ t, hr: t <= 4035 ? 150 : 160, distance: 3 * moving });
}
const tailEvents = [
  [0, "start"],
  [4500, "stop"],
  [4620, "start"],
  [4812, "stop"],
];
const tailLaps = [
  { from: 0, to: 1000 },
  { from: 1000, to: 2000 },
  { from: 2000, to: 3000 },
  { from: 3000, to: 4035 },
];
const tailFile = (events) =>
  withoutSession({
    start: new Date("2026-05-16T06:00:00Z"),
    manufacturer: "suunto",
    sport: "running",
    subSport: "generic",
    points: tail,
    events,
    laps: tailLaps,
  });
const tailExpected = () => ({
  expected_timer_s: timerSeconds(tailEvents, 4812),
  expected_elapsed_s: 4812,
  expected_distance_m: 3 * timerSeconds(tailEvents, 4812),
  expected_avg_hr: (4035 * 150 + (timerSeconds(tailEvents, 4812) - 4035) * 160) /
    timerSeconds(tailEvents, 4812),
});
emit("laps_end_before_records.fit", tailFile(tailEvents), tailExpected);
// 8. The same without its timer events: the time after the last lap is then the records'
//    own (a gap of over 10 s without movement is a pause, docs/domain.md §8): the same
//    4 692 s by hand.
emit("laps_end_before_records_no_events.fit", tailFile([]), tailExpected);

// 9. No session and no lap message, only records and timer events (a file whose summary
//    was never written). 2026-05-18 17:00 UTC, 45 min: 0–1 200 s running at 3 m/s, 60 s
//    standing at a light with the timer running (records go on, the distance does not),
//    1 260–1 800 s running, the timer stopped (stop_all) for 300 s without records,
//    2 100–2 700 s running. By hand: timer 1 800 + 600 = 2 400 s; moving time (1 km/h or
//    faster) 2 400 − 60 = 2 340 s; elapsed 2 700 s; distance 3 m/s × 2 340 s = 7 020 m.
const bare = [];
for (let t = 0; t <= 2700; t++) {
  if (t > 1800 && t < 2100) continue;
  const moving = t <= 1200 ? t : t <= 1260 ? 1200 : t <= 1800 ? t - 60 : t - 360;
  bare.push({ t, hr: t > 1200 && t <= 1260 ? 120 : 145, distance: 3 * moving });
}
const bareEvents = [
  [0, "start"],
  [1800, "stopAll"],
  [2100, "start"],
  [2700, "stopAll"],
];
emit(
  "no_session_no_laps.fit",
  withoutSession({
    start: new Date("2026-05-18T17:00:00Z"),
    manufacturer: "development",
    sport: "running",
    subSport: "generic",
    points: bare,
    events: bareEvents,
    laps: [],
  }),
  () => ({
    expected_timer_s: timerSeconds(bareEvents, 2700),
    expected_moving_s: 2340,
    expected_elapsed_s: 2700,
    expected_distance_m: 7020,
  }),
);

writeFileSync(join(out, "expected.json"), JSON.stringify(expected, null, 2) + "\n");
console.log(Object.keys(expected).join(", "));
