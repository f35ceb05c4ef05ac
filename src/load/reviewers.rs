//! The clinical reviewers, `articles/reviewers.toml`: one table per reviewer id, so that a page's
//! "Reviewed by" line names a real person with their credentials and is never invented.

use super::vocabulary::{is_slug, table_lines, toml_error};
use crate::diagnostic::{Diagnostic, Kind};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// Where the reviewers are listed, relative to the site root.
pub(crate) const REVIEWERS_FILE: &str = "articles/reviewers.toml";

/// A clinician who reviews pages.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reviewer {
    /// Full name, e.g. "Jane Doe".
    pub name: String,
    /// Qualifications, e.g. "MBBS, FRCGP".
    pub credentials: String,
    /// What they do, e.g. "General practitioner".
    pub role: String,
}

/// Every reviewer, by id.
pub type Reviewers = BTreeMap<String, Reviewer>;

/// Parses the reviewers file; every problem found is returned.
pub(crate) fn parse(text: &str) -> Result<Reviewers, Vec<Diagnostic>> {
    let reviewers: Reviewers = toml::from_str(text).map_err(|e| {
        vec![toml_error(
            REVIEWERS_FILE,
            text,
            &e,
            "a reviewer has `name`, `credentials` and `role`",
            "every reviewer needs `name`, `credentials` and `role`",
        )]
    })?;
    let tables = table_lines(text);
    let problems: Vec<Diagnostic> = reviewers
        .iter()
        .filter_map(|(id, r)| {
            let line = tables.get(id.as_str()).copied().unwrap_or(1);
            let error = |message: String, hint: &str| {
                Diagnostic::error(Kind::InvalidValue, REVIEWERS_FILE, message)
                    .at_line(line)
                    .hint(hint)
            };
            if !is_slug(id) {
                Some(error(
                    format!("`{id}` is not a valid reviewer id"),
                    "use lower-case letters, digits and hyphens, for example `jane-doe`",
                ))
            } else if r.name.trim().is_empty() || r.credentials.trim().is_empty() {
                Some(error(
                    format!("reviewer `{id}` needs a name and credentials"),
                    "pages show them as \"Reviewed by NAME, CREDENTIALS\": write both",
                ))
            } else {
                None
            }
        })
        .collect();
    if problems.is_empty() {
        Ok(reviewers)
    } else {
        Err(problems)
    }
}

/// Reads the reviewers under `root`, if the file exists.
pub(crate) fn load(
    root: &Path,
    problems: &mut Vec<Diagnostic>,
    cache: &mut super::DataCache,
) -> Option<Reviewers> {
    super::load_data(root, REVIEWERS_FILE, parse, problems, cache)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_locates_problems() {
        let ok = parse("[jane-doe]\nname = \"Jane Doe\"\ncredentials = \"MBBS\"\nrole = \"GP\"\n")
            .expect("valid");
        assert_eq!(ok["jane-doe"].credentials, "MBBS");
        let key = parse("[a]\nname = \"A\"\ncredentials = \"B\"\nrole = \"C\"\nemail = \"x\"\n")
            .expect_err("unknown key");
        assert_eq!((key[0].kind, key[0].line), (Kind::UnknownKey, Some(5)));
        let empty = parse("[a]\nname = \"A\"\ncredentials = \" \"\nrole = \"C\"\n")
            .expect_err("no credentials");
        assert_eq!(
            (empty[0].kind, empty[0].line),
            (Kind::InvalidValue, Some(1))
        );
    }
}
