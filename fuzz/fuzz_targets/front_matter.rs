//! Fuzzes reading an article file: decoding, splitting at `+++` and parsing the TOML front matter.
//! Any input may be rejected with a diagnostic; none may panic, and every position must be inside
//! the file.
#![no_main]

use libfuzzer_sys::fuzz_target;

// The property is written once in `healthkb::fuzzing`, shared with `tests/properties.rs`.
fuzz_target!(|data: &[u8]| healthkb::fuzzing::article_file(data));
