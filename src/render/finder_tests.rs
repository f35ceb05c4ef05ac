//! Tests of the finder's parts: gap coding, splitting, and the files at generated scale.

use super::*;
use serde_json::Value;
use std::io::Write;

/// The key and JSON a part script registers.
pub(in crate::render) fn registered(script: &str) -> (String, Value) {
    let prefix = format!("(window.{PARTS_GLOBAL} = window.{PARTS_GLOBAL} || {{}})[");
    let rest = script
        .strip_prefix(&prefix)
        .and_then(|r| r.strip_suffix(";\n"))
        .expect("a part script");
    let (key, json) = rest.split_once("] = ").expect("key and value");
    (
        serde_json::from_str(key).expect("a JSON key"),
        serde_json::from_str(json).expect("valid JSON"),
    )
}

/// The index's JSON.
pub(in crate::render) fn index_of(files: &[(String, String)]) -> Value {
    let (path, script) = files.first().expect("an index");
    assert_eq!(path, INDEX_FILE);
    let json = script
        .strip_prefix(&format!("window.{GLOBAL} = "))
        .and_then(|r| r.strip_suffix(";\n"))
        .expect("an assignment");
    serde_json::from_str(json).expect("valid JSON")
}

/// Every part's decoded positions, by slug, in part order.
pub(in crate::render) fn decoded(files: &[(String, String)]) -> BTreeMap<String, Vec<Vec<usize>>> {
    let index = index_of(files);
    let by_key: BTreeMap<String, Value> = files[1..].iter().map(|(_, s)| registered(s)).collect();
    let mut out = BTreeMap::new();
    for (slug, parts) in index["s"].as_object().expect("symptoms") {
        let parts = (0..parts.as_u64().expect("a count"))
            .map(|k| {
                let gaps: Vec<usize> =
                    serde_json::from_value(by_key[&format!("s/{slug}.{k}")].clone()).expect("gaps");
                ungap(&gaps)
            })
            .collect();
        out.insert(slug.clone(), parts);
    }
    out
}

fn gzipped_len(text: &str) -> usize {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(text.as_bytes()).expect("gzip in memory");
    encoder.finish().expect("gzip in memory").len()
}

/// A small deterministic generator (xorshift), so the fixture is the same on every run.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const WORDS: &[&str] = &[
    "acute",
    "chronic",
    "lower",
    "upper",
    "back",
    "neck",
    "knee",
    "ankle",
    "pain",
    "stiffness",
    "tingling",
    "swelling",
    "sprain",
    "strain",
    "nerve",
    "disc",
    "muscle",
    "joint",
    "night",
    "morning",
    "after",
    "exercise",
    "sitting",
    "standing",
    "what",
    "causes",
    "help",
    "treatment",
];

/// Owned articles and symptoms like `benches/gen_corpus.py` makes: `n` articles with 2 to 6 of
/// 200 symptoms drawn from a Zipf law (exponent 1), plus one symptom on every article.
struct Fixture {
    titles: Vec<String>,
    urls: Vec<String>,
    descriptions: Vec<String>,
    symptoms: Vec<(String, Vec<usize>)>,
}

impl Fixture {
    fn new(n: usize) -> Self {
        let mut random = Random(0x9e37_79b9_7f4a_7c15);
        let mut phrase = |words: usize| {
            (0..words)
                .map(|_| WORDS[random.below(WORDS.len())])
                .collect::<Vec<_>>()
                .join(" ")
        };
        let mut titles: Vec<String> = (0..n).map(|i| format!("{} {i}", phrase(4))).collect();
        titles.sort();
        let urls = titles
            .iter()
            .map(|t| format!("{}/", t.replace(' ', "-")))
            .collect();
        let descriptions = (0..n)
            .map(|_| format!("About {}: what it is and when to get help.", phrase(5)))
            .collect();
        let weights: Vec<f64> = (1..=200).map(|rank| 1.0 / f64::from(rank)).collect();
        let total: f64 = weights.iter().sum();
        let mut symptoms: Vec<(String, Vec<usize>)> = (0..200)
            .map(|s| (format!("symptom-{s:03}"), Vec::new()))
            .collect();
        let mut random = Random(42);
        for article in 0..n {
            let count = 2 + random.below(5);
            let mut mine = Vec::new();
            while mine.len() < count {
                let mut pick = (random.next() % 1_000_000) as f64 / 1_000_000.0 * total;
                let mut s = 0;
                while s + 1 < weights.len() && pick >= weights[s] {
                    pick -= weights[s];
                    s += 1;
                }
                if !mine.contains(&s) {
                    mine.push(s);
                }
            }
            for s in mine {
                symptoms[s].1.push(article);
            }
        }
        symptoms.push(("everywhere".into(), (0..n).collect()));
        Fixture {
            titles,
            urls,
            descriptions,
            symptoms,
        }
    }

    fn source(&self) -> Source<'_> {
        Source {
            segment: "symptoms",
            articles: (0..self.titles.len())
                .map(|i| {
                    (
                        self.titles[i].as_str(),
                        self.urls[i].as_str(),
                        self.descriptions[i].clone(),
                    )
                })
                .collect(),
            symptoms: self
                .symptoms
                .iter()
                .map(|(s, a)| (s.as_str(), a.clone()))
                .collect(),
            further: Vec::new(),
            words: Words::symptoms(),
        }
    }
}

#[test]
fn gaps_decode_to_the_numbers() {
    let numbers = [0, 3, 4, 10, 99_999];
    assert_eq!(gaps(&numbers), [0, 3, 1, 6, 99_989]);
    assert_eq!(ungap(&gaps(&numbers)), numbers);
    assert_eq!(gaps(&[7]), [7]);
    assert!(gaps(&[]).is_empty());
}

#[test]
fn a_long_list_splits_into_runs_under_the_limit_that_restart_their_gaps() {
    let numbers: Vec<usize> = (0..5_000).map(|i| i * 7 + i % 3).collect();
    let runs = split_by_size(&numbers, 1_000);
    assert!(runs.len() > 1);
    assert_eq!(
        runs.concat(),
        numbers,
        "every number in exactly one run, in order"
    );
    for run in &runs {
        let json = serde_json::to_string(&gaps(run)).expect("JSON");
        assert!(json.len() <= 1_000, "{} bytes", json.len());
    }
    assert_eq!(split_by_size(&numbers, 1_000), runs, "deterministic");
    assert_eq!(
        split_by_size(&[5], 1),
        [&[5][..]],
        "a number too long for the limit still has a run"
    );
    assert_eq!(
        split_by_size(&[], 10),
        [&[0_usize; 0][..]],
        "no numbers: one empty run"
    );
}

#[test]
fn every_article_of_a_symptom_is_in_exactly_its_parts_and_every_article_in_one_chunk() {
    let fixture = Fixture::new(3_000);
    let source = fixture.source();
    let files = files_of(&source);
    let parts = decoded(&files);
    for (slug, positions) in &source.symptoms {
        assert_eq!(parts[*slug].concat(), *positions, "{slug}");
    }
    assert!(
        parts["everywhere"].len() == 1,
        "3,000 small gaps fit one part"
    );
    let index = index_of(&files);
    assert_eq!(index["n"], 3_000);
    assert_eq!(index["top"], TOP);
    assert_eq!(index["p"], "symptoms/");
    let sizes: Vec<usize> = serde_json::from_value(index["a"].clone()).expect("chunk sizes");
    let mut shown = Vec::new();
    for (k, &size) in sizes.iter().enumerate() {
        let (_, script) = files
            .iter()
            .find(|(p, _)| *p == format!("finder/a/{k}.js"))
            .expect("the chunk");
        let (key, entries) = registered(script);
        assert_eq!(key, format!("a/{k}"));
        let entries = entries.as_array().expect("entries").clone();
        assert_eq!(entries.len(), size);
        assert!(entries.len() <= CHUNK);
        shown.extend(entries.into_iter().map(|e| e[0].as_str().map(String::from)));
    }
    let titles: Vec<Option<String>> = fixture.titles.iter().cloned().map(Some).collect();
    assert_eq!(
        shown, titles,
        "the chunks hold every article once, in title order"
    );
    assert_eq!(files_of(&fixture.source()), files, "deterministic");
}

#[test]
fn a_symptom_without_articles_has_one_empty_part_and_text_is_safe_in_a_script() {
    let source = Source {
        articles: vec![("</script><b>", "a/", "x & y".into())],
        symptoms: vec![("unused", vec![]), ("used", vec![0])],
        segment: "symptoms",
        further: Vec::new(),
        words: Words::symptoms(),
    };
    let files = files_of(&source);
    assert_eq!(decoded(&files)["unused"], [Vec::<usize>::new()]);
    let chunk = &files
        .iter()
        .find(|(p, _)| p == "finder/a/0.js")
        .expect("chunk")
        .1;
    assert!(!chunk.contains('<') && !chunk.contains('&'));
    assert_eq!(registered(chunk).1[0][0], "</script><b>");
}

#[test]
fn a_further_taxonomy_has_its_own_parts_and_its_prefix_and_the_words_are_in_the_index() {
    let words = Words {
        one: "condition or treatment".into(),
        many: "conditions and treatments".into(),
        page: "condition and treatment".into(),
    };
    let mut source = Source {
        articles: vec![("A", "a/", String::new()), ("B", "b/", String::new())],
        symptoms: vec![("anaemia", vec![0])],
        segment: "conditions",
        further: vec![Further {
            name: "treatments",
            segment: "care",
            terms: vec![("pills", vec![0, 1]), ("surgery", vec![1])],
        }],
        words,
    };
    let files = files_of(&source);
    let index = index_of(&files);
    assert_eq!(index["p"], "conditions/");
    assert_eq!(index["s"], serde_json::json!({"anaemia": 1}));
    assert_eq!(
        index["t"],
        serde_json::json!({"treatments": {"p": "care/", "s": {"pills": 1, "surgery": 1}}})
    );
    assert_eq!(index["w"]["one"], "condition or treatment");
    assert_eq!(index["w"]["page"], "condition and treatment");
    let part = |path: &str| {
        let (_, script) = files.iter().find(|(p, _)| p == path).expect(path);
        registered(script)
    };
    assert_eq!(
        part("finder/t/treatments/pills.0.js"),
        (
            "t/treatments/pills.0".to_string(),
            serde_json::json!([0, 1])
        )
    );
    assert_eq!(part("finder/s/anaemia.0.js").1, serde_json::json!([0]));
    let names: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(names_of(&source), names);
    // This guide's words and no further taxonomy: the index is as it always was.
    source.further.clear();
    source.words = Words::symptoms();
    let index = index_of(&files_of(&source));
    let keys: Vec<&String> = index.as_object().expect("an object").keys().collect();
    assert_eq!(keys, ["a", "n", "p", "s", "top"]);
}

#[test]
fn the_words_follow_the_taxonomies_that_feed_the_finder() {
    let table = |name: &str, finder: bool| {
        format!(
            "[[taxonomies]]\nname = \"{name}\"\nkey = \"{}\"\nterms = \"articles/{name}.toml\"\nsegment = \"{name}\"\ntemplate = \"t.html\"\nindex_template = \"i.html\"\nsearch = true\nfinder = {finder}\n",
            name.replace('-', "_")
        )
    };
    let words = |tables: &[(&str, bool)]| {
        let text: String = tables.iter().map(|&(n, f)| table(n, f)).collect();
        let config = crate::config::SiteConfig::parse(&format!(
            "title = \"T\"\ndescription = \"D\"\n{text}"
        ))
        .expect("valid");
        let w = Words::of(&config);
        (w.one, w.many, w.page)
    };
    let own = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
    let guide =
        crate::config::SiteConfig::parse("title = \"T\"\ndescription = \"D\"\n").expect("valid");
    assert_eq!(Words::of(&guide), Words::symptoms());
    assert_eq!(
        words(&[("conditions", true)]),
        own("condition", "conditions", "condition")
    );
    assert_eq!(
        words(&[("conditions", false), ("treatments", true)]),
        own("treatment", "treatments", "treatment")
    );
    assert_eq!(
        words(&[
            ("conditions", true),
            ("treatments", true),
            ("body-systems", true)
        ]),
        own(
            "condition, treatment or body system",
            "conditions, treatments and body systems",
            "condition, treatment and body system"
        )
    );
}

#[test]
fn long_descriptions_are_shortened_at_a_space() {
    assert_eq!(shorten("short", 10), "short");
    assert_eq!(shorten("one two three four", 10), "one two…");
    assert_eq!(
        shorten("ééééééééééé", 4),
        "éééé…",
        "cut at a character, not a byte"
    );
}

#[test]
fn at_100_000_articles_no_finder_file_exceeds_100_kb_gzipped() {
    let fixture = Fixture::new(100_000);
    let files = files_of(&fixture.source());
    let decoded = decoded(&files);
    assert!(
        decoded["everywhere"].len() > 1,
        "a symptom on every article is split"
    );
    assert!(
        decoded["symptom-000"].concat().len() > 40_000,
        "Zipf: the top symptom is common"
    );
    let mut largest = (0, String::new());
    for (path, text) in &files {
        let size = gzipped_len(text);
        if size > largest.0 {
            largest = (size, path.clone());
        }
    }
    assert!(
        largest.0 <= 100 * 1024,
        "{} is {} bytes gzipped",
        largest.1,
        largest.0
    );
    let names: Vec<&str> = files.iter().map(|(path, _)| path.as_str()).collect();
    assert_eq!(
        names_of(&fixture.source()),
        names,
        "the names, worked out without the files, are theirs"
    );
    let index = gzipped_len(&files[0].1);
    assert!(
        index <= 10 * 1024,
        "the index loaded up front is {index} bytes gzipped"
    );
    // The same terms in two taxonomies (the second half, the one on every article among them, in
    // a further one): its parts are cut the same way, and nothing grows.
    let mut two = fixture.source();
    let moved = two.symptoms.split_off(100);
    two.further.push(Further {
        name: "treatments",
        segment: "treatments",
        terms: moved,
    });
    let files = files_of(&two);
    assert!(
        files
            .iter()
            .any(|(path, _)| path == "finder/t/treatments/everywhere.1.js"),
        "a further taxonomy's term on every article is split too"
    );
    for (path, text) in &files {
        let size = gzipped_len(text);
        assert!(size <= 100 * 1024, "{path} is {size} bytes gzipped");
    }
    let names: Vec<&str> = files.iter().map(|(path, _)| path.as_str()).collect();
    assert_eq!(names_of(&two), names);
    let index = gzipped_len(&files[0].1);
    assert!(index <= 10 * 1024, "the index is {index} bytes gzipped");
}
