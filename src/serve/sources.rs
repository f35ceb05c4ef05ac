//! What the site is made of, kept in memory between rebuilds and brought up to date file by file.
//!
//! `Sources::update` takes the paths an editor touched, in whatever way it saved them (written in
//! place, renamed over, deleted and recreated), looks at what is on disk now, and says which
//! articles, templates and static files really changed. Anything it cannot place precisely (a
//! folder appearing or moving, a missed event) makes it re-read that whole part of the site.

use crate::config::{CONFIG_FILE, SiteConfig};
use crate::diagnostic::{Diagnostic, Kind};
use crate::load::{
    ARTICLES_DIR, Article, Loaded, STATIC_DIR, StaticFile, TEMPLATES_DIR, TemplateSource,
    Vocabulary, incremental, vocabulary::VOCABULARY_FILE,
};
use axum::body::Bytes;
use rayon::prelude::*;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

/// An article key ordered as `load` walks the folder: component by component.
#[derive(Debug, Clone, PartialEq, Eq)]
struct WalkKey(String);

impl Ord for WalkKey {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.split('/').cmp(other.0.split('/'))
    }
}

impl PartialOrd for WalkKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// One file under `articles/`, as last read.
#[derive(Debug, Clone)]
enum Entry {
    /// Parsed and included in the build.
    Article(Box<Article>),
    /// A draft, left out of this build.
    Draft,
    /// Could not be read or parsed.
    Broken(Diagnostic),
}

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

/// The site's sources in memory.
pub struct Sources {
    root: PathBuf,
    drafts: bool,
    config: Result<SiteConfig, Diagnostic>,
    articles: BTreeMap<WalkKey, (Entry, Prints)>,
    article_walk_problems: Vec<Diagnostic>,
    vocabulary: Option<Vocabulary>,
    vocabulary_problems: Vec<Diagnostic>,
    templates: Vec<TemplateSource>,
    template_problems: Vec<Diagnostic>,
    static_files: Vec<StaticFile>,
    static_bytes: HashMap<String, Bytes>,
    static_problems: Vec<Diagnostic>,
}

impl Sources {
    /// Reads the whole site at `root` (canonical).
    pub fn read(root: &Path, drafts: bool) -> Sources {
        let mut sources = Sources {
            root: root.to_path_buf(),
            drafts,
            config: SiteConfig::load(root),
            articles: BTreeMap::new(),
            article_walk_problems: Vec::new(),
            vocabulary: None,
            vocabulary_problems: Vec::new(),
            templates: Vec::new(),
            template_problems: Vec::new(),
            static_files: Vec::new(),
            static_bytes: HashMap::new(),
            static_problems: Vec::new(),
        };
        sources.reread_articles(&mut Changes::default());
        sources.reread_vocabulary();
        sources.reread_templates();
        sources.reread_static(&[], true);
        sources
    }

    /// Number of article files (drafts and broken ones included).
    pub fn article_count(&self) -> usize {
        self.articles.len()
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
            &self.article_walk_problems,
            &self.template_problems,
            &self.static_problems,
            &self.vocabulary_problems,
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
            } else if let Some(sub) = under(&rel, ARTICLES_DIR) {
                match self.article_change(path, sub) {
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
            self.reread_articles(&mut article_changes);
        } else {
            for key in article_paths {
                self.reread_article(&key, &mut article_changes);
            }
        }
        changes.merge(article_changes);
        if templates {
            changes.templates = self.reread_templates();
        }
        if !statics.is_empty() {
            changes.static_files = self.reread_static(&statics, false);
        }
        changes
    }

    fn reread_everything(&mut self) -> Changes {
        self.config = SiteConfig::load(&self.root);
        self.reread_vocabulary();
        let mut changes = Changes {
            everything: true,
            ..Changes::default()
        };
        self.reread_articles(&mut changes);
        changes.templates = self.reread_templates();
        changes.static_files = self.reread_static(&[], true);
        changes
    }

    /// How a path under `articles/` (`sub`, relative to it) is to be handled.
    fn article_change(&self, path: &Path, sub: &str) -> ArticleChange {
        if sub.is_empty() || path.is_dir() {
            return ArticleChange::Rescan;
        }
        if sub.split('/').any(|part| part.starts_with('.')) {
            return ArticleChange::Ignore;
        }
        let folder = format!("{sub}/");
        if self.articles.keys().any(|k| k.0.starts_with(&folder)) {
            return ArticleChange::Rescan;
        }
        if sub.ends_with(".md") {
            ArticleChange::One(sub.to_string())
        } else {
            ArticleChange::Ignore
        }
    }

    /// Re-reads one article, noting in `changes` whether it changed.
    fn reread_article(&mut self, key: &str, changes: &mut Changes) {
        let walk_key = WalkKey(key.to_string());
        let old = self.articles.get(&walk_key).map(|e| e.1);
        let path = self.root.join(ARTICLES_DIR).join(key);
        let new = if path.symlink_metadata().is_err() {
            self.articles.remove(&walk_key);
            None
        } else {
            let entry = self.read_entry(key);
            let prints = entry.1;
            self.articles.insert(walk_key, entry);
            Some(prints)
        };
        note(key, old, new, changes);
    }

    fn read_entry(&self, key: &str) -> (Entry, Prints) {
        let entry = match incremental::article(&self.root, key) {
            Ok(a) if a.front.draft && !self.drafts => Entry::Draft,
            Ok(a) => Entry::Article(Box::new(a)),
            Err(d) => Entry::Broken(d),
        };
        let prints = Prints::of(&entry);
        (entry, prints)
    }

    /// Re-reads every article, noting in `changes` those that changed.
    fn reread_articles(&mut self, changes: &mut Changes) {
        let mut problems = Vec::new();
        let keys = incremental::article_keys(&self.root, &mut problems);
        self.article_walk_problems = problems;
        let entries: BTreeMap<WalkKey, (Entry, Prints)> = keys
            .par_iter()
            .map(|key| (WalkKey(key.clone()), self.read_entry(key)))
            .collect();
        for (key, (_, old)) in &self.articles {
            note(&key.0, Some(*old), entries.get(key).map(|e| e.1), changes);
        }
        for (key, (_, new)) in &entries {
            if !self.articles.contains_key(key) {
                note(&key.0, None, Some(*new), changes);
            }
        }
        self.articles = entries;
    }

    fn reread_vocabulary(&mut self) {
        let mut problems = Vec::new();
        self.vocabulary = incremental::vocabulary(&self.root, &mut problems);
        self.vocabulary_problems = problems;
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

    /// Re-lists the static files and re-reads those that are new, named in `touched` (paths
    /// under `static/`, files or folders) or, with `all`, every one. Returns the files that changed.
    fn reread_static(&mut self, touched: &[String], all: bool) -> BTreeSet<String> {
        let mut problems = Vec::new();
        let listed = incremental::static_files(&self.root, &mut problems);
        let is_touched = |rel: &str| {
            all || touched
                .iter()
                .any(|t| t == rel || t.is_empty() || rel.starts_with(&format!("{t}/")))
        };
        let mut changed = BTreeSet::new();
        let mut bytes = HashMap::with_capacity(listed.len());
        for file in &listed {
            let old = self.static_bytes.get(&file.rel);
            let new = match old {
                Some(old) if !is_touched(&file.rel) => old.clone(),
                _ => match std::fs::read(&file.path) {
                    Ok(b) => Bytes::from(b),
                    Err(e) => {
                        problems.push(
                            Diagnostic::error(
                                Kind::Read,
                                Path::new(STATIC_DIR).join(&file.rel),
                                format!("cannot read the file: {e}"),
                            )
                            .hint("check that the file exists and that you may read it"),
                        );
                        continue;
                    }
                },
            };
            if old != Some(&new) {
                changed.insert(file.rel.clone());
            }
            bytes.insert(file.rel.clone(), new);
        }
        changed.extend(
            self.static_bytes
                .keys()
                .filter(|rel| !bytes.contains_key(*rel))
                .cloned(),
        );
        self.static_files = listed;
        self.static_bytes = bytes;
        self.static_problems = problems;
        changed
    }

    /// Every template, as last read.
    pub fn templates(&self) -> &[TemplateSource] {
        &self.templates
    }

    /// The contents of every static file, by path under `static/`.
    pub fn static_bytes(&self) -> &HashMap<String, Bytes> {
        &self.static_bytes
    }

    /// Everything `load::load` would give, with `base_url` (if set in `site.toml`) replaced by
    /// `local_url`; or the problems that stop a build before cross-linking.
    pub fn loaded(&self, local_url: Option<&str>) -> Result<(Loaded, Vec<Diagnostic>), Diagnostic> {
        let mut config = self.config.clone()?;
        if config.base_url.is_some() {
            config.base_url = local_url.map(str::to_string).or(config.base_url);
        }
        let mut problems = self.article_walk_problems.clone();
        let (mut articles, mut skipped_drafts, mut unreadable) =
            (Vec::new(), Vec::new(), Vec::new());
        for (key, (entry, _)) in &self.articles {
            match entry {
                Entry::Article(a) => articles.push(Article::clone(a)),
                Entry::Draft => skipped_drafts.push(key.0.clone()),
                Entry::Broken(d) => {
                    unreadable.push(key.0.clone());
                    problems.push(d.clone());
                }
            }
        }
        problems.extend(self.vocabulary_problems.iter().cloned());
        problems.extend(self.template_problems.iter().cloned());
        problems.extend(self.static_problems.iter().cloned());
        let loaded = Loaded {
            config,
            articles,
            skipped_drafts,
            unreadable,
            vocabulary: self.vocabulary.clone(),
            templates: self.templates.clone(),
            static_files: self.static_files.clone(),
        };
        Ok((loaded, problems))
    }
}

enum ArticleChange {
    One(String),
    Rescan,
    Ignore,
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

/// Digests of what was read from an article file, to tell a real edit from a touch, and an
/// edit of the front matter from one of the body alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Prints {
    all: u64,
    front: u64,
}

impl Prints {
    fn of(entry: &Entry) -> Prints {
        let front = match entry {
            Entry::Article(a) => format!("article {:?} {}", a.front, a.url),
            Entry::Draft => "draft".to_string(),
            Entry::Broken(_) => "broken".to_string(),
        };
        Prints {
            all: digest(&format!("{entry:?}")),
            front: digest(&front),
        }
    }
}

fn digest(text: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

/// Records how article `key` changed from `old` to `new` (`None`: no file).
fn note(key: &str, old: Option<Prints>, new: Option<Prints>, changes: &mut Changes) {
    if old.map(|p| p.all) != new.map(|p| p.all) {
        changes.articles.insert(key.to_string());
    }
    if old.map(|p| p.front) != new.map(|p| p.front) {
        changes.fronts.insert(key.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_sort_in_walk_order() {
        let mut keys = [
            WalkKey("a-b.md".into()),
            WalkKey("a/b.md".into()),
            WalkKey("a.md".into()),
            WalkKey("b.md".into()),
        ];
        keys.sort();
        let order: Vec<&str> = keys.iter().map(|k| k.0.as_str()).collect();
        assert_eq!(order, ["a/b.md", "a-b.md", "a.md", "b.md"]);
    }

    #[test]
    fn paths_are_placed_under_their_folder() {
        assert_eq!(under("articles/a.md", "articles"), Some("a.md"));
        assert_eq!(under("articles", "articles"), Some(""));
        assert_eq!(under("articles-old/a.md", "articles"), None);
    }
}
