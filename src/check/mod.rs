//! `check`: every validation of `build` (nothing written), plus content-quality warnings
//! ([`warnings`]) and, when asked, a check of links to other sites ([`external`]).
//!
//! Warnings do not fail the check unless it is strict (`--strict`, for CI), which turns them into
//! errors. The report is the same in both forms: lines for people, JSON for tools ([`report`]).

pub mod evidence;
pub mod external;
pub mod prose;
pub mod report;
pub mod safety;
pub mod warnings;

use crate::diagnostic::{Diagnostic, Severity, sorted};
use crate::progress::Progress;
use crate::{BuildOptions, Summary};
use report::DiagnosticView;
use serde::Serialize;

/// What to check and how.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// The site, drafts, base URL (`write` is ignored: `check` never writes).
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

/// Checks the site: builds it without writing, then adds the quality warnings.
pub fn check(options: &CheckOptions, progress: &Progress) -> Report {
    let build = BuildOptions {
        write: false,
        out: None,
        ..options.build.clone()
    };
    let root = build.root.clone();
    let mut found = Vec::new();
    let result = crate::build_with(&build, progress, &mut |site| {
        found = warnings::warnings(site, &root, warnings::today());
        if options.external {
            progress.stage("checking external links", 0);
            found.extend(external::check(site));
        }
    });
    let (mut diagnostics, summary, usage) = match result {
        Ok(summary) => (found, Some(summary), false),
        Err(failure) => {
            let mut all = failure.diagnostics;
            all.extend(found);
            (all, None, failure.usage)
        }
    };
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
