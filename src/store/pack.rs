//! Compact block texts (storage version 4): a block's JSON compressed by a small LZ77 coder
//! and its bytes laid 15 bits to a character, so that twenty years of a two-a-day log fit in
//! a fraction of the 5,242,880 characters a browser gives a site's localStorage.
//!
//! ```text
//! ~ n₀ n₁ u u u …
//! ```
//!
//! - `~` marks a packed text (a plain block, as versions 2 and 3 wrote it, starts with `[`).
//! - `n₀ n₁`: the length in bytes of the JSON it holds, 15 bits each (low first).
//! - `u…`: the LZ stream's bytes, 15 bits to a character, least significant bit first; the
//!   last character's unused bits are zero.
//!
//! Every character after `~` is `U+0100 + v` for a 15-bit `v`, so `U+0100`–`U+80FF`: never a
//! surrogate (localStorage keeps strings as UTF-16, and a lone surrogate does not survive
//! every browser), never a control character, and one UTF-16 code unit, which is what
//! Chromium, Firefox and WebKit count against their 5,242,880 (`tests/engines/`
//! checks it in all three).
//!
//! The LZ stream is a sequence of *literals, then a copy*, like LZ4's:
//!
//! - a token byte: literals in its high four bits, the copy's length − 4 in its low four
//!   (15: more follows, a byte at a time, each 255 meaning "and more");
//! - the literal bytes;
//! - the copy's distance back, two bytes little-endian (1–65,535);
//! - the last sequence has literals only: it ends where the JSON's length is reached.
//!
//! Decoding is a few dozen instructions, small enough for the first download (opening
//! unpacks the recent blocks); the encoder, with its hash chains, runs only when storage is
//! written. [`unpack`] never panics: a damaged text is `None`.

/// The first character of a packed text.
pub const MARK: char = '~';

/// The character of the 15-bit value 0.
const BASE: u32 = 0x100;

/// The shortest copy worth a token and a distance.
const MIN_MATCH: usize = 4;

/// How far back a copy may reach.
const WINDOW: usize = 65_535;

/// Candidates tried per position: more finds longer copies, slower.
const CHAIN: u32 = 8;

/// A copy this long is taken without looking further.
const NICE: usize = 32;

const HASH_BITS: u32 = 15;

/// Texts longer than this (a gigabyte) are left plain.
const MAX_LEN: usize = (1 << 30) - 1;

/// `text` packed (see the module doc). Deterministic: the same text always packs the same.
pub fn pack(text: &str) -> String {
    let bytes = text.as_bytes();
    if bytes.len() > MAX_LEN {
        return text.to_string();
    }
    let lz = compress(bytes);
    let mut out = String::with_capacity(3 * (lz.len() * 8 / 15 + 4));
    out.push(MARK);
    lay(&mut out, bytes.len(), &lz);
    out
}

/// `n` in two characters, then `bytes` 15 bits to a character.
fn lay(out: &mut String, n: usize, bytes: &[u8]) {
    let n = n as u32;
    push_unit(out, n & 0x7fff);
    push_unit(out, n >> 15);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in bytes {
        acc |= u32::from(b) << bits;
        bits += 8;
        if bits >= 15 {
            push_unit(out, acc & 0x7fff);
            acc >>= 15;
            bits -= 15;
        }
    }
    if bits > 0 {
        push_unit(out, acc);
    }
}

/// Bytes that do not compress (hashes) as text, 15 bits to a character, their count first
/// (at most a gigabyte).
pub fn bits(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(3 * (bytes.len() * 8 / 15 + 3));
    lay(
        &mut out,
        bytes.len().min(MAX_LEN),
        &bytes[..bytes.len().min(MAX_LEN)],
    );
    out
}

/// The bytes of [`bits`]; `None` if the text is not such.
pub fn unbits(text: &str) -> Option<Vec<u8>> {
    let (n, mut bytes) = read_units(text)?;
    (bytes.len() >= n && bytes.len() - n < 2).then(|| {
        bytes.truncate(n);
        bytes
    })
}

/// The count and the bytes of the characters [`lay`] wrote (the bytes may end in a padding
/// byte).
fn read_units(text: &str) -> Option<(usize, Vec<u8>)> {
    let mut units = text.chars().map(|c| u32::from(c).wrapping_sub(BASE));
    let n0 = units.next()?;
    let n1 = units.next()?;
    if (n0 | n1) >= 0x8000 {
        return None;
    }
    let n = (n0 | (n1 << 15)) as usize;
    // Every character is two or three bytes of UTF-8 and carries 15 bits.
    let mut bytes = Vec::with_capacity(text.len() / 2 * 15 / 8 + 2);
    let (mut acc, mut bits) = (0u32, 0u32);
    for v in units {
        if v >= 0x8000 {
            return None;
        }
        acc |= v << bits;
        bits += 15;
        while bits >= 8 {
            bytes.push(acc as u8);
            acc >>= 8;
            bits -= 8;
        }
    }
    Some((n, bytes))
}

fn push_unit(out: &mut String, v: u32) {
    // BASE + v ≤ 0x80FF: a scalar value below the surrogates.
    out.push(char::from_u32(BASE + v).unwrap_or(MARK));
}

/// Whether a stored text is packed (else it is plain JSON).
pub fn is_packed(stored: &str) -> bool {
    stored.starts_with(MARK)
}

/// The JSON a packed text holds; `None` when it is not one or is damaged. Never panics.
pub fn unpack(stored: &str) -> Option<String> {
    let (n, bytes) = read_units(stored.strip_prefix(MARK)?)?;
    String::from_utf8(decompress(&bytes, n)?).ok()
}

/// The LZ stream of `src` (see the module doc): greedy, the longest copy among the last
/// [`CHAIN`] positions with the same four bytes.
fn compress(src: &[u8]) -> Vec<u8> {
    const NONE: u32 = u32::MAX;
    let n = src.len();
    let mut out = Vec::with_capacity(n / 3 + 16);
    let mut head = vec![NONE; 1 << HASH_BITS];
    let mut prev = vec![NONE; n];
    let hash = |i: usize| {
        let w = u32::from_le_bytes([src[i], src[i + 1], src[i + 2], src[i + 3]]);
        (w.wrapping_mul(2_654_435_761) >> (32 - HASH_BITS)) as usize
    };
    let mut literals = 0;
    let mut i = 0;
    while i + MIN_MATCH <= n {
        let h = hash(i);
        let (mut best, mut distance) = (0, 0);
        let mut candidate = head[h];
        let mut tries = CHAIN;
        while candidate != NONE && tries > 0 {
            let c = candidate as usize;
            if i - c > WINDOW {
                break;
            }
            if src.get(c + best) == src.get(i + best) {
                let len = src[c..]
                    .iter()
                    .zip(&src[i..])
                    .take_while(|(a, b)| a == b)
                    .count();
                if len > best {
                    best = len;
                    distance = i - c;
                    if len >= NICE {
                        break;
                    }
                }
            }
            candidate = prev[c];
            tries -= 1;
        }
        prev[i] = head[h];
        head[h] = i as u32;
        if best >= MIN_MATCH {
            sequence(&mut out, &src[literals..i], Some((distance, best)));
            let end = (i + best).min(n + 1 - MIN_MATCH);
            for (j, slot) in prev.iter_mut().enumerate().take(end).skip(i + 1) {
                let h = hash(j);
                *slot = head[h];
                head[h] = j as u32;
            }
            i += best;
            literals = i;
        } else {
            i += 1;
        }
    }
    sequence(&mut out, &src[literals..], None);
    out
}

/// One sequence: a token, the literals, and the copy (distance, length) if any.
fn sequence(out: &mut Vec<u8>, literals: &[u8], copy: Option<(usize, usize)>) {
    let lit = literals.len();
    let len = copy.map_or(0, |(_, l)| l - MIN_MATCH);
    out.push(((lit.min(15) as u8) << 4) | len.min(15) as u8);
    if lit >= 15 {
        more(out, lit - 15);
    }
    out.extend_from_slice(literals);
    if let Some((distance, _)) = copy {
        out.extend_from_slice(&(distance as u16).to_le_bytes());
        if len >= 15 {
            more(out, len - 15);
        }
    }
}

fn more(out: &mut Vec<u8>, mut n: usize) {
    while n >= 255 {
        out.push(255);
        n -= 255;
    }
    out.push(n as u8);
}

/// The `n` bytes an LZ stream holds; `None` if it is damaged. Literals and copies are moved
/// as slices (`copy_within`), not a byte at a time: opening unpacks every block of
/// check-ins, and a byte at a time that was most of an opening with twenty years of them.
fn decompress(src: &[u8], n: usize) -> Option<Vec<u8>> {
    let mut out = vec![0u8; n];
    let (mut p, mut o) = (0usize, 0usize);
    loop {
        let token = byte(src, &mut p)?;
        let lit = length(src, &mut p, token >> 4, n)?;
        out.get_mut(o..o.checked_add(lit)?)?
            .copy_from_slice(src.get(p..p.checked_add(lit)?)?);
        p += lit;
        o += lit;
        if o >= n {
            return (o == n).then_some(out);
        }
        let distance = usize::from(u16::from_le_bytes([byte(src, &mut p)?, byte(src, &mut p)?]));
        let mut left = length(src, &mut p, token & 15, n)? + MIN_MATCH;
        if distance == 0 || distance > o || o + left > n {
            return None;
        }
        // A copy longer than its distance repeats what it copies: in pieces of `distance`.
        while left > 0 {
            let k = left.min(distance);
            out.copy_within(o - distance..o - distance + k, o);
            o += k;
            left -= k;
        }
    }
}

fn byte(src: &[u8], p: &mut usize) -> Option<u8> {
    let b = *src.get(*p)?;
    *p += 1;
    Some(b)
}

/// A length of the token (`first`, its four bits) and the bytes that continue it; at most
/// `n`.
fn length(src: &[u8], p: &mut usize, first: u8, n: usize) -> Option<usize> {
    let mut len = usize::from(first);
    if first == 15 {
        loop {
            let b = byte(src, p)?;
            len += usize::from(b);
            if len > n + 15 {
                return None;
            }
            if b != 255 {
                break;
            }
        }
    }
    Some(len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for text in [
            "",
            "a",
            "[]",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "[[\"s1\",\"2026-03-09\",\"07:30\",\"run\"],[\"s2\",\"2026-03-09\",\"07:30\",\"run\"]]",
            "6 × 800 m — «quoted» 🏃 ünïcödé",
        ] {
            let packed = pack(text);
            assert!(is_packed(&packed));
            assert!(packed
                .chars()
                .skip(1)
                .all(|c| (0x100..=0x80ff).contains(&u32::from(c))));
            assert_eq!(unpack(&packed).as_deref(), Some(text), "{text}");
        }
        let long: String = (0..20_000)
            .map(|i| format!("[\"id-{i}\",\"note {}\"],", i % 97))
            .collect();
        let packed = pack(&long);
        assert!(packed.chars().count() * 4 < long.len(), "compresses");
        assert_eq!(unpack(&packed), Some(long));
    }

    #[test]
    fn bits_round_trip() {
        for n in 0..40usize {
            let bytes: Vec<u8> = (0..n).map(|i| (i * 37 + 11) as u8).collect();
            let text = bits(&bytes);
            assert_eq!(text.chars().count(), 2 + (n * 8).div_ceil(15));
            assert_eq!(unbits(&text), Some(bytes));
        }
        assert_eq!(unbits("x"), None);
    }

    #[test]
    fn damage_is_none_never_a_panic() {
        let packed = pack("[[\"a\",\"2026-03-09\"],[\"a\",\"2026-03-09\"],[\"a\",\"2026-03-09\"]]");
        assert_eq!(unpack("[]"), None);
        assert_eq!(unpack("~"), None);
        assert_eq!(unpack("~\u{d7ff}\u{100}"), None);
        for cut in 1..packed.chars().count() {
            let short: String = packed.chars().take(cut).collect();
            assert_eq!(unpack(&short), None, "cut at {cut}");
        }
        // Every single character changed: never a panic (the text may still unpack).
        let chars: Vec<char> = packed.chars().collect();
        for i in 1..chars.len() {
            for c in ['\u{100}', '\u{80ff}', '\u{2000}', 'x', '\u{ffff}'] {
                let mut damaged = chars.clone();
                damaged[i] = c;
                let _ = unpack(&damaged.into_iter().collect::<String>());
            }
        }
    }
}
