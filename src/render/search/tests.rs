use super::*;

#[test]
fn call_and_script_cannot_close_a_script_element() {
    let js = call("shard", &serde_json::json!({"a": "</script><b>&"}));
    assert_eq!(
        js,
        "window.healthkbSearch.shard({\"a\":\"\\u003c/script\\u003e\\u003cb\\u003e\\u0026\"});\n"
    );
    let js = script("x", &serde_json::json!({"a": "</script>"}));
    assert_eq!(js, "window.x = {\"a\":\"\\u003c/script\\u003e\"};\n");
}

fn doc(fields: [&'static str; 5]) -> Doc<'static> {
    let [title, aliases, symptoms, description, body] = fields;
    Doc {
        view: DocView("b12/".into(), "", "A", "".into()),
        fields: [title, aliases, symptoms, description].map(Cow::Borrowed),
        body,
    }
}

#[test]
fn tokens_are_elasticlunrs_stemmed_once_and_weighted_by_field() {
    let docs = [
        doc([
            "Vitamin B12",
            "cobalamin deficiency",
            "",
            "",
            "Doctors test, and doctors-in-training test anaemia",
        ]),
        doc(["Doctor", "", "", "", ""]),
    ];
    let mut lexicon = Lexicon::new(Default::default());
    let tokens = lexicon.add(&docs);
    // vitamin b12 cobalamin deficiency doctors "test," and in training test anaemia doctor
    assert_eq!(lexicon.words.len(), 12, "each distinct word once");
    assert_eq!(
        lexicon.words["doctors"], lexicon.words["doctor"],
        "one term"
    );
    assert_eq!(lexicon.words["and"], None, "a stop word");
    let weighed = tokens[0].weigh(&mut tokens::Counts::new(lexicon.terms.len()));
    let terms: Vec<&str> = weighed
        .iter()
        .map(|&(t, _)| lexicon.terms[t as usize].as_str())
        .collect();
    let mut sorted = terms.clone();
    sorted.sort_unstable();
    assert_eq!(
        sorted,
        [
            "anaemia",
            "b12",
            "cobalamin",
            "defici",
            "doctor",
            "test",
            "train",
            "vitamin"
        ],
        "stemmed, stop words dropped, split at hyphens"
    );
    let weight = |term: &str| {
        weighed
            .iter()
            .find(|&&(t, _)| lexicon.terms[t as usize] == term)
            .map(|p| p.1)
    };
    // Title: boost 10 over 2 words; body: boost 1, twice over 6 words.
    let title = weight("vitamin").expect("title word");
    assert!((title - 10.0 / 2f32.sqrt()).abs() < 1e-4, "{title}");
    let body = weight("doctor").expect("body word");
    assert!((body - 2f32.sqrt() / 6f32.sqrt()).abs() < 1e-4, "{body}");
    assert_eq!(
        lexicon.aliases.iter().collect::<Vec<_>>(),
        [&("anemia".to_string(), "anaemia".to_string())],
        "the American spelling's term points at the indexed one"
    );
    assert_eq!(
        serde_json::to_value(English::new().make_pipeline()).expect("names"),
        serde_json::json!(["trimmer", "stopWordFilter", "stemmer"]),
        "the browser's elasticlunr.js runs the same pipeline on queries"
    );
}

/// (term, weight) of a document's tokens, by term.
fn weights(lexicon: &Lexicon, tokens: &tokens::Tokens) -> BTreeMap<String, f32> {
    let mut counts = tokens::Counts::new(lexicon.terms.len());
    tokens
        .weigh(&mut counts)
        .into_iter()
        .map(|(t, w)| (lexicon.terms[t as usize].clone(), w))
        .collect()
}

#[test]
fn new_words_are_resolved_to_the_terms_a_full_lexicon_gives() {
    let docs = [
        doc(["Back pain", "", "", "", "The back hurts."]),
        doc([
            "Pain in the back",
            "lumbago",
            "",
            "it hurts, or not",
            "Lumbago: the back and its pain, and then more lumbago",
        ]),
    ];
    let mut chunked = Lexicon::new(Default::default());
    chunked.add(&docs[..1]);
    let mut scratch = tokens::Scratch::default();
    let body = docs[1].plain_body();
    let mut early = chunked.tokenize(&docs[1], &body, &mut scratch);
    // in, lumbago, it, "hurts,", or, not, "lumbago:", and, its, "pain,", then, more, "lumbago."
    assert_eq!(early.new.len(), 13, "each new word once: {:?}", early.new);
    chunked.add(&docs[1..]);
    early.resolve(&chunked);
    let late = chunked.tokenize(&docs[1], &body, &mut scratch);
    assert!(late.new.is_empty(), "every word known: {:?}", late.new);
    assert_eq!(
        early, late,
        "placeholders resolved, new stop words left out"
    );
    let mut whole = Lexicon::new(Default::default());
    let tokens = whole.add(&docs);
    assert_eq!(weights(&chunked, &early), weights(&whole, &tokens[1]));
    let weighed = weights(&chunked, &early);
    // Title: "pain", "back" (in, the: stop words); other names: "lumbago"; description:
    // "hurt"; body: lumbago back pain more lumbago (the, and, its, then: stop words).
    assert_eq!(weighed.len(), 5, "{weighed:?}");
    let lumbago = 8.0 + 2f32.sqrt() / 5f32.sqrt();
    assert!((weighed["lumbago"] - lumbago).abs() < 1e-4, "{weighed:?}");
    let back = 10.0 / 2f32.sqrt() + 1.0 / 5f32.sqrt();
    assert!((weighed["back"] - back).abs() < 1e-4, "{weighed:?}");
}

#[test]
fn a_common_term_keeps_its_best_documents_in_document_order() {
    let postings: Vec<(u32, f32)> = (0..(MAX_POSTINGS as u32 + 10))
        .map(|d| (d, if d % 2 == 0 { 1.0 } else { 2.0 }))
        .collect();
    let term = term_postings(postings, 1.0);
    assert_eq!(term.postings.len(), MAX_POSTINGS);
    assert!(term.postings.windows(2).all(|w| w[0].0 < w[1].0));
    let last = MAX_POSTINGS as u32 + 9;
    assert!(
        term.postings.contains(&(last, 100)),
        "the heavier odd documents are all kept"
    );
    assert!(
        !term.postings.iter().any(|p| p.0 == last - 1),
        "of the lighter even documents, the later ones are dropped"
    );
    assert_eq!(term.top, [1, 3, 5, 7, 9, 11, 13, 15, 17, 19]);
    let tiny = term_postings(vec![(4, 0.0001)], 1.0);
    assert_eq!(tiny.postings, [(4, 1)], "a weight is at least 1");
}

/// `tests/stems.tsv`: one word a line with the term the build makes of it (empty for a stop
/// word), which `tests/browser/test/stem.test.mjs` checks the browser's `static/stem.js`
/// against, so the two pipelines cannot disagree silently. `HEALTHKB_WRITE_STEMS=1 cargo test
/// --lib stems` rewrites it: the words already listed and every word of the real site's
/// `articles/`, each with the build's term.
const STEMS_FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/stems.tsv");

fn listed_stems() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(STEMS_FILE).unwrap_or_default();
    text.lines()
        .filter_map(|line| line.split_once('\t'))
        .map(|(w, t)| (w.to_string(), t.to_string()))
        .collect()
}

/// Every word of the real site's articles and data files, and of their Spanish translations, as
/// `words` makes them.
fn real_site_words() -> BTreeSet<String> {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut paths: Vec<_> = ["articles", "translations/es"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(format!("{root}/{dir}")).expect("the site's folders"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    let mut found = BTreeSet::new();
    let mut buffer = String::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        words(&text, &mut buffer, |w| {
            if !w.contains(['\t', '\r']) {
                found.insert(w.to_string());
            }
        });
    }
    found
}

#[test]
fn stems_tsv_lists_the_build_s_term_of_every_word_and_every_word_of_the_real_site() {
    let pipeline = English::new().make_pipeline();
    let listed = listed_stems();
    if std::env::var_os("HEALTHKB_WRITE_STEMS").is_some() {
        let mut all: BTreeSet<String> = listed.iter().map(|(w, _)| w.clone()).collect();
        all.extend(real_site_words());
        let text: String = all
            .iter()
            .map(|w| format!("{w}\t{}\n", stem(&pipeline, w).unwrap_or_default()))
            .collect();
        std::fs::write(STEMS_FILE, text).expect("tests/stems.tsv written");
        return;
    }
    assert!(
        listed.len() > 5_000,
        "tests/stems.tsv has {} words",
        listed.len()
    );
    let wrong: Vec<String> = listed
        .iter()
        .filter(|(w, t)| stem(&pipeline, w).unwrap_or_default() != *t)
        .map(|(w, t)| format!("{w}: listed {t:?}, built {:?}", stem(&pipeline, w)))
        .collect();
    assert!(wrong.is_empty(), "{wrong:?}");
    let words: HashSet<&str> = listed.iter().map(|(w, _)| w.as_str()).collect();
    let missing: Vec<String> = real_site_words()
        .into_iter()
        .filter(|w| !words.contains(w.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "words of articles/ and translations/es/ not in tests/stems.tsv, so the browser's stemmer is not checked on \
         them: {missing:?}; add them with `HEALTHKB_WRITE_STEMS=1 cargo test --lib stems`"
    );
}

#[test]
fn name_words_are_listed_without_their_first_letter() {
    let docs = [
        doc(["Sciatica", "", "Shingles", "", "sciatica in the body only"]),
        doc(["Leg pain", "", "", "", "shoulder"]),
    ];
    let first: Vec<(String, String)> = first_letter(&docs).into_iter().collect();
    let pair = |key: &str, term: &str| (key.to_string(), term.to_string());
    // "xciatica" and "asciatica" reach "ciatica" and "sciatica"; "hingles" is "hingl".
    assert!(first.contains(&pair("ciatica", "sciatica")), "{first:?}");
    assert!(first.contains(&pair("hingl", "shingl")), "{first:?}");
    // Only titles, other names and symptoms, and only words of 4 letters or more.
    assert!(!first.iter().any(|(_, t)| t == "shoulder"), "{first:?}");
    assert!(!first.iter().any(|(_, t)| t == "leg"), "{first:?}");
    assert!(first.iter().any(|(_, t)| t == "pain"), "{first:?}");
}
