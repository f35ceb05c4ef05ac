//! Step 1, load: read everything the site is made from into plain data.
//!
//! Walks `articles/`, `templates/` and `static/`, parses every article (in parallel) and the
//! symptom vocabulary, and refuses to read anything outside the site root.

pub(crate) mod article;
pub(crate) mod care;
pub(crate) mod front_matter;
pub(crate) mod references;
pub(crate) mod reviewers;
pub(crate) mod vocabulary;

pub use article::{Article, CareRef, IdRef, SymptomRef};
pub use care::{CareBook, CareEntry};
pub use references::{Reference, Registry, SourceKind};
pub use reviewers::{Reviewer, Reviewers};
pub use vocabulary::{Level, SymptomDef, Vocabulary};

use crate::config::SiteConfig;
use crate::diagnostic::{Diagnostic, Kind};
use rayon::prelude::*;
use std::collections::HashMap;
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
    pub articles: Vec<Article>,
    /// Keys (`a/b.md`) of drafts left out of this build.
    pub skipped_drafts: Vec<String>,
    /// Keys of articles that exist but could not be read or parsed (already reported), so links
    /// to them are not reported a second time as broken.
    pub unreadable: Vec<String>,
    /// The symptom vocabulary, if `articles/symptoms.toml` exists.
    pub vocabulary: Option<Vocabulary>,
    /// The reference registry, if `articles/references.toml` exists (and parsed).
    pub references: Option<Registry>,
    /// The clinical reviewers, if `articles/reviewers.toml` exists (and parsed).
    pub reviewers: Option<Reviewers>,
    /// The shared care advice, if `articles/care.toml` exists.
    pub care: Option<CareBook>,
    /// Every file under `templates/`.
    pub templates: Vec<TemplateSource>,
    /// Every file under `static/`.
    pub static_files: Vec<StaticFile>,
    /// Hidden files and folders under `static/` (`.htaccess`, `.DS_Store`), which are not copied
    /// (`check` lists them).
    pub hidden_static: Vec<String>,
}

/// What earlier loads parsed, for `serve`: each article file's result, keyed by its path under
/// `articles/` and the bytes it was parsed from. An article whose file holds the same bytes is
/// not parsed again; everything else (the walk, its order, the symlink checks) runs every time.
#[derive(Debug, Default)]
pub struct Cache {
    articles: HashMap<String, (Vec<u8>, Result<Article, Diagnostic>)>,
    changed: Vec<String>,
}

impl Cache {
    /// The article files (paths from the site root) whose bytes the last load found new,
    /// edited or gone, sorted.
    pub fn changed(&self) -> &[String] {
        &self.changed
    }
}

/// Reads the site at `root`, returning what could be read and every problem found on the way:
/// a broken article does not stop the others from being read and checked.
pub fn load(root: &Path, config: SiteConfig, drafts: bool) -> (Loaded, Vec<Diagnostic>) {
    load_cached(root, config, drafts, &mut Cache::default())
}

/// `load`, reusing the articles `cache` holds for files whose bytes have not changed, and
/// leaving in it what this load read.
pub(crate) fn load_cached(
    root: &Path,
    config: SiteConfig,
    drafts: bool,
    cache: &mut Cache,
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
    let article_files = walk(&canonical_root, ARTICLES_DIR, &mut problems);
    let vocabulary = load_vocabulary(&canonical_root, &mut problems);
    let references = references::load(&canonical_root, &mut problems);
    let reviewers = reviewers::load(&canonical_root, &mut problems);
    let care = load_care(&canonical_root, &mut problems);
    problems.extend(article_files.iter().filter_map(misnamed_article));
    let parsed: Vec<(&Found, Read)> = article_files
        .par_iter()
        .filter(|f| f.rel.ends_with(".md"))
        .map(|f| (f, read_article(&canonical_root, f, cache)))
        .collect();
    let mut articles = Vec::new();
    let mut skipped_drafts = Vec::new();
    let mut unreadable = Vec::new();
    let mut earlier = std::mem::take(&mut cache.articles);
    let mut changed = Vec::new();
    for (found, read) in parsed {
        let result = match read {
            Read::Same(result) => {
                if let Some(entry) = earlier.remove(&found.rel) {
                    cache.articles.insert(found.rel.clone(), entry);
                }
                result
            }
            Read::New(bytes, result) => {
                if let Some(bytes) = bytes {
                    let entry = (bytes, result.clone());
                    cache.articles.insert(found.rel.clone(), entry);
                }
                changed.push(format!("{ARTICLES_DIR}/{}", found.rel));
                result
            }
        };
        match result {
            Ok(a) if a.front.draft && !drafts => skipped_drafts.push(a.key),
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
    let mut hidden_static = Vec::new();
    let static_files = walk_listing(
        &canonical_root,
        STATIC_DIR,
        &mut problems,
        &mut hidden_static,
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
        references,
        reviewers,
        care,
        templates,
        static_files,
        hidden_static,
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
    walk_listing(root, dir, problems, &mut Vec::new())
}

/// `walk`, also listing (in `hidden`, relative to the site root) the hidden files and folders
/// it leaves out.
fn walk_listing(
    root: &Path,
    dir: &str,
    problems: &mut Vec<Diagnostic>,
    hidden: &mut Vec<String>,
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
        let problem = match e.path().canonicalize() {
            Ok(target) if target.starts_with(root) => return true,
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
            });
        }
    }
    problems.append(&mut outside.into_inner());
    hidden.append(&mut left_out.into_inner());
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
    /// The bytes the cache has: its result (a copy).
    Same(Result<Article, Diagnostic>),
    /// Other bytes (`None`: they could not be read), parsed.
    New(Option<Vec<u8>>, Result<Article, Diagnostic>),
}

/// Reads and parses one article, or takes it from `cache` when the file holds the bytes it was
/// parsed from.
fn read_article(root: &Path, f: &Found, cache: &Cache) -> Read {
    let bytes = match read_article_bytes(root, f) {
        Ok(bytes) => bytes,
        Err(d) => return Read::New(None, Err(d)),
    };
    if let Some((same, result)) = cache.articles.get(&f.rel)
        && *same == bytes
    {
        return Read::Same(result.clone());
    }
    let result = article::decode(&f.display, bytes.clone())
        .and_then(|text| article::parse(f.display.clone(), f.rel.clone(), &text));
    Read::New(Some(bytes), result)
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
    let size = std::fs::metadata(&f.path).map(|m| m.len()).unwrap_or(0);
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
    read_bytes(root, f, article::MAX_ARTICLE_BYTES)
}

fn load_vocabulary(root: &Path, problems: &mut Vec<Diagnostic>) -> Option<Vocabulary> {
    let text = read_data_file(root, vocabulary::VOCABULARY_FILE, problems)?;
    match vocabulary::parse(&text) {
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
/// reading or parsing it is added to `problems`.
fn load_data<T>(
    root: &Path,
    rel: &str,
    parse: fn(&str) -> Result<T, Vec<Diagnostic>>,
    problems: &mut Vec<Diagnostic>,
) -> Option<T> {
    let text = read_data_file(root, rel, problems)?;
    match parse(&text) {
        Ok(value) => Some(value),
        Err(mut ds) => {
            problems.append(&mut ds);
            None
        }
    }
}

/// The shared care advice, if `articles/care.toml` exists; problems are reported in `problems`.
fn load_care(root: &Path, problems: &mut Vec<Diagnostic>) -> Option<CareBook> {
    load_data(root, care::CARE_FILE, care::parse, problems)
}
