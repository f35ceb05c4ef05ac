//! Taxonomies, the `[[taxonomies]]` tables of `site.toml`: each names a vocabulary of terms (a
//! term file), the front-matter key articles use it by, the URL segment its pages live under, its
//! templates, and which of the site's features it feeds. With no `[[taxonomies]]`, the site has
//! the two it has always had: symptoms and body regions.

use crate::diagnostic::{Diagnostic, Kind, LineIndex};
use serde::Deserialize;
use toml::Spanned;

/// First URL segments the site's own pages use, which no taxonomy may take.
pub(crate) const BUILT_IN_SEGMENTS: [&str; 5] =
    ["a-z", "emergency", "references", "search", "finder"];

/// The keys a `[[taxonomies]]` table may have, for the hint on an unknown one.
const KEYS: &str = "name, key, terms, segment, template, index_template, related, finder, emergency, search, map, a_to_z";

/// A `[[taxonomies]]` table as written, each value with its place in `site.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Declared {
    name: Spanned<String>,
    key: Spanned<String>,
    terms: Spanned<String>,
    segment: Spanned<String>,
    template: Spanned<String>,
    #[serde(default)]
    index_template: Option<Spanned<String>>,
    #[serde(default)]
    related: bool,
    #[serde(default)]
    finder: bool,
    #[serde(default)]
    emergency: bool,
    #[serde(default)]
    search: bool,
    #[serde(default)]
    map: bool,
    #[serde(default)]
    a_to_z: bool,
}

/// One taxonomy: a vocabulary of terms that articles (or, for the map, other terms) name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Taxonomy {
    /// Its name, e.g. `symptoms`.
    pub name: String,
    /// The key that names its terms: in articles' front matter, or (for a `map` taxonomy) in the
    /// terms of the other taxonomies, e.g. `regions = ["neck"]` in `symptoms.toml`.
    pub key: String,
    /// The term file, relative to the site root, e.g. `articles/symptoms.toml`.
    pub terms: String,
    /// The first URL segment of its pages: a term's page is `/<segment>/<slug>/`.
    pub segment: String,
    /// The template of a term's page.
    pub template: String,
    /// The template of the page listing every term, if it has one (`/<segment>/`).
    pub index_template: Option<String>,
    /// Articles sharing its terms rank as related.
    pub related: bool,
    /// Its terms feed the symptom finder.
    pub finder: bool,
    /// Its emergency-level terms feed the emergency page.
    pub emergency: bool,
    /// Its terms are searched and articles are found by them.
    pub search: bool,
    /// Its terms are the parts of the body map; each term holds the shape drawn for it.
    pub map: bool,
    /// Its terms have A to Z entries.
    pub a_to_z: bool,
    /// Where the taxonomy is declared in `site.toml` (line, column of its `name`); `None` for
    /// the default taxonomies.
    pub at: Option<(usize, usize)>,
    /// In an edition in another language: what one term and several are called in it
    /// (`síntoma`, `síntomas`), in place of the words made from `name`.
    pub words: Option<[String; 2]>,
}

impl Taxonomy {
    /// The term file's absence is an error only for a taxonomy the site declares.
    pub fn declared(&self) -> bool {
        self.at.is_some()
    }

    /// What one term is called in messages: the name without its plural `s`, hyphens as spaces
    /// (`symptoms` -> `symptom`, `body-systems` -> `body system`).
    pub fn noun(&self) -> String {
        if let Some([one, _]) = &self.words {
            return one.clone();
        }
        let name = self.name.strip_suffix('s').unwrap_or(&self.name);
        name.replace('-', " ")
    }

    /// What one term is called as a label, e.g. on a search result: the noun, capitalised
    /// (`Symptom`, `Condition`, `Body system`).
    pub fn label(&self) -> String {
        let noun = self.noun();
        let mut chars = noun.chars();
        match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => noun,
        }
    }

    /// Whether its terms are symptoms, and may be described as such (as `MedicalSymptom` in
    /// JSON-LD): this guide's default taxonomy, or one named or keyed `symptoms`.
    pub fn is_symptoms(&self) -> bool {
        self.name == "symptoms" || self.key == DEFAULT_ARTICLE_KEY
    }

    /// What its terms are called together in messages: the name, hyphens as spaces
    /// (`body-systems` -> `body systems`).
    pub fn plural(&self) -> String {
        if let Some([_, many]) = &self.words {
            return many.clone();
        }
        self.name.replace('-', " ")
    }

    /// An error about this taxonomy, placed at its declaration in `site.toml` when it has one.
    pub fn error(&self, kind: Kind, message: impl Into<String>) -> Diagnostic {
        let d = Diagnostic::error(kind, super::CONFIG_FILE, message);
        match self.at {
            Some((line, column)) => d.at(line, column),
            None => d,
        }
    }
}

/// The front-matter key of the default taxonomy of articles, the one built-in key a taxonomy
/// may take.
const DEFAULT_ARTICLE_KEY: &str = "symptoms";

/// Today's two taxonomies: symptoms (front-matter key `symptoms`) and the body regions they are
/// felt in (named by `regions` in `symptoms.toml`, drawn on the back map).
pub(crate) fn defaults() -> Vec<Taxonomy> {
    vec![
        Taxonomy {
            name: "symptoms".into(),
            key: DEFAULT_ARTICLE_KEY.into(),
            terms: "articles/symptoms.toml".into(),
            segment: "symptoms".into(),
            template: "symptom.html".into(),
            index_template: Some("symptoms.html".into()),
            related: true,
            finder: true,
            emergency: true,
            search: true,
            map: false,
            a_to_z: true,
            at: None,
            words: None,
        },
        Taxonomy {
            name: "regions".into(),
            key: "regions".into(),
            terms: "articles/regions.toml".into(),
            segment: "regions".into(),
            template: "region.html".into(),
            index_template: None,
            related: false,
            finder: false,
            emergency: false,
            search: false,
            map: true,
            a_to_z: true,
            at: None,
            words: None,
        },
    ]
}

/// The taxonomies `site.toml` declares (`declared`, from its `text`), checked; the defaults when
/// it declares none. The first problem, in file order, is returned at its line and column.
pub(crate) fn resolve(
    text: &str,
    declared: &[Spanned<Declared>],
) -> Result<Vec<Taxonomy>, Diagnostic> {
    if declared.is_empty() {
        return Ok(defaults());
    }
    let index = LineIndex::new(text);
    let at = |span: std::ops::Range<usize>| index.line_col(span.start);
    let mut taxonomies: Vec<Taxonomy> = Vec::new();
    for table in declared {
        let t = table.get_ref();
        let taxonomy = Taxonomy {
            name: t.name.get_ref().clone(),
            key: t.key.get_ref().clone(),
            terms: t.terms.get_ref().clone(),
            segment: t.segment.get_ref().clone(),
            template: t.template.get_ref().clone(),
            index_template: t.index_template.as_ref().map(|s| s.get_ref().clone()),
            related: t.related,
            finder: t.finder,
            emergency: t.emergency,
            search: t.search,
            map: t.map,
            a_to_z: t.a_to_z,
            at: Some(at(t.name.span())),
            words: None,
        };
        check_values(t, &at)?;
        let first = !t.map && taxonomies.iter().all(|o| o.map);
        check_care_fields(t, first, &at)?;
        check_unique(t, &taxonomies, &at)?;
        taxonomies.push(taxonomy);
    }
    check_supported(&taxonomies)?;
    Ok(taxonomies)
}

/// An error in `site.toml` at `(line, column)`.
fn error_at(
    kind: Kind,
    (line, column): (usize, usize),
    message: String,
    hint: String,
) -> Diagnostic {
    Diagnostic::error(kind, super::CONFIG_FILE, message)
        .at(line, column)
        .hint(hint)
}

/// Each value alone: slugs where slugs go, a term file under `articles/`, a template name, a
/// segment the site's own pages do not use.
fn check_values(
    t: &Declared,
    at: &dyn Fn(std::ops::Range<usize>) -> (usize, usize),
) -> Result<(), Diagnostic> {
    for (what, value) in [("name", &t.name), ("key", &t.key), ("segment", &t.segment)] {
        let v = value.get_ref();
        let ok = match what {
            "key" => !v.is_empty() && v.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
            _ => crate::load::vocabulary::is_slug(v),
        };
        if !ok {
            let example = match what {
                "key" => "`conditions` or `body_systems`",
                _ => "`conditions` or `body-systems`",
            };
            return Err(error_at(
                Kind::Config,
                at(value.span()),
                format!("taxonomy `{what}` `{v}` is not allowed here"),
                format!(
                    "use lower-case letters{}, for example {example}",
                    match what {
                        "key" => " and `_`",
                        _ => ", digits and inner hyphens",
                    }
                ),
            ));
        }
    }
    let key = t.key.get_ref();
    let built_in = crate::load::front_matter::KEYS
        .iter()
        .filter(|k| **k != DEFAULT_ARTICLE_KEY);
    let fields = crate::load::vocabulary::TERM_FIELDS;
    if t.map && fields.contains(&key.as_str()) {
        return Err(error_at(
            Kind::Config,
            at(t.key.span()),
            format!(
                "the body map `{}` takes the key `{key}`, which the terms already use for their own field",
                t.name.get_ref()
            ),
            format!(
                "choose another key for the map's parts, for example `regions`; taken: {}",
                fields.join(", ")
            ),
        ));
    }
    if !t.map && built_in.clone().any(|k| k == key) {
        return Err(error_at(
            Kind::Config,
            at(t.key.span()),
            format!(
                "taxonomy `{}` takes the front-matter key `{key}`, which articles already use",
                t.name.get_ref()
            ),
            format!(
                "choose another key; these are built in: {}",
                built_in.copied().collect::<Vec<_>>().join(", ")
            ),
        ));
    }
    let segment = t.segment.get_ref();
    if BUILT_IN_SEGMENTS.contains(&segment.as_str()) {
        return Err(error_at(
            Kind::TaxonomySegmentReserved,
            at(t.segment.span()),
            format!(
                "taxonomy `{}` takes the URL segment `{segment}/`, which the site's own pages use",
                t.name.get_ref()
            ),
            format!(
                "choose another segment; these are taken: {}",
                BUILT_IN_SEGMENTS.join(", ")
            ),
        ));
    }
    let terms = t.terms.get_ref();
    let safe = terms.strip_prefix("articles/").is_some_and(|file| {
        file.ends_with(".toml") && !file.contains('/') && !file.starts_with('.')
    });
    if !safe {
        return Err(error_at(
            Kind::Config,
            at(t.terms.span()),
            format!("the term file `{terms}` is not a `.toml` file directly in `articles/`"),
            format!("for example terms = \"articles/{}.toml\"", t.name.get_ref()),
        ));
    }
    let templates = std::iter::once(&t.template).chain(t.index_template.as_ref());
    for template in templates {
        let name = template.get_ref();
        if !name.ends_with(".html")
            || name.contains("..")
            || name.starts_with('/')
            || name.starts_with('_')
        {
            return Err(error_at(
                Kind::Config,
                at(template.span()),
                format!("`{name}` is not the name of a page template"),
                "name an `.html` file in `templates/` that does not start with `_`, for example template = \"condition.html\"".into(),
            ));
        }
    }
    Ok(())
}

/// A taxonomy of articles' key is no field of a `care.toml` entry (`load/care.rs`), where the
/// field would hide it: an entry could not name the taxonomy's terms. `symptoms` is the field
/// naming the first taxonomy of articles' terms, so only a further one may not take it.
fn check_care_fields(
    t: &Declared,
    first: bool,
    at: &dyn Fn(std::ops::Range<usize>) -> (usize, usize),
) -> Result<(), Diagnostic> {
    let key = t.key.get_ref().as_str();
    let fields = crate::load::care::FIELDS;
    if t.map || !fields.contains(&key) || (first && key == DEFAULT_ARTICLE_KEY) {
        return Ok(());
    }
    let what = match key {
        DEFAULT_ARTICLE_KEY => " (it names the terms of the first taxonomy of articles)",
        _ => "",
    };
    Err(error_at(
        Kind::Config,
        at(t.key.span()),
        format!(
            "taxonomy `{}` takes the key `{key}`, which is a field of every entry in {}{what}, so an entry could not name its terms",
            t.name.get_ref(),
            crate::load::care::CARE_FILE
        ),
        format!(
            "choose another key, for example `{}`, and write it in articles and care entries; a care entry's fields are: {}",
            other_key(t.name.get_ref(), key),
            fields.join(", ")
        ),
    ))
}

/// A key to suggest instead of `key` for the taxonomy `name`: its name as a key, or with `s`.
fn other_key(name: &str, key: &str) -> String {
    let named = name.replace('-', "_");
    match named == key || crate::load::care::FIELDS.contains(&named.as_str()) {
        true => format!("{key}s"),
        false => named,
    }
}

/// One of a taxonomy's names (its name, key, term file or segment).
type Field = fn(&Taxonomy) -> &str;

/// No two taxonomies share a name, key, term file or segment.
fn check_unique(
    t: &Declared,
    earlier: &[Taxonomy],
    at: &dyn Fn(std::ops::Range<usize>) -> (usize, usize),
) -> Result<(), Diagnostic> {
    let fields: [(&str, &Spanned<String>, Field); 4] = [
        ("name", &t.name, |o| &o.name),
        ("key", &t.key, |o| &o.key),
        ("terms", &t.terms, |o| &o.terms),
        ("segment", &t.segment, |o| &o.segment),
    ];
    for (what, value, of) in fields {
        if let Some(other) = earlier.iter().find(|o| of(o) == value.get_ref()) {
            let (line, _) = other.at.unwrap_or((0, 0));
            return Err(error_at(
                Kind::TaxonomyDuplicate,
                at(value.span()),
                format!(
                    "taxonomy `{}` has the same `{what}` (`{}`) as taxonomy `{}` on line {line}",
                    t.name.get_ref(),
                    value.get_ref(),
                    other.name
                ),
                format!("give each taxonomy its own `{what}`"),
            ));
        }
    }
    Ok(())
}

/// What the build can do today: taxonomies of articles, each with pages per term, an index page
/// and A to Z entries, any of which may feed related articles, the finder, the emergency page
/// and search; the first of them feeds search; and at most one map taxonomy named from the
/// first one's terms.
fn check_supported(taxonomies: &[Taxonomy]) -> Result<(), Diagnostic> {
    let (maps, articles): (Vec<&Taxonomy>, Vec<&Taxonomy>) = taxonomies.iter().partition(|t| t.map);
    let unsupported = |t: &Taxonomy, message: String, hint: &str| {
        Err(t
            .error(Kind::TaxonomyUnsupported, message)
            .hint(hint.to_string()))
    };
    if let Some(second) = maps.get(1) {
        return unsupported(
            second,
            format!(
                "taxonomy `{}` is a second body map; a site has at most one",
                second.name
            ),
            "keep `map = true` on one taxonomy",
        );
    }
    let Some(first) = articles.first() else {
        return unsupported(
            taxonomies.first().expect("resolve checks for none"),
            "every taxonomy is a body map; the map needs a taxonomy of articles whose terms name its parts".into(),
            "declare a taxonomy without `map = true`, for example the site's symptoms",
        );
    };
    if !first.search {
        return unsupported(
            first,
            format!(
                "taxonomy `{}` is the first taxonomy of articles, which feeds search in this version",
                first.name
            ),
            "set `search = true` on it",
        );
    }
    if let Some(t) = articles.iter().find(|t| t.index_template.is_none()) {
        return Err(t
            .error(
                Kind::Config,
                format!("taxonomy `{}` has no `index_template`", t.name),
            )
            .hint("a taxonomy of articles has a page listing its terms: for example index_template = \"conditions.html\""));
    }
    if let Some(map) = maps.first()
        && (map.related || map.finder || map.emergency || map.search)
    {
        return unsupported(
            map,
            format!(
                "taxonomy `{}` is the body map, which feeds only the map and the A to Z",
                map.name
            ),
            "remove `related`, `finder`, `emergency` and `search` from the map's table",
        );
    }
    Ok(())
}

/// The hint for an unknown key in a `[[taxonomies]]` table.
pub(crate) fn keys_hint() -> String {
    format!("a `[[taxonomies]]` table has: {KEYS}")
}

#[cfg(test)]
mod tests {
    use crate::config::SiteConfig;
    use crate::diagnostic::Kind;

    const HEAD: &str = "title = \"T\"\ndescription = \"D\"\n";
    const CONDITIONS: &str = "[[taxonomies]]\nname = \"conditions\"\nkey = \"conditions\"\nterms = \"articles/conditions.toml\"\nsegment = \"conditions\"\ntemplate = \"condition.html\"\nindex_template = \"conditions.html\"\nsearch = true\nfinder = true\na_to_z = true\n";

    fn parse(tables: &str) -> Result<SiteConfig, crate::diagnostic::Diagnostic> {
        SiteConfig::parse(&format!("{HEAD}{tables}"))
    }

    #[test]
    fn a_taxonomy_of_articles_keyed_like_a_care_field_is_refused_at_its_key() {
        let further = |key: &str| {
            CONDITIONS.replace("conditions", "treatments").replacen(
                "key = \"treatments\"",
                &format!("key = \"{key}\""),
                1,
            )
        };
        for key in ["level", "text", "group", "symptoms"] {
            let e = parse(&format!("{CONDITIONS}{}", further(key))).expect_err(key);
            assert_eq!(
                (e.kind, e.line, e.column),
                (Kind::Config, Some(15), Some(7)),
                "{key}"
            );
            assert!(
                e.message.starts_with(&format!(
                    "taxonomy `treatments` takes the key `{key}`, which is a field of every entry in articles/care.toml"
                )),
                "{}",
                e.message
            );
            assert!(
                e.hint
                    .as_deref()
                    .is_some_and(|h| h.contains("`treatments`"))
            );
        }
        // The first taxonomy of articles may be keyed `symptoms` (the field naming its terms),
        // not `level`; a map's key names no care advice.
        let symptoms = CONDITIONS.replacen("key = \"conditions\"", "key = \"symptoms\"", 1);
        parse(&symptoms).expect("the first keyed symptoms");
        let level = CONDITIONS.replacen("key = \"conditions\"", "key = \"level\"", 1);
        let e = parse(&level).expect_err("the first keyed level");
        assert_eq!((e.line, e.column), (Some(5), Some(7)));
        let map = "[[taxonomies]]\nname = \"systems\"\nkey = \"group\"\nterms = \"articles/systems.toml\"\nsegment = \"systems\"\ntemplate = \"system.html\"\nmap = true\n";
        parse(&format!("{CONDITIONS}{map}")).expect("a map keyed group");
    }

    #[test]
    fn no_tables_give_symptoms_and_regions() {
        let c = parse("").expect("valid");
        let names: Vec<&str> = c.taxonomies.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["symptoms", "regions"]);
        assert!(c.taxonomies[0].finder && c.taxonomies[1].map);
        assert!(c.taxonomies.iter().all(|t| !t.declared()));
    }

    #[test]
    fn labels_follow_names_and_only_symptoms_are_symptoms() {
        let c = parse("").expect("valid");
        assert_eq!(c.taxonomies[0].label(), "Symptom");
        assert!(c.taxonomies[0].is_symptoms() && !c.taxonomies[1].is_symptoms());
        let conditions = parse(CONDITIONS).expect("valid");
        let t = &conditions.taxonomies[0];
        assert_eq!(t.label(), "Condition");
        assert!(!t.is_symptoms());
        let systems =
            parse(&CONDITIONS.replace("name = \"conditions\"", "name = \"body-systems\""))
                .expect("valid");
        assert_eq!(systems.taxonomies[0].label(), "Body system");
        let keyed = parse(&CONDITIONS.replace("key = \"conditions\"", "key = \"symptoms\""))
            .expect("valid");
        assert!(keyed.taxonomies[0].is_symptoms(), "keyed symptoms");
        let named = parse(&CONDITIONS.replace("name = \"conditions\"", "name = \"symptoms\""))
            .expect("valid");
        assert!(named.taxonomies[0].is_symptoms(), "named symptoms");
    }

    #[test]
    fn declared_tables_replace_the_defaults() {
        let c = parse(CONDITIONS).expect("valid");
        assert_eq!(c.taxonomies.len(), 1);
        let t = &c.taxonomies[0];
        assert_eq!(
            (t.segment.as_str(), t.search, t.related),
            ("conditions", true, false)
        );
        assert_eq!(t.at, Some((4, 8)));
    }

    #[test]
    fn bad_values_are_located() {
        let unknown = parse(&format!("{CONDITIONS}colour = \"red\"\n")).expect_err("unknown key");
        assert_eq!((unknown.kind, unknown.line), (Kind::Config, Some(13)));
        assert!(unknown.hint.unwrap_or_default().contains("index_template"));
        let reserved = parse(&CONDITIONS.replace("segment = \"conditions\"", "segment = \"a-z\""))
            .expect_err("reserved");
        assert_eq!(
            (reserved.kind, reserved.line, reserved.column),
            (Kind::TaxonomySegmentReserved, Some(7), Some(11))
        );
        let map = "[[taxonomies]]\nname = \"systems\"\nkey = \"systems\"\nterms = \"articles/systems.toml\"\nsegment = \"conditions\"\ntemplate = \"system.html\"\nmap = true\n";
        let twice = parse(&format!("{CONDITIONS}{map}")).expect_err("duplicate segment");
        assert_eq!(
            (twice.kind, twice.line),
            (Kind::TaxonomyDuplicate, Some(17))
        );
        assert!(twice.message.contains("`segment`"), "{}", twice.message);
        let outside = parse(&CONDITIONS.replace("articles/conditions.toml", "../x.toml"))
            .expect_err("outside");
        assert_eq!((outside.kind, outside.line), (Kind::Config, Some(6)));
        let second = CONDITIONS.replace("conditions", "treatments");
        let searched = second.replace("finder = true\n", "");
        let ok = parse(&format!("{CONDITIONS}{searched}")).expect("a second taxonomy feeds search");
        assert!(ok.extra_taxonomies().all(|t| t.search));
        let plain = second.replace("search = true\nfinder = true\n", "");
        let ok = parse(&format!("{CONDITIONS}{plain}")).expect("a plain second taxonomy");
        let extra: Vec<&str> = ok.extra_taxonomies().map(|t| t.key.as_str()).collect();
        assert_eq!(extra, ["treatments"]);
    }

    #[test]
    fn any_taxonomy_of_articles_may_feed_related_articles_and_the_emergency_page() {
        let second = CONDITIONS
            .replace("conditions", "treatments")
            .replace("finder = true\n", "related = true\nemergency = true\n");
        let c =
            parse(&format!("{CONDITIONS}{second}")).expect("related and emergency on the second");
        let t = c.extra_taxonomies().next().expect("treatments");
        assert_eq!(
            (t.name.as_str(), t.related, t.emergency),
            ("treatments", true, true)
        );
        let first = c.article_taxonomy();
        assert_eq!((first.related, first.emergency), (false, false));
    }

    #[test]
    fn any_taxonomy_of_articles_may_feed_the_finder_and_the_first_feeds_search() {
        let second = CONDITIONS.replace("conditions", "treatments");
        let both = parse(&format!("{CONDITIONS}{second}")).expect("the finder on both");
        let feeding: Vec<&str> = (both.taxonomies.iter())
            .filter(|t| t.finder)
            .map(|t| t.name.as_str())
            .collect();
        assert_eq!(feeding, ["conditions", "treatments"]);
        let later = parse(&format!(
            "{}{second}",
            CONDITIONS.replace("finder = true\n", "")
        ))
        .expect("the finder on the second alone");
        assert!(!later.article_taxonomy().finder);
        assert!(later.extra_taxonomies().all(|t| t.finder));
        let unsearched = parse(&CONDITIONS.replace("search = true\n", "")).expect_err("no search");
        assert_eq!(
            (unsearched.kind, unsearched.line, unsearched.column),
            (Kind::TaxonomyUnsupported, Some(4), Some(8))
        );
        assert!(
            unsearched.message.contains("`conditions`")
                && unsearched.message.contains("feeds search"),
            "{}",
            unsearched.message
        );
        assert!(
            unsearched
                .hint
                .unwrap_or_default()
                .contains("`search = true`"),
            "names what to set"
        );
        let map = "[[taxonomies]]\nname = \"systems\"\nkey = \"systems\"\nterms = \"articles/systems.toml\"\nsegment = \"systems\"\ntemplate = \"system.html\"\nmap = true\nfinder = true\n";
        let refused = parse(&format!("{CONDITIONS}{map}")).expect_err("the finder on the map");
        assert_eq!(
            (refused.kind, refused.line),
            (Kind::TaxonomyUnsupported, Some(14))
        );
        assert!(refused.hint.unwrap_or_default().contains("`finder`"));
    }
}
