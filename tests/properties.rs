//! Property tests: a short fuzz run in the normal test suite. Whatever text an editor writes, the
//! front matter and Markdown code never panics, positions stay inside the file, and rewritten
//! links never leave the site. (Long fuzzing runs with cargo fuzz: see `fuzz/`.)
//! The properties themselves are in `healthkb::fuzzing`, shared with the fuzz targets.

use healthkb::diagnostic::line_col;
use healthkb::fuzzing;
use proptest::prelude::*;

/// Text that looks enough like an article to reach the deeper code paths.
fn article_like() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        Just("+++".to_string()),
        Just("title = \"T\"".to_string()),
        Just("description = \"D\"".to_string()),
        Just("updated = 2026-11-20".to_string()),
        Just("symptoms = [\"a\", \"b\"]".to_string()),
        Just("[care]".to_string()),
        Just("## Heading".to_string()),
        Just("> [!WARNING]".to_string()),
        "\\[[a-z ]{0,8}\\]\\([a-z./#:]{0,16}\\)",
        "[ -~]{0,40}",
        "\\PC{0,20}",
    ];
    prop::collection::vec(line, 0..24).prop_map(|lines| lines.join("\n"))
}

/// Text that looks enough like `care.toml` or `references.toml` to reach their validation.
fn table_like() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        Just("[a]".to_string()),
        Just("[[b]]".to_string()),
        Just("text = \"Call {{emergency}}.\"".to_string()),
        Just("title = \"T\"".to_string()),
        Just("url = \"https://www.nhs.uk/x\"".to_string()),
        Just("url = \"javascript:alert(1)\"".to_string()),
        Just("kind = \"guideline\"".to_string()),
        Just("symptoms = [\"a\"]".to_string()),
        "[a-z_]{1,8} = \"[ -~]{0,12}\"",
        "[ -~]{0,30}",
    ];
    prop::collection::vec(line, 0..16).prop_map(|lines| lines.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn splitting_and_parsing_never_panic_and_locate_inside_the_file(text in article_like()) {
        fuzzing::article_file(text.as_bytes());
    }

    #[test]
    fn decoding_any_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        fuzzing::article_file(&bytes);
    }

    #[test]
    fn care_and_references_files_never_panic_and_locate_inside_the_file(text in table_like()) {
        fuzzing::care_file(text.as_bytes());
        fuzzing::references_file(text.as_bytes());
    }

    #[test]
    fn line_col_is_always_a_position_in_the_text(text in "\\PC{0,40}", offset in 0usize..60) {
        let (line, column) = line_col(&text, offset);
        prop_assert!(line >= 1 && line <= text.split('\n').count());
        prop_assert!(column >= 1);
    }

    #[test]
    fn markdown_with_rewritten_links_never_panics_or_escapes_the_site(body in article_like()) {
        fuzzing::markdown_links(&body);
    }
}
