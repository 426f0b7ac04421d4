//! Any bytes offered as Apple Health's export (issue #35): as its bare `export.xml`, and as
//! a zip of it. Reading never panics, and what it gives is in range and crosses a thread
//! boundary as JSON unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use recovery_run::activity::ActivitySummary;
use recovery_run::sources::apple_health;

fuzz_target!(|bytes: &[u8]| {
    let _ = apple_health::recognise_xml(bytes);
    let mut input = bytes;
    if let Ok(export) = apple_health::read_xml(&mut input, &mut |_| {}) {
        let file = export.into_source_file(&mut |_| None);
        for a in file.activities {
            assert!(a.moving.get() <= a.elapsed.get());
            let json = serde_json::to_string(&a).expect("a summary serialises");
            assert_eq!(serde_json::from_str::<ActivitySummary>(&json).ok(), Some(a));
        }
        for d in file.days {
            assert!(d.sleep_h.is_none_or(|h| (0.0..=24.0).contains(&h)));
        }
    }
    if let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) {
        let _ = apple_health::read_zip(&mut zip, &mut |done, total| assert!(done <= total));
    }
});
