//! Any bytes offered as a zip archive (issue #20): walking it never panics, every file it
//! reports is at most the size an activity file may be, and the whole import path over it
//! (unpacking, reading activities, merging) never panics either.
#![no_main]

use libfuzzer_sys::fuzz_target;
use recovery_run::activity::MAX_BYTES;
use recovery_run::report;
use recovery_run::store::{archive, data::Data};

fuzz_target!(|bytes: &[u8]| {
    let mut reader = std::io::Cursor::new(bytes);
    let mut counted = 0usize;
    let mut visited = 0usize;
    let _ = archive::walk(
        &mut reader,
        &mut |n| counted += n,
        &|_| true,
        &mut |_, _, found| {
            visited += 1;
            if let archive::Found::File(b) = found {
                assert!(b.len() <= MAX_BYTES);
            }
        },
    );
    let (_, report) = report::import_files(
        &Data::default(),
        vec![("a.zip".into(), Ok(bytes.to_vec()))],
        &|_| 0,
        &mut |done, total| assert!(done <= total),
    );
    assert!(!report.lines.is_empty());
});
