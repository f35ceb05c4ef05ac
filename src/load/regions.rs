//! The body regions, the term file of the map taxonomy (`articles/regions.toml` by default): one
//! table per region slug, with its plain name, its place from top to bottom, and what the back
//! map draws for it (the shape, the leader line to its label, and the label's place).

use crate::diagnostic::{Diagnostic, Kind};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One body region as the editors defined it.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct RegionDef {
    /// Plain name, e.g. "Lower back".
    pub label: String,
    /// Its place on the map's list, top to bottom (smaller first).
    pub order: i64,
    /// The SVG path data of its shape on the map (`viewBox="0 0 300 400"`).
    pub shape: String,
    /// The leader line from the shape to the label: x1, y1, x2, y2.
    pub leader: [i32; 4],
    /// Where the label starts: x, y.
    pub label_at: [i32; 2],
    /// The label on the map in several lines, when one line is too long (each line 19 units
    /// below the last); the label on one line when empty.
    #[serde(default)]
    pub label_lines: Vec<String>,
}

/// A region with its slug, in map order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionTerm {
    /// URL slug, e.g. `lower-back`.
    pub slug: String,
    /// What the editors wrote.
    pub def: RegionDef,
}

/// Parses the region term file `file` (its `text`): the regions in map order (`order`, then
/// slug), or every problem found.
pub(crate) fn parse(file: &str, text: &str) -> Result<Vec<RegionTerm>, Vec<Diagnostic>> {
    let error = |e: toml::de::Error| {
        vec![super::vocabulary::toml_error(
            file,
            text,
            &e,
            "a region has `label`, `order`, `shape`, `leader`, `label_at` and optionally `label_lines`",
            "every region needs `label`, `order`, `shape`, `leader = [x1, y1, x2, y2]` and `label_at = [x, y]`",
        )]
    };
    let table: BTreeMap<String, RegionDef> = toml::from_str(text).map_err(error)?;
    let lines = super::vocabulary::table_lines(text);
    let problems: Vec<Diagnostic> = table
        .iter()
        .filter_map(|(slug, def)| {
            let at = |d: Diagnostic| match lines.get(slug.as_str()) {
                Some(&line) => d.at_line(line),
                None => d,
            };
            if !super::vocabulary::is_slug(slug) {
                let fixed = crate::markdown::slugify(slug).replace('_', "-");
                return Some(at(Diagnostic::error(
                    Kind::InvalidValue,
                    file,
                    format!("`{slug}` is not a valid region slug"),
                )
                .hint(format!(
                    "use lower-case letters, digits and hyphens, for example `{fixed}`"
                ))));
            }
            if def.label.trim().is_empty() {
                return Some(at(Diagnostic::error(
                    Kind::InvalidValue,
                    file,
                    format!("region `{slug}` has an empty label"),
                )));
            }
            None
        })
        .collect();
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut regions: Vec<RegionTerm> = table
        .into_iter()
        .map(|(slug, def)| RegionTerm { slug, def })
        .collect();
    regions.sort_by_key(|r| r.def.order);
    Ok(regions)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NECK: &str = "[neck]\nlabel = \"Neck\"\norder = 2\nshape = \"M0 0 Z\"\nleader = [1, 2, 3, 4]\nlabel_at = [5, 6]\n";

    #[test]
    fn regions_come_in_map_order() {
        let text = format!(
            "{NECK}[legs]\nlabel = \"Legs\"\norder = 1\nshape = \"M1 1 Z\"\nleader = [0, 0, 0, 0]\nlabel_at = [0, 0]\nlabel_lines = [\"Both\", \"legs\"]\n"
        );
        let regions = parse("articles/regions.toml", &text).expect("valid");
        let slugs: Vec<&str> = regions.iter().map(|r| r.slug.as_str()).collect();
        assert_eq!(slugs, ["legs", "neck"]);
        assert_eq!(regions[0].def.label_lines, ["Both", "legs"]);
        assert_eq!(regions[1].def.leader, [1, 2, 3, 4]);
    }

    #[test]
    fn bad_regions_are_located() {
        let typo = parse("r.toml", &format!("{NECK}colour = 1\n")).expect_err("unknown key");
        assert_eq!((typo[0].kind, typo[0].line), (Kind::UnknownKey, Some(7)));
        let missing = parse("r.toml", "[neck]\nlabel = \"Neck\"\n").expect_err("missing");
        assert_eq!(missing[0].kind, Kind::MissingKey);
        let slug = parse("r.toml", &NECK.replace("[neck]", "[Neck_Top]")).expect_err("slug");
        assert_eq!((slug[0].kind, slug[0].line), (Kind::InvalidValue, Some(1)));
    }
}
