//! The encrypted backup (docs/formats.md §1.2): its test vector, computed here with
//! RustCrypto's PBKDF2 and AES-GCM, is what the app's WebCrypto code must produce and read
//! (the browser side: `tests/e2e/keeping.spec.ts` imports the same file through the Data
//! page's passphrase prompt).

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use recovery_run::store::data::Data;
use recovery_run::store::envelope::{self, Sealed};
use recovery_run::store::import;

/// The vector's inputs (docs/formats.md §1.2).
const PASSPHRASE: &str = "correct horse battery staple";
const SALT: [u8; 16] = [
    0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
];
const IV: [u8; 12] = [
    0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xab,
];
const ITERATIONS: u32 = 600_000;
const PLAIN: &str = r#"{"format":"recovery-run-backup","version":2,"sessions":[{"id":"vector-1","date":"2026-03-09","sport":"run","duration_s":1800,"title":"Test vector run"}]}"#;
/// The file: `tests/fixtures/backup-encrypted-v1.json`.
const FILE: &str = include_str!("fixtures/backup-encrypted-v1.json");

fn key(passphrase: &str, salt: &[u8], iterations: u32) -> [u8; 32] {
    let mut key = [0u8; 32];
    pbkdf2::pbkdf2_hmac::<sha2::Sha256>(passphrase.as_bytes(), salt, iterations, &mut key);
    key
}

fn seal(plain: &str) -> Vec<u8> {
    let cipher = Aes256Gcm::new_from_slice(&key(PASSPHRASE, &SALT, ITERATIONS)).expect("a key");
    cipher
        .encrypt(
            Nonce::from_slice(&IV),
            Payload {
                msg: plain.as_bytes(),
                aad: b"",
            },
        )
        .expect("sealed")
}

#[test]
fn the_test_vector() {
    let data = seal(PLAIN);
    let text = Sealed {
        iterations: ITERATIONS,
        salt: SALT.to_vec(),
        iv: IV.to_vec(),
        data: data.clone(),
    }
    .to_text();
    if std::env::var_os("PRINT_VECTOR").is_some() {
        println!(
            "key {}",
            envelope::base64(&key(PASSPHRASE, &SALT, ITERATIONS))
        );
        println!("{text}");
    }
    assert_eq!(text.trim(), FILE.trim(), "the fixture is the vector");
    // The file reads back, and decrypts to the backup, which imports.
    let sealed = envelope::read(FILE).expect("an envelope");
    assert!(envelope::is_envelope(FILE));
    let cipher = Aes256Gcm::new_from_slice(&key(PASSPHRASE, &sealed.salt, sealed.iterations))
        .expect("a key");
    let plain = cipher
        .decrypt(Nonce::from_slice(&sealed.iv), &sealed.data[..])
        .expect("decrypts");
    assert_eq!(plain, PLAIN.as_bytes());
    let (d, report) = import::import(&Data::default(), "vector.json", &plain).expect("imports");
    assert_eq!(report.added, 1);
    assert_eq!(d.sessions[0].title, "Test vector run");
    // No text of the backup in the clear.
    assert!(!FILE.contains("Test vector run") && !FILE.contains("recovery-run-backup\""));
}

#[test]
fn a_wrong_passphrase_decrypts_nothing() {
    let sealed = envelope::read(FILE).expect("an envelope");
    let cipher = Aes256Gcm::new_from_slice(&key(
        "Correct horse battery staple",
        &sealed.salt,
        sealed.iterations,
    ))
    .expect("a key");
    assert!(cipher
        .decrypt(Nonce::from_slice(&sealed.iv), &sealed.data[..])
        .is_err());
}
