//! Encrypted backups through the browser's WebCrypto (wasm only; docs/formats.md §1.2, the
//! envelope in `store::envelope`): AES-256-GCM under a key from PBKDF2-HMAC-SHA-256 of the
//! passphrase. The file worker encrypts exports and decrypts imports (`self.crypto.subtle`
//! in a worker, `window.crypto.subtle` in a page: the same code), so none of this is in the
//! page's first download.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Crypto, CryptoKey, SubtleCrypto};

use crate::store::envelope::{self, Sealed};

/// Why decrypting did not give a backup.
#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    /// The passphrase is not the one it was encrypted with (or the file was changed: GCM
    /// cannot tell the two apart).
    WrongPassphrase,
    /// The envelope cannot be read, or the browser has no WebCrypto.
    Other(String),
}

fn crypto() -> Result<Crypto, Failure> {
    Reflect::get(&js_sys::global(), &"crypto".into())
        .ok()
        .and_then(|c| c.dyn_into::<Crypto>().ok())
        .ok_or_else(|| Failure::Other("this browser has no WebCrypto".into()))
}

fn object(members: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in members {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o
}

async fn settle(p: Result<js_sys::Promise, JsValue>) -> Result<JsValue, JsValue> {
    JsFuture::from(p?).await
}

/// The AES-GCM key for `passphrase` with this salt and iteration count.
async fn key(
    subtle: &SubtleCrypto,
    passphrase: &str,
    salt: &[u8],
    iterations: u32,
    usage: &str,
) -> Result<CryptoKey, Failure> {
    let other = |e: JsValue| Failure::Other(format!("WebCrypto refused: {e:?}"));
    let raw = Uint8Array::from(passphrase.as_bytes());
    let base = settle(subtle.import_key_with_object(
        "raw",
        &raw,
        &object(&[("name", "PBKDF2".into())]),
        false,
        &Array::of1(&"deriveKey".into()),
    ))
    .await
    .map_err(other)?;
    let algorithm = object(&[
        ("name", "PBKDF2".into()),
        ("hash", "SHA-256".into()),
        ("salt", Uint8Array::from(salt).into()),
        ("iterations", iterations.into()),
    ]);
    let aes = object(&[("name", "AES-GCM".into()), ("length", 256.into())]);
    let key = settle(subtle.derive_key_with_object_and_object(
        &algorithm,
        &base.unchecked_into(),
        &aes,
        false,
        &Array::of1(&usage.into()),
    ))
    .await
    .map_err(other)?;
    Ok(key.unchecked_into())
}

/// `plain` (a backup's text) encrypted with `passphrase`: the envelope's text, with a new
/// random salt and IV.
pub async fn encrypt(plain: &str, passphrase: &str) -> Result<String, Failure> {
    let crypto = crypto()?;
    let mut salt = [0u8; envelope::SALT_BYTES];
    let mut iv = [0u8; envelope::IV_BYTES];
    crypto
        .get_random_values_with_u8_array(&mut salt)
        .and_then(|_| crypto.get_random_values_with_u8_array(&mut iv))
        .map_err(|_| Failure::Other("no random numbers".into()))?;
    encrypt_with(plain, passphrase, &salt, &iv, envelope::ITERATIONS).await
}

/// [`encrypt`] with a given salt, IV and iteration count (the test vector's).
pub async fn encrypt_with(
    plain: &str,
    passphrase: &str,
    salt: &[u8],
    iv: &[u8],
    iterations: u32,
) -> Result<String, Failure> {
    let subtle = crypto()?.subtle();
    let key = key(&subtle, passphrase, salt, iterations, "encrypt").await?;
    let params = object(&[
        ("name", "AES-GCM".into()),
        ("iv", Uint8Array::from(iv).into()),
    ]);
    let sealed = settle(subtle.encrypt_with_object_and_u8_array(&params, &key, plain.as_bytes()))
        .await
        .map_err(|e| Failure::Other(format!("WebCrypto refused: {e:?}")))?;
    Ok(Sealed {
        iterations,
        salt: salt.to_vec(),
        iv: iv.to_vec(),
        data: Uint8Array::new(&sealed).to_vec(),
    }
    .to_text())
}

/// The backup an envelope holds, decrypted with `passphrase`.
pub async fn decrypt(text: &str, passphrase: &str) -> Result<String, Failure> {
    let sealed = envelope::read(text).map_err(Failure::Other)?;
    let subtle = crypto()?.subtle();
    let key = key(
        &subtle,
        passphrase,
        &sealed.salt,
        sealed.iterations,
        "decrypt",
    )
    .await?;
    let params = object(&[
        ("name", "AES-GCM".into()),
        ("iv", Uint8Array::from(&sealed.iv[..]).into()),
    ]);
    let plain = settle(subtle.decrypt_with_object_and_u8_array(&params, &key, &sealed.data))
        .await
        // GCM's tag does not match: another passphrase (or a changed file).
        .map_err(|_| Failure::WrongPassphrase)?;
    String::from_utf8(Uint8Array::new(&plain).to_vec())
        .map_err(|_| Failure::Other("the decrypted backup is not text".into()))
}
