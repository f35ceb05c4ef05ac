//! What changed in a site's sources since its last good build, by part of the site.

use crate::load::{ARTICLES_DIR, STATIC_DIR, TEMPLATES_DIR};
use std::collections::BTreeSet;

/// What changed since some earlier state, by part of the site.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// The configuration, the vocabulary or something unplaced changed: rebuild everything.
    pub everything: bool,
    /// Article keys added, removed or edited.
    pub articles: BTreeSet<String>,
    /// The part of `articles` whose front matter (or URL, or state: draft, broken) changed,
    /// as opposed to only the body: other pages show an article's front matter, never its body.
    pub fronts: BTreeSet<String>,
    /// Template names added, removed or edited.
    pub templates: BTreeSet<String>,
    /// Static files added, removed or edited.
    pub static_files: BTreeSet<String>,
}

impl Changes {
    /// True when nothing changed.
    pub fn is_empty(&self) -> bool {
        !self.everything
            && self.articles.is_empty()
            && self.templates.is_empty()
            && self.static_files.is_empty()
    }

    /// Adds `other`'s changes to these.
    pub fn merge(&mut self, other: Changes) {
        self.everything |= other.everything;
        self.articles.extend(other.articles);
        self.fronts.extend(other.fronts);
        self.templates.extend(other.templates);
        self.static_files.extend(other.static_files);
    }

    /// Every file named, for messages.
    pub fn files(&self) -> Vec<String> {
        let articles = self.articles.iter().map(|k| format!("{ARTICLES_DIR}/{k}"));
        let templates = self
            .templates
            .iter()
            .map(|t| format!("{TEMPLATES_DIR}/{t}"));
        let statics = self
            .static_files
            .iter()
            .map(|s| format!("{STATIC_DIR}/{s}"));
        articles.chain(templates).chain(statics).collect()
    }
}
