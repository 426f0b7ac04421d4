#!/usr/bin/env python3
"""Writes the demo backup (docs/formats.md §1), realistic and deterministic, for the
screenshots and the Chart's end-to-end test:

    python3 scripts/make_backup.py --until 2026-03-12 --days 84 > docs/demo-backup.json

docs/demo-backup.json is committed and tests read its exact content: rewrite it only on
purpose. This is not the load-test log: the ten years the benchmarks and the opening's
end-to-end test use come from benches/support/ten_years.rs
(`cargo run --example ten_years`).

A runner doing ~55-70 km a week: a workout on Tuesday, a long run on Saturday/Sunday, easy
runs between, a ride on Thursday, strength on Monday, rest on Friday; a workout on the
`--until` day's eve so that today's advice answers a hard effort.
"""
import argparse
import datetime as dt
import json
import random

ap = argparse.ArgumentParser()
ap.add_argument("--until", default="2026-03-12")
ap.add_argument("--days", type=int, default=84)
ap.add_argument("--seed", type=int, default=7)
args = ap.parse_args()

rng = random.Random(args.seed)
until = dt.date.fromisoformat(args.until)
start = until - dt.timedelta(days=args.days - 1)
sessions = []
n = 0


def add(day, sport, intent, title, minutes, km=None, hr=None, rpe=None, start="07:00", np=None):
    global n
    n += 1
    s = {
        "id": f"demo-{n:05d}", "date": day.isoformat(), "start_time": start, "sport": sport,
        "intent": intent, "title": title, "duration_s": int(minutes * 60),
        "distance_m": None if km is None else round(km * 1000), "avg_hr_bpm": hr,
        "avg_power_w": None, "normalized_power_w": np, "rpe": rpe, "tss": None,
        "tss_method": None, "notes": "",
    }
    sessions.append(s)


day = start
while day <= until:
    wd = day.weekday()  # Monday = 0
    j = rng.uniform(0.9, 1.1)
    if day == until - dt.timedelta(days=1) or wd == 1:
        add(day, "run", "workout", "6 × 800 m", 60 * j, 12 * j, int(158 * rng.uniform(0.98, 1.02)), 8, "07:00")
    elif wd == 0:
        add(day, "strength", "strength", "Gym: legs and core", 45, rpe=6, start="18:30")
        add(day, "run", "easy", "Easy run", 45 * j, 8.5 * j, int(138 * j), 3, "07:00")
    elif wd in (2, 6):
        add(day, "run", "easy", "Easy run", 50 * j, 9.5 * j, int(140 * j), 3, "07:00")
    elif wd == 3:
        add(day, "ride", "easy", "Spin", 60 * j, 25 * j, int(125 * j), 3, "17:30", np=int(150 * j))
    elif wd == 5:
        add(day, "run", "long", "Long run", 100 * j, 19 * j, int(145 * j), 5, "08:00")
    day += dt.timedelta(days=1)

# One planned race, ten days out.
add(until + dt.timedelta(days=10), "run", "race", "10 km race", 42, 10, 172, 9, "09:00")

backup = {
    "format": "recovery-run-backup",
    "version": 1,
    "exported_at": f"{until.isoformat()}T06:00:00Z",
    "profile": {
        "sex": "female", "birth_year": 1990, "weight_kg": 58.0, "height_cm": 167.0,
        "athlete": "runner", "injury_prone": False, "weekly_volume_m": 64000,
        "units": "metric", "lthr_bpm": 168, "max_hr_bpm": 190, "resting_hr_bpm": 48,
        "threshold_pace_s_per_km": 255, "ftp_w": 230, "css_s_per_100m": 95,
        "ctl_time_constant_days": 42, "atl_time_constant_days": 7,
        "start_ctl": 0.0, "start_atl": 0.0,
    },
    "sessions": sessions,
    "wellness": [
        {"date": (until - dt.timedelta(days=1)).isoformat(), "soreness": 3, "pain": False,
         "menstruating": False, "sleep_h": 7.5, "resting_hr_bpm": 49, "notes": ""},
    ],
}
print(json.dumps(backup, indent=1))
