//! Reading a decimal number a person typed: `10.5`, `-3`, `.75`, `1e3`.
//!
//! Why not `str::parse::<f64>`: the standard library's parser is correct for every input
//! (Eisel–Lemire with a big-number fallback), and the price is a 10 KB table of 128-bit
//! powers of five plus the fallback code in every wasm binary that calls it: about a
//! tenth of the app's first-load budget, spent on inputs nobody types into a form field.
//! The numbers people type have at most 15 significant digits and small exponents, and for
//! those this parser is exact: the digits are read into an integer `m < 2^53` and the
//! value is `m × 10^e` or `m ÷ 10^−e` with `|e| ≤ 22`, one correctly rounded IEEE
//! operation on two exact operands (Clinger's fast path, "How to read floating point
//! numbers accurately", PLDI 1990). Longer or more extreme inputs are within a few ulps,
//! which no quantity in this app can tell apart.
//!
//! Words such as `inf` or `NaN`, which `str::parse` accepts, are not numbers here.

/// Exact powers of ten as `f64` (10^22 is the largest that is exact).
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// The number in `s` (surrounding whitespace ignored), or `None` if it is not one.
///
/// Accepts an optional sign, digits with at most one `.` (at least one digit in all),
/// and an optional exponent `e`/`E` with an optional sign and at least one digit.
pub fn parse_decimal(s: &str) -> Option<f64> {
    let b = s.trim().as_bytes();
    let mut i = 0;
    let negative = match b.first() {
        Some(b'-') => {
            i += 1;
            true
        }
        Some(b'+') => {
            i += 1;
            false
        }
        _ => false,
    };

    // Significant digits go into `mantissa` (up to 19 of them); `exp10` counts the
    // decimal places to shift by.
    let mut mantissa: u64 = 0;
    let mut significant = 0u32;
    let mut exp10: i64 = 0;
    let mut digits = 0u32;
    let mut seen_point = false;
    while let Some(&c) = b.get(i) {
        match c {
            b'0'..=b'9' => {
                digits += 1;
                if significant < 19 {
                    mantissa = mantissa * 10 + u64::from(c - b'0');
                    if mantissa > 0 {
                        significant += 1;
                    }
                    if seen_point {
                        exp10 -= 1;
                    }
                } else if !seen_point {
                    // Digits past the 19th still count for the magnitude.
                    exp10 += 1;
                }
            }
            b'.' if !seen_point => seen_point = true,
            _ => break,
        }
        i += 1;
    }
    if digits == 0 {
        return None;
    }

    if let Some(b'e' | b'E') = b.get(i) {
        i += 1;
        let exp_negative = match b.get(i) {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        let start = i;
        let mut e: i64 = 0;
        while let Some(&c) = b.get(i).filter(|c| c.is_ascii_digit()) {
            e = (e * 10 + i64::from(c - b'0')).min(100_000);
            i += 1;
        }
        if i == start {
            return None;
        }
        exp10 += if exp_negative { -e } else { e };
    }
    if i != b.len() {
        return None;
    }

    let value = scale(mantissa, exp10);
    Some(if negative { -value } else { value })
}

/// `mantissa × 10^exp10`, exactly rounded when both fit the fast path.
fn scale(mantissa: u64, exp10: i64) -> f64 {
    if mantissa == 0 {
        return 0.0;
    }
    let m = mantissa as f64;
    let exact = mantissa < (1 << 53);
    match usize::try_from(exp10.unsigned_abs()) {
        Ok(e) if exact && e < POW10.len() => {
            if exp10 < 0 {
                m / POW10[e]
            } else {
                m * POW10[e]
            }
        }
        // Outside the fast path: close, not exact (see the module notes).
        _ => {
            let e = i32::try_from(exp10.clamp(-400, 400)).unwrap_or(0);
            if e < -300 {
                m * 10f64.powi(e + 300) * 1e-300
            } else {
                m * 10f64.powi(e)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse_decimal;
    use proptest::prelude::*;

    #[test]
    fn reads_what_people_type() {
        assert_eq!(parse_decimal("10.5"), Some(10.5));
        assert_eq!(parse_decimal(" 42 "), Some(42.0));
        assert_eq!(parse_decimal(".75"), Some(0.75));
        assert_eq!(parse_decimal("3."), Some(3.0));
        assert_eq!(parse_decimal("-2.5"), Some(-2.5));
        assert_eq!(parse_decimal("+7"), Some(7.0));
        assert_eq!(parse_decimal("1e3"), Some(1000.0));
        assert_eq!(parse_decimal("2.5E-1"), Some(0.25));
        assert_eq!(parse_decimal("0"), Some(0.0));
        assert_eq!(parse_decimal("000123.4500"), Some(123.45));
    }

    #[test]
    fn refuses_what_is_not_a_number() {
        for s in [
            "", " ", ".", "-", "+", "1.2.3", "1,5", "abc", "10km", "1e", "1e+", "inf", "NaN",
            "--1", "1 2", "e5", "0x10",
        ] {
            assert_eq!(parse_decimal(s), None, "{s:?}");
        }
    }

    #[test]
    fn long_inputs_are_close() {
        // 25 significant digits: past the fast path, still within a few ulps of std's
        // correctly rounded reading (the independent reference here).
        let s = "1234567890.123456789012345";
        let ours = parse_decimal(s).unwrap();
        let std: f64 = s.parse().unwrap();
        assert!(
            (ours - std).abs() <= std * 4.0 * f64::EPSILON,
            "{ours} vs {std}"
        );
        assert_eq!(parse_decimal("1e400"), Some(f64::INFINITY));
        assert_eq!(parse_decimal("1e-400"), Some(0.0));
    }

    proptest! {
        /// Up to 15 significant digits and a small exponent: bit for bit what the
        /// standard library's correctly rounded parser reads.
        #[test]
        fn matches_std_on_the_fast_path(
            int in 0u64..1_000_000_000,
            frac in 0u64..1_000_000,
            places in 0usize..6,
            exp in -8i32..8,
            with_exp in any::<bool>(),
            negative in any::<bool>(),
        ) {
            let frac = format!("{frac:06}");
            let mut s = format!("{}{int}.{}", if negative { "-" } else { "" }, &frac[..places]);
            if with_exp {
                s.push_str(&format!("e{exp}"));
            }
            let std: f64 = s.parse().unwrap();
            prop_assert_eq!(parse_decimal(&s).map(f64::to_bits), Some(std.to_bits()), "{}", s);
        }

        /// Never panics, and agrees with std about what is a number (apart from the
        /// words `inf`/`nan`, which std reads and we refuse).
        #[test]
        fn never_panics(s in "[-+0-9.eE ]{0,12}") {
            let ours = parse_decimal(&s);
            let std = s.trim().parse::<f64>().ok();
            prop_assert_eq!(ours.is_some(), std.is_some(), "{:?}", s);
        }
    }
}
