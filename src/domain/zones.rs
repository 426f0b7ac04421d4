//! Heart-rate zones and the recovery-run targets (docs/domain.md §3).
//!
//! A recovery run is Zone 1–2 heart rate. Zones come from the lactate-threshold heart rate
//! (Friel's running zones) when the profile has it, else from heart-rate reserve (Karvonen)
//! when it has max and resting HR, else from max HR alone.

use super::profile::Profile;
use super::quantity::{Bpm, PacePerKm};

/// What the zones were computed from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ZoneBasis {
    Lthr,
    Hrr,
    MaxHr,
}

impl ZoneBasis {
    pub fn label(self) -> &'static str {
        match self {
            ZoneBasis::Lthr => "from your threshold heart rate",
            ZoneBasis::Hrr => "from your heart-rate reserve",
            ZoneBasis::MaxHr => "from your max heart rate",
        }
    }
}

/// One zone: bpm bounds, open where `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct HrZone {
    pub name: &'static str,
    pub low: Option<Bpm>,
    pub high: Option<Bpm>,
}

/// Friel's running zones (Joe Friel, *The Triathlete's Training Bible*; "Quick guide to
/// setting zones", TrainingPeaks) in whole percent of LTHR: each zone's name and the top
/// of its range. Z1 is "< 85 %" (strictly below), Z2 85–89 %, … Z5b 103–106 %, and Z5c
/// "> 106 %" has no top.
const FRIEL: [(&str, u32); 6] = [
    ("Z1", 85),
    ("Z2", 89),
    ("Z3", 94),
    ("Z4", 99),
    ("Z5a", 102),
    ("Z5b", 106),
];

/// Zones from max HR or from the reserve: fractions where Z2..Z5 begin. Z1 50–60 % and Z2
/// 60–70 % are docs/domain.md §3's; Z3–Z5 (70–80, 80–90, 90–100 %) complete the common
/// five-zone scale those two come from.
const Z1_FLOOR: f64 = 0.50;
const RESERVE_TOPS: [(&str, f64); 4] = [("Z1", 0.60), ("Z2", 0.70), ("Z3", 0.80), ("Z4", 0.90)];

/// A bpm, held inside the range a [`Bpm`] allows.
fn bpm(v: i64) -> Bpm {
    let (lo, hi) = Bpm::RANGE;
    let v = v.clamp(i64::from(lo), i64::from(hi));
    Bpm::new(v as u16).unwrap_or(Bpm::new(lo).expect("the range's own bound"))
}

/// The athlete's zones and what they rest on; `None` without any heart-rate threshold.
///
/// Zones are contiguous whole beats: each zone's top is the highest whole bpm within its
/// percentage (rounded down, so a ceiling is never above the rule) and the next zone
/// starts one beat higher. A beat between two of Friel's whole percentages (89.5 % of
/// LTHR) thus belongs to the zone above: the recovery ceiling errs low.
pub fn hr_zones(p: &Profile) -> Option<(ZoneBasis, Vec<HrZone>)> {
    if let Some(lthr) = p.lthr {
        let l = i64::from(lthr.get());
        let mut zones = Vec::with_capacity(FRIEL.len() + 1);
        let mut low = None;
        for (name, top_percent) in FRIEL {
            // Integer arithmetic, so 89 % of 100 bpm is exactly 89, not 88.999….
            let scaled = l * i64::from(top_percent);
            let high = if name == "Z1" {
                // Strictly below 85 %: the last whole beat under it.
                bpm((scaled + 99) / 100 - 1)
            } else {
                bpm(scaled / 100)
            };
            zones.push(HrZone {
                name,
                low,
                high: Some(high),
            });
            low = Some(bpm(i64::from(high.get()) + 1));
        }
        zones.push(HrZone {
            name: "Z5c",
            low,
            high: None,
        });
        return Some((ZoneBasis::Lthr, zones));
    }
    let (basis, at) = reserve_or_max(p)?;
    let max = p.max_hr?;
    let mut zones = Vec::with_capacity(RESERVE_TOPS.len() + 1);
    let mut low = at(Z1_FLOOR);
    for (name, top) in RESERVE_TOPS {
        let high = at(top);
        zones.push(HrZone {
            name,
            low: Some(low),
            high: Some(high),
        });
        low = bpm(i64::from(high.get()) + 1);
    }
    zones.push(HrZone {
        name: "Z5",
        low: Some(low),
        high: Some(max),
    });
    Some((basis, zones))
}

/// A function from a fraction to bpm (rounded down): Karvonen — resting HR plus that
/// fraction of the reserve (max − resting) — when resting HR is known, else % of max.
fn reserve_or_max(p: &Profile) -> Option<(ZoneBasis, impl Fn(f64) -> Bpm)> {
    let max = f64::from(p.max_hr?.get());
    let rest = p
        .resting_hr
        .map(|r| f64::from(r.get()))
        .filter(|r| *r < max);
    let basis = if rest.is_some() {
        ZoneBasis::Hrr
    } else {
        ZoneBasis::MaxHr
    };
    let rest = rest.unwrap_or(0.0);
    // The small epsilon keeps 0.7 × 190 = 132.999… at 133.
    Some((basis, move |f: f64| {
        bpm((rest + f * (max - rest) + 1e-9).floor() as i64)
    }))
}

/// The top of Zone 2 in bpm: the ceiling of a recovery run.
pub fn zone2_ceiling(p: &Profile) -> Option<(Bpm, ZoneBasis)> {
    ceiling(p, "Z2")
}

/// The top of Zone 1 in bpm: the ceiling on days that call for less (R13).
pub fn zone1_ceiling(p: &Profile) -> Option<(Bpm, ZoneBasis)> {
    ceiling(p, "Z1")
}

fn ceiling(p: &Profile, name: &str) -> Option<(Bpm, ZoneBasis)> {
    let (basis, zones) = hr_zones(p)?;
    let z = zones.into_iter().find(|z| z.name == name)?;
    Some((z.high?, basis))
}

/// A pace range, fastest (fewest seconds per km) to slowest.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PaceRange {
    pub fastest: PacePerKm,
    pub slowest: PacePerKm,
}

/// Recovery-run pace from threshold pace, no faster than easy pace.
///
/// Rule: Friel's run pace zones, in percent of functional threshold pace *time* per km
/// (Joe Friel, "Quick guide to setting zones", TrainingPeaks; the same table in his
/// "Going Long" zones for 220 Triathlon): Zone 1 (recovery) slower than 129 %, Zone 2
/// (easy/aerobic) 114–129 %, Zone 3 106–113 %, Zone 4 99–105 %, Zone 5 faster. It is the
/// pace counterpart of the Friel LTHR heart-rate zones used above, so the two targets the
/// app shows agree with each other, and both are pinned to the same threshold test.
///
/// The fast end is where easy pace ends, 129 % (threshold 4:15 /km → 5:29 /km): a recovery
/// run is never faster than the slowest easy pace. Friel's Zone 1 has no slow end; 145 %
/// is ours, a band as wide as his Zone 2 (15 points), so the range reads as a target rather
/// than "anything slower". Heart rate stays the ceiling that counts (docs/domain.md §3).
pub const RECOVERY_PACE_FACTORS: (f64, f64) = (1.29, 1.45);

pub fn recovery_pace(p: &Profile) -> Option<PaceRange> {
    let t = p.threshold_pace?.get();
    let (fast, slow) = RECOVERY_PACE_FACTORS;
    Some(PaceRange {
        fastest: PacePerKm::new(t * fast)?,
        slowest: PacePerKm::new((t * slow).min(PacePerKm::RANGE.1))?,
    })
}

/// Whether a session's average heart rate was above Zone 2 (for R3); `None` without an
/// average HR or zones.
pub fn exceeds_zone2(avg_hr: Option<Bpm>, p: &Profile) -> Option<bool> {
    let hr = avg_hr?;
    let (ceiling, _) = zone2_ceiling(p)?;
    Some(hr > ceiling)
}

/// The intensity (fraction of threshold) each Friel heart-rate zone stands for, for
/// time-in-zone hrTSS. Each zone's IF is the middle of its band in percent of LTHR
/// (zones.rs: Z1 < 85 %, Z2 85–89 %, Z3 90–94 %, Z4 95–99 %, Z5a 100–102 %, Z5b 103–106 %,
/// Z5c > 106 %), so a steady effort in the middle of a zone scores what the average-HR
/// hrTSS of docs/domain.md §1 gives it. The two open ends are ours: Z1 is taken as 65–85 %
/// (below 65 % of LTHR is standing or walking; a stop then scores as easy running
/// rather than nothing, which errs high by little since stops are not moving time) and Z5c as
/// 106–112 %. The mapping is an estimate, like every hrTSS: TrainingPeaks, who made hrTSS
/// from time in zones, does not publish its table.
pub const ZONE_INTENSITY: [(&str, f64); 7] = [
    ("Z1", 0.75),
    ("Z2", 0.87),
    ("Z3", 0.92),
    ("Z4", 0.97),
    ("Z5a", 1.01),
    ("Z5b", 1.045),
    ("Z5c", 1.09),
];

/// Time-in-zone hrTSS as one number: the steady heart rate that gives the same hrTSS as
/// the histogram's time in the profile's LTHR zones, i.e. `LTHR × √(mean of IF²)` with each
/// second's IF from [`ZONE_INTENSITY`]. `hrTSS = hours × (it / LTHR)² × 100`, the
/// average-HR formula, so `tss.rs` scores it like an average heart rate. `None` without an
/// LTHR in the profile or any second in the histogram.
pub fn zone_equivalent_hr(histogram: &[(u16, u32)], profile: &Profile) -> Option<f64> {
    let lthr = f64::from(profile.lthr?.get());
    let (ZoneBasis::Lthr, zones) = hr_zones(profile)? else {
        return None;
    };
    let intensity = |bpm: u16| {
        let zone = zones
            .iter()
            .find(|z| z.high.is_none_or(|h| bpm <= h.get()))?;
        ZONE_INTENSITY
            .iter()
            .find(|(name, _)| *name == zone.name)
            .map(|(_, i)| *i)
    };
    let (mut seconds, mut sum) = (0.0, 0.0);
    for &(bpm, s) in histogram {
        let i = intensity(bpm)?;
        seconds += f64::from(s);
        sum += f64::from(s) * i * i;
    }
    (seconds > 0.0).then(|| lthr * (sum / seconds).sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lthr(b: u16) -> Profile {
        Profile {
            lthr: Bpm::new(b),
            ..Profile::default()
        }
    }

    #[test]
    fn friel_zones_from_lthr_168() {
        // Friel, running: Z1 < 85 %, Z2 85–89 %, … of LTHR. For 168 bpm: 85 % = 142.8, so
        // Z1 tops out at 142; 89 % = 149.5, so Z2 is 143–149; Z5c starts above 106 % = 178.1.
        let (basis, z) = hr_zones(&lthr(168)).unwrap();
        assert_eq!(basis, ZoneBasis::Lthr);
        let b = |z: &HrZone| (z.low.map(|b| b.get()), z.high.map(|b| b.get()));
        assert_eq!(b(&z[0]), (None, Some(142)));
        assert_eq!(b(&z[1]), (Some(143), Some(149)));
        assert_eq!(z[6].name, "Z5c");
        assert_eq!(b(&z[6]), (Some(179), None));
        assert_eq!(zone2_ceiling(&lthr(168)).map(|(b, _)| b.get()), Some(149));
        assert_eq!(zone1_ceiling(&lthr(168)).map(|(b, _)| b.get()), Some(142));
        // The middle zones: 94 % = 157.9, 99 % = 166.3, 102 % = 171.4, 106 % = 178.1.
        assert_eq!(b(&z[2]), (Some(150), Some(157)));
        assert_eq!(b(&z[3]), (Some(158), Some(166)));
        assert_eq!(b(&z[4]), (Some(167), Some(171)));
        assert_eq!(b(&z[5]), (Some(172), Some(178)));
    }

    #[test]
    fn friel_zones_at_lthr_100_are_the_percentages_themselves() {
        // With LTHR 100 every bpm is a percent, so Friel's table reads off directly,
        // boundaries included: 85 is Z2, 89 still Z2, 106 still Z5b, 107 Z5c.
        let (_, z) = hr_zones(&lthr(100)).unwrap();
        let tops: Vec<_> = z.iter().map(|z| z.high.map(|b| b.get())).collect();
        assert_eq!(
            tops,
            [
                Some(84),
                Some(89),
                Some(94),
                Some(99),
                Some(102),
                Some(106),
                None
            ]
        );
        let names: Vec<_> = z.iter().map(|z| z.name).collect();
        assert_eq!(names, ["Z1", "Z2", "Z3", "Z4", "Z5a", "Z5b", "Z5c"]);
        assert_eq!(z[6].low.map(|b| b.get()), Some(107));
    }

    #[test]
    fn lthr_is_preferred_and_zones_are_contiguous() {
        let p = Profile {
            lthr: Bpm::new(170),
            max_hr: Bpm::new(195),
            resting_hr: Bpm::new(45),
            ..Profile::default()
        };
        assert_eq!(hr_zones(&p).map(|(b, _)| b), Some(ZoneBasis::Lthr));
        for p in [
            p.clone(),
            Profile {
                lthr: None,
                ..p.clone()
            },
            Profile {
                lthr: None,
                resting_hr: None,
                ..p
            },
        ] {
            let (_, z) = hr_zones(&p).unwrap();
            for w in z.windows(2) {
                let (top, next) = (w[0].high.unwrap().get(), w[1].low.unwrap().get());
                assert_eq!(next, top + 1, "{} → {}", w[0].name, w[1].name);
            }
        }
        // A resting HR at or above max is a typo: max HR alone is used.
        let odd = Profile {
            max_hr: Bpm::new(150),
            resting_hr: Bpm::new(150),
            ..Profile::default()
        };
        assert_eq!(zone2_ceiling(&odd).map(|(_, b)| b), Some(ZoneBasis::MaxHr));
    }

    #[test]
    fn karvonen_and_max_hr_fallbacks() {
        // Karvonen: resting 50, max 190 → reserve 140; 70 % = 98 → Z2 ceiling 148 bpm.
        let p = Profile {
            max_hr: Bpm::new(190),
            resting_hr: Bpm::new(50),
            ..Profile::default()
        };
        assert_eq!(
            zone2_ceiling(&p),
            Some((Bpm::new(148).unwrap(), ZoneBasis::Hrr))
        );
        // Karvonen's Zone 1 for the same athlete: 50 % → 50 + 70 = 120, 60 % → 50 + 84 = 134.
        let (_, z) = hr_zones(&p).unwrap();
        assert_eq!((z[0].low, z[0].high), (Bpm::new(120), Bpm::new(134)));
        assert_eq!(
            zone1_ceiling(&p),
            Some((Bpm::new(134).unwrap(), ZoneBasis::Hrr))
        );
        // Max HR only: 70 % of 190 = 133.
        let p = Profile {
            max_hr: Bpm::new(190),
            ..Profile::default()
        };
        assert_eq!(
            zone2_ceiling(&p),
            Some((Bpm::new(133).unwrap(), ZoneBasis::MaxHr))
        );
        assert_eq!(zone2_ceiling(&Profile::default()), None);
    }

    #[test]
    fn recovery_pace_is_no_faster_than_easy() {
        // Threshold 4:15 /km (255 s): easy (Friel Z2) ends at 129 % = 329 s (5:29 /km).
        let p = Profile {
            threshold_pace: PacePerKm::new(255.0),
            ..Profile::default()
        };
        let r = recovery_pace(&p).unwrap();
        assert!((r.fastest.get() - 328.95).abs() < 1e-9);
        assert!(r.slowest.get() > r.fastest.get());
        assert_eq!(recovery_pace(&Profile::default()), None);
    }

    #[test]
    fn average_heart_rate_above_zone_2_is_flagged() {
        // LTHR 168: Zone 2 tops out at 149 bpm (above).
        assert_eq!(exceeds_zone2(None, &lthr(168)), None, "no heart rate");
        assert_eq!(exceeds_zone2(Bpm::new(149), &lthr(168)), Some(false));
        assert_eq!(exceeds_zone2(Bpm::new(150), &lthr(168)), Some(true));
        assert_eq!(
            exceeds_zone2(Bpm::new(150), &Profile::default()),
            None,
            "no zones"
        );
    }

    #[test]
    fn zone_equivalent_heart_rate() {
        let p = Profile {
            lthr: Bpm::new(100),
            ..Profile::default()
        };
        // LTHR 100: bpm = percent. Half the time at 87 (Z2, IF 0.87) and half at 101 (Z5a,
        // IF 1.01): √((0.7569 + 1.0201)/2) × 100 = √0.8885 × 100 = 94.26 bpm.
        let hr = zone_equivalent_hr(&[(87, 1800), (101, 1800)], &p).unwrap();
        assert!((hr - 100.0 * 0.8885f64.sqrt()).abs() < 1e-9, "{hr}");
        // A steady effort in the middle of a zone is its own equivalent: 92 bpm is Z3.
        assert!((zone_equivalent_hr(&[(92, 60)], &p).unwrap() - 92.0).abs() < 1e-9);
        assert_eq!(zone_equivalent_hr(&[(92, 60)], &Profile::default()), None);
        assert_eq!(zone_equivalent_hr(&[], &p), None);
    }
}
