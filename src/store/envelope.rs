//! The encrypted backup (docs/formats.md §1.2): a backup (§1) encrypted with AES-256-GCM
//! under a key derived from the athlete's passphrase by PBKDF2-HMAC-SHA-256, in a JSON
//! envelope that holds no text of the backup in the clear.
//!
//! ```json
//! { "format": "recovery-run-backup-encrypted", "version": 1,
//!   "kdf": { "name": "PBKDF2", "hash": "SHA-256", "iterations": 600000, "salt": "<base64, 16 bytes>" },
//!   "cipher": { "name": "AES-GCM", "iv": "<base64, 12 bytes>" },
//!   "data": "<base64: the ciphertext of the backup's UTF-8 text, then the 16-byte tag>" }
//! ```
//!
//! This module is the format (reading, writing, base64); the cryptography is the browser's
//! WebCrypto (`crate::crypto`, in the file worker), and the native tests check the format's
//! test vector with RustCrypto's `pbkdf2` and `aes-gcm` (`tests/store_envelope.rs`).

use serde::{Deserialize, Serialize};

/// The envelope's `format`.
pub const FORMAT: &str = "recovery-run-backup-encrypted";

/// The envelope version this app writes and reads.
pub const VERSION: u32 = 1;

/// PBKDF2 iterations of a new envelope: OWASP's figure for PBKDF2-HMAC-SHA-256 (2023).
/// An envelope states its own count, and any count from [`MIN_ITERATIONS`] to
/// [`MAX_ITERATIONS`] is read.
pub const ITERATIONS: u32 = 600_000;

/// Fewer iterations than this are refused (a file made to be cracked quickly).
pub const MIN_ITERATIONS: u32 = 1_000;

/// More than this would keep a phone busy for minutes.
pub const MAX_ITERATIONS: u32 = 10_000_000;

pub const SALT_BYTES: usize = 16;
pub const IV_BYTES: usize = 12;

/// The envelope, as JSON (see the module doc).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Envelope {
    pub format: String,
    pub version: u32,
    pub kdf: Kdf,
    pub cipher: Cipher,
    /// Base64 of the ciphertext with the GCM tag after it.
    pub data: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Kdf {
    pub name: String,
    pub hash: String,
    pub iterations: u32,
    pub salt: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cipher {
    pub name: String,
    pub iv: String,
}

/// What decryption needs, checked: the salt, iterations, IV and sealed bytes.
#[derive(Clone, Debug, PartialEq)]
pub struct Sealed {
    pub iterations: u32,
    pub salt: Vec<u8>,
    pub iv: Vec<u8>,
    /// The ciphertext followed by the 16-byte tag.
    pub data: Vec<u8>,
}

impl Sealed {
    /// The envelope's JSON text.
    pub fn to_text(&self) -> String {
        let e = Envelope {
            format: FORMAT.into(),
            version: VERSION,
            kdf: Kdf {
                name: "PBKDF2".into(),
                hash: "SHA-256".into(),
                iterations: self.iterations,
                salt: base64(&self.salt),
            },
            cipher: Cipher {
                name: "AES-GCM".into(),
                iv: base64(&self.iv),
            },
            data: base64(&self.data),
        };
        serde_json::to_string_pretty(&e).unwrap_or_default()
    }
}

/// Whether `text` is an encrypted envelope (a look at its start: a file being imported is
/// told apart from a plain backup without parsing it).
pub fn is_envelope(text: &str) -> bool {
    let start: String = text
        .chars()
        .take(200)
        .filter(|c| !c.is_whitespace())
        .collect();
    start.starts_with('{') && start.contains(&format!("\"format\":\"{FORMAT}\""))
}

/// Reads an envelope, or says in words why it cannot be decrypted.
pub fn read(text: &str) -> Result<Sealed, String> {
    let e: Envelope = serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|_| {
        "this encrypted backup is damaged (its envelope is not readable)".to_string()
    })?;
    if e.format != FORMAT {
        return Err("this is not an encrypted Recovery Run backup".into());
    }
    if e.version > VERSION {
        return Err(format!(
            "this encrypted backup is of a newer version ({}; this app reads {VERSION})",
            e.version
        ));
    }
    if e.kdf.name != "PBKDF2" || e.kdf.hash != "SHA-256" || e.cipher.name != "AES-GCM" {
        return Err("this encrypted backup uses a method this app does not know".into());
    }
    if !(MIN_ITERATIONS..=MAX_ITERATIONS).contains(&e.kdf.iterations) {
        return Err(format!(
            "this encrypted backup asks for {} key iterations, outside {MIN_ITERATIONS}–{MAX_ITERATIONS}",
            e.kdf.iterations
        ));
    }
    let damaged = || "this encrypted backup is damaged".to_string();
    let salt = unbase64(&e.kdf.salt).ok_or_else(damaged)?;
    let iv = unbase64(&e.cipher.iv).ok_or_else(damaged)?;
    let data = unbase64(&e.data).ok_or_else(damaged)?;
    if salt.len() < 8 || iv.len() != IV_BYTES || data.len() < 16 {
        return Err(damaged());
    }
    Ok(Sealed {
        iterations: e.kdf.iterations,
        salt,
        iv,
        data,
    })
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 (RFC 4648 §4) with padding.
pub fn base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The bytes of standard base64 (padding optional, no whitespace); `None` if it is not.
pub fn unbase64(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.bytes() {
        let v = ALPHABET.iter().position(|&a| a == c)? as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    // Leftover bits are padding, at most 4 and all zero.
    (bits < 6 && acc == 0).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_of_rfc_4648() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), coded);
            assert_eq!(unbase64(coded).as_deref(), Some(plain.as_bytes()));
        }
        assert_eq!(unbase64("Zg"), Some(b"f".to_vec()));
        assert_eq!(unbase64("Z!=="), None);
        assert_eq!(unbase64("Zh=="), None, "non-zero padding bits");
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(unbase64(&base64(&all)), Some(all));
    }

    #[test]
    fn an_envelope_reads_back_and_is_told_apart() {
        let sealed = Sealed {
            iterations: ITERATIONS,
            salt: vec![1; 16],
            iv: vec![2; 12],
            data: vec![3; 40],
        };
        let text = sealed.to_text();
        assert!(is_envelope(&text));
        assert!(!is_envelope(
            r#"{"format":"recovery-run-backup","version":2}"#
        ));
        assert_eq!(read(&text), Ok(sealed));
        assert!(read("{").is_err());
        assert!(read(&text.replace("600000", "10")).is_err());
        assert!(read(&text.replace("AES-GCM", "AES-CBC")).is_err());
    }
}
