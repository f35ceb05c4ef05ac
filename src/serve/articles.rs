//! The article files in memory, each as last read (parsed, a draft, or broken), kept in the
//! order `load` walks them and re-read one by one as they change.

use super::changes::Changes;
use crate::diagnostic::Diagnostic;
use crate::load::{ARTICLES_DIR, Article, incremental};
use rayon::prelude::*;
use std::cmp::Ordering;
use std::collections::BTreeMap;
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

/// How a changed path under `articles/` is to be handled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArticleChange {
    /// Re-read this article (by key).
    One(String),
    /// A folder came, went or moved: re-read them all.
    Rescan,
    /// Not an article (an editor's temporary file, a hidden file).
    Ignore,
}

/// Everything under `articles/` except the vocabulary.
pub struct Articles {
    root: PathBuf,
    drafts: bool,
    entries: BTreeMap<WalkKey, (Entry, Prints)>,
    walk_problems: Vec<Diagnostic>,
}

/// What a build needs from the articles: (articles, draft keys, unreadable keys, problems).
pub type Collected = (Vec<Article>, Vec<String>, Vec<String>, Vec<Diagnostic>);

impl Articles {
    /// Reads every article of the site at `root` (canonical).
    pub fn read(root: &Path, drafts: bool) -> Articles {
        let mut articles = Articles {
            root: root.to_path_buf(),
            drafts,
            entries: BTreeMap::new(),
            walk_problems: Vec::new(),
        };
        articles.reread_all(&mut Changes::default());
        articles
    }

    /// How a path under `articles/` (`sub`, relative to it) is to be handled.
    pub fn change_for(&self, path: &Path, sub: &str) -> ArticleChange {
        if sub.is_empty() || path.is_dir() {
            return ArticleChange::Rescan;
        }
        if sub.split('/').any(|part| part.starts_with('.')) {
            return ArticleChange::Ignore;
        }
        let folder = format!("{sub}/");
        if self.entries.keys().any(|k| k.0.starts_with(&folder)) {
            return ArticleChange::Rescan;
        }
        if sub.ends_with(".md") {
            ArticleChange::One(sub.to_string())
        } else {
            ArticleChange::Ignore
        }
    }

    /// Re-reads one article, noting in `changes` whether it changed.
    pub fn reread(&mut self, key: &str, changes: &mut Changes) {
        let walk_key = WalkKey(key.to_string());
        let old = self.entries.get(&walk_key).map(|e| e.1);
        let path = self.root.join(ARTICLES_DIR).join(key);
        let new = if path.symlink_metadata().is_err() {
            self.entries.remove(&walk_key);
            None
        } else {
            let entry = self.read_entry(key);
            let prints = entry.1;
            self.entries.insert(walk_key, entry);
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
    pub fn reread_all(&mut self, changes: &mut Changes) {
        let mut problems = Vec::new();
        let keys = incremental::article_keys(&self.root, &mut problems);
        self.walk_problems = problems;
        let entries: BTreeMap<WalkKey, (Entry, Prints)> = keys
            .par_iter()
            .map(|key| (WalkKey(key.clone()), self.read_entry(key)))
            .collect();
        for (key, (_, old)) in &self.entries {
            note(&key.0, Some(*old), entries.get(key).map(|e| e.1), changes);
        }
        for (key, (_, new)) in &entries {
            if !self.entries.contains_key(key) {
                note(&key.0, None, Some(*new), changes);
            }
        }
        self.entries = entries;
    }

    /// The article `key` (`a/b.md`), if it is read, parsed and part of the build.
    pub fn article(&self, key: &str) -> Option<&Article> {
        match self.entries.get(&WalkKey(key.to_string())) {
            Some((Entry::Article(a), _)) => Some(a),
            _ => None,
        }
    }

    /// Keys of the drafts left out, and of the articles that could not be read.
    pub fn skipped_keys(&self) -> (Vec<String>, Vec<String>) {
        let (mut drafts, mut broken) = (Vec::new(), Vec::new());
        for (key, (entry, _)) in &self.entries {
            match entry {
                Entry::Draft => drafts.push(key.0.clone()),
                Entry::Broken(_) => broken.push(key.0.clone()),
                Entry::Article(_) => {}
            }
        }
        (drafts, broken)
    }

    /// True when an article could not be read or parsed, or the walk met a problem.
    pub fn has_problems(&self) -> bool {
        !self.walk_problems.is_empty()
            || self
                .entries
                .values()
                .any(|(e, _)| matches!(e, Entry::Broken(_)))
    }

    /// Problems met walking the folder (symlinks out of the site, loops).
    pub fn walk_problems(&self) -> &[Diagnostic] {
        &self.walk_problems
    }

    /// The articles in the build, the drafts and unreadable ones left out, and every problem.
    pub fn collect(&self) -> Collected {
        let mut problems = self.walk_problems.clone();
        let (mut articles, mut drafts, mut unreadable) = (Vec::new(), Vec::new(), Vec::new());
        for (key, (entry, _)) in &self.entries {
            match entry {
                Entry::Article(a) => articles.push(Article::clone(a)),
                Entry::Draft => drafts.push(key.0.clone()),
                Entry::Broken(d) => {
                    unreadable.push(key.0.clone());
                    problems.push(d.clone());
                }
            }
        }
        (articles, drafts, unreadable, problems)
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
}
