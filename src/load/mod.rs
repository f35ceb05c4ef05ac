//! Step 1, load: read everything the site is made from into plain data.
//!
//! Walks `articles/`, `templates/` and `static/`, parses every article (in parallel) and the
//! symptom vocabulary, and refuses to read anything outside the site root.

pub(crate) mod article;
pub(crate) mod care;
pub(crate) mod front_matter;
pub(crate) mod references;
pub(crate) mod regions;
pub(crate) mod reviewers;
pub(crate) mod vocabulary;

pub use article::{Article, CareRef, IdRef, SymptomRef};
pub use care::{CareBook, CareEntry, TermList};
pub use references::{Reference, Registry, SourceKind};
pub use reviewers::{Reviewer, Reviewers};
use std::sync::Arc;
pub use vocabulary::{Level, SymptomDef, Vocabulary};

use crate::config::SiteConfig;
use crate::diagnostic::{Diagnostic, Kind};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Folder of the articles, relative to the site root.
pub(crate) const ARTICLES_DIR: &str = "articles";
/// Folder of the Tera templates.
pub(crate) const TEMPLATES_DIR: &str = "templates";
/// Folder of the files copied as they are.
pub(crate) const STATIC_DIR: &str = "static";

/// A template's name (its path under `templates/`) and text.
#[derive(Debug, Clone)]
pub struct TemplateSource {
    /// Name Tera knows it by, e.g. `article.html` or `partials/nav.html`.
    pub name: String,
    /// The template text.
    pub text: String,
}

/// A file under `static/`, copied to the same relative path in the output.
#[derive(Debug, Clone)]
pub struct StaticFile {
    /// Path under `static/`, with `/` separators; also its path in the output.
    pub rel: String,
    /// Where to read it from.
    pub path: PathBuf,
    /// The site folder (canonical), which the file must not lead out of.
    pub root: std::sync::Arc<Path>,
}

/// Everything the later steps need, read from disk.
#[derive(Debug)]
pub struct Loaded {
    /// The site configuration.
    pub config: SiteConfig,
    /// Published articles (drafts too with `--drafts`), in path order.
    pub articles: Vec<Arc<Article>>,
    /// Keys (`a/b.md`) of drafts left out of this build.
    pub skipped_drafts: Vec<String>,
    /// Keys of articles that exist but could not be read or parsed (already reported), so links
    /// to them are not reported a second time as broken.
    pub unreadable: Vec<String>,
    /// The symptom vocabulary (the taxonomy of articles' term file), if the file exists.
    pub vocabulary: Option<Vocabulary>,
    /// The body regions (the map taxonomy's term file) in map order; empty without one.
    pub regions: Vec<regions::RegionTerm>,
    /// The term files of the taxonomies of articles after the first, in their order (`None`:
    /// the file is missing or did not parse).
    pub extra_vocabularies: Vec<Option<Vocabulary>>,
    /// The reference registry, if `articles/references.toml` exists (and parsed).
    pub references: Option<Registry>,
    /// The clinical reviewers, if `articles/reviewers.toml` exists (and parsed).
    pub reviewers: Option<Reviewers>,
    /// The shared care advice, if `articles/care.toml` exists.
    pub care: Option<CareBook>,
    /// Every file under `templates/`.
    pub templates: Vec<TemplateSource>,
    /// Every file under `i18n/` (none without the folder).
    pub translations: Vec<crate::i18n::TranslationSource>,
    /// Every file under `static/`.
    pub static_files: Vec<StaticFile>,
    /// Hidden files and folders under `static/` (`.htaccess`, `.DS_Store`), which are not copied
    /// (`check` lists them).
    pub hidden_static: Vec<String>,
    /// In an edition in another language: the original's articles this edition has not
    /// translated, by key, with their URL from this edition's root (`../sciatica/`). A link to
    /// one leads to the original's page. Empty from `load`; the build fills it.
    pub elsewhere: Vec<(String, String)>,
}

/// What earlier loads parsed, for `serve`: each article file's result, keyed by its path under
/// `articles/`, with the bytes it was parsed from and the file's [`Stamp`]; and each data file
/// parsed (`references.toml`, ...), with its bytes. An article whose file has the same stamp,
/// or holds the same bytes, is not parsed again, nor a data file that holds the same bytes;
/// everything else (the walk, its order, the symlink checks) runs every time.
#[derive(Default)]
pub struct Cache {
    articles: HashMap<String, Entry>,
    data: DataCache,
    changed: Vec<String>,
    /// The taxonomies' front-matter keys the cached articles were parsed with.
    keys: front_matter::TermKeys,
    /// Whether the last walk of `articles/` followed a symlink (a change to its target names
    /// another path than the article's).
    linked: bool,
    /// The files the last walk of `articles/` found, when it found no problem.
    walked: Option<Arc<Vec<Found>>>,
    /// Keeps nothing (for `build`, which loads once): a kept copy of every article and its
    /// bytes was a third of a 100,000-article build's peak memory.
    forget: bool,
}

/// What the last load parsed of each data file (references, reviewers, care advice): its bytes
/// and the result.
pub(crate) type DataCache = HashMap<&'static str, (Vec<u8>, Box<dyn std::any::Any + Send + Sync>)>;

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cache")
            .field("articles", &self.articles.len())
            .field("data", &self.data.keys().collect::<Vec<_>>())
            .field("changed", &self.changed)
            .finish()
    }
}

/// An article file as last read: its bytes, its stamp and what parsing them gave.
#[derive(Debug)]
struct Entry {
    bytes: Vec<u8>,
    stamp: Option<Stamp>,
    result: Result<Arc<Article>, Diagnostic>,
}

/// What the file system says about a file (device, inode, size, modification and change times
/// in nanoseconds), taken just before it is read. A file whose stamp is the same has the same
/// bytes, provided its last change was well before it was read (see [`Stamp::settled`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp([i128; 5]);

/// How long before it is read a file's last change must be for its stamp to be trusted: time
/// stamps are only as fine as the file system's clock, so a file changed again within the same
/// tick, to the same size, would keep its stamp.
const SETTLE: std::time::Duration = std::time::Duration::from_secs(2);

impl Stamp {
    /// The stamp of the file at `path` (symlinks followed), if it can be read.
    fn of(path: &Path) -> Option<Stamp> {
        use std::os::unix::fs::MetadataExt;
        let m = std::fs::metadata(path).ok()?;
        let ns = |s: i64, n: i64| i128::from(s) * 1_000_000_000 + i128::from(n);
        Some(Stamp([
            i128::from(m.dev()),
            i128::from(m.ino()),
            i128::from(m.size()),
            ns(m.mtime(), m.mtime_nsec()),
            ns(m.ctime(), m.ctime_nsec()),
        ]))
    }

    /// This stamp, if the file's last change (`ctime`, which no program can set back) was at
    /// least [`SETTLE`] before `now`.
    fn settled(self, now: std::time::SystemTime) -> Option<Stamp> {
        let now = now.duration_since(std::time::UNIX_EPOCH).ok()?;
        let limit = i128::try_from(now.saturating_sub(SETTLE).as_nanos()).ok()?;
        (self.0[4] < limit).then_some(self)
    }
}

impl Cache {
    /// A cache that keeps nothing: every article is read and parsed, and not copied into it.
    pub(crate) fn forgetful() -> Self {
        Cache {
            forget: true,
            ..Cache::default()
        }
    }

    /// When the files `touched` names (absolute paths, as the watcher reports them) leave the
    /// last walk of `articles/` as it was, the paths among them under `articles/` (so that the
    /// other articles need not even be looked at); `None` when `articles/` must be walked: no
    /// walk without problems before, a symlink in it, or a path that is a folder, a file new or
    /// gone.
    fn untouched_walk(&self, root: &Path, touched: &[PathBuf]) -> Option<HashSet<String>> {
        let walked = self.walked.as_ref().filter(|_| !self.linked)?;
        let folder = root.join(ARTICLES_DIR);
        let under = touched
            .iter()
            .filter_map(|p| Some((p, p.strip_prefix(&folder).ok()?)));
        let mut rels = HashSet::new();
        for (path, rel) in under {
            let rel = rel.to_str()?;
            let plain = std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file());
            let known = walked.iter().any(|f| f.rel == rel);
            if !(known && plain || self.unread(path, rel)) {
                return None;
            }
            rels.insert(rel.to_string());
        }
        Some(rels)
    }

    /// Whether the path `rel` under `articles/` names nothing a load reads or would read now:
    /// a hidden file or folder, which the walk leaves out, or a file that is gone and was
    /// neither found by the last walk, nor a folder of files it found, nor a data or term file
    /// (`.toml`) or an article (`.md`).
    pub(crate) fn unread(&self, path: &Path, rel: &str) -> bool {
        let hidden = rel.split('/').any(|part| part.starts_with('.'));
        let gone = std::fs::symlink_metadata(path).is_err();
        let folder = format!("{rel}/");
        let read = rel.ends_with(".md") || rel.ends_with(".toml");
        let walked = self.walked.iter().flat_map(|w| w.iter());
        let found = walked
            .clone()
            .any(|f| f.rel == rel || f.rel.starts_with(&folder));
        hidden || (gone && !read && self.walked.is_some() && !found)
    }

    /// The article `rel` (its path under `articles/`) read again alone, for `serve` when the
    /// watcher names its file: `Some(None)` when it holds the bytes it was parsed from,
    /// `Some(Some(article))` when they parse to another article; `None` when it cannot be read
    /// alone (not an article the last load read, not a plain file now, it does not read or
    /// parse, or `articles/` has symlinks, whose targets' changes name other paths): load the
    /// whole site then.
    pub(crate) fn reread(&mut self, root: &Path, rel: &str) -> Option<Option<Arc<Article>>> {
        let path = root.join(ARTICLES_DIR).join(rel);
        let plain = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file());
        if self.linked || !plain || !self.articles.contains_key(rel) {
            return None;
        }
        let display = Path::new(ARTICLES_DIR).join(rel);
        let rel = rel.to_string();
        let found = Found {
            rel,
            display,
            path,
            walked: false,
        };
        match read_article(root, &found, self, std::time::SystemTime::now(), false) {
            Read::Same(Ok(_), _) => Some(None),
            Read::New(Some((bytes, stamp)), Ok(article)) => {
                let result = Ok(article.clone());
                let entry = Entry {
                    bytes,
                    stamp,
                    result,
                };
                self.articles.insert(found.rel, entry);
                Some(Some(article))
            }
            _ => None,
        }
    }

    /// The article files (paths from the site root) whose bytes the last load found new,
    /// edited or gone, sorted.
    pub fn changed(&self) -> &[String] {
        &self.changed
    }
}

/// Reads the site at `root`, returning what could be read and every problem found on the way:
/// a broken article does not stop the others from being read and checked.
pub fn load(root: &Path, config: SiteConfig, drafts: bool) -> (Loaded, Vec<Diagnostic>) {
    load_cached(root, config, drafts, &mut Cache::forgetful(), None)
}

/// `load`, reusing the articles `cache` holds for files whose bytes have not changed, and
/// leaving in it what this load read.
pub(crate) fn load_cached(
    root: &Path,
    config: SiteConfig,
    drafts: bool,
    cache: &mut Cache,
    touched: Option<&[PathBuf]>,
) -> (Loaded, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let canonical_root = root.canonicalize().unwrap_or_else(|e| {
        problems.push(Diagnostic::error(
            Kind::Read,
            root,
            format!("cannot open the site folder: {e}"),
        ));
        root.to_path_buf()
    });
    let touched = touched.and_then(|paths| cache.untouched_walk(&canonical_root, paths));
    let article_files = match (&touched, &cache.walked) {
        (Some(_), Some(walked)) => walked.clone(),
        _ => {
            let (mut linked, before) = (false, problems.len());
            let found = walk_listing(
                &canonical_root,
                &config.content_dir,
                &mut problems,
                &mut Vec::new(),
                &mut linked,
            );
            let found = Arc::new(found);
            cache.linked = linked;
            cache.walked = (problems.len() == before).then(|| found.clone());
            found
        }
    };
    let edition = (config.content_dir != ARTICLES_DIR).then_some(config.content_dir.as_str());
    let keys = front_matter::TermKeys::of(&config);
    if cache.keys != keys {
        cache.articles.clear();
        cache.keys = keys;
    }
    let regions = load_regions(&canonical_root, &config, &mut problems);
    let vocabulary = load_vocabulary(&canonical_root, &config, &regions, &mut problems);
    let extra_vocabularies = config
        .extra_taxonomies()
        .map(|t| load_terms(&canonical_root, t, &mut problems))
        .collect();
    // The data files are parsed while the articles are: the references of a large site are
    // one TOML file that takes a single thread a while.
    let mut data = std::mem::take(&mut cache.data);
    let now = std::time::SystemTime::now();
    let articles_cache: &Cache = cache;
    let ((references, reviewers, care, data_problems), parsed) = rayon::join(
        || {
            let mut problems = Vec::new();
            let mut references = references::load(&canonical_root, &mut problems, &mut data);
            let reviewers = reviewers::load(&canonical_root, &mut problems, &mut data);
            let care = match edition {
                None => load_care(&canonical_root, &mut problems, &mut data),
                Some(folder) => {
                    let extra = edition_data(
                        &canonical_root,
                        folder,
                        references::REFERENCES_FILE,
                        references::parse,
                        &mut problems,
                    );
                    add_references(&mut references, extra, folder, &mut problems);
                    edition_data(
                        &canonical_root,
                        folder,
                        care::CARE_FILE,
                        care::parse,
                        &mut problems,
                    )
                }
            };
            (references, reviewers, care, problems)
        },
        || {
            article_files
                .par_iter()
                .filter(|f| f.rel.ends_with(".md"))
                .map(|f| {
                    let trusted = touched.as_ref().is_some_and(|t| !t.contains(&f.rel));
                    (
                        f,
                        read_article(&canonical_root, f, articles_cache, now, trusted),
                    )
                })
                .collect::<Vec<(&Found, Read)>>()
        },
    );
    cache.data = data;
    problems.extend(data_problems);
    problems.extend(article_files.iter().filter_map(misnamed_article));
    let mut articles = Vec::new();
    let mut skipped_drafts = Vec::new();
    let mut unreadable = Vec::new();
    let mut earlier = std::mem::take(&mut cache.articles);
    let mut changed = Vec::new();
    for (found, read) in parsed {
        let result = match read {
            Read::Same(result, stamp) => {
                if let Some(entry) = earlier.remove(&found.rel) {
                    let entry = Entry { stamp, ..entry };
                    cache.articles.insert(found.rel.clone(), entry);
                }
                result
            }
            Read::New(read, result) => {
                if let Some((bytes, stamp)) = read {
                    let entry = Entry {
                        bytes,
                        stamp,
                        result: result.clone(),
                    };
                    cache.articles.insert(found.rel.clone(), entry);
                }
                changed.push(found.display.to_string_lossy().replace('\\', "/"));
                result
            }
        };
        match result {
            Ok(a) if a.front.draft && !drafts => skipped_drafts.push(a.key.clone()),
            Ok(a) => articles.push(a),
            Err(d) => {
                unreadable.push(found.rel.clone());
                problems.push(d);
            }
        }
    }
    let templates = walk(&canonical_root, TEMPLATES_DIR, &mut problems)
        .into_iter()
        .filter_map(|f| match read_text(&canonical_root, &f) {
            Ok(text) => Some(TemplateSource { name: f.rel, text }),
            Err(d) => {
                problems.push(d);
                None
            }
        })
        .collect();
    let translations = walk(&canonical_root, crate::i18n::I18N_DIR, &mut problems)
        .into_iter()
        .filter_map(|f| match read_text(&canonical_root, &f) {
            Ok(text) => Some(crate::i18n::TranslationSource { name: f.rel, text }),
            Err(d) => {
                problems.push(d);
                None
            }
        })
        .collect();
    let mut hidden_static = Vec::new();
    let static_files = walk_listing(
        &canonical_root,
        STATIC_DIR,
        &mut problems,
        &mut hidden_static,
        &mut false,
    )
    .into_iter()
    .map(|f| StaticFile {
        rel: f.rel,
        path: f.path,
        root: canonical_root.clone().into(),
    })
    .collect();
    changed.extend(earlier.keys().map(|k| format!("{ARTICLES_DIR}/{k}")));
    changed.sort();
    changed.dedup();
    cache.changed = changed;
    let loaded = Loaded {
        config,
        articles,
        skipped_drafts,
        unreadable,
        vocabulary,
        regions,
        extra_vocabularies,
        references,
        reviewers,
        care,
        templates,
        translations,
        static_files,
        hidden_static,
        elsewhere: Vec::new(),
    };
    (loaded, problems)
}

/// A file found by `walk`.
struct Found {
    /// Path under the walked folder, `/`-separated.
    rel: String,
    /// Path relative to the site root, for messages.
    display: PathBuf,
    /// Absolute path to read.
    path: PathBuf,
    /// True when the walk reached it through real folders only, from a folder of the site root
    /// that is no symlink either: it is inside the site folder without resolving its path.
    walked: bool,
}

/// Lists the files under `root/dir` in name order, skipping hidden ones, following symlinks only
/// while they stay inside the site root.
/// An article file whose extension is `.md` in another case (`.MD`, `.Md`): not read as an
/// article, which would drop it without a word, but an error saying to rename it.
fn misnamed_article(f: &Found) -> Option<Diagnostic> {
    let (stem, extension) = f.rel.rsplit_once('.')?;
    (extension.eq_ignore_ascii_case("md") && extension != "md").then(|| {
        let name = stem.rsplit('/').next().unwrap_or(stem);
        Diagnostic::error(
            Kind::InvalidValue,
            &f.display,
            format!("the extension `.{extension}` is not read as an article"),
        )
        .at(1, 1)
        .hint(format!(
            "rename the file to `{name}.md`, with the extension in lower case"
        ))
    })
}

fn walk(root: &Path, dir: &str, problems: &mut Vec<Diagnostic>) -> Vec<Found> {
    walk_listing(root, dir, problems, &mut Vec::new(), &mut false)
}

/// `walk`, also listing (in `hidden`, relative to the site root) the hidden files and folders
/// it leaves out, and saying (in `linked`) whether it followed a symlink.
fn walk_listing(
    root: &Path,
    dir: &str,
    problems: &mut Vec<Diagnostic>,
    hidden: &mut Vec<String>,
    linked: &mut bool,
) -> Vec<Found> {
    let base = root.join(dir);
    match std::fs::metadata(&base) {
        Ok(m) if m.is_dir() => {}
        Ok(m) => {
            problems.push(
                Diagnostic::error(
                    Kind::Read,
                    dir,
                    format!(
                        "`{dir}` should be a folder, but it is {}",
                        match crate::input::describe(m.file_type()) {
                            "not a regular file" => "a file",
                            other => other,
                        }
                    ),
                )
                .hint(format!(
                    "move the file away and put the site's {dir} in a folder named `{dir}/`"
                )),
            );
            return Vec::new();
        }
        Err(_) if base.is_symlink() => {
            problems.push(
                Diagnostic::error(Kind::Read, dir, "this symlink points to nothing")
                    .hint("remove the symlink or fix where it points"),
            );
            return Vec::new();
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Vec::new(),
        Err(e) => {
            problems.push(
                Diagnostic::error(Kind::Read, dir, format!("cannot read the folder: {e}"))
                    .hint("check that the folder exists and that you may read it"),
            );
            return Vec::new();
        }
    }
    let outside = std::cell::RefCell::new(Vec::new());
    let followed = std::cell::Cell::new(false);
    let left_out = std::cell::RefCell::new(Vec::new());
    let keep = |e: &walkdir::DirEntry| {
        // Hidden files and folders (editor files, `.git`) are left out, except `.well-known/`
        // at the top of static/ (security.txt and the like), which is copied.
        let name = e.file_name().to_string_lossy();
        let well_known = dir == STATIC_DIR && e.depth() == 1 && name == ".well-known";
        if e.depth() > 0 && name.starts_with('.') && !well_known {
            left_out.borrow_mut().push(
                relative(root, e.path())
                    .to_string_lossy()
                    .replace('\\', "/"),
            );
            return false;
        }
        if !e.path_is_symlink() {
            return true;
        }
        // A term or data file in articles/ is read by its own loader, which reports a symlink
        // out of the site at that file: once, not twice.
        let content =
            dir == ARTICLES_DIR || dir.starts_with(crate::config::languages::TRANSLATIONS_DIR);
        if content && name.ends_with(".toml") {
            return false;
        }
        let problem = match e.path().canonicalize() {
            Ok(target) if target.starts_with(root) => {
                followed.set(true);
                return true;
            }
            Ok(_) => Diagnostic::error(
                Kind::Read,
                relative(root, e.path()),
                "this symlink points outside the site folder",
            )
            .hint("copy the file into the site instead of linking to it"),
            Err(_) => Diagnostic::error(
                Kind::Read,
                relative(root, e.path()),
                "this symlink points to nothing",
            )
            .hint("remove the symlink or fix where it points"),
        };
        outside.borrow_mut().push(problem);
        false
    };
    let mut found = Vec::new();
    let walker = walkdir::WalkDir::new(&base)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(keep);
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                problems.push(walk_error(root, &e));
                continue;
            }
        };
        let file_type = entry.file_type();
        if !file_type.is_file() && !file_type.is_dir() {
            problems.push(
                Diagnostic::error(
                    Kind::Read,
                    relative(root, entry.path()),
                    format!(
                        "this is {}, not a regular file",
                        crate::input::describe(file_type)
                    ),
                )
                .hint("replace it with an ordinary file (or remove it); named pipes, devices and sockets are never read"),
            );
            continue;
        }
        if file_type.is_file() {
            let rel = relative(&base, entry.path())
                .to_string_lossy()
                .replace('\\', "/");
            let display = relative(root, entry.path());
            found.push(Found {
                rel,
                display,
                path: entry.path().to_path_buf(),
                walked: false,
            });
        }
    }
    problems.append(&mut outside.into_inner());
    hidden.append(&mut left_out.into_inner());
    *linked = followed.get();
    let real_folder = std::fs::symlink_metadata(&base).is_ok_and(|m| m.is_dir());
    if real_folder && !followed.get() {
        for f in &mut found {
            f.walked = true;
        }
    }
    found
}

fn walk_error(root: &Path, e: &walkdir::Error) -> Diagnostic {
    let path = e.path().map(|p| relative(root, p)).unwrap_or_default();
    let dangling = e.path().is_some_and(|p| p.is_symlink() && !p.exists());
    if e.loop_ancestor().is_some() {
        Diagnostic::error(Kind::Read, path, "this symlink makes a loop")
            .hint("remove the symlink; folders may not link back to themselves")
    } else if dangling {
        Diagnostic::error(Kind::Read, path, "this symlink points to nothing")
            .hint("remove the symlink or fix where it points")
    } else {
        let reason = e
            .io_error()
            .map_or_else(|| e.to_string(), ToString::to_string);
        Diagnostic::error(Kind::Read, path, format!("cannot read: {reason}"))
            .hint("check that the file exists and that you may read it")
    }
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Reads a found file through [`crate::input`], the one way every file is read.
fn read_bytes(root: &Path, f: &Found, limit: u64) -> Result<Vec<u8>, Diagnostic> {
    crate::input::Input {
        root,
        path: &f.path,
        display: &f.display,
        limit,
    }
    .read()
}

fn read_text(root: &Path, f: &Found) -> Result<String, Diagnostic> {
    article::decode(
        &f.display,
        read_bytes(root, f, crate::input::MAX_TEXT_BYTES)?,
    )
}

/// One article file as read by `read_article`.
enum Read {
    /// The stamp or the bytes the cache has: its result (shared with the cache), and the file's settled stamp.
    Same(Result<Arc<Article>, Diagnostic>, Option<Stamp>),
    /// Other bytes, with the file's settled stamp (`None`: they could not be read), parsed.
    New(
        Option<(Vec<u8>, Option<Stamp>)>,
        Result<Arc<Article>, Diagnostic>,
    ),
}

/// Reads and parses one article, or takes it from `cache` when the file has the stamp it had,
/// or holds the bytes it was parsed from. `now` is when this load started.
fn read_article(
    root: &Path,
    f: &Found,
    cache: &Cache,
    now: std::time::SystemTime,
    trusted: bool,
) -> Read {
    let earlier = cache.articles.get(&f.rel);
    if let Some(entry) = earlier.filter(|_| trusted) {
        return Read::Same(entry.result.clone(), entry.stamp);
    }
    // Only a cache that keeps what it reads, or holds this file, needs its stamp.
    let stamp = (earlier.is_some() || !cache.forget)
        .then(|| Stamp::of(&f.path).and_then(|s| s.settled(now)))
        .flatten();
    if let Some(entry) = earlier
        && entry.stamp.is_some()
        && entry.stamp == stamp
    {
        return Read::Same(entry.result.clone(), stamp);
    }
    let bytes = match read_article_bytes(root, f) {
        Ok(bytes) => bytes,
        Err(d) => return Read::New(None, Err(d)),
    };
    if let Some(entry) = earlier
        && entry.bytes == bytes
    {
        return Read::Same(entry.result.clone(), stamp);
    }
    let kept = (!cache.forget).then(|| (bytes.clone(), stamp));
    let result = article::decode(&f.display, bytes)
        .and_then(|text| article::parse_with(f.display.clone(), f.rel.clone(), &text, &cache.keys))
        .map(Arc::new);
    Read::New(kept, result)
}

/// The bytes of an article file, after checking its name and size.
fn read_article_bytes(root: &Path, f: &Found) -> Result<Vec<u8>, Diagnostic> {
    if let Err(suggestion) = article::check_key(&f.rel) {
        return Err(Diagnostic::error(
            Kind::InvalidValue,
            &f.display,
            "the file name cannot be used in a web address",
        )
        .hint(format!(
            "rename it to `{suggestion}`: letters, digits, `-` and `_` only"
        )));
    }
    let input = crate::input::Input {
        root,
        path: &f.path,
        display: &f.display,
        // No limit to open it: a file over the article limit gets the article's message below.
        limit: u64::MAX,
    };
    let opened = match f.walked {
        true => input.open_walked()?,
        false => input.open()?,
    };
    let size = opened.1;
    if size > article::MAX_ARTICLE_BYTES {
        return Err(Diagnostic::error(
            Kind::InvalidValue,
            &f.display,
            format!(
                "the article is {} MB; the limit is {} MB",
                size >> 20,
                article::MAX_ARTICLE_BYTES >> 20
            ),
        )
        .hint("split it into several articles that link to each other"));
    }
    crate::input::Input {
        limit: article::MAX_ARTICLE_BYTES,
        ..input
    }
    .read_from(opened)
}

/// The term file of `taxonomy`, if it exists; a declared taxonomy without one is an error.
fn read_terms(
    root: &Path,
    taxonomy: &crate::config::Taxonomy,
    problems: &mut Vec<Diagnostic>,
) -> Option<String> {
    let text = read_data_file(root, &taxonomy.terms, problems);
    if text.is_none()
        && taxonomy.declared()
        && std::fs::symlink_metadata(root.join(&taxonomy.terms)).is_err()
    {
        problems.push(
            taxonomy
                .error(
                    Kind::TaxonomyTermsMissing,
                    format!(
                        "taxonomy `{}` has no term file: `{}` does not exist",
                        taxonomy.name, taxonomy.terms
                    ),
                )
                .hint(format!(
                    "create {} with one table per term, or fix `terms`",
                    taxonomy.terms
                )),
        );
    }
    text
}

/// The body regions from the map taxonomy's term file; none without a map or its file.
fn load_regions(
    root: &Path,
    config: &SiteConfig,
    problems: &mut Vec<Diagnostic>,
) -> Vec<regions::RegionTerm> {
    let Some(map) = config.map_taxonomy() else {
        return Vec::new();
    };
    let Some(text) = read_terms(root, map, problems) else {
        return Vec::new();
    };
    regions::parse(&map.terms, &text).unwrap_or_else(|mut ds| {
        problems.append(&mut ds);
        Vec::new()
    })
}

/// The term file of an extra taxonomy of articles, read like the vocabulary (its terms name no
/// body regions).
fn load_terms(
    root: &Path,
    taxonomy: &crate::config::Taxonomy,
    problems: &mut Vec<Diagnostic>,
) -> Option<Vocabulary> {
    let text = read_terms(root, taxonomy, problems)?;
    let term = taxonomy.noun();
    let names = vocabulary::Names {
        term: &term,
        ..vocabulary::SYMPTOMS
    };
    vocabulary::parse_keyed(&taxonomy.terms, &text, &[], &names)
        .map_err(|mut ds| problems.append(&mut ds))
        .ok()
}

fn load_vocabulary(
    root: &Path,
    config: &SiteConfig,
    regions: &[regions::RegionTerm],
    problems: &mut Vec<Diagnostic>,
) -> Option<Vocabulary> {
    let taxonomy = config.article_taxonomy();
    let text = read_terms(root, taxonomy, problems)?;
    let slugs: Vec<&str> = regions.iter().map(|r| r.slug.as_str()).collect();
    let term = taxonomy.noun();
    let map = config.map_taxonomy();
    let map_part = map.map_or_else(|| "region".to_string(), |t| t.noun());
    let map_label = map.map_or_else(
        || "Regions".to_string(),
        |t| crate::crosslink::symptoms::name_from_slug(&t.name),
    );
    let names = vocabulary::Names {
        term: &term,
        map_key: map.map_or("regions", |t| t.key.as_str()),
        map_part: &map_part,
        map_label: &map_label,
    };
    match vocabulary::parse_keyed(&taxonomy.terms, &text, &slugs, &names) {
        Ok(v) => Some(v),
        Err(mut ds) => {
            problems.append(&mut ds);
            None
        }
    }
}

/// The text of the data file `rel` (e.g. `articles/references.toml`) under `root`, if it exists;
/// a file that cannot be read or decoded is reported in `problems`.
fn read_data_file(root: &Path, rel: &str, problems: &mut Vec<Diagnostic>) -> Option<String> {
    let path = root.join(rel);
    if std::fs::symlink_metadata(&path).is_err() {
        return None;
    }
    let found = Found {
        rel: rel.to_string(),
        display: rel.into(),
        path,
        walked: false,
    };
    match read_text(root, &found) {
        Ok(text) => Some(text),
        Err(d) => {
            problems.push(d);
            None
        }
    }
}

/// The data file `rel` under `root` read with `parse`, if the file exists; every problem met
/// reading or parsing it is added to `problems`. What `cache` holds for the same bytes is not
/// parsed again.
fn load_data<T: Clone + Send + Sync + 'static>(
    root: &Path,
    rel: &'static str,
    parse: fn(&str) -> Result<T, Vec<Diagnostic>>,
    problems: &mut Vec<Diagnostic>,
    cache: &mut DataCache,
) -> Option<T> {
    type Parsed<T> = Result<T, Vec<Diagnostic>>;
    let path = root.join(rel);
    if std::fs::symlink_metadata(&path).is_err() {
        cache.remove(rel);
        return None;
    }
    let found = Found {
        rel: rel.to_string(),
        display: rel.into(),
        path,
        walked: false,
    };
    let bytes = read_bytes(root, &found, crate::input::MAX_TEXT_BYTES)
        .map_err(|d| problems.push(d))
        .ok()?;
    let same = cache.get(rel).filter(|(b, _)| *b == bytes);
    let parsed = match same.and_then(|(_, p)| p.downcast_ref::<Parsed<T>>()) {
        Some(parsed) => parsed.clone(),
        None => {
            let parsed = article::decode(&found.display, bytes.clone())
                .map_err(|d| vec![d])
                .and_then(|text| parse(&text));
            cache.insert(rel, (bytes, Box::new(parsed.clone())));
            parsed
        }
    };
    parsed.map_err(|mut ds| problems.append(&mut ds)).ok()
}

/// An edition's own copy of the data file `file` (a path under `articles/`): the file of that
/// name in its `folder` of translations, parsed as the original is, its problems named at the
/// edition's file. `None` when it does not exist or does not parse.
fn edition_data<T>(
    root: &Path,
    folder: &str,
    file: &str,
    parse: fn(&str) -> Result<T, Vec<Diagnostic>>,
    problems: &mut Vec<Diagnostic>,
) -> Option<T> {
    let name = Path::new(file).file_name()?;
    let rel = Path::new(folder).join(name);
    let path = root.join(&rel);
    std::fs::symlink_metadata(&path).ok()?;
    let found = Found {
        rel: rel.to_string_lossy().into_owned(),
        display: rel.clone(),
        path,
        walked: false,
    };
    let relabel = |mut d: Diagnostic| {
        if d.file == Path::new(file) {
            d.file = rel.clone();
        }
        d
    };
    let parsed = read_bytes(root, &found, crate::input::MAX_TEXT_BYTES)
        .and_then(|bytes| article::decode(&found.display, bytes))
        .map_err(|d| vec![d])
        .and_then(|text| parse(&text));
    parsed
        .map_err(|ds| problems.extend(ds.into_iter().map(relabel)))
        .ok()
}

/// Adds an edition's own sources (`translations/<code>/references.toml`) to the original's:
/// sources in its language, cited beside the original's. An id the original has is an error.
fn add_references(
    references: &mut Option<Registry>,
    extra: Option<Registry>,
    folder: &str,
    problems: &mut Vec<Diagnostic>,
) {
    let Some(extra) = extra else { return };
    let registry = references.get_or_insert_with(Registry::new);
    let file = Path::new(folder).join("references.toml");
    for (id, reference) in extra {
        let line = reference.line;
        match registry.entry(id) {
            std::collections::btree_map::Entry::Vacant(place) => {
                place.insert(reference);
            }
            std::collections::btree_map::Entry::Occupied(taken) => problems.push(
                Diagnostic::error(Kind::InvalidValue, &file, format!("the source `{}` is already in {}", taken.key(), references::REFERENCES_FILE))
                    .at_line(line)
                    .hint("cite the original's source by its id; list only the sources this language adds here, with ids of their own (for example `es-...`)"),
            ),
        }
    }
}

/// The shared care advice, if `articles/care.toml` exists; problems are reported in `problems`.
fn load_care(
    root: &Path,
    problems: &mut Vec<Diagnostic>,
    cache: &mut DataCache,
) -> Option<CareBook> {
    load_data(root, care::CARE_FILE, care::parse, problems, cache)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, SystemTime};

    /// Reads `a.md` in `dir` as `load_cached` does at `now`, with `cache`; says whether the file
    /// was opened.
    fn read_at(dir: &Path, cache: &mut Cache, now: SystemTime) -> (bool, bool) {
        let f = Found {
            rel: "a.md".into(),
            display: "articles/a.md".into(),
            path: dir.join("a.md"),
            walked: true,
        };
        let opened = || {
            crate::input::OPENED
                .lock()
                .map_or(0, |all| all.iter().filter(|p| p.starts_with(dir)).count())
        };
        let before = opened();
        let read = read_article(dir, &f, cache, now, false);
        let same = match read {
            Read::Same(_, stamp) => {
                if let Some(entry) = cache.articles.get_mut(&f.rel) {
                    entry.stamp = stamp;
                }
                true
            }
            Read::New(Some((bytes, stamp)), result) => {
                let entry = Entry {
                    bytes,
                    stamp,
                    result,
                };
                cache.articles.insert(f.rel, entry);
                false
            }
            Read::New(None, _) => false,
        };
        (same, opened() > before)
    }

    #[test]
    fn a_file_is_read_again_unless_its_stamp_is_the_same_and_settled() {
        let dir = tempfile::tempdir().expect("dir");
        let dir = dir.path().canonicalize().expect("canonical");
        let file = dir.join("a.md");
        std::fs::write(&file, "one").expect("write");
        let mut cache = Cache::default();
        let now = SystemTime::now();
        let later = now + Duration::from_secs(3600);
        assert_eq!(read_at(&dir, &mut cache, now), (false, true), "new: parsed");
        // Just written, so its stamp may not tell a later write in the same tick: read again,
        // and found the same.
        assert_eq!(read_at(&dir, &mut cache, now), (true, true));
        // Long settled: the stamp is trusted, the file is not opened.
        assert_eq!(read_at(&dir, &mut cache, later), (true, true), "stamp kept");
        assert_eq!(read_at(&dir, &mut cache, later), (true, false));
        // Changed (its size too): the stamp differs, the file is read and parsed again.
        std::fs::write(&file, "two!").expect("write");
        assert_eq!(read_at(&dir, &mut cache, later), (false, true));
    }
}
