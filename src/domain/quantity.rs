//! Typed quantities: what a number means travels with it.
//!
//! Each type checks its range when it is made (`new` returns `None` outside it) and when it
//! is read from JSON, so a `Duration` anywhere in the app is already a sane duration.
//! Storage is SI (metres, seconds), as domain.md §5 asks.

use serde::{Deserialize, Serialize};

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

            /// The value, if it is finite and inside [`Self::RANGE`].
            pub fn new(v: $inner) -> Option<$name> {
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
    Duration(u32), 1, 48 * 3600, "duration in seconds"
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
    /// read about 10–150 ms; chest straps and HRV apps report it directly (domain.md §7).
    RmssdMs(f64), 1.0, 500.0, "HRV rMSSD in ms"
);

impl Duration {
    pub fn hours(self) -> f64 {
        f64::from(self.0) / 3600.0
    }

    pub fn from_minutes(minutes: u32) -> Option<Duration> {
        Duration::new(minutes.checked_mul(60)?)
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
            Tss(v.clamp(0.0, 1000.0))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_enforced_when_made_and_when_read() {
        assert!(Duration::new(0).is_none());
        assert!(Duration::new(48 * 3600).is_some());
        assert!(Duration::new(48 * 3600 + 1).is_none());
        assert!(Bpm::new(24).is_none() && Bpm::new(251).is_none());
        assert!(Tss::new(f64::NAN).is_none() && Tss::new(f64::INFINITY).is_none());
        assert!(serde_json::from_str::<Duration>("3600").is_ok());
        assert!(
            serde_json::from_str::<Duration>("3600.5").is_err(),
            "whole seconds"
        );
        assert!(serde_json::from_str::<Bpm>("300").is_err());
        assert_eq!(
            serde_json::to_string(&Tss::new(92.5).unwrap()).unwrap(),
            "92.5"
        );
    }
}
