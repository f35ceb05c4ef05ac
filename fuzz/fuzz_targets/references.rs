//! Fuzzes reading `articles/references.toml`: decoding, parsing and validating the registry.
//! Any input may be rejected with diagnostics; none may panic, every position must be inside the
//! file, and every URL accepted must be a web address (never `javascript:` and the like).
#![no_main]

use libfuzzer_sys::fuzz_target;

// The property is written once in `healthkb::fuzzing`, shared with `tests/properties.rs`.
fuzz_target!(|data: &[u8]| healthkb::fuzzing::references_file(data));
