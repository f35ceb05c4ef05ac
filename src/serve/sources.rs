//! What the site is made of, kept in memory between rebuilds and brought up to date file by file.
//!
//! `Sources::update` takes the paths an editor touched, in whatever way it saved them (written in
//! place, renamed over, deleted and recreated), looks at what is on disk now, and says which
//! articles, templates and static files really changed. Anything it cannot place precisely (a
//! folder appearing or moving, a missed event) makes it re-read that whole part of the site.

pub use super::changes::Changes;

use super::articles::{ArticleChange, Articles};
use super::static_files::StaticFiles;
use crate::config::{CONFIG_FILE, SiteConfig};
use crate::diagnostic::Diagnostic;
use crate::load::{
    ARTICLES_DIR, Article, CareBook, Loaded, Registry, Reviewers, STATIC_DIR, TEMPLATES_DIR,
    TemplateSource, Vocabulary, care::CARE_FILE, incremental, references::REFERENCES_FILE,
    reviewers::REVIEWERS_FILE, vocabulary::VOCABULARY_FILE,
};
use axum::body::Bytes;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// The site's sources in memory.
pub struct Sources {
    root: PathBuf,
    config: Result<SiteConfig, Diagnostic>,
    articles: Articles,
    vocabulary: Option<Vocabulary>,
    vocabulary_problems: Vec<Diagnostic>,
    references: Option<Registry>,
    reviewers: Option<Reviewers>,
    care: Option<CareBook>,
    /// Problems reading `references.toml`, `reviewers.toml` and `care.toml`.
    data_problems: Vec<Diagnostic>,
    templates: Vec<TemplateSource>,
    template_problems: Vec<Diagnostic>,
    statics: StaticFiles,
}

impl Sources {
    /// Reads the whole site at `root` (canonical).
    pub fn read(root: &Path, drafts: bool) -> Sources {
        let mut sources = Sources {
            root: root.to_path_buf(),
            config: SiteConfig::load(root),
            articles: Articles::read(root, drafts),
            vocabulary: None,
            vocabulary_problems: Vec::new(),
            references: None,
            reviewers: None,
            care: None,
            data_problems: Vec::new(),
            templates: Vec::new(),
            template_problems: Vec::new(),
            statics: StaticFiles::read(root),
        };
        sources.reread_vocabulary();
        sources.reread_data();
        sources.reread_templates();
        sources
    }

    /// Brings the sources up to date after the files at `paths` (absolute) changed; `rescan`
    /// re-reads everything. Returns what really changed.
    pub fn update(&mut self, paths: &[PathBuf], rescan: bool) -> Changes {
        if rescan {
            return self.reread_everything();
        }
        let problems_before = self.read_problems();
        let mut changes = self.update_paths(paths);
        // A problem that appears or goes away (a symlink out of the site, an unreadable
        // file) changes the outcome even when no file's content did.
        changes.everything |= self.read_problems() != problems_before;
        changes
    }

    /// Problems met while walking and reading, other than in articles' own text.
    fn read_problems(&self) -> Vec<Diagnostic> {
        [
            self.articles.walk_problems(),
            &self.template_problems,
            &self.statics.problems,
            &self.vocabulary_problems,
            &self.data_problems,
        ]
        .into_iter()
        .flatten()
        .cloned()
        .collect()
    }

    fn update_paths(&mut self, paths: &[PathBuf]) -> Changes {
        let mut changes = Changes::default();
        let mut articles_rescan = false;
        let mut article_paths = BTreeSet::new();
        let mut article_changes = Changes::default();
        let (mut templates, mut statics) = (false, Vec::new());
        for path in paths {
            let Ok(rel) = path.strip_prefix(&self.root) else {
                continue;
            };
            let rel = rel.to_string_lossy().replace('\\', "/");
            if rel == CONFIG_FILE {
                self.config = SiteConfig::load(&self.root);
                changes.everything = true;
            } else if rel == VOCABULARY_FILE {
                self.reread_vocabulary();
                changes.everything = true;
            } else if rel == REFERENCES_FILE || rel == REVIEWERS_FILE || rel == CARE_FILE {
                self.reread_data();
                changes.everything = true;
            } else if let Some(sub) = under(&rel, ARTICLES_DIR) {
                match self.articles.change_for(path, sub) {
                    ArticleChange::One(key) => {
                        article_paths.insert(key);
                    }
                    ArticleChange::Rescan => articles_rescan = true,
                    ArticleChange::Ignore => {}
                }
            } else if under(&rel, TEMPLATES_DIR).is_some() {
                templates = true;
            } else if let Some(sub) = under(&rel, STATIC_DIR) {
                statics.push(sub.to_string());
            }
        }
        if articles_rescan {
            self.articles.reread_all(&mut article_changes);
        } else {
            for key in article_paths {
                self.articles.reread(&key, &mut article_changes);
            }
        }
        changes.merge(article_changes);
        if templates {
            changes.templates = self.reread_templates();
        }
        if !statics.is_empty() {
            changes.static_files = self.statics.reread(&statics, false);
        }
        changes
    }

    fn reread_everything(&mut self) -> Changes {
        self.config = SiteConfig::load(&self.root);
        self.reread_vocabulary();
        self.reread_data();
        let mut changes = Changes {
            everything: true,
            ..Changes::default()
        };
        self.articles.reread_all(&mut changes);
        changes.templates = self.reread_templates();
        changes.static_files = self.statics.reread(&[], true);
        changes
    }

    fn reread_vocabulary(&mut self) {
        let mut problems = Vec::new();
        self.vocabulary = incremental::vocabulary(&self.root, &mut problems);
        self.vocabulary_problems = problems;
    }

    /// Re-reads the reference registry, the reviewers and the shared care advice.
    fn reread_data(&mut self) {
        let mut problems = Vec::new();
        self.references = incremental::references(&self.root, &mut problems);
        self.reviewers = incremental::reviewers(&self.root, &mut problems);
        self.care = incremental::care(&self.root, &mut problems);
        self.data_problems = problems;
    }

    /// Re-reads the templates; returns the names that changed.
    fn reread_templates(&mut self) -> BTreeSet<String> {
        let mut problems = Vec::new();
        let new = incremental::templates(&self.root, &mut problems);
        self.template_problems = problems;
        let old: HashMap<&str, &str> = self
            .templates
            .iter()
            .map(|t| (t.name.as_str(), t.text.as_str()))
            .collect();
        let mut changed: BTreeSet<String> = new
            .iter()
            .filter(|t| old.get(t.name.as_str()) != Some(&t.text.as_str()))
            .map(|t| t.name.clone())
            .collect();
        changed.extend(
            old.keys()
                .filter(|name| !new.iter().any(|t| t.name == **name))
                .map(|name| name.to_string()),
        );
        self.templates = new;
        changed
    }

    /// The article `key` (`a/b.md`), if it is read, parsed and part of the build.
    pub fn article(&self, key: &str) -> Option<&Article> {
        self.articles.article(key)
    }

    /// Keys of the drafts left out, and of the articles that could not be read.
    pub fn skipped_keys(&self) -> (Vec<String>, Vec<String>) {
        self.articles.skipped_keys()
    }

    /// True when any file could not be read or parsed, or the configuration is broken.
    pub fn has_problems(&self) -> bool {
        self.config.is_err() || !self.read_problems().is_empty() || self.articles.has_problems()
    }

    /// Every template, as last read.
    pub fn templates(&self) -> &[TemplateSource] {
        &self.templates
    }

    /// The contents of every static file, by path under `static/`.
    pub fn static_bytes(&self) -> &HashMap<String, Bytes> {
        &self.statics.bytes
    }

    /// Everything `load::load` would give, with `base_url` (if set in `site.toml`) replaced by
    /// `local_url`; or the problem that stops a build before cross-linking.
    pub fn loaded(&self, local_url: Option<&str>) -> Result<(Loaded, Vec<Diagnostic>), Diagnostic> {
        let mut config = self.config.clone()?;
        if config.base_url.is_some() {
            config.base_url = local_url.map(str::to_string).or(config.base_url);
        }
        let (articles, skipped_drafts, unreadable, mut problems) = self.articles.collect();
        problems.extend(self.vocabulary_problems.iter().cloned());
        problems.extend(self.data_problems.iter().cloned());
        problems.extend(self.template_problems.iter().cloned());
        problems.extend(self.statics.problems.iter().cloned());
        let loaded = Loaded {
            config,
            articles,
            skipped_drafts,
            unreadable,
            vocabulary: self.vocabulary.clone(),
            references: self.references.clone(),
            reviewers: self.reviewers.clone(),
            care: self.care.clone(),
            templates: self.templates.clone(),
            static_files: self.statics.files.clone(),
            // Listed by `check` only; serve shows errors, not warnings.
            hidden_static: Vec::new(),
        };
        Ok((loaded, problems))
    }
}

/// `rel` relative to the folder `dir` (`""` for the folder itself), if it is inside it.
fn under<'a>(rel: &'a str, dir: &str) -> Option<&'a str> {
    let rest = rel.strip_prefix(dir)?;
    if rest.is_empty() {
        Some(rest)
    } else {
        rest.strip_prefix('/')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_placed_under_their_folder() {
        assert_eq!(under("articles/a.md", "articles"), Some("a.md"));
        assert_eq!(under("articles", "articles"), Some(""));
        assert_eq!(under("articles-old/a.md", "articles"), None);
    }
}
