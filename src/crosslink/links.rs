//! Resolving the links written in articles: to another article (and heading), to a static file,
//! to a heading on the same page, or to the outside world.

use crate::diagnostic::{Diagnostic, Kind, did_you_mean};
use crate::load::Article;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

/// Where a link written in an article leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Another article (or this one), possibly at a heading.
    Article {
        /// Index of the target in the site's article list.
        index: usize,
        /// Heading id, without `#`.
        fragment: Option<String>,
    },
    /// A heading on the same page.
    Anchor(String),
    /// A file under `static/`, by its path there, and what followed the path in the link (a
    /// `?query` and/or `#fragment`, with its `?` or `#`; empty if none), kept on the link.
    Static(String, String),
    /// An article of the original edition that this edition has not translated: its URL from
    /// this edition's root (`../sciatica/`), and the heading id, if any.
    Elsewhere {
        /// The page's URL from this edition's root.
        url: String,
        /// Heading id, without `#`.
        fragment: Option<String>,
    },
    /// Anything with a scheme (`https:`, `mailto:`, `tel:`): left alone.
    External,
}

/// An article's resolved links: each destination written in it and where it leads (shared
/// between the site and `serve`'s memo).
pub type Targets = Arc<BTreeMap<String, Target>>;

/// What link resolution needs to know about the site.
pub(crate) struct LinkIndex<'a> {
    /// Article key (`a/b.md`) -> index.
    pub by_key: HashMap<&'a str, usize>,
    /// Headings per article index (a few each: looked through, not hashed).
    pub headings: Vec<&'a [crate::markdown::Heading]>,
    /// Paths under `static/`.
    pub static_files: HashSet<&'a str>,
    /// Keys of drafts left out of this build.
    pub drafts: HashSet<&'a str>,
    /// Keys of articles that failed to load (already reported).
    pub unreadable: HashSet<&'a str>,
    /// In an edition: the original's untranslated articles, key -> URL from the edition's root.
    pub elsewhere: HashMap<&'a str, &'a str>,
}

impl<'a> LinkIndex<'a> {
    /// Indexes articles, their headings, static files and skipped drafts.
    pub(crate) fn new(
        articles: &'a [Arc<Article>],
        static_files: &'a [String],
        drafts: &'a [String],
        unreadable: &'a [String],
    ) -> Self {
        LinkIndex {
            by_key: articles
                .iter()
                .enumerate()
                .map(|(i, a)| (a.key.as_str(), i))
                .collect(),
            headings: articles
                .iter()
                .map(|a| a.outline.headings.as_slice())
                .collect(),
            static_files: static_files.iter().map(String::as_str).collect(),
            drafts: drafts.iter().map(String::as_str).collect(),
            unreadable: unreadable.iter().map(String::as_str).collect(),
            elsewhere: HashMap::new(),
        }
    }
}

/// The links resolved by the last cross-linking, for `serve`: an article's links are taken from
/// it when the article and every article they lead to are the same files (the same parse), in a
/// site of the same files (articles, static files, drafts, unreadable ones) in the same order,
/// and resolving them found no problem.
#[derive(Debug, Default)]
pub(crate) struct Memo(std::sync::Mutex<Option<Kept>>);

#[derive(Debug)]
struct Kept {
    files: u64,
    articles: Vec<Arc<Article>>,
    targets: Vec<Option<Targets>>,
}

/// A digest of every file a link can lead to, in order.
fn files_digest(index: &LinkIndex<'_>, articles: &[Arc<Article>]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut digest = crate::render::Digest::default();
    fn sorted<'s>(set: &HashSet<&'s str>) -> Vec<&'s str> {
        let mut list: Vec<&str> = set.iter().copied().collect();
        list.sort_unstable();
        list
    }
    articles.iter().for_each(|a| a.key.hash(&mut digest));
    (sorted(&index.static_files), sorted(&index.drafts)).hash(&mut digest);
    sorted(&index.unreadable).hash(&mut digest);
    digest.finish()
}

impl Memo {
    /// For each article, its links as the last cross-linking resolved them, when they can be
    /// reused (see [`Memo`]), with the digest of the site's files to [`Memo::keep`] them under.
    pub(crate) fn take(
        &self,
        articles: &[Arc<Article>],
        index: &LinkIndex<'_>,
    ) -> (u64, Vec<Option<Targets>>) {
        let files = files_digest(index, articles);
        let kept = self.0.lock().unwrap_or_else(|e| e.into_inner()).take();
        let Some(Kept {
            articles: old,
            targets,
            ..
        }) = kept.filter(|k| k.files == files)
        else {
            return (files, vec![None; articles.len()]);
        };
        let same = |i: usize| matches!((old.get(i), articles.get(i)), (Some(a), Some(b)) if Arc::ptr_eq(a, b));
        let leads_same = |t: &Targets| {
            t.values().all(|target| match target {
                Target::Article { index, .. } => same(*index),
                _ => true,
            })
        };
        let mut targets = targets;
        targets.resize(articles.len(), None);
        let targets = (targets.into_iter().enumerate())
            .map(|(i, t)| t.filter(|t| same(i) && leads_same(t)))
            .collect();
        (files, targets)
    }

    /// Keeps each article's resolved links (`None`: resolving them found a problem), for a
    /// site whose files digest as `files` ([`Memo::take`]).
    pub(crate) fn keep(
        &self,
        files: u64,
        articles: &[Arc<Article>],
        targets: Vec<Option<Targets>>,
    ) {
        let kept = Kept {
            files,
            articles: articles.to_vec(),
            targets,
        };
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(kept);
    }
}

pub(crate) use crate::url::{is_external, is_unsafe};

/// Joins `dest` onto the folder `base` (both `/`-separated, relative to the site root) and
/// removes `.` and `..`; `None` if it climbs above the site root.
fn normalize(base: &str, dest: &str) -> Option<String> {
    let mut parts: Vec<&str> = base.split('/').filter(|s| !s.is_empty()).collect();
    for part in dest.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

/// Resolves every link of article `from`; problems are pushed to `problems`.
pub(crate) fn resolve(
    from: usize,
    article: &Article,
    index: &LinkIndex<'_>,
    problems: &mut Vec<Diagnostic>,
) -> BTreeMap<String, Target> {
    let mut resolved = BTreeMap::new();
    for link in &article.outline.links {
        if link.raw {
            if let Err(problem) = check_raw(from, &link.dest, index) {
                let (line, column) = article.body_position(link.offset);
                problems.push(problem.located(article, line, column));
            }
            continue;
        }
        if resolved.contains_key(&link.dest) && !link.dest.is_empty() {
            continue;
        }
        match resolve_one(from, article, &link.dest, index) {
            Ok(target) => {
                resolved.insert(link.dest.clone(), target);
            }
            Err(problem) => {
                let (line, column) = article.body_position(link.offset);
                problems.push(problem.located(article, line, column));
            }
        }
    }
    resolved
}

/// A link problem before it is given a place.
struct LinkProblem {
    kind: Kind,
    message: String,
    hint: Option<String>,
}

impl LinkProblem {
    fn new(kind: Kind, message: String, hint: Option<String>) -> Self {
        LinkProblem {
            kind,
            message,
            hint,
        }
    }

    fn located(self, article: &Article, line: usize, column: usize) -> Diagnostic {
        let d = Diagnostic::error(self.kind, &article.source, self.message).at(line, column);
        match self.hint {
            Some(h) => d.hint(h),
            None => d,
        }
    }
}

fn unsafe_link(dest: &str) -> LinkProblem {
    LinkProblem::new(
        Kind::BrokenLink,
        format!("`{dest}` is not allowed: links that run code or open local files are unsafe"),
        Some("link to an article, a file under static/, or an https:// address".into()),
    )
}

/// A URL in raw HTML is written to the page as it is: it must be safe, and a web address or a
/// heading on this page, since a relative path would not lead where it does in the Markdown.
fn check_raw(from: usize, dest: &str, index: &LinkIndex<'_>) -> Result<(), LinkProblem> {
    if is_unsafe(dest) {
        return Err(unsafe_link(dest));
    }
    if dest.is_empty() || is_external(dest) {
        return Ok(());
    }
    if let Some(fragment) = dest.strip_prefix('#') {
        return check_anchor(from, fragment, index, "this page");
    }
    Err(LinkProblem::new(
        Kind::BrokenLink,
        format!(
            "`{dest}` in raw HTML is written to the page as it is, where it would not lead to the article or file"
        ),
        Some(format!(
            "write it as a Markdown link, `[text]({dest})` or `![alt]({dest})`, which the build points at the right page, or use a full https:// address"
        )),
    ))
}

fn resolve_one(
    from: usize,
    article: &Article,
    dest: &str,
    index: &LinkIndex<'_>,
) -> Result<Target, LinkProblem> {
    if dest.is_empty() {
        return Err(LinkProblem::new(
            Kind::BrokenLink,
            "the link has no destination".into(),
            Some("write the article file to link to, e.g. `[text](other-article.md)`".into()),
        ));
    }
    if is_unsafe(dest) {
        return Err(unsafe_link(dest));
    }
    if is_external(dest) {
        return Ok(Target::External);
    }
    let (path, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (dest, None),
    };
    // A query belongs to the URL, not to the file name: `leaflet.pdf?v=2#page=3`.
    let path = path.split_once('?').map_or(path, |(p, _)| p);
    if path.is_empty() {
        let fragment = fragment.unwrap_or_default();
        return check_anchor(from, fragment, index, "this page")
            .map(|()| Target::Anchor(fragment.to_string()));
    }
    if path.starts_with('/') {
        return Err(LinkProblem::new(Kind::BrokenLink,
            format!("`{dest}` starts with `/`, which breaks when the site is served from a subfolder"),
            Some("link to the file relatively, as it sits next to this one: `other-article.md` or `../static/file.png`".into())));
    }
    let folder = match article.key.rfind('/') {
        Some(slash) => format!("articles/{}", &article.key[..slash]),
        None => "articles".to_string(),
    };
    let Some(target) = normalize(&folder, path) else {
        return Err(LinkProblem::new(Kind::BrokenLink,
            format!("`{dest}` points outside the site folder"),
            Some("links may only lead to other articles (`.md` files under articles/) or to files under static/".into())));
    };
    if let Some(key) = target
        .strip_prefix("articles/")
        .filter(|k| k.ends_with(".md"))
    {
        return resolve_article(dest, key, fragment, index);
    }
    if let Some(file) = target.strip_prefix("static/") {
        if index.static_files.contains(file) {
            // `path` is the start of `dest`: what follows it is the query and fragment.
            let suffix = dest.get(path.len()..).unwrap_or_default();
            return Ok(Target::Static(file.to_string(), suffix.to_string()));
        }
        return Err(LinkProblem::new(
            Kind::BrokenLink,
            format!("`{dest}` points to a file that is not in static/"),
            did_you_mean(file, index.static_files.iter().copied())
                .map(|f| format!("did you mean `{f}`?")),
        ));
    }
    Err(LinkProblem::new(Kind::BrokenLink,
        format!("`{dest}` is not an article or a file in static/"),
        Some("link to an article's `.md` file, a file under static/, or a full web address (https://...)".into())))
}

fn resolve_article(
    dest: &str,
    key: &str,
    fragment: Option<&str>,
    index: &LinkIndex<'_>,
) -> Result<Target, LinkProblem> {
    if index.unreadable.contains(key) {
        return Ok(Target::External);
    }
    let Some(&target) = index.by_key.get(key) else {
        if let Some(url) = index.elsewhere.get(key) {
            return Ok(Target::Elsewhere {
                url: url.to_string(),
                fragment: fragment.map(str::to_string),
            });
        }
        if index.drafts.contains(key) {
            return Err(LinkProblem::new(
                Kind::BrokenLink,
                format!("`{dest}` is a draft, which this build leaves out"),
                Some(
                    "publish it (remove `draft = true`), build with --drafts, or remove the link"
                        .into(),
                ),
            ));
        }
        let hint =
            did_you_mean(key, index.by_key.keys().copied()).map(|k| format!("did you mean `{k}`?"));
        return Err(LinkProblem::new(
            Kind::BrokenLink,
            format!("`{dest}` does not exist"),
            hint.or(Some(
                "check the file name; links are relative to this article's folder".into(),
            )),
        ));
    };
    match fragment {
        Some(f) => {
            check_anchor(target, f, index, key)?;
            Ok(Target::Article {
                index: target,
                fragment: Some(f.to_string()),
            })
        }
        None => Ok(Target::Article {
            index: target,
            fragment: None,
        }),
    }
}

fn check_anchor(
    article: usize,
    fragment: &str,
    index: &LinkIndex<'_>,
    name: &str,
) -> Result<(), LinkProblem> {
    let headings = index.headings[article];
    if headings.iter().any(|h| h.id == fragment) {
        return Ok(());
    }
    let mut ids: Vec<&str> = headings.iter().map(|h| h.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    let hint = match did_you_mean(fragment, ids.iter().copied()) {
        Some(id) => format!("did you mean `#{id}`?"),
        None if ids.is_empty() => format!("{name} has no headings"),
        None => format!(
            "headings there: {}",
            ids.iter()
                .map(|i| format!("#{i}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    Err(LinkProblem::new(
        Kind::BrokenAnchor,
        format!("there is no heading `#{fragment}` in {name}"),
        Some(hint),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn external_links_are_recognised() {
        for dest in ["https://x.org", "mailto:a@b.org", "tel:911", "//cdn.x/y"] {
            assert!(is_external(dest), "{dest}");
        }
        for dest in ["b12.md", "../a/b.md#x", "#top", "a/b:c.md"] {
            assert!(!is_external(dest), "{dest}");
        }
    }

    #[test]
    fn normalize_joins_and_refuses_to_climb_out() {
        assert_eq!(
            normalize("articles/a", "../b.md").as_deref(),
            Some("articles/b.md")
        );
        assert_eq!(
            normalize("articles", "./x/../y.md").as_deref(),
            Some("articles/y.md")
        );
        assert_eq!(
            normalize("articles", "../static/i.png").as_deref(),
            Some("static/i.png")
        );
        assert_eq!(normalize("articles", "../../etc/passwd.md"), None);
    }
}
