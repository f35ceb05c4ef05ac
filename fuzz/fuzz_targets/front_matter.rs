//! Fuzzes reading an article file: decoding, splitting at `+++` and parsing the TOML front matter.
//! Any input may be rejected with a diagnostic; none may panic, and every position must be inside
//! the file.
#![no_main]

use healthkb::load::{article, front_matter};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let file = Path::new("articles/fuzz.md");
    let Ok(text) = article::decode(file, data.to_vec()) else {
        return;
    };
    let lines = text.split('\n').count();
    let checked = |d: healthkb::diagnostic::Diagnostic| {
        assert!(d.line.is_none_or(|l| l >= 1 && l <= lines), "{d:?} outside {lines} lines");
    };
    match front_matter::split(file, &text) {
        Ok(split) => match front_matter::parse(file, split.front_matter, split.front_matter_line) {
            Ok(_) => {
                if let Err(d) = article::parse(file.into(), "fuzz.md".into(), &text) {
                    checked(d);
                }
            }
            Err(d) => checked(d),
        },
        Err(d) => checked(d),
    }
});
