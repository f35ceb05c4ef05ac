//! Care advice written once, `articles/care.toml`: one table per entry id, with its level, its
//! text and optionally a group, the terms it belongs to (`symptoms = [...]`, or any taxonomy of
//! articles' key, which cross-linking resolves) and the references behind it.

use super::vocabulary::{Level, is_slug, table_lines, toml_error};
use crate::diagnostic::{Diagnostic, Kind, LineIndex};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// Where the care advice lives, relative to the site root.
pub(crate) const CARE_FILE: &str = "articles/care.toml";

/// One entry as written in `care.toml`: its own fields, and any other key with its value, which
/// cross-linking reads as a taxonomy's terms (`treatments = [...]`) or refuses (`terms`).
#[derive(Debug, Clone)]
struct EntryToml {
    level: Level,
    text: toml::Spanned<String>,
    group: Option<String>,
    symptoms: Vec<toml::Spanned<String>>,
    references: Vec<toml::Spanned<String>>,
    terms: Vec<(toml::Spanned<String>, Listed)>,
}

/// The fields every entry may have, for the hint on an unknown one.
pub(crate) const FIELDS: [&str; 5] = ["level", "text", "group", "symptoms", "references"];

/// The value of a key that is not one of `FIELDS`: a list of strings, or something else.
#[derive(Debug, Clone)]
enum Listed {
    List(Vec<toml::Spanned<String>>),
    Other,
}

impl<'de> Deserialize<'de> for Listed {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ListedVisitor)
    }
}

/// Reads a `Listed`: a sequence element by element (each a located string), anything else as
/// `Other`.
struct ListedVisitor;

/// `ListedVisitor`'s answer for any value that is not a sequence.
macro_rules! other {
    ($($name:ident: $t:ty),*) => {
        $(fn $name<E: serde::de::Error>(self, _: $t) -> Result<Listed, E> {
            Ok(Listed::Other)
        })*
    };
}

impl<'de> serde::de::Visitor<'de> for ListedVisitor {
    type Value = Listed;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of slugs")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Listed, A::Error> {
        let mut list = Vec::new();
        while let Some(item) = seq.next_element()? {
            list.push(item);
        }
        Ok(Listed::List(list))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Listed, A::Error> {
        while map
            .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
            .is_some()
        {}
        Ok(Listed::Other)
    }

    other!(visit_bool: bool, visit_i64: i64, visit_u64: u64, visit_f64: f64, visit_str: &str);
}

impl<'de> Deserialize<'de> for EntryToml {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(EntryVisitor)
    }
}

/// Reads an `EntryToml` key by key, keeping the keys that are not its fields with their places.
struct EntryVisitor;

impl<'de> serde::de::Visitor<'de> for EntryVisitor {
    type Value = EntryToml;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a care entry table")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<EntryToml, A::Error> {
        use serde::de::Error;
        let (mut level, mut text, mut group) = (None, None, None);
        let (mut symptoms, mut references, mut terms) = (Vec::new(), Vec::new(), Vec::new());
        while let Some(key) = map.next_key::<toml::Spanned<String>>()? {
            match key.get_ref().as_str() {
                "level" => level = Some(map.next_value()?),
                "text" => text = Some(map.next_value()?),
                "group" => group = Some(map.next_value()?),
                "symptoms" => symptoms = map.next_value()?,
                "references" => references = map.next_value()?,
                _ => terms.push((key, map.next_value()?)),
            }
        }
        Ok(EntryToml {
            level: level.ok_or_else(|| A::Error::missing_field("level"))?,
            text: text.ok_or_else(|| A::Error::missing_field("text"))?,
            group,
            symptoms,
            references,
            terms,
        })
    }
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
    /// Slugs of the taxonomy of articles' terms it belongs to (`symptoms = [...]`, or the
    /// taxonomy's own key, which cross-linking moves here), with their places.
    pub symptoms: Vec<Placed>,
    /// Every other key written, in file order: the key of a further taxonomy of articles with
    /// the slugs of its terms the entry belongs to (`treatments = [...]`), or, until
    /// cross-linking refuses it, a key that names no taxonomy.
    pub terms: Vec<TermList>,
    /// Reference ids behind it, with their places (checked against the reference registry).
    pub references: Vec<Placed>,
    /// 1-based line of its `[id]` table header.
    pub line: usize,
}

/// A key of a care entry that is not one of its fields, with its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermList {
    /// The key as written, with its place.
    pub key: Placed,
    /// The slugs listed, with their places; `None` when the value is not a list.
    pub slugs: Option<Vec<Placed>>,
}

impl CareEntry {
    /// The slugs it lists under `key` (a further taxonomy's front-matter key), with their places.
    pub fn slugs_of<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a Placed> + 'a {
        self.terms
            .iter()
            .filter(move |t| t.key.value == key)
            .flat_map(|t| t.slugs.iter().flatten())
    }
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
            "a care entry has `level` and `text`, and optionally `group`, `references` and its terms' lists (`symptoms`, or a taxonomy's key)",
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
            terms: t
                .terms
                .iter()
                .map(|(key, value)| TermList {
                    key: place(key),
                    slugs: match value {
                        Listed::List(slugs) => Some(slugs.iter().map(place).collect()),
                        Listed::Other => None,
                    },
                })
                .collect(),
            level: t.level,
            group: t
                .group
                .map(|g| g.trim().to_string())
                .filter(|g| !g.is_empty()),
            id,
        })
        .collect();
    entries.sort_by(|a, b| a.line.cmp(&b.line).then(a.id.cmp(&b.id)));
    for entry in &mut entries {
        // The TOML reader gives a table's keys in name order; the lists are kept in file order.
        entry.terms.sort_by_key(|t| (t.key.line, t.key.column));
    }
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
    fn other_keys_keep_their_places_and_whether_they_are_lists() {
        let book = parse(
            "[a]\nlevel = \"routine\"\ntreatments = [\"rest\", \"surgery\"]\ntext = \"t x\"\ngrup = \"G\"\n",
        )
        .expect("other keys are read, for cross-linking to judge");
        let a = book.get("a").expect("a");
        assert_eq!(a.terms.len(), 2);
        let treatments = &a.terms[0];
        assert_eq!(
            (
                treatments.key.value.as_str(),
                treatments.key.line,
                treatments.key.column
            ),
            ("treatments", 3, 1)
        );
        let slugs: Vec<(&str, usize)> = a
            .slugs_of("treatments")
            .map(|s| (s.value.as_str(), s.column))
            .collect();
        assert_eq!(slugs, [("rest", 15), ("surgery", 23)]);
        assert_eq!((a.terms[1].key.line, a.terms[1].slugs.clone()), (5, None));
        assert_eq!(a.slugs_of("grup").count(), 0);
        let missing = parse("[a]\nlevel = \"routine\"\n").expect_err("no text");
        assert_eq!(missing[0].kind, Kind::MissingKey);
        let not_strings =
            parse("[a]\nlevel = \"routine\"\ntext = \"t x\"\nx = [1]\n").expect_err("numbers");
        assert_eq!(
            (not_strings[0].kind, not_strings[0].line),
            (Kind::Toml, Some(4))
        );
    }

    #[test]
    fn bad_levels_and_bad_ids_are_located() {
        let level = parse("[a]\nlevel = \"soon\"\ntext = \"t x\"\n").expect_err("level");
        assert_eq!((level[0].kind, level[0].line), (Kind::Toml, Some(2)));
        let id = parse("[Bad_Id]\nlevel = \"routine\"\ntext = \"t x\"\n").expect_err("id");
        assert_eq!((id[0].kind, id[0].line), (Kind::InvalidValue, Some(1)));
        let empty = parse("[a]\nlevel = \"routine\"\ntext = \" \"\n").expect_err("empty");
        assert_eq!((empty[0].line, empty[0].column), (Some(3), Some(8)));
    }
}
