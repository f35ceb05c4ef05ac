//! Sites in more than one language, on the two-language fixture (`tests/fixtures/languages`:
//! English, and Spanish in `translations/es/` with one translated article) and on this guide.

mod harness;

use harness::Site;

/// The fixture's English original of its one translation, and the translation.
const ORIGINAL: &str = "articles/back-spasm.md";
const TRANSLATION: &str = "translations/es/back-spasm.md";

#[test]
fn one_build_writes_every_language_each_page_linking_to_its_other_languages() {
    let site = Site::fixture("languages");
    site.run(&["build"]).expect_code(0);
    let spanish = site.read("public/es/back-spasm/index.html");
    assert!(spanish.contains("<html lang=\"es\">"), "{spanish}");
    assert!(spanish.contains("<h1>Espasmo de espalda</h1>"));
    assert!(
        spanish.contains("Guía de prueba"),
        "the edition's own title"
    );
    // Alternates and the switcher lead to the same page in each language.
    assert!(
        spanish.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"../../back-spasm/\">")
    );
    assert!(
        spanish.contains("<link rel=\"alternate\" hreflang=\"es\" href=\"../../es/back-spasm/\">")
    );
    assert!(
        spanish
            .contains("<a class=\"language\" href=\"../../back-spasm/\" lang=\"en\">English</a>")
    );
    // Links to articles not translated lead to the original's pages, headings kept.
    assert!(spanish.contains("href=\"../../tingling/\""), "{spanish}");
    assert!(
        spanish.contains("href=\"../../conditions/b12/#tests\""),
        "{spanish}"
    );
    // The translation says so and links to its original; it is up to date.
    assert!(spanish.contains("<p class=\"translation\">A translation of <a href=\"../../back-spasm/\" hreflang=\"en\">the original (English)</a></p>"), "{spanish}");
    let english = site.read("public/back-spasm/index.html");
    assert!(
        english
            .contains("<a class=\"language\" href=\"../es/back-spasm/\" lang=\"es\">Español</a>"),
        "{english}"
    );
    assert!(!english.contains("class=\"translation"));
    // A page with no translation: the switcher says so, in Spanish, and leads to the Spanish home.
    let untranslated = site.read("public/tingling/index.html");
    assert!(
        untranslated.contains("<a class=\"language\" href=\"../es/\" lang=\"es\">Español (esta página aún no está en español)</a>"),
        "{untranslated}"
    );
    assert!(
        !untranslated.contains("hreflang=\"es\""),
        "no alternate for a page that has none"
    );
    // Every language has its home, A to Z, symptom, region and emergency pages, its search index and
    // its copy of the static files; Spanish term names come from its vocabulary.
    for page in [
        "es/index.html",
        "es/a-z/index.html",
        "es/emergency/index.html",
        "es/symptoms/back-pain/index.html",
        "es/regions/lower-back/index.html",
        "es/search/index.js",
        "es/style.css",
        "es/img/spine.svg",
    ] {
        assert!(site.exists(&format!("public/{page}")), "{page}");
    }
    assert!(
        site.read("public/es/symptoms/back-pain/index.html")
            .contains("Dolor de espalda")
    );
    assert!(
        !site.exists("public/es/tingling/index.html"),
        "only translated articles have Spanish pages"
    );
}

#[test]
fn a_changed_original_makes_its_translation_stale_in_check_and_on_the_page() {
    let site = Site::fixture("languages");
    site.run(&["check"]).expect_code(0);
    let original = site.read(ORIGINAL);
    let changed = original.replace(
        "routine = [\"pain lasts two weeks\"]\n",
        "routine = [\"pain lasts two weeks\"]\n[[changes]]\ndate = 2026-12-10\nsummary = \"Says when to see a doctor sooner.\"\n",
    );
    assert_ne!(changed, original);
    site.write(ORIGINAL, &changed);
    let run = site.run(&["check"]);
    run.expect_code(0);
    let version_line = site
        .read(TRANSLATION)
        .lines()
        .position(|l| l.starts_with("version = "))
        .expect("version line")
        + 1;
    run.expect_error(
        &format!("{TRANSLATION}:{version_line}:11: warning:"),
        "articles/back-spasm.md has changed since this translation was made from it (2026-12-10: Says when to see a doctor sooner.)",
    );
    let current = sha256_12(changed.as_bytes());
    assert!(
        run.stderr
            .contains(&format!("set `version = \"{current}\"`")),
        "{}",
        run.stderr
    );
    // `check --strict` makes it an error; the build goes on and the page says it is out of date.
    site.run(&["check", "--strict"]).expect_code(1);
    site.run(&["build"]).expect_code(0);
    assert!(
        site.read("public/es/back-spasm/index.html")
            .contains("<p class=\"translation stale\">")
    );
    // Brought up to date: no warning, no notice.
    let updated = site
        .read(TRANSLATION)
        .replace(&version_of(&site.read(TRANSLATION)), &current);
    site.write(TRANSLATION, updated);
    let run = site.run(&["check"]);
    run.expect_code(0);
    assert!(
        !run.stderr.contains("translation-stale") && !run.stderr.contains("has changed since"),
        "{}",
        run.stderr
    );
    site.run(&["build"]).expect_code(0);
    assert!(
        site.read("public/es/back-spasm/index.html")
            .contains("<p class=\"translation\">")
    );
}

#[test]
fn a_translation_that_changes_advice_or_names_no_original_is_an_error_and_nothing_is_written() {
    let site = Site::fixture("languages");
    site.run(&["build"]).expect_code(0);
    let before = site.snapshot("public");
    let translation = site.read(TRANSLATION);
    for (bad, location, message) in [
        (
            translation.replace(
                "symptoms = [\"back-pain\", \"numbness\"]",
                "symptoms = [\"back-pain\"]",
            ),
            format!("{TRANSLATION}:4:1: error:"),
            "`symptoms` differs from the original's (articles/back-spasm.md)",
        ),
        (
            translation.replace(
                "emergency = [\"no puede controlar la vejiga\"]",
                "urgent = [\"no puede controlar la vejiga\"]",
            ),
            format!("{TRANSLATION}:8:2: error:"),
            "`care.emergency` differs from the original's",
        ),
        (
            translation.replace("of = \"back-spasm.md\"", "of = \"back-spasms.md\""),
            format!("{TRANSLATION}:12:6: error:"),
            "`of = \"back-spasms.md\"` names no article in articles/",
        ),
        (
            translation
                .replace("[translation]\nof = \"back-spasm.md\"\n", "")
                .replace(&format!("version = \"{}\"\n", version_of(&translation)), ""),
            format!("{TRANSLATION}:1: error:"),
            "this translation does not say what it translates",
        ),
    ] {
        site.write(TRANSLATION, &bad);
        site.run(&["build"])
            .expect_code(1)
            .expect_error(&location, message);
        assert_eq!(
            site.snapshot("public"),
            before,
            "the last site is untouched"
        );
    }
    site.write(TRANSLATION, &translation);
    let symptoms = site.read("translations/es/symptoms.toml");
    site.write(
        "translations/es/symptoms.toml",
        symptoms.replace("level = \"emergency\"", "level = \"urgent\""),
    );
    site.run(&["build"]).expect_code(1).expect_error(
        "translations/es/symptoms.toml:",
        "`[saddle-numbness]` has another `level` or `regions`, unlike articles/symptoms.toml",
    );
    site.write("translations/es/symptoms.toml", &symptoms);
    site.remove("translations/es/regions.toml");
    site.run(&["build"]).expect_code(1).expect_error(
        "translations/es/regions.toml: error:",
        "the original has articles/regions.toml, and this language has no translation of it",
    );
}

#[test]
fn a_language_without_its_translations_file_or_a_key_is_an_error_not_english() {
    let site = Site::fixture("languages");
    let spanish = site.read("i18n/es.ftl");
    site.write(
        "i18n/es.ftl",
        spanish.replace(
            "language-untranslated = esta página aún no está en español\n",
            "",
        ),
    );
    site.run(&["build"]).expect_code(1).expect_error(
        "i18n/es.ftl: error:",
        "`language-untranslated` is missing: i18n/en.ftl has it",
    );
    site.remove("i18n/es.ftl");
    site.run(&["build"])
        .expect_code(1)
        .expect_error("i18n/es.ftl", "");
    // A site in one language needs no switcher text.
    let single = Site::fixture("basic");
    single.run(&["build"]).expect_code(0);
    assert!(
        !single
            .read("public/back-spasm/index.html")
            .contains("hreflang")
    );
}

#[test]
fn this_guide_is_published_in_english_and_spanish_with_every_page_s_language_right() {
    let site = Site::real();
    site.run(&["build"]).expect_code(0);
    for (page, lang) in [
        ("public/index.html", "en"),
        ("public/es/index.html", "es"),
        ("public/es/sciatica/index.html", "es"),
        ("public/es/emergency/index.html", "es"),
    ] {
        assert!(
            site.read(page).contains(&format!("<html lang=\"{lang}\"")),
            "{page}"
        );
    }
    // The Spanish translations are of the current English: none is stale.
    let run = site.run(&["check"]);
    run.expect_code(0);
    assert!(
        !run.stderr.contains("has changed since this translation"),
        "{}",
        run.stderr
    );
    // The eight articles readers need most, and the about page, are in Spanish.
    for article in [
        "emergency-back-symptoms",
        "sciatica",
        "back-spasm",
        "tingling-in-the-back",
        "vitamin-b12-deficiency",
        "pins-and-needles-and-numbness",
        "pain-medicines",
        "warning-signs",
        "about",
    ] {
        let page = site.read(&format!("public/es/{article}/index.html"));
        assert!(
            page.contains("Todavía no la ha revisado un traductor médico profesional."),
            "{article}: labelled as an unreviewed translation"
        );
    }
}

/// The `version` a translation's text records.
fn version_of(translation: &str) -> String {
    translation
        .lines()
        .find_map(|l| l.strip_prefix("version = \""))
        .and_then(|v| v.strip_suffix('"'))
        .expect("version")
        .to_string()
}

/// The first 12 hexadecimal digits of the SHA-256 of `bytes`, as `sha256sum` prints them.
fn sha256_12(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect()
}
