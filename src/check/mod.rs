//! `check`: every validation of `build` (nothing written), plus content-quality warnings
//! ([`warnings`]) and, when asked, a check of links to other sites ([`external`]).
//!
//! Warnings do not fail the check unless it is strict (`--strict`, for CI), which turns them into
//! errors. The report is the same in both forms: lines for people, JSON for tools ([`report`]).

pub(crate) mod evidence;
pub(crate) mod external;
pub(crate) mod prose;
pub(crate) mod report;
pub(crate) mod safety;
pub(crate) mod warnings;

pub use crate::quality::{Readability, readability};
pub use warnings::today;

use crate::diagnostic::{Diagnostic, Severity, sorted};
use crate::progress::Progress;
use crate::{BuildOptions, Linked, Summary};
use report::DiagnosticView;
use serde::Serialize;
use std::time::Instant;

/// What to check and how.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// The site, drafts, base URL (`out` is ignored: `check` never writes).
    pub build: BuildOptions,
    /// Warnings become errors.
    pub strict: bool,
    /// Also check links to other sites (slow, needs the network).
    pub external: bool,
}

/// Everything a check found.
#[derive(Debug, Clone)]
pub struct Report {
    /// Errors and warnings, sorted by file and line.
    pub diagnostics: Vec<Diagnostic>,
    /// What was checked, when the site built.
    pub summary: Option<Summary>,
    /// True when the problem is in how the program was called.
    pub usage: bool,
    /// True when warnings were turned into errors.
    pub strict: bool,
}

impl Report {
    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// 0 when there are no errors, 1 for errors in the content, 2 for bad usage.
    pub fn exit_code(&self) -> u8 {
        match (self.usage, self.errors()) {
            (true, _) => 2,
            (false, 0) => 0,
            (false, _) => 1,
        }
    }

    /// The report as JSON (no timings, so the same input gives the same bytes).
    pub fn json(&self) -> String {
        let view = JsonReport {
            ok: self.exit_code() == 0,
            strict: self.strict,
            errors: self.errors(),
            warnings: self.warnings(),
            summary: self.summary.as_ref().map(|s| JsonSummary {
                articles: s.articles,
                symptom_pages: s.symptom_pages,
                pages: s.pages,
                static_files: s.static_files,
            }),
            diagnostics: self.diagnostics.iter().map(DiagnosticView::from).collect(),
        };
        serde_json::to_string_pretty(&view).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
    }
}

#[derive(Serialize)]
struct JsonReport {
    ok: bool,
    strict: bool,
    errors: usize,
    warnings: usize,
    summary: Option<JsonSummary>,
    diagnostics: Vec<DiagnosticView>,
}

#[derive(Serialize)]
struct JsonSummary {
    articles: usize,
    symptom_pages: usize,
    pages: usize,
    static_files: usize,
}

/// Checks the site with the steps of `build` but no writing: configure -> load and cross-link ->
/// the quality warnings over the linked site (and, when asked, its external links) -> render every
/// page and discard it. Errors of any step are reported with the warnings found before it.
pub fn check(options: &CheckOptions, progress: &Progress) -> Report {
    let started = Instant::now();
    let build = &options.build;
    let linked =
        crate::configure(build).and_then(|config| crate::load_and_link(build, config, progress));
    let Linked {
        site,
        templates,
        editions,
        warnings: late,
    } = match linked {
        Ok(linked) => linked,
        Err(failure) => return Report::new(failure.diagnostics, None, failure.usage, options),
    };
    let mut found = warnings::warnings(&site, warnings::today());
    for edition in &editions {
        found.extend(warnings::edition_warnings(&edition.site, warnings::today()));
    }
    found.extend(late);
    if options.external {
        progress.stage("checking external links", 0);
        found.extend(external::check(&site));
    }
    let rendered = templates.map_err(crate::Failure::content).and_then(|tera| {
        let planned = crate::plan_editions(&site, tera, &editions, build)?;
        for edition in &planned {
            crate::render_all(&edition.renderer, &edition.pages, progress)?;
        }
        Ok(Summary::of_editions(&site, &planned, started))
    });
    let report = match rendered {
        Ok(summary) => Report::new(found, Some(summary), false, options),
        Err(failure) => {
            let mut all = failure.diagnostics;
            all.extend(found);
            Report::new(all, None, failure.usage, options)
        }
    };
    crate::free_in_background((site, editions));
    report
}

impl Report {
    /// The report of `diagnostics`, every warning an error when the check is strict.
    fn new(
        mut diagnostics: Vec<Diagnostic>,
        summary: Option<Summary>,
        usage: bool,
        options: &CheckOptions,
    ) -> Self {
        if options.strict {
            for d in &mut diagnostics {
                d.severity = Severity::Error;
            }
        }
        Report {
            diagnostics: sorted(diagnostics),
            summary,
            usage,
            strict: options.strict,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Kind;
    use std::path::{Path, PathBuf};

    /// A copy of the basic fixture site with an overdue review, in a temporary folder.
    fn overdue_site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temporary folder");
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
        for entry in walkdir::WalkDir::new(&fixture).into_iter().flatten() {
            let Ok(rel) = entry.path().strip_prefix(&fixture) else {
                continue;
            };
            let to = dir.path().join(rel);
            match entry.file_type().is_dir() {
                true => std::fs::create_dir_all(&to).expect("folder"),
                false => drop(std::fs::copy(entry.path(), &to).expect("copy")),
            }
        }
        let article = dir.path().join("articles/tingling.md");
        let text = std::fs::read_to_string(&article).expect("tingling.md");
        std::fs::write(
            &article,
            text.replace("reviewed = 2026-01-10", "reviewed = 2020-01-10"),
        )
        .expect("write");
        dir
    }

    #[test]
    fn check_reads_each_file_of_the_site_once() {
        let site = overdue_site();
        let options = CheckOptions {
            build: BuildOptions {
                root: site.path().to_path_buf(),
                ..BuildOptions::default()
            },
            ..CheckOptions::default()
        };
        let report = check(&options, &Progress::silent());
        assert_eq!(report.errors(), 0, "{:#?}", report.diagnostics);
        // Warnings placed from what loading kept: a front-matter key, a vocabulary entry.
        let at = |kind: Kind, file: &str| {
            report
                .diagnostics
                .iter()
                .find(|d| d.kind == kind && d.file == Path::new(file))
                .map(|d| d.line)
        };
        assert_eq!(
            at(Kind::ReviewOverdue, "articles/tingling.md"),
            Some(Some(6))
        );
        assert!(matches!(
            at(Kind::RareSymptom, "articles/symptoms.toml"),
            Some(Some(_))
        ));
        let canonical = crate::input::canonical_root(site.path());
        let opened: Vec<PathBuf> = crate::input::OPENED
            .lock()
            .map(|all| {
                let mine = all.iter().filter(|p| p.starts_with(&canonical));
                mine.cloned().collect()
            })
            .unwrap_or_default();
        let mut seen = std::collections::BTreeSet::new();
        let twice: Vec<&PathBuf> = opened.iter().filter(|p| !seen.insert(*p)).collect();
        assert!(twice.is_empty(), "read more than once: {twice:?}");
        assert!(
            opened.iter().any(|p| p.ends_with("articles/symptoms.toml")),
            "the vocabulary is read (once): {opened:?}"
        );
    }
}
