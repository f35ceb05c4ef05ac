//! Fuzzes Markdown rendering with link rewriting: scan the body, resolve its links against a small
//! site, render it with the rewritten links. Must never panic, and a body whose links all resolve
//! must never render a `javascript:` link (after the default sanitizing of raw HTML).
#![no_main]

use libfuzzer_sys::fuzz_target;

// The property is written once in `healthkb::fuzzing`, shared with `tests/properties.rs`.
fuzz_target!(|body: &str| healthkb::fuzzing::markdown_links(body));
