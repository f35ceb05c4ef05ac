//! The files under `static/` in memory, re-read only when they change.

use crate::diagnostic::Diagnostic;
use crate::load::{STATIC_DIR, StaticFile, incremental};
use axum::body::Bytes;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// Every static file: where it is and what it holds.
pub struct StaticFiles {
    root: PathBuf,
    /// The files, as `load` lists them.
    pub files: Vec<StaticFile>,
    /// Their contents, by path under `static/`.
    pub bytes: HashMap<String, Bytes>,
    /// Problems met listing or reading them.
    pub problems: Vec<Diagnostic>,
}

impl StaticFiles {
    /// Reads every static file of the site at `root` (canonical).
    pub fn read(root: &Path) -> StaticFiles {
        let mut statics = StaticFiles {
            root: root.to_path_buf(),
            files: Vec::new(),
            bytes: HashMap::new(),
            problems: Vec::new(),
        };
        statics.reread(&[], true);
        statics
    }

    /// Re-lists the static files and re-reads those that are new, named in `touched` (paths
    /// under `static/`, files or folders) or, with `all`, every one. Returns the files that changed.
    pub fn reread(&mut self, touched: &[String], all: bool) -> BTreeSet<String> {
        let mut problems = Vec::new();
        let listed = incremental::static_files(&self.root, &mut problems);
        let is_touched = |rel: &str| {
            all || touched
                .iter()
                .any(|t| t == rel || t.is_empty() || rel.starts_with(&format!("{t}/")))
        };
        let mut changed = BTreeSet::new();
        let mut bytes = HashMap::with_capacity(listed.len());
        for file in &listed {
            let old = self.bytes.get(&file.rel);
            let new = match old {
                Some(old) if !is_touched(&file.rel) => old.clone(),
                _ => {
                    let display = Path::new(STATIC_DIR).join(&file.rel);
                    let input = crate::input::Input {
                        root: &self.root,
                        path: &file.path,
                        display: &display,
                        limit: crate::input::MAX_STATIC_BYTES,
                    };
                    match input.read() {
                        Ok(b) => Bytes::from(b),
                        Err(d) => {
                            problems.push(d);
                            continue;
                        }
                    }
                }
            };
            if old != Some(&new) {
                changed.insert(file.rel.clone());
            }
            bytes.insert(file.rel.clone(), new);
        }
        changed.extend(
            self.bytes
                .keys()
                .filter(|rel| !bytes.contains_key(*rel))
                .cloned(),
        );
        self.files = listed;
        self.bytes = bytes;
        self.problems = problems;
        changed
    }
}
