//! The `check` report: readable lines for people, or the same report as JSON for tools.

use crate::diagnostic::{Diagnostic, Severity};
use serde::Serialize;

/// One diagnostic as plain fields, for JSON (the `check` report and the browser overlay in
/// `serve`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiagnosticView {
    /// `error` or `warning`.
    pub severity: &'static str,
    /// The kind in kebab case, e.g. `broken-link`, `reading-level`.
    pub kind: String,
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
            kind: kebab(&format!("{:?}", d.kind)),
            file: d.file.to_string_lossy().replace('\\', "/"),
            line: d.line,
            column: d.column,
            message: d.message.clone(),
            hint: d.hint.clone(),
        }
    }
}

/// `BrokenLink` -> `broken-link`.
pub fn kebab(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Kind;

    #[test]
    fn kinds_are_kebab_case() {
        assert_eq!(kebab("BrokenLink"), "broken-link");
        assert_eq!(kebab("Toml"), "toml");
        let d = Diagnostic::error(Kind::BrokenAnchor, "articles/a.md", "m").at(3, 4);
        let v = DiagnosticView::from(&d);
        assert_eq!(
            (v.kind.as_str(), v.severity, v.line),
            ("broken-anchor", "error", Some(3))
        );
    }
}
