//! Typed quantities: what a number means travels with it.
//!
//! Each type checks its range when it is made (`new` returns `None` outside it) and when it
//! is read from JSON, so a `Seconds` anywhere in the app is already a sane duration.
//! Storage is SI (metres, seconds), as docs/domain.md §5 asks.
//!
//! A fractional quantity is held to the millionth of its unit ([`GRAIN`]): `new` rounds to
//! it. No watch or formula is that precise, and it makes every value read back from JSON
//! bit for bit with serde_json's small float parser (its `float_roundtrip` feature, the
//! correct parser for any input, costs 8.5 KiB gzip of the first download). The value is
//! `n / 10^6` for a whole `n` under 2^53, computed with one correctly rounded division; the
//! shortest decimal that names it has at most as many digits as `n`, and the parser reads
//! such a decimal with one correctly rounded operation on exact operands (Clinger's fast
//! path), which gives the same `f64` back. `tests/store_schema.rs` checks it over
//! arbitrary values.

use serde::{Deserialize, Serialize};

/// The finest step of a fractional quantity: a millionth of its unit.
pub const GRAIN: f64 = 1e-6;

/// How a quantity's inner number is held: whole numbers as they are, fractions rounded to
/// the [`GRAIN`].
trait Grain: Copy {
    fn to_grain(self) -> Self;
}

impl Grain for u8 {
    fn to_grain(self) -> u8 {
        self
    }
}
impl Grain for u16 {
    fn to_grain(self) -> u16 {
        self
    }
}
impl Grain for u32 {
    fn to_grain(self) -> u32 {
        self
    }
}
impl Grain for f64 {
    fn to_grain(self) -> f64 {
        to_grain(self)
    }
}

/// `v` rounded to the nearest millionth ([`GRAIN`]); NaN and infinities as they are. Every
/// quantity is at most 10^6 units, so `v × 10^6` is a whole number under 2^53 and exact.
pub fn to_grain(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

macro_rules! quantity {
    (
        $(#[$doc:meta])*
        $name:ident($inner:ty), $lo:expr, $hi:expr, $what:literal
    ) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, PartialOrd, Deserialize)]
        #[serde(try_from = "f64")]
        pub struct $name($inner);

        /// A whole value is written as an integer (`3600`, not `3600.0`): shorter, and read
        /// back without the float parser; any other value as the shortest exact decimal.
        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let v = self.0 as f64;
                // Every accepted value is at most 1e6, so a whole one fits an i64 exactly.
                if v.fract() == 0.0 && v.abs() <= 1e15 {
                    s.serialize_i64(v as i64)
                } else {
                    s.serialize_f64(v)
                }
            }
        }

        impl $name {
            /// Smallest and largest accepted values.
            pub const RANGE: ($inner, $inner) = ($lo, $hi);

            /// The value rounded to the [`GRAIN`], if it is finite and inside [`Self::RANGE`].
            pub fn new(v: $inner) -> Option<$name> {
                let v = v.to_grain();
                #[allow(clippy::manual_range_contains)]
                let ok = (v as f64).is_finite() && v >= $lo && v <= $hi;
                ok.then_some($name(v))
            }

            pub fn get(self) -> $inner {
                self.0
            }
        }

        impl TryFrom<f64> for $name {
            type Error = String;
            fn try_from(v: f64) -> Result<$name, String> {
                let fits = v.is_finite() && v == (v as $inner) as f64;
                fits.then(|| $name::new(v as $inner))
                    .flatten()
                    .ok_or_else(|| {
                        format!(
                            "{v} is not a valid {} ({} to {})",
                            $what, $lo, $hi
                        )
                    })
            }
        }

        impl From<$name> for f64 {
            fn from(q: $name) -> f64 {
                q.0 as f64
            }
        }
    };
}

quantity!(
    /// A session's duration in whole seconds: 1 s to 48 h.
    Seconds(u32), 1, 48 * 3600, "duration in seconds"
);
quantity!(
    /// A distance in metres: 0 to 1 000 km.
    Metres(f64), 0.0, 1_000_000.0, "distance in metres"
);
quantity!(
    /// A heart rate in beats per minute: 25 to 250.
    Bpm(u16), 25, 250, "heart rate in bpm"
);
quantity!(
    /// A power in watts: 0 to 3 000.
    Watts(f64), 0.0, 3000.0, "power in watts"
);
quantity!(
    /// Perceived effort on the 1–10 scale.
    Rpe(u8), 1, 10, "RPE"
);
quantity!(
    /// Training Stress Score: 0 to 1 000 (one hour at threshold = 100).
    Tss(f64), 0.0, 1000.0, "TSS"
);
quantity!(
    /// A running pace in seconds per kilometre: 2:00 to 30:00 min/km.
    PacePerKm(f64), 120.0, 1800.0, "pace in s/km"
);
quantity!(
    /// A swim pace in seconds per 100 m: 0:50 to 5:00 min/100 m.
    PacePer100m(f64), 50.0, 300.0, "swim pace in s/100 m"
);
quantity!(
    /// Morning heart-rate variability as rMSSD (the root mean square of successive
    /// differences of beat-to-beat intervals) in milliseconds: 1 to 500 ms. Resting adults
    /// read about 10–150 ms; chest straps and HRV apps report it directly (docs/domain.md §7).
    RmssdMs(f64), 1.0, 500.0, "HRV rMSSD in ms"
);
quantity!(
    /// Heart-rate variability as SDNN (the standard deviation of the beat-to-beat intervals)
    /// in milliseconds: 1 to 500 ms. Apple Watch reports SDNN, not rMSSD; the two are
    /// different numbers and never share a baseline (docs/domain.md §7).
    SdnnMs(f64), 1.0, 500.0, "HRV SDNN in ms"
);

impl Seconds {
    /// The shortest duration a session can have: 1 s.
    pub const SHORTEST: Seconds = Seconds(1);

    pub fn hours(self) -> f64 {
        f64::from(self.0) / 3600.0
    }

    pub fn from_minutes(minutes: u32) -> Option<Seconds> {
        Seconds::new(minutes.checked_mul(60)?)
    }
}

impl Tss {
    pub const ZERO: Tss = Tss(0.0);

    /// A TSS from a computation, clamped into range (a computed TSS above 1 000 means the
    /// inputs were extreme; it is shown at the ceiling rather than lost).
    pub fn clamped(v: f64) -> Tss {
        if v.is_nan() {
            Tss(0.0)
        } else {
            Tss(to_grain(v.clamp(0.0, 1000.0)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any value a quantity holds is read back from its JSON bit for bit by serde_json
        /// without `float_roundtrip` (the argument in the module's documentation).
        #[test]
        fn every_held_value_reads_back_exactly(v in 0.0f64..=1_000_000.0, tss in 0.0f64..=1000.0) {
            let m = Metres::new(v).unwrap();
            let back: Metres = serde_json::from_str(&serde_json::to_string(&m).unwrap()).unwrap();
            prop_assert_eq!(back.get().to_bits(), m.get().to_bits());
            let t = Tss::clamped(tss);
            let back: Tss = serde_json::from_str(&serde_json::to_string(&t).unwrap()).unwrap();
            prop_assert_eq!(back.get().to_bits(), t.get().to_bits());
            // Half a grain off at most, give or take the rounding of `v × 10^6` and of the
            // division back (an ulp of `v` each: v = 594427.5744065 lands just past half).
            prop_assert!((m.get() - v).abs() <= GRAIN / 2.0 + 2.0 * f64::EPSILON * v.max(1.0));
        }
    }

    #[test]
    fn the_grain_is_a_millionth() {
        // 86.38... TSS of (158/170)² × 100 is held as 86.380623 (the nearest millionth).
        let t = Tss::new(100.0 * (158.0f64 / 170.0).powi(2)).unwrap();
        assert_eq!(serde_json::to_string(&t).unwrap(), "86.380623");
        assert_eq!(Metres::new(0.000_000_4), Metres::new(0.0));
    }

    #[test]
    fn ranges_are_enforced_when_made_and_when_read() {
        assert!(Seconds::new(0).is_none());
        assert!(Seconds::new(48 * 3600).is_some());
        assert!(Seconds::new(48 * 3600 + 1).is_none());
        assert!(Bpm::new(24).is_none() && Bpm::new(251).is_none());
        assert!(Tss::new(f64::NAN).is_none() && Tss::new(f64::INFINITY).is_none());
        assert!(serde_json::from_str::<Seconds>("3600").is_ok());
        assert!(
            serde_json::from_str::<Seconds>("3600.5").is_err(),
            "whole seconds"
        );
        assert!(serde_json::from_str::<Bpm>("300").is_err());
        assert_eq!(
            serde_json::to_string(&Tss::new(92.5).unwrap()).unwrap(),
            "92.5"
        );
    }
}
