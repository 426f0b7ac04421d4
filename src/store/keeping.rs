//! Keeping the data (issue #34): the rules the app's backup reminder and storage warning
//! follow, and this device's backup settings. The browser side (persistent storage, the
//! backup file, the views) is `ui::widgets::backup`; the merge through the backup file is
//! `store::sync`; the encrypted backup's envelope `store::envelope`.

use serde::{Deserialize, Serialize};

use crate::domain::date::Day;

/// What Chromium, Firefox and WebKit give one site's localStorage, in UTF-16 code units
/// (keys and values; measured, and checked in all three by `tests/engines/`).
pub const QUOTA_CHARS: usize = 5_242_880;

/// Storage this full (80 %) is warned about, with what to do, before a save is refused.
pub const WARN_CHARS: usize = QUOTA_CHARS / 5 * 4;

/// A backup older than this (in days), while sessions or check-ins exist that it does not
/// hold, gets a reminder on Today.
pub const REMIND_AFTER_DAYS: i32 = 14;

/// The key of this device's backup settings: outside the data, never in a backup, deleted
/// with everything else ("Delete all data").
pub const DEVICE_KEY: &str = "recovery-run/backup";

/// The key of the backup file's sync base (`store::sync`).
pub const SYNC_KEY: &str = "recovery-run/sync";

/// This device's backup settings, under [`DEVICE_KEY`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Device {
    /// The records the last backup held: the storage's records mark then
    /// (`layout::StoredTexts::records_mark`).
    pub holds: Option<String>,
    /// The backup passphrase (empty: backups are not encrypted). Kept on this device, like
    /// the data it protects off the device, so that the backup file can be written
    /// encrypted after every change.
    pub passphrase: String,
    /// When the backup file was last written ("2026-12-06 14:32", local time).
    pub file_written: Option<String>,
}

impl Device {
    /// The settings stored under [`DEVICE_KEY`] (defaults when none or unreadable).
    pub fn read(text: Option<&str>) -> Device {
        text.and_then(|t| serde_json::from_str(t).ok())
            .unwrap_or_default()
    }

    pub fn text(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The passphrase to encrypt with, if one is set.
    pub fn passphrase(&self) -> Option<String> {
        (!self.passphrase.is_empty()).then(|| self.passphrase.clone())
    }
}

/// Why Today reminds the runner to back up: the last backup's day (`None`: never), when
/// sessions or check-ins exist that no backup holds (`mark`, the storage's records mark,
/// differs from the one the last backup held) and that backup is over
/// [`REMIND_AFTER_DAYS`] old or was never made.
pub fn reminder(
    mark: Option<&str>,
    holds: Option<&str>,
    last_backup: Option<Day>,
    today: Day,
) -> Option<Option<Day>> {
    let unheld = mark.is_some() && mark != holds;
    let stale = last_backup.is_none_or(|d| today.days_since(d) > REMIND_AFTER_DAYS);
    (unheld && stale).then_some(last_backup)
}

/// The reminder's sentence.
pub fn reminder_text(last_backup: Option<Day>, today: Day) -> String {
    match last_backup {
        None => "Your sessions and check-ins are only in this browser, which may clear them: \
                 no backup has been made yet."
            .into(),
        Some(d) => format!(
            "Your latest sessions and check-ins are only in this browser: the last backup was \
             {} days ago ({d}).",
            today.days_since(d)
        ),
    }
}

/// The storage warning, when `used` characters (every key and value of the site) are
/// [`WARN_CHARS`] or more: how full, and what to do.
pub fn warning(used: usize) -> Option<String> {
    (used >= WARN_CHARS).then(|| {
        format!(
            "This browser's storage for Recovery Run is {:.0} % full ({} of the {} characters \
             it gives a site). Before it fills and a save is refused: export a backup, then \
             delete sessions you no longer need (or other data this site keeps); a backup \
             imported into another browser or device keeps everything.",
            used as f64 * 100.0 / QUOTA_CHARS as f64,
            group(used),
            group(QUOTA_CHARS)
        )
    })
}

/// 1234567 → "1,234,567".
pub fn group(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A 64-bit FNV-1a hash as 16 hex digits: how this module names a text it need not keep.
pub fn fingerprint(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Day {
        s.parse().expect("a day")
    }

    #[test]
    fn the_reminder_rule() {
        let today = day("2026-12-06");
        // Nothing stored: nothing to remind of.
        assert_eq!(reminder(None, None, None, today), None);
        // Records, never backed up.
        assert_eq!(reminder(Some("m"), None, None, today), Some(None));
        // Backed up 15 days ago, with records it does not hold.
        let old = day("2026-11-21");
        assert_eq!(
            reminder(Some("m2"), Some("m1"), Some(old), today),
            Some(Some(old))
        );
        // …exactly 14 days ago: not yet.
        assert_eq!(
            reminder(Some("m2"), Some("m1"), Some(day("2026-11-22")), today),
            None
        );
        // Old, but it holds everything there is.
        assert_eq!(reminder(Some("m"), Some("m"), Some(old), today), None);
        assert!(reminder_text(None, today).contains("no backup"));
        assert!(reminder_text(Some(old), today).contains("15 days ago"));
    }

    #[test]
    fn the_warning_comes_at_80_percent() {
        assert_eq!(warning(WARN_CHARS - 1), None);
        let w = warning(WARN_CHARS).expect("a warning");
        assert!(
            w.starts_with(
                "This browser's storage for Recovery Run is 80 % full (4,194,304 of the 5,242,880"
            ),
            "{w}"
        );
        assert!(w.contains("export a backup"));
    }

    #[test]
    fn device_settings_read_back_and_tolerate_anything() {
        let d = Device {
            holds: Some("m".into()),
            passphrase: "correct horse".into(),
            file_written: None,
        };
        assert_eq!(Device::read(Some(&d.text())), d);
        assert_eq!(Device::read(Some("not json")), Device::default());
        assert_eq!(Device::read(None).passphrase(), None);
    }
}
