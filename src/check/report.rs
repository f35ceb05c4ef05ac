//! The `check` report: readable lines for people, or the same report as JSON for tools.

use crate::diagnostic::{Diagnostic, Severity};
use serde::Serialize;

/// One diagnostic as plain fields, for JSON (the `check` report and the browser overlay in
/// `serve`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct DiagnosticView {
    /// `error` or `warning`.
    pub severity: &'static str,
    /// The kind's stable name ([`crate::diagnostic::Kind::name`]), e.g. `broken-link`.
    pub kind: &'static str,
    /// The file, relative to the site root.
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
}

impl From<&Diagnostic> for DiagnosticView {
    fn from(d: &Diagnostic) -> Self {
        DiagnosticView {
            severity: match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            kind: d.kind.name(),
            file: d.file.to_string_lossy().replace('\\', "/"),
            line: d.line,
            column: d.column,
            message: d.message.clone(),
            hint: d.hint.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Kind;

    #[test]
    fn a_view_names_its_kind_by_the_stable_name() {
        let d = Diagnostic::error(Kind::BrokenAnchor, "articles/a.md", "m").at(3, 4);
        let v = DiagnosticView::from(&d);
        assert_eq!(
            (v.kind, v.severity, v.line),
            ("broken-anchor", "error", Some(3))
        );
    }
}
