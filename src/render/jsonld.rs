//! Structured data (JSON-LD) for search engines: `MedicalWebPage` on articles and `BreadcrumbList`
//! on every page with a breadcrumb trail. Built with serde_json, so content is always escaped, and
//! made safe to place inside `<script type="application/ld+json">` (no `</script>` break-out).
//!
//! It states only what the page itself shows: title, description, dates, other names, the terms
//! of the taxonomy of articles listed on the page, and the breadcrumb trail. Only the site's
//! symptoms (`Taxonomy::is_symptoms`) are described as symptoms (`signOrSymptom`,
//! `MedicalSymptom`); another taxonomy's terms (conditions, treatments, ...) are what the page
//! `mentions`, each a `DefinedTerm` in the taxonomy's `DefinedTermSet`.

use serde::Serialize;

/// One step of a breadcrumb trail: a name and, except for the current page, its address.
pub(crate) struct Step<'a> {
    /// Label shown.
    pub name: &'a str,
    /// Address (absolute with `base_url`, otherwise relative to the page).
    pub url: Option<String>,
}

/// A term of the taxonomy of articles listed on an article.
pub(crate) struct Term<'a> {
    /// Its name.
    pub name: &'a str,
    /// Address of its page.
    pub url: String,
}

/// A source an article cites, for its `citation` list.
pub(crate) struct Citation<'a> {
    /// Title.
    pub name: &'a str,
    /// Web address, if any.
    pub url: Option<&'a str>,
    /// Publisher's name.
    pub publisher: &'a str,
    /// `2024-09-21` or `2024`, if known.
    pub date_published: Option<String>,
}

/// What the terms an article lists are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TermKind<'a> {
    /// The site's symptoms: the topic's `signOrSymptom`, each a `MedicalSymptom`.
    Symptoms,
    /// Another taxonomy's terms, named together as given (e.g. "Conditions"): the page
    /// `mentions` them, each a `DefinedTerm` in a `DefinedTermSet` of that name.
    Defined(&'a str),
}

/// What an article page shows, for its `MedicalWebPage`.
pub(crate) struct ArticleData<'a> {
    /// `true` for the "about this guide" page, described as an `AboutPage`.
    pub about_page: bool,
    /// Title.
    pub name: &'a str,
    /// Description.
    pub description: &'a str,
    /// Content language.
    pub language: &'a str,
    /// The site's name.
    pub site_name: &'a str,
    /// The page's absolute address, when `base_url` is set.
    pub url: Option<&'a str>,
    /// `updated`, ISO.
    pub date_modified: String,
    /// `reviewed`, ISO, only when a review took place.
    pub last_reviewed: Option<String>,
    /// Other names of the topic.
    pub aliases: &'a [String],
    /// The terms of the taxonomy of articles the page lists.
    pub terms: Vec<Term<'a>>,
    /// What those terms are.
    pub term_kind: TermKind<'a>,
    /// The page's terms in each further taxonomy that it names terms of: the taxonomy's name
    /// ("Treatments") and its terms, which the page `mentions` too.
    pub further: Vec<(String, Vec<Term<'a>>)>,
    /// The breadcrumb trail.
    pub breadcrumbs: &'a [Step<'a>],
    /// The sources in its reference list, in number order.
    pub citations: Vec<Citation<'a>>,
}

/// Makes JSON safe inside a `<script>` element: `<`, `>` and `&` become `\u003c`, `\u003e` and
/// `\u0026`. They only occur inside JSON strings, where these escapes mean the same characters.
pub(crate) fn escape_for_script(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let mut rest = json;
    // Copies the runs between the three characters whole: serve makes every page's JSON-LD on
    // each rebuild, and a character at a time was a twentieth of its time.
    while let Some(at) = rest.find(['<', '>', '&']) {
        out.push_str(&rest[..at]);
        out.push_str(match rest.as_bytes()[at] {
            b'<' => "\\u003c",
            b'>' => "\\u003e",
            _ => "\\u0026",
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
    out
}

/// `value` as JSON made safe for a `<script>` element.
fn to_script_text<T: Serialize>(value: &T) -> String {
    escape_for_script(&serde_json::to_string(value).unwrap_or_else(|_| "null".to_string()))
}

// Typed JSON-LD objects, serialized directly (no intermediate `Value`). Their fields are declared
// in byte order of their keys, the order serde_json's maps use, so a test can check the text
// against the same data read back as a `Value` and written again.

/// `schema.org` context.
const CONTEXT: &str = "https://schema.org";

/// A `BreadcrumbList`, with `@context` when it stands alone.
#[derive(Serialize)]
struct BreadcrumbList<'a> {
    #[serde(rename = "@context", skip_serializing_if = "Option::is_none")]
    context: Option<&'static str>,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "itemListElement")]
    items: Vec<ListItem<'a>>,
}

/// One step of a `BreadcrumbList`.
#[derive(Serialize)]
struct ListItem<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    item: Option<&'a str>,
    name: &'a str,
    position: usize,
}

/// An article's `MedicalWebPage` or `AboutPage`.
#[derive(Serialize)]
struct WebPage<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    about: Option<Condition<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    breadcrumb: Option<BreadcrumbList<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    citation: Vec<CreativeWork<'a>>,
    #[serde(rename = "dateModified")]
    date_modified: &'a str,
    description: &'a str,
    #[serde(rename = "inLanguage")]
    in_language: &'a str,
    #[serde(rename = "isPartOf")]
    is_part_of: Named<'a>,
    #[serde(rename = "lastReviewed", skip_serializing_if = "Option::is_none")]
    last_reviewed: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    mentions: Vec<DefinedTerm<'a>>,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

/// The `MedicalCondition` an article is about.
#[derive(Serialize)]
struct Condition<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "alternateName", skip_serializing_if = "<[String]>::is_empty")]
    alternate_name: &'a [String],
    name: &'a str,
    #[serde(rename = "signOrSymptom", skip_serializing_if = "Vec::is_empty")]
    sign_or_symptom: Vec<SymptomLd<'a>>,
}

/// A `MedicalSymptom`.
#[derive(Serialize)]
struct SymptomLd<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    url: &'a str,
}

/// A `DefinedTerm` a page mentions: a term of a taxonomy that is not the site's symptoms.
#[derive(Serialize)]
struct DefinedTerm<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "inDefinedTermSet")]
    in_defined_term_set: Named<'a>,
    name: &'a str,
    url: &'a str,
}

/// A cited source.
#[derive(Serialize)]
struct CreativeWork<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
    date_published: Option<&'a str>,
    name: &'a str,
    publisher: Named<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

/// A typed thing with a name (`WebSite`, `Organization`).
#[derive(Serialize)]
struct Named<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

fn breadcrumb_list<'a>(steps: &'a [Step<'a>], context: Option<&'static str>) -> BreadcrumbList<'a> {
    BreadcrumbList {
        context,
        kind: "BreadcrumbList",
        items: steps
            .iter()
            .zip(1..)
            .map(|(step, position)| ListItem {
                kind: "ListItem",
                item: step.url.as_deref(),
                name: step.name,
                position,
            })
            .collect(),
    }
}

/// A standalone `BreadcrumbList`, as script text; `None` for an empty trail.
pub(crate) fn breadcrumbs(steps: &[Step<'_>]) -> Option<String> {
    if steps.is_empty() {
        return None;
    }
    Some(to_script_text(&breadcrumb_list(steps, Some(CONTEXT))))
}

/// The topic's `signOrSymptom`: the terms when they are the site's symptoms, else none.
fn signs_or_symptoms<'a>(data: &'a ArticleData<'_>) -> Vec<SymptomLd<'a>> {
    match data.term_kind {
        TermKind::Symptoms => data
            .terms
            .iter()
            .map(|t| SymptomLd {
                kind: "MedicalSymptom",
                name: t.name,
                url: &t.url,
            })
            .collect(),
        TermKind::Defined(_) => Vec::new(),
    }
}

/// What the page `mentions`: the terms of the taxonomy of articles when they are not the site's
/// symptoms, then those of every further taxonomy, each in its `DefinedTermSet`.
fn mentions<'a>(data: &'a ArticleData<'_>) -> Vec<DefinedTerm<'a>> {
    let first = match data.term_kind {
        TermKind::Symptoms => None,
        TermKind::Defined(set) => Some((set, data.terms.as_slice())),
    };
    let further = data
        .further
        .iter()
        .map(|(set, terms)| (set.as_str(), terms.as_slice()));
    first
        .into_iter()
        .chain(further)
        .flat_map(|(set, terms)| {
            terms.iter().map(move |t| DefinedTerm {
                kind: "DefinedTerm",
                in_defined_term_set: Named {
                    kind: "DefinedTermSet",
                    name: set,
                },
                name: t.name,
                url: &t.url,
            })
        })
        .collect()
}

/// The article's `MedicalWebPage` (or `AboutPage`), with its breadcrumb trail, as script text.
pub(crate) fn article(data: &ArticleData<'_>) -> String {
    let sign_or_symptom = signs_or_symptoms(data);
    let about = (!data.about_page && (!sign_or_symptom.is_empty() || !data.aliases.is_empty()))
        .then_some(Condition {
            kind: "MedicalCondition",
            alternate_name: data.aliases,
            name: data.name,
            sign_or_symptom,
        });
    let page = WebPage {
        context: CONTEXT,
        kind: if data.about_page {
            "AboutPage"
        } else {
            "MedicalWebPage"
        },
        about,
        breadcrumb: (!data.breadcrumbs.is_empty()).then(|| breadcrumb_list(data.breadcrumbs, None)),
        citation: data
            .citations
            .iter()
            .map(|c| CreativeWork {
                kind: "CreativeWork",
                date_published: c.date_published.as_deref(),
                name: c.name,
                publisher: Named {
                    kind: "Organization",
                    name: c.publisher,
                },
                url: c.url,
            })
            .collect(),
        date_modified: &data.date_modified,
        description: data.description,
        in_language: data.language,
        is_part_of: Named {
            kind: "WebSite",
            name: data.site_name,
        },
        last_reviewed: data.last_reviewed.as_deref(),
        mentions: mentions(data),
        name: data.name,
        url: data.url,
    };
    to_script_text(&page)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    /// The text is what serde_json writes for the same data as a `Value` (keys in byte order),
    /// as the `Value`-built JSON-LD was.
    fn keys_in_order(text: &str) {
        let value: Value = serde_json::from_str(text).expect("valid JSON");
        assert_eq!(text, to_script_text(&value));
    }

    #[test]
    fn typed_objects_write_their_keys_in_byte_order() {
        let steps = [
            Step {
                name: "Home",
                url: Some("../".into()),
            },
            Step {
                name: "Here",
                url: None,
            },
        ];
        let aliases = ["other".to_string()];
        let mut full = data(&steps, &aliases);
        full.last_reviewed = Some("2026-01-10".into());
        full.url = Some("https://example.org/a/");
        keys_in_order(&article(&full));
        keys_in_order(&article(&data(&steps, &[])));
        keys_in_order(&breadcrumbs(&steps).expect("a trail"));
    }

    fn data<'a>(steps: &'a [Step<'a>], aliases: &'a [String]) -> ArticleData<'a> {
        ArticleData {
            about_page: false,
            name: "Back spasm </script><script>alert(1)</script>",
            description: "A & B",
            language: "en",
            site_name: "Guide",
            url: None,
            date_modified: "2026-11-21".into(),
            last_reviewed: None,
            aliases,
            terms: vec![Term {
                name: "Back pain",
                url: "../symptoms/back-pain/".into(),
            }],
            term_kind: TermKind::Symptoms,
            further: Vec::new(),
            breadcrumbs: steps,
            citations: vec![Citation {
                name: "NG59",
                url: Some("https://www.nice.org.uk/guidance/ng59"),
                publisher: "NICE",
                date_published: Some("2016-11-30".into()),
            }],
        }
    }

    #[test]
    fn markup_characters_cannot_end_the_script_element() {
        let steps = [Step {
            name: "Home",
            url: Some("../".into()),
        }];
        let text = article(&data(&steps, &[]));
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        let parsed: Value = serde_json::from_str(&text).expect("still valid JSON");
        assert_eq!(
            parsed["name"],
            "Back spasm </script><script>alert(1)</script>"
        );
        assert_eq!(parsed["description"], "A & B");
    }

    #[test]
    fn article_states_dates_symptoms_and_trail_and_no_review_it_did_not_have() {
        let steps = [
            Step {
                name: "Home",
                url: Some("../".into()),
            },
            Step {
                name: "Back spasm",
                url: None,
            },
        ];
        let aliases = ["back cramp".to_string()];
        let parsed: Value =
            serde_json::from_str(&article(&data(&steps, &aliases))).expect("valid JSON");
        assert_eq!(parsed["@type"], "MedicalWebPage");
        assert_eq!(parsed["dateModified"], "2026-11-21");
        assert!(parsed.get("lastReviewed").is_none());
        assert!(parsed.get("url").is_none());
        assert_eq!(parsed["about"]["@type"], "MedicalCondition");
        assert_eq!(parsed["about"]["alternateName"][0], "back cramp");
        assert_eq!(parsed["about"]["signOrSymptom"][0]["name"], "Back pain");
        let cited = &parsed["citation"][0];
        assert_eq!(cited["@type"], "CreativeWork");
        assert_eq!(cited["publisher"]["@type"], "Organization");
        assert_eq!(cited["publisher"]["name"], "NICE");
        assert_eq!(cited["datePublished"], "2016-11-30");
        assert_eq!(cited["url"], "https://www.nice.org.uk/guidance/ng59");
        let trail = &parsed["breadcrumb"]["itemListElement"];
        assert_eq!(trail[0]["position"], 1);
        assert_eq!(trail[0]["item"], "../");
        assert_eq!(trail[1]["name"], "Back spasm");
        assert!(
            trail[1].get("item").is_none(),
            "the current page has no link"
        );

        let mut reviewed = data(&steps, &aliases);
        reviewed.last_reviewed = Some("2026-01-10".into());
        reviewed.url = Some("https://example.org/back-spasm/");
        let parsed: Value = serde_json::from_str(&article(&reviewed)).expect("valid JSON");
        assert_eq!(parsed["lastReviewed"], "2026-01-10");
        assert_eq!(parsed["url"], "https://example.org/back-spasm/");
    }

    #[test]
    fn terms_of_another_taxonomy_are_mentioned_defined_terms_never_symptoms() {
        let steps = [Step {
            name: "Home",
            url: Some("../".into()),
        }];
        let mut conditions = data(&steps, &[]);
        conditions.terms = vec![Term {
            name: "Anaemia",
            url: "../conditions/anaemia/".into(),
        }];
        conditions.term_kind = TermKind::Defined("Conditions");
        let text = article(&conditions);
        keys_in_order(&text);
        assert!(!text.to_lowercase().contains("symptom"), "{text}");
        let parsed: Value = serde_json::from_str(&text).expect("valid JSON");
        assert!(
            parsed.get("about").is_none(),
            "no other names, no topic: {text}"
        );
        let term = &parsed["mentions"][0];
        assert_eq!(term["@type"], "DefinedTerm");
        assert_eq!(term["name"], "Anaemia");
        assert_eq!(term["url"], "../conditions/anaemia/");
        assert_eq!(term["inDefinedTermSet"]["@type"], "DefinedTermSet");
        assert_eq!(term["inDefinedTermSet"]["name"], "Conditions");
        let aliases = ["b12 deficiency".to_string()];
        let mut named = data(&steps, &aliases);
        named.term_kind = TermKind::Defined("Conditions");
        let parsed: Value = serde_json::from_str(&article(&named)).expect("valid JSON");
        assert_eq!(parsed["about"]["alternateName"][0], "b12 deficiency");
        assert!(parsed["about"].get("signOrSymptom").is_none());
        // Symptoms stay the topic's signs, and are not mentioned as well.
        let parsed: Value = serde_json::from_str(&article(&data(&steps, &[]))).expect("valid JSON");
        assert_eq!(
            parsed["about"]["signOrSymptom"][0]["@type"],
            "MedicalSymptom"
        );
        assert!(parsed.get("mentions").is_none());
    }

    #[test]
    fn breadcrumb_list_stands_alone_and_empty_trails_give_none() {
        assert!(breadcrumbs(&[]).is_none());
        let text = breadcrumbs(&[Step {
            name: "Home",
            url: Some("https://x.org/".into()),
        }])
        .expect("a trail");
        let parsed: Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(parsed["@context"], "https://schema.org");
        assert_eq!(parsed["@type"], "BreadcrumbList");
        assert_eq!(parsed["itemListElement"][0]["item"], "https://x.org/");
    }

    #[test]
    fn escape_for_script_escapes_each_of_the_three_and_keeps_the_rest() {
        assert_eq!(escape_for_script(""), "");
        assert_eq!(escape_for_script("plain é text"), "plain é text");
        assert_eq!(
            escape_for_script("<a>&é</script>&"),
            "\\u003ca\\u003e\\u0026é\\u003c/script\\u003e\\u0026"
        );
    }
}
