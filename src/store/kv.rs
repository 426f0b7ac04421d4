//! Key-value storage, as the database (`local`) sees it: the browser's localStorage in the
//! app ([`Browser`]), a map in memory in the native tests ([`Memory`]), which can also
//! play two tabs over one storage and a full storage.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use super::layout::is_ours;

/// Texts under keys. Every method takes `&self`: localStorage is shared by every tab.
pub trait Kv {
    fn get(&self, key: &str) -> Option<String>;
    /// Stores `value` under `key`; `Err` when the storage refuses it (full).
    fn set(&self, key: &str, value: &str) -> Result<(), Refused>;
    /// Removing cannot fail.
    fn remove(&self, key: &str);
    /// Every key of the app's (the head and all blocks, also ones no head names).
    fn keys(&self) -> Vec<String>;
}

/// A write the storage refused, most likely because it is full.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Refused;

/// A map in memory. Clones share it, as tabs share localStorage. With a quota it refuses a
/// write that would make keys and texts longer than that many characters.
#[derive(Clone, Debug, Default)]
pub struct Memory(Rc<RefCell<Map>>);

#[derive(Debug, Default)]
struct Map {
    texts: BTreeMap<String, String>,
    quota: Option<usize>,
}

impl Memory {
    /// Refuses writes beyond `chars` characters of keys and texts (`None`: no limit).
    pub fn set_quota(&self, chars: Option<usize>) {
        self.0.borrow_mut().quota = chars;
    }

    /// The dump: every key with its text, the app's or not, in key order.
    pub fn dump(&self) -> Vec<(String, String)> {
        let m = self.0.borrow();
        m.texts
            .iter()
            .map(|(k, t)| (k.clone(), t.clone()))
            .collect()
    }
}

fn chars(key: &str, text: &str) -> usize {
    key.chars().count() + text.chars().count()
}

impl Kv for Memory {
    fn get(&self, key: &str) -> Option<String> {
        self.0.borrow().texts.get(key).cloned()
    }

    fn set(&self, key: &str, value: &str) -> Result<(), Refused> {
        let mut m = self.0.borrow_mut();
        if let Some(quota) = m.quota {
            let others: usize = m
                .texts
                .iter()
                .filter(|(k, _)| *k != key)
                .map(|(k, t)| chars(k, t))
                .sum();
            if others + chars(key, value) > quota {
                return Err(Refused);
            }
        }
        m.texts.insert(key.into(), value.into());
        Ok(())
    }

    fn remove(&self, key: &str) {
        self.0.borrow_mut().texts.remove(key);
    }

    fn keys(&self) -> Vec<String> {
        let m = self.0.borrow();
        m.texts.keys().filter(|k| is_ours(k)).cloned().collect()
    }
}

/// The browser's localStorage.
#[cfg(target_arch = "wasm32")]
#[derive(Clone)]
pub struct Browser(web_sys::Storage);

#[cfg(target_arch = "wasm32")]
impl Browser {
    /// `None` when the browser gives the app no storage (private mode, turned off).
    pub fn new() -> Option<Browser> {
        web_sys::window()?
            .local_storage()
            .ok()
            .flatten()
            .map(Browser)
    }
}

#[cfg(target_arch = "wasm32")]
impl Kv for Browser {
    fn get(&self, key: &str) -> Option<String> {
        self.0.get_item(key).ok().flatten()
    }

    fn set(&self, key: &str, value: &str) -> Result<(), Refused> {
        self.0.set_item(key, value).map_err(|_| Refused)
    }

    fn remove(&self, key: &str) {
        let _ = self.0.remove_item(key);
    }

    fn keys(&self) -> Vec<String> {
        let n = self.0.length().unwrap_or(0);
        (0..n)
            .filter_map(|i| self.0.key(i).ok().flatten())
            .filter(|k| is_ours(k))
            .collect()
    }
}
