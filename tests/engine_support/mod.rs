//! Comparing `serve`'s engine with `build`, for the tests that drive the engine in-process: the
//! files of a rebuild, the files `build` writes, and which of them differ.

#![allow(dead_code)]

use healthkb::serve::engine::Rebuilt;
use std::collections::BTreeMap;
use std::path::Path;

/// The preview's address, as the engine is given it.
pub const URL: &str = "http://127.0.0.1:9/";

/// A site's files: path from the output root to bytes.
pub type Files = BTreeMap<String, Vec<u8>>;

/// Every file of a rebuild: pages, static files and, once made, the generated files.
pub fn files_of(r: &mut Rebuilt) -> Files {
    if let Some(job) = r.extras.take() {
        job.run();
    }
    let generated = r.snapshot.extras.now().expect("generated files are ready");
    r.snapshot
        .files
        .iter()
        .chain(generated.iter())
        .map(|(k, v)| (k.clone(), v.to_vec()))
        .collect()
}

/// The output files that differ between two sites (present in one only, or with other bytes).
pub fn differing<'a>(expected: &'a Files, got: &'a Files) -> Vec<&'a String> {
    expected
        .keys()
        .chain(got.keys())
        .filter(|k| expected.get(*k) != got.get(*k))
        .collect()
}

/// What `build` writes for the site at `root` (with `base_url` pointing at the preview's address
/// when the site sets one, as `serve` does), and its number of pages.
pub fn full_build(root: &Path) -> (Files, usize) {
    let config = healthkb::config::SiteConfig::load(root).expect("site.toml");
    let out = tempfile::tempdir().expect("temp dir");
    let options = healthkb::BuildOptions {
        root: root.to_path_buf(),
        out: Some(out.path().join("site")),
        base_url: config.base_url.map(|_| URL.to_string()),
        ..Default::default()
    };
    let summary = match healthkb::build(&options) {
        Ok(summary) => summary,
        Err(failure) => panic!("the build failed: {:?}", failure.diagnostics),
    };
    let mut files = Files::new();
    read_tree(&out.path().join("site"), "", &mut files);
    files.remove(healthkb::write::MARKER);
    (files, summary.pages)
}

fn read_tree(dir: &Path, prefix: &str, files: &mut Files) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("read dir")
        .flatten()
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
        if entry.path().is_dir() {
            read_tree(&entry.path(), &format!("{name}/"), files);
        } else {
            files.insert(name, std::fs::read(entry.path()).expect("read"));
        }
    }
}
