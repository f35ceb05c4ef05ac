//! Fuzzes reading `articles/care.toml`: decoding, parsing and validating the shared care advice.
//! Any input may be rejected with diagnostics; none may panic, and every position must be inside
//! the file.
#![no_main]

use healthkb::load::{article, care};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = article::decode(Path::new(care::CARE_FILE), data.to_vec()) else {
        return;
    };
    let lines = text.split('\n').count();
    let inside = |line: usize| line >= 1 && line <= lines;
    match care::parse(&text) {
        Ok(book) => {
            for entry in &book.entries {
                assert!(inside(entry.line) && inside(entry.text_at.0), "{entry:?}");
                for s in entry.symptoms.iter().chain(&entry.references) {
                    assert!(inside(s.line), "{s:?} outside {lines} lines");
                }
            }
        }
        Err(problems) => {
            assert!(!problems.is_empty());
            for d in problems {
                assert!(d.line.is_none_or(inside), "{d:?} outside {lines} lines");
            }
        }
    }
});
