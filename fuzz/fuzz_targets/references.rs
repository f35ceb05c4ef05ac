//! Fuzzes reading `articles/references.toml`: decoding, parsing and validating the registry.
//! Any input may be rejected with diagnostics; none may panic, every position must be inside the
//! file, and every URL accepted must be a web address (never `javascript:` and the like).
#![no_main]

use healthkb::load::{article, references};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = article::decode(Path::new(references::REFERENCES_FILE), data.to_vec()) else {
        return;
    };
    let lines = text.split('\n').count();
    match references::parse(&text) {
        Ok(registry) => {
            for r in registry.values() {
                if let Some(url) = &r.url {
                    assert!(healthkb::url::is_web(url), "{url:?} accepted");
                    assert!(!healthkb::url::is_unsafe(url), "{url:?} accepted");
                }
            }
        }
        Err(problems) => {
            assert!(!problems.is_empty());
            for d in problems {
                assert!(d.line.is_none_or(|l| l >= 1 && l <= lines), "{d:?} outside {lines} lines");
            }
        }
    }
});
