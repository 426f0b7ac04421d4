//! Compressed files, recognised by their bytes rather than their names: gzip (RFC 1952),
//! as Strava's bulk export writes its activity files (`.fit.gz`, `.tcx.gz`, `.gpx.gz`).
//!
//! Decompression is bounded: a file that would unpack to more than the limit is refused
//! (a "zip bomb" cannot fill the worker's memory).

use std::io::Read;

/// gzip's magic bytes (RFC 1952 §2.3.1: ID1 = 31, ID2 = 139).
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// Whether the bytes are a gzip stream.
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&GZIP_MAGIC)
}

/// Why a compressed file could not be unpacked, as a sentence.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum UnpackError {
    /// The file unpacks to more than `limit` bytes.
    TooLarge { limit: usize },
    /// Damaged or cut short; `detail` is the decoder's word.
    Damaged { detail: String },
}

impl std::fmt::Display for UnpackError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UnpackError::TooLarge { limit } => write!(
                f,
                "this compressed file unpacks to more than {} MB, more than one activity or \
                 backup can be.",
                limit / 1_000_000
            ),
            UnpackError::Damaged { detail } => write!(
                f,
                "this compressed (gzip) file is damaged or cut short ({detail})."
            ),
        }
    }
}

/// The bytes of a gzip stream (all its members, as `gzip -d` reads them), at most `limit`.
pub fn gunzip(bytes: &[u8], limit: usize) -> Result<Vec<u8>, UnpackError> {
    let mut out = Vec::new();
    let mut reader = flate2::read::MultiGzDecoder::new(bytes).take(limit as u64 + 1);
    reader
        .read_to_end(&mut out)
        .map_err(|e| UnpackError::Damaged {
            detail: e.to_string(),
        })?;
    if out.len() > limit {
        return Err(UnpackError::TooLarge { limit });
    }
    Ok(out)
}

/// The name a file has once unpacked: `run.fit.gz` → `run.fit`.
pub fn unpacked_name(name: &str) -> &str {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".gz") {
        name.get(..name.len() - 3).unwrap_or(name)
    } else if lower.ends_with(".gzip") {
        name.get(..name.len() - 5).unwrap_or(name)
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn round_trip_and_magic() {
        let packed = gz(b"date,sport,duration_s\n");
        assert!(is_gzip(&packed));
        assert!(!is_gzip(b"date"));
        assert_eq!(gunzip(&packed, 100).unwrap(), b"date,sport,duration_s\n");
    }

    #[test]
    fn bounded_and_damaged() {
        let big = gz(&vec![b'a'; 10_000]);
        assert_eq!(
            gunzip(&big, 9_999),
            Err(UnpackError::TooLarge { limit: 9_999 })
        );
        assert_eq!(gunzip(&big, 10_000).map(|v| v.len()), Ok(10_000));
        let cut = &big[..big.len() / 2];
        assert!(matches!(
            gunzip(cut, 1_000_000),
            Err(UnpackError::Damaged { .. })
        ));
        assert!(gunzip(&[0x1f, 0x8b], 10).is_err());
    }

    #[test]
    fn names() {
        assert_eq!(unpacked_name("a.fit.gz"), "a.fit");
        assert_eq!(unpacked_name("A.TCX.GZ"), "A.TCX");
        assert_eq!(unpacked_name("a.fit"), "a.fit");
    }
}
