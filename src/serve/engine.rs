//! The incremental build behind `serve`: the site's sources and its last good build in memory,
//! brought up to date after every change by rendering only the pages the change touches.
//!
//! Each rebuild re-reads what changed, cross-links the whole site again (cheap: it works from
//! indexes), asks [`super::plan`] which pages are stale, renders those, and assembles a new
//! [`Snapshot`] of every output file. A snapshot is complete before it is handed out, so no one is
//! ever served a half-built site; when a rebuild fails, the last good snapshot stays.

use super::extras::{Extras, ExtrasJob};
use super::fast::{self, FastChange};
use super::plan;
use super::sources::{Changes, Sources};
use super::template_deps;
use crate::crosslink::Site;
use crate::diagnostic::{Diagnostic, Kind, sorted};
use crate::progress::Progress;
use crate::render::{self, Page, RenderOptions, Renderer};
use crate::{crosslink, write};
use axum::body::Bytes;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Every file of one build of the site, by its path in the output (`a/b/index.html`).
#[derive(Debug, Default)]
pub struct Snapshot {
    /// Counts builds, starting at 1.
    pub version: u64,
    /// Pages and static files by output path.
    pub files: HashMap<String, Bytes>,
    /// Files generated from the whole site (search index, finder data, sitemap, feed).
    pub extras: Extras,
}

/// What a successful rebuild did.
#[derive(Debug)]
pub struct Rebuilt {
    /// The new site.
    pub snapshot: Arc<Snapshot>,
    /// Output paths of pages and static files whose content changed, appeared or went away,
    /// sorted.
    pub changed: Vec<String>,
    /// Pages rendered.
    pub rendered: usize,
    /// Pages in the site.
    pub pages: usize,
    /// True when every page was rendered.
    pub full: bool,
    /// True when the last good site was updated in place ([`fast`]) instead of cross-linked
    /// from scratch.
    pub fast: bool,
    /// The source files that changed, for messages.
    pub sources: Vec<String>,
    /// Time taken, from the change being noticed to the new snapshot.
    pub elapsed: Duration,
    /// The generated files still to make, when they were not made with the pages: run it (on
    /// any thread) to complete the snapshot.
    pub extras: Option<ExtrasJob>,
}

/// The result of applying a change.
#[derive(Debug)]
pub enum Outcome {
    /// Nothing that the site is made from changed (a file was saved unchanged, an editor's
    /// temporary file came and went).
    Unchanged,
    /// A new snapshot.
    Rebuilt(Box<Rebuilt>),
    /// The change broke the site; the last good snapshot stays. Sorted by file and line.
    Failed(Vec<Diagnostic>),
}

/// The last good build.
struct Good {
    site: Arc<Site>,
    tera: tera::Tera,
    snapshot: Arc<Snapshot>,
}

/// The site, kept built in memory.
pub struct Engine {
    sources: Sources,
    local_url: Option<String>,
    pending: Changes,
    good: Option<Good>,
    failing: bool,
}

/// The page templates (every required template but the base they extend), for working out which
/// pages a template change reaches.
fn page_templates() -> Vec<&'static str> {
    render::templates::REQUIRED
        .into_iter()
        .filter(|&t| t != "base.html")
        .collect()
}

impl Engine {
    /// Reads the site at `root`. `local_url` replaces `base_url` (when `site.toml` sets one) so
    /// that absolute links lead to the local server. Call [`Engine::rebuild`] to build it.
    pub fn new(root: &Path, drafts: bool, local_url: Option<String>) -> Result<Engine, Diagnostic> {
        let root = root.canonicalize().map_err(|e| {
            Diagnostic::error(
                Kind::Read,
                root,
                format!("cannot open the site folder: {e}"),
            )
            .hint("pass the folder that holds site.toml with --root")
        })?;
        Ok(Engine {
            sources: Sources::read(&root, drafts),
            local_url,
            pending: Changes {
                everything: true,
                ..Changes::default()
            },
            good: None,
            failing: false,
        })
    }

    /// The last good snapshot, if the site ever built.
    pub fn snapshot(&self) -> Option<Arc<Snapshot>> {
        self.good.as_ref().map(|g| g.snapshot.clone())
    }

    /// Applies a change to the files at `paths` (absolute); `rescan` re-reads everything.
    pub fn apply(&mut self, paths: &[PathBuf], rescan: bool) -> Outcome {
        let changes = self.sources.update(paths, rescan);
        if changes.is_empty() && (self.good.is_some() || self.failing) {
            return Outcome::Unchanged;
        }
        self.pending.merge(changes);
        self.rebuild(&Progress::silent())
    }

    /// Forgets the last build's bookkeeping so the next rebuild renders everything (after an
    /// internal failure, when the state cannot be trusted).
    pub fn reset(&mut self) {
        self.pending.everything = true;
    }

    /// Builds what changed since the last good build (everything the first time).
    pub fn rebuild(&mut self, progress: &Progress) -> Outcome {
        let started = Instant::now();
        match self.try_rebuild(progress) {
            Ok(mut rebuilt) => {
                rebuilt.elapsed = started.elapsed();
                self.failing = false;
                Outcome::Rebuilt(Box::new(rebuilt))
            }
            Err(problems) => {
                self.failing = true;
                Outcome::Failed(sorted(problems))
            }
        }
    }

    fn try_rebuild(&mut self, progress: &Progress) -> Result<Rebuilt, Vec<Diagnostic>> {
        progress.stage("cross-linking", 0);
        let (site, tera, fast) = self.link()?;
        let pages = render::pages(&site);
        let renderer = Renderer::new(&site, tera.clone(), RenderOptions::default());
        let old = self.good.as_ref().map(|g| g.snapshot.clone());
        // The first build (and one after the configuration changed) makes the generated files
        // with the pages, so their names are known; later ones leave them to a job.
        let extras_now =
            (old.is_none() || self.pending.everything).then(|| renderer.extra_files(&pages));
        let extra_names: BTreeSet<String> = match (&extras_now, &old) {
            (Some(files), _) => files.iter().map(|(p, _)| p.clone()).collect(),
            (None, Some(old)) => old.extras.names().map(|n| (*n).clone()).unwrap_or_default(),
            (None, None) => BTreeSet::new(),
        };
        let extra_list: Vec<String> = extra_names.iter().cloned().collect();
        let outputs = write::outputs(&site, &pages, &extra_list, &site.static_files);
        let collisions = write::check_collisions(&outputs);
        if !collisions.is_empty() {
            return Err(collisions);
        }
        let selected = self.select(&site, &pages, fast.as_ref());
        let full = selected.iter().all(|s| *s);
        progress.stage("rendering pages", selected.iter().filter(|s| **s).count());
        let rendered = render_selected(&renderer, &pages, &selected, progress)?;
        drop(renderer);
        let rendered_count = rendered.len();
        let statics = self.sources.static_bytes();
        let (files, changed) = assemble(old.as_deref(), &pages, rendered, statics);
        let (extras, job) = match extras_now {
            Some(files) => (Extras::ready(files), None),
            None => {
                let (extras, promise) = Extras::pending(Some(Arc::new(extra_names)));
                let job = ExtrasJob::new(site.clone(), tera.clone(), pages.clone(), promise);
                (extras, Some(job))
            }
        };
        let snapshot = Arc::new(Snapshot {
            version: old.as_ref().map_or(1, |s| s.version + 1),
            files,
            extras,
        });
        let sources = std::mem::take(&mut self.pending).files();
        self.good = Some(Good {
            site,
            tera,
            snapshot: snapshot.clone(),
        });
        Ok(Rebuilt {
            snapshot,
            changed,
            rendered: rendered_count,
            pages: pages.len(),
            full,
            fast: fast.is_some(),
            sources,
            elapsed: Duration::ZERO,
            extras: job,
        })
    }

    /// The cross-linked site and its templates: the last good one updated in place when the
    /// change allows ([`fast`]), else linked from scratch.
    fn link(&mut self) -> Result<(Arc<Site>, tera::Tera, Option<FastChange>), Vec<Diagnostic>> {
        if let Some(good) = &mut self.good
            && let Some(edits) = fast::edits(&good.site, &self.sources, &self.pending)
        {
            let site = Arc::make_mut(&mut good.site);
            let change = fast::relink(site, &self.sources, edits)?;
            return Ok((good.site.clone(), good.tera.clone(), Some(change)));
        }
        let (loaded, mut problems) = self
            .sources
            .loaded(self.local_url.as_deref())
            .map_err(|d| vec![d])?;
        let tera = render::templates::compile(&loaded.templates);
        if let Err(template_problems) = &tera {
            problems.extend(template_problems.iter().cloned());
        }
        let site = crosslink::cross_link(loaded, problems)?;
        Ok((Arc::new(site), tera?, None))
    }

    /// Which of the new site's pages to render: the stale ones, plus any the last snapshot lacks.
    fn select(&self, site: &Site, pages: &[Page], fast: Option<&FastChange>) -> Vec<bool> {
        let Some(good) = self.good.as_ref().filter(|_| !self.pending.everything) else {
            return vec![true; pages.len()];
        };
        let affected = template_deps::affected(
            self.sources.templates(),
            &page_templates(),
            &self.pending.templates,
        );
        let mut selected = match fast {
            Some(change) => plan::select_fast(site, pages, &self.pending, &change.lists_changed),
            None => plan::select(&good.site, site, pages, &self.pending, &affected),
        };
        for (page, selected) in pages.iter().zip(&mut selected) {
            *selected |= !good.snapshot.files.contains_key(&page.output);
        }
        selected
    }
}

/// Renders the selected pages in parallel: (output path, HTML), or every problem.
fn render_selected(
    renderer: &Renderer<'_>,
    pages: &[Page],
    selected: &[bool],
    progress: &Progress,
) -> Result<Vec<(String, Bytes)>, Vec<Diagnostic>> {
    let results: Vec<Result<(String, Bytes), Diagnostic>> = pages
        .par_iter()
        .zip(selected)
        .filter(|(_, selected)| **selected)
        .map(|(page, _)| {
            let html = renderer.render(page);
            progress.inc(1);
            html.map(|html| (page.output.clone(), Bytes::from(html)))
        })
        .collect();
    let (ok, problems): (Vec<_>, Vec<_>) = results.into_iter().partition(Result::is_ok);
    if problems.is_empty() {
        Ok(ok.into_iter().filter_map(Result::ok).collect())
    } else {
        Err(problems.into_iter().filter_map(Result::err).collect())
    }
}

/// The new set of pages and static files: the old snapshot's, less those no longer produced,
/// with the rendered pages and static files put in. Returns it and the paths that differ.
fn assemble(
    old: Option<&Snapshot>,
    pages: &[Page],
    rendered: Vec<(String, Bytes)>,
    statics: &HashMap<String, Bytes>,
) -> (HashMap<String, Bytes>, Vec<String>) {
    let mut files = old.map(|s| s.files.clone()).unwrap_or_default();
    let wanted: HashSet<&str> = pages
        .iter()
        .map(|p| p.output.as_str())
        .chain(statics.keys().map(String::as_str))
        .collect();
    let mut changed: Vec<String> = files
        .keys()
        .filter(|path| !wanted.contains(path.as_str()))
        .cloned()
        .collect();
    for path in &changed {
        files.remove(path);
    }
    let statics = statics.iter().map(|(p, b)| (p.clone(), b.clone()));
    for (path, bytes) in rendered.into_iter().chain(statics) {
        if files.get(&path) != Some(&bytes) {
            changed.push(path.clone());
            files.insert(path, bytes);
        }
    }
    changed.sort();
    changed.dedup();
    (files, changed)
}
