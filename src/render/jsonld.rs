//! Structured data (JSON-LD) for search engines: `MedicalWebPage` on articles and `BreadcrumbList`
//! on every page with a breadcrumb trail. Built with serde_json, so content is always escaped, and
//! made safe to place inside `<script type="application/ld+json">` (no `</script>` break-out).
//!
//! It states only what the page itself shows: title, description, dates, other names, the
//! symptoms listed on the page, and the breadcrumb trail.

use serde_json::{Map, Value, json};

/// One step of a breadcrumb trail: a name and, except for the current page, its address.
pub struct Step<'a> {
    /// Label shown.
    pub name: &'a str,
    /// Address (absolute with `base_url`, otherwise relative to the page).
    pub url: Option<String>,
}

/// A symptom listed on an article.
pub struct Symptom<'a> {
    /// Its name.
    pub name: &'a str,
    /// Address of its page.
    pub url: String,
}

/// What an article page shows, for its `MedicalWebPage`.
pub struct ArticleData<'a> {
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
    /// The symptoms the page lists.
    pub symptoms: Vec<Symptom<'a>>,
    /// The breadcrumb trail.
    pub breadcrumbs: &'a [Step<'a>],
}

/// Makes JSON safe inside a `<script>` element: `<`, `>` and `&` become `\u003c`, `\u003e` and
/// `\u0026`. They only occur inside JSON strings, where these escapes mean the same characters.
pub fn escape_for_script(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}

fn to_script_text(value: &Value) -> String {
    escape_for_script(&value.to_string())
}

fn breadcrumb_value(steps: &[Step<'_>]) -> Value {
    let items: Vec<Value> = steps
        .iter()
        .zip(1..)
        .map(|(step, position)| {
            let mut item = json!({
                "@type": "ListItem",
                "position": position,
                "name": step.name,
            });
            if let (Some(url), Value::Object(map)) = (&step.url, &mut item) {
                map.insert("item".into(), Value::String(url.clone()));
            }
            item
        })
        .collect();
    json!({"@type": "BreadcrumbList", "itemListElement": items})
}

/// A standalone `BreadcrumbList`, as script text; `None` for an empty trail.
pub fn breadcrumbs(steps: &[Step<'_>]) -> Option<String> {
    if steps.is_empty() {
        return None;
    }
    let mut value = breadcrumb_value(steps);
    if let Value::Object(map) = &mut value {
        map.insert("@context".into(), json!("https://schema.org"));
    }
    Some(to_script_text(&value))
}

/// The article's `MedicalWebPage` (or `AboutPage`), with its breadcrumb trail, as script text.
pub fn article(data: &ArticleData<'_>) -> String {
    let mut page = Map::new();
    page.insert("@context".into(), json!("https://schema.org"));
    let kind = if data.about_page {
        "AboutPage"
    } else {
        "MedicalWebPage"
    };
    page.insert("@type".into(), json!(kind));
    page.insert("name".into(), json!(data.name));
    page.insert("description".into(), json!(data.description));
    page.insert("inLanguage".into(), json!(data.language));
    if let Some(url) = data.url {
        page.insert("url".into(), json!(url));
    }
    page.insert("dateModified".into(), json!(data.date_modified));
    if let Some(reviewed) = &data.last_reviewed {
        page.insert("lastReviewed".into(), json!(reviewed));
    }
    page.insert(
        "isPartOf".into(),
        json!({"@type": "WebSite", "name": data.site_name}),
    );
    if !data.about_page && (!data.symptoms.is_empty() || !data.aliases.is_empty()) {
        let mut about = Map::new();
        about.insert("@type".into(), json!("MedicalCondition"));
        about.insert("name".into(), json!(data.name));
        if !data.aliases.is_empty() {
            about.insert("alternateName".into(), json!(data.aliases));
        }
        if !data.symptoms.is_empty() {
            let signs: Vec<Value> = data
                .symptoms
                .iter()
                .map(|s| json!({"@type": "MedicalSymptom", "name": s.name, "url": s.url}))
                .collect();
            about.insert("signOrSymptom".into(), Value::Array(signs));
        }
        page.insert("about".into(), Value::Object(about));
    }
    if !data.breadcrumbs.is_empty() {
        page.insert("breadcrumb".into(), breadcrumb_value(data.breadcrumbs));
    }
    to_script_text(&Value::Object(page))
}

#[cfg(test)]
mod tests {
    use super::*;

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
            symptoms: vec![Symptom {
                name: "Back pain",
                url: "../symptoms/back-pain/".into(),
            }],
            breadcrumbs: steps,
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
}
