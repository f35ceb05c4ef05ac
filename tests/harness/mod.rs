//! A small harness for integration tests: copy a fixture site to a temporary folder, change files,
//! run the real program on it, and look at what it wrote and printed.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture site copied into a temporary folder.
pub struct Site {
    _dir: tempfile::TempDir,
    /// The site root inside the temporary folder.
    pub root: PathBuf,
}

/// The result of running the program.
#[derive(Debug)]
pub struct Run {
    /// Exit code (`None` if killed by a signal).
    pub code: Option<i32>,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Run {
    /// Asserts the exit code and returns self for chaining.
    pub fn expect_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code,
            Some(code),
            "unexpected exit code\nstdout:\n{}\nstderr:\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    /// Asserts that stderr has a line starting with `location` (e.g. `articles/a.md:3:5: error:`)
    /// that also contains `text`.
    pub fn expect_error(&self, location: &str, text: &str) -> &Self {
        let found = self
            .stderr
            .lines()
            .any(|l| l.starts_with(location) && l.contains(text));
        assert!(
            found,
            "no error line starting with `{location}` containing `{text}` in:\n{}",
            self.stderr
        );
        self
    }
}

impl Site {
    /// Copies `tests/fixtures/<name>` into a new temporary folder.
    pub fn fixture(name: &str) -> Site {
        let dir = tempfile::tempdir().expect("temporary folder");
        let root = dir.path().join("site");
        copy_dir(&repo().join("tests/fixtures").join(name), &root);
        Site { _dir: dir, root }
    }

    /// Copies the repository's own site (site.toml, articles, templates, i18n, static, translations).
    pub fn real() -> Site {
        let dir = tempfile::tempdir().expect("temporary folder");
        let root = dir.path().join("site");
        std::fs::create_dir_all(&root).expect("create site folder");
        for part in ["articles", "templates", "i18n", "static", "translations"] {
            copy_dir(&repo().join(part), &root.join(part));
        }
        std::fs::copy(repo().join("site.toml"), root.join("site.toml")).expect("copy site.toml");
        Site { _dir: dir, root }
    }

    /// Writes (or replaces) a file in the site.
    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) -> &Self {
        let path = self.root.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create folder");
        }
        std::fs::write(path, text).expect("write file");
        self
    }

    /// Removes a file from the site.
    pub fn remove(&self, rel: &str) -> &Self {
        std::fs::remove_file(self.root.join(rel)).expect("remove file");
        self
    }

    /// Reads a site file as text.
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root.join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    /// True if the file exists.
    pub fn exists(&self, rel: &str) -> bool {
        self.root.join(rel).exists()
    }

    /// Runs the program with `args` (after `--root <site>`).
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_env(args, &[])
    }

    /// Runs the program with extra environment variables.
    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_healthkb"))
            .arg("--root")
            .arg(&self.root)
            .args(args)
            .envs(env.iter().copied())
            .output()
            .expect("run healthkb");
        Run {
            code: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Every file under `rel` with its bytes, keyed by path.
    pub fn snapshot(&self, rel: &str) -> BTreeMap<String, Vec<u8>> {
        let base = self.root.join(rel);
        walkdir::WalkDir::new(&base)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let key = e
                    .path()
                    .strip_prefix(&base)
                    .expect("under base")
                    .to_string_lossy()
                    .into_owned();
                (key, std::fs::read(e.path()).expect("read output"))
            })
            .collect()
    }
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let target = to.join(entry.path().strip_prefix(from).expect("under from"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("create folder");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// The hrefs of `<a class="CLASS" href="...">` in `html`, in order.
pub fn hrefs_of_class(html: &str, class: &str) -> Vec<String> {
    let marker = format!("class=\"{class}\"");
    html.match_indices(&marker)
        .filter_map(|(i, _)| {
            let rest = &html[i..];
            let start = rest.find("href=\"")? + 6;
            let end = rest[start..].find('"')?;
            Some(rest[start..start + end].to_string())
        })
        .collect()
}
