//! Fuzzes reading `articles/care.toml`: decoding, parsing and validating the shared care advice.
//! Any input may be rejected with diagnostics; none may panic, and every position must be inside
//! the file.
#![no_main]

use libfuzzer_sys::fuzz_target;

// The property is written once in `healthkb::fuzzing`, shared with `tests/properties.rs`.
fuzz_target!(|data: &[u8]| healthkb::fuzzing::care_file(data));
