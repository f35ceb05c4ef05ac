//! Which page templates a template change reaches, through `extends`, `include` and `import`.
//!
//! The scan is textual and deliberately cautious: a dependency it cannot read (a name held in a
//! variable) makes every template count as affected.

use crate::load::TemplateSource;
use std::collections::{BTreeMap, BTreeSet};

/// The templates a change reaches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Affected {
    /// Every page must be rendered again.
    All,
    /// Only pages rendered with one of these templates (by name).
    Roots(BTreeSet<String>),
}

impl Affected {
    /// True if pages rendered with `template` must be rendered again.
    pub fn reaches(&self, template: &str) -> bool {
        match self {
            Affected::All => true,
            Affected::Roots(roots) => roots.contains(template),
        }
    }
}

/// The page templates (`roots`) that use any of the `changed` templates, directly or not.
pub fn affected(
    sources: &[TemplateSource],
    roots: &[&str],
    changed: &BTreeSet<String>,
) -> Affected {
    if changed.is_empty() {
        return Affected::Roots(BTreeSet::new());
    }
    let mut uses: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for source in sources {
        match dependencies(&source.text) {
            Some(deps) => {
                uses.insert(source.name.as_str(), deps);
            }
            None => return Affected::All,
        }
    }
    let mut reached = BTreeSet::new();
    for root in roots {
        if !uses.contains_key(root) {
            return Affected::All;
        }
        if closure(root, &uses).iter().any(|t| changed.contains(t)) {
            reached.insert((*root).to_string());
        }
    }
    Affected::Roots(reached)
}

/// `root` and every template it uses, transitively.
fn closure(root: &str, uses: &BTreeMap<&str, Vec<String>>) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack = vec![root.to_string()];
    while let Some(name) = stack.pop() {
        if seen.insert(name.clone())
            && let Some(deps) = uses.get(name.as_str())
        {
            stack.extend(deps.iter().cloned());
        }
    }
    seen
}

/// The template names a template's text uses; `None` if one is not a plain string.
fn dependencies(text: &str) -> Option<Vec<String>> {
    let mut deps = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{%") {
        let after = &rest[start + 2..];
        let end = after.find("%}").unwrap_or(after.len());
        let tag = after[..end].trim_start_matches('-').trim();
        rest = &after[end..];
        let keyword = tag.split_whitespace().next().unwrap_or_default();
        if !["extends", "include", "import", "from"].contains(&keyword) {
            continue;
        }
        let names = quoted(&tag[keyword.len()..]);
        if names.is_empty() {
            return None;
        }
        deps.extend(names);
    }
    Some(deps)
}

/// Every string in double or single quotes in `text`, up to an `as` or `import` clause.
fn quoted(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find(['"', '\'']) {
        if rest[..open]
            .split_whitespace()
            .any(|w| w == "as" || w == "import")
        {
            break;
        }
        let quote = &rest[open..open + 1];
        let body = &rest[open + 1..];
        let Some(close) = body.find(quote) else {
            break;
        };
        names.push(body[..close].to_string());
        rest = &body[close + 1..];
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(name: &str, text: &str) -> TemplateSource {
        TemplateSource {
            name: name.into(),
            text: text.into(),
        }
    }

    fn set(names: &[&str]) -> BTreeSet<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn finds_extends_include_and_import() {
        let text = "{% extends \"base.html\" %}{%- include 'a.html' -%}{% import \"m.html\" as m %}{% if x %}";
        assert_eq!(
            dependencies(text),
            Some(vec!["base.html".into(), "a.html".into(), "m.html".into()])
        );
        assert_eq!(dependencies("{% include name %}"), None);
    }

    #[test]
    fn a_change_reaches_the_pages_that_use_it() {
        let sources = vec![
            t("base.html", "{% include \"nav.html\" %}"),
            t("nav.html", "nav"),
            t("article.html", "{% extends \"base.html\" %}"),
            t(
                "symptom.html",
                "{% extends \"base.html\" %}{% include \"list.html\" %}",
            ),
            t("list.html", "list"),
        ];
        let roots = ["article.html", "symptom.html"];
        assert_eq!(
            affected(&sources, &roots, &set(&["list.html"])),
            Affected::Roots(set(&["symptom.html"]))
        );
        assert_eq!(
            affected(&sources, &roots, &set(&["nav.html"])),
            Affected::Roots(set(&["article.html", "symptom.html"]))
        );
        assert_eq!(
            affected(&sources, &roots, &set(&["unused.html"])),
            Affected::Roots(set(&[]))
        );
        assert_eq!(
            affected(&sources, &["home.html"], &set(&["nav.html"])),
            Affected::All,
            "a page template that does not exist: unsure"
        );
    }
}
