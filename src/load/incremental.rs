//! Reading a site one part at a time, for `serve`'s incremental rebuilds.
//!
//! The same walk, the same checks and the same parsing as [`super::load`], split by part, so that
//! a site kept up to date file by file is the site a full load would give.

use super::{
    ARTICLES_DIR, Article, CareBook, Found, STATIC_DIR, StaticFile, TEMPLATES_DIR, TemplateSource,
    Vocabulary,
};
use crate::diagnostic::{Diagnostic, Kind};
use std::path::{Path, PathBuf};

/// The article files (`.md` under `articles/`) as keys (`a/b.md`), in the order `load` reads
/// them. `root` must be canonical.
pub fn article_keys(root: &Path, problems: &mut Vec<Diagnostic>) -> Vec<String> {
    super::walk(root, ARTICLES_DIR, problems)
        .into_iter()
        .map(|f| f.rel)
        .filter(|rel| rel.ends_with(".md"))
        .collect()
}

/// Reads and parses the article `key` (its path under `articles/`) as `load` would. A file that
/// is, or sits behind, a symlink leading outside `root` (canonical) is refused.
pub fn article(root: &Path, key: &str) -> Result<Article, Diagnostic> {
    let display = PathBuf::from(ARTICLES_DIR).join(key);
    let path = root.join(&display);
    match path.canonicalize() {
        Ok(target) if target.starts_with(root) => {}
        Ok(_) => {
            return Err(Diagnostic::error(
                Kind::Read,
                display,
                "this symlink points outside the site folder",
            )
            .hint("copy the file into the site instead of linking to it"));
        }
        Err(_) => {
            return Err(
                Diagnostic::error(Kind::Read, display, "this symlink points to nothing")
                    .hint("remove the symlink or fix where it points"),
            );
        }
    }
    super::read_article(
        root,
        &Found {
            rel: key.to_string(),
            display,
            path,
        },
    )
}

/// Reads every template under `templates/`.
pub fn templates(root: &Path, problems: &mut Vec<Diagnostic>) -> Vec<TemplateSource> {
    super::walk(root, TEMPLATES_DIR, problems)
        .into_iter()
        .filter_map(|f| match super::read_text(root, &f) {
            Ok(text) => Some(TemplateSource { name: f.rel, text }),
            Err(d) => {
                problems.push(d);
                None
            }
        })
        .collect()
}

/// Lists the files under `static/`.
pub fn static_files(root: &Path, problems: &mut Vec<Diagnostic>) -> Vec<StaticFile> {
    super::walk(root, STATIC_DIR, problems)
        .into_iter()
        .map(|f| StaticFile {
            rel: f.rel,
            path: f.path,
            root: root.into(),
        })
        .collect()
}

/// Reads the symptom vocabulary, if `articles/symptoms.toml` exists.
pub fn vocabulary(root: &Path, problems: &mut Vec<Diagnostic>) -> Option<Vocabulary> {
    super::load_vocabulary(root, problems)
}

/// Reads the reference registry, if `articles/references.toml` exists.
pub fn references(root: &Path, problems: &mut Vec<Diagnostic>) -> Option<super::Registry> {
    super::references::load(root, problems)
}

/// Reads the reviewers, if `articles/reviewers.toml` exists.
pub fn reviewers(root: &Path, problems: &mut Vec<Diagnostic>) -> Option<super::Reviewers> {
    super::reviewers::load(root, problems)
}

/// Reads the shared care advice, if `articles/care.toml` exists.
pub fn care(root: &Path, problems: &mut Vec<Diagnostic>) -> Option<CareBook> {
    super::load_care(root, problems)
}
