//! Care advice written once, `articles/care.toml`: one table per entry id, with its level, its
//! text and optionally a group, the symptoms it belongs to and the references behind it.

use super::vocabulary::{Level, is_slug, table_lines, toml_error};
use crate::diagnostic::{Diagnostic, Kind, LineIndex};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// Where the care advice lives, relative to the site root.
pub(crate) const CARE_FILE: &str = "articles/care.toml";

/// One entry as written in `care.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryToml {
    level: Level,
    text: toml::Spanned<String>,
    #[serde(default)]
    group: Option<String>,
    #[serde(default)]
    symptoms: Vec<toml::Spanned<String>>,
    #[serde(default)]
    references: Vec<toml::Spanned<String>>,
}

/// A value written in `care.toml`, with its place in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    /// The value as written.
    pub value: String,
    /// 1-based line in `care.toml`.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

/// One shared care advice entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CareEntry {
    /// Its id, e.g. `cauda-equina-bladder`.
    pub id: String,
    /// How soon to get help.
    pub level: Level,
    /// The condition, completing "Call ... now if" / "Get help today if" / "See ... if"; may
    /// hold `{{...}}` placeholders for local services.
    pub text: String,
    /// Where the text starts (the opening quote), for messages.
    pub text_at: (usize, usize),
    /// Heading it is grouped under on the emergency page, if any.
    pub group: Option<String>,
    /// Symptom slugs it belongs to, with their places.
    pub symptoms: Vec<Placed>,
    /// Reference ids behind it, with their places (checked against the reference registry).
    pub references: Vec<Placed>,
    /// 1-based line of its `[id]` table header.
    pub line: usize,
}

/// Every care entry, in the order written in the file (the order the emergency page keeps).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CareBook {
    /// The entries, in file order.
    pub entries: Vec<CareEntry>,
}

impl CareBook {
    /// The entry `id`, if there is one.
    pub fn get(&self, id: &str) -> Option<&CareEntry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// The position of entry `id` in `entries`.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.entries.iter().position(|e| e.id == id)
    }
}

/// Parses the text of `care.toml`; every problem found is returned.
pub(crate) fn parse(text: &str) -> Result<CareBook, Vec<Diagnostic>> {
    let file = Path::new(CARE_FILE);
    let tables: BTreeMap<String, EntryToml> = toml::from_str(text).map_err(|e| {
        let d = toml_error(
            file,
            text,
            &e,
            "a care entry has `level` and `text`, and optionally `group`, `symptoms` and `references`",
            "every care entry needs `level` (emergency, urgent or routine) and `text`",
        );
        match d.hint {
            Some(_) => vec![d],
            None => vec![d.hint("`level` is one of \"emergency\", \"urgent\", \"routine\"; text goes in double quotes; lists in [ ]")],
        }
    })?;
    let lines = LineIndex::new(text);
    let headers = table_lines(text);
    let place = |s: &toml::Spanned<String>| {
        let (line, column) = lines.line_col(s.span().start);
        Placed {
            value: s.get_ref().clone(),
            line,
            column,
        }
    };
    let mut entries: Vec<CareEntry> = tables
        .into_iter()
        .map(|(id, t)| CareEntry {
            line: headers.get(id.as_str()).copied().unwrap_or(1),
            text_at: lines.line_col(t.text.span().start),
            text: t.text.get_ref().trim().to_string(),
            symptoms: t.symptoms.iter().map(place).collect(),
            references: t.references.iter().map(place).collect(),
            level: t.level,
            group: t
                .group
                .map(|g| g.trim().to_string())
                .filter(|g| !g.is_empty()),
            id,
        })
        .collect();
    entries.sort_by(|a, b| a.line.cmp(&b.line).then(a.id.cmp(&b.id)));
    let problems: Vec<Diagnostic> = entries.iter().filter_map(check_entry).collect();
    if problems.is_empty() {
        Ok(CareBook { entries })
    } else {
        Err(problems)
    }
}

fn check_entry(entry: &CareEntry) -> Option<Diagnostic> {
    let error = |message: String| {
        Diagnostic::error(Kind::InvalidValue, CARE_FILE, message).at_line(entry.line)
    };
    if !is_slug(&entry.id) {
        let fixed = crate::markdown::slugify(&entry.id).replace('_', "-");
        return Some(
            error(format!("`{}` is not a valid care entry id", entry.id)).hint(format!(
                "use lower-case letters, digits and hyphens, for example `{fixed}`"
            )),
        );
    }
    if entry.text.is_empty() {
        let (line, column) = entry.text_at;
        return Some(
            error(format!("care entry `{}` has an empty text", entry.id))
                .at(line, column)
                .hint(
                    "write the condition, for example \"you cannot control when you pee or poo\"",
                ),
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_keep_file_order_and_places() {
        let book = parse(
            "[b]\nlevel = \"emergency\"\ntext = \"you cannot pee\"\nsymptoms = [\"x\", \"y\"]\n\n[a]\nlevel = \"routine\"\ntext = \"it lasts\"\ngroup = \"G\"\n",
        )
        .expect("valid");
        let ids: Vec<&str> = book.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["b", "a"]);
        let b = book.get("b").expect("b");
        assert_eq!((b.line, b.level), (1, Level::Emergency));
        assert_eq!(
            b.symptoms[1],
            Placed {
                value: "y".into(),
                line: 4,
                column: 18
            }
        );
        assert_eq!(book.get("a").and_then(|a| a.group.as_deref()), Some("G"));
        assert_eq!(book.position("a"), Some(1));
    }

    #[test]
    fn unknown_keys_bad_levels_and_bad_ids_are_located() {
        let typo =
            parse("[a]\nlevel = \"routine\"\ntext = \"t x\"\ngrup = \"G\"\n").expect_err("typo");
        assert_eq!((typo[0].kind, typo[0].line), (Kind::UnknownKey, Some(4)));
        let level = parse("[a]\nlevel = \"soon\"\ntext = \"t x\"\n").expect_err("level");
        assert_eq!((level[0].kind, level[0].line), (Kind::Toml, Some(2)));
        let id = parse("[Bad_Id]\nlevel = \"routine\"\ntext = \"t x\"\n").expect_err("id");
        assert_eq!((id[0].kind, id[0].line), (Kind::InvalidValue, Some(1)));
        let empty = parse("[a]\nlevel = \"routine\"\ntext = \" \"\n").expect_err("empty");
        assert_eq!((empty[0].line, empty[0].column), (Some(3), Some(8)));
    }
}
