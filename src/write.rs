//! Step 4, write: put the rendered site on disk, all or nothing.
//!
//! Pages are rendered and written in parallel into a staging folder beside the output folder;
//! only when every page, static file and generated file is written does the staging folder take
//! the output folder's place. A failed or interrupted build leaves the previous site as it was.

use crate::diagnostic::{Diagnostic, Kind};
use crate::load::StaticFile;
use crate::render::{Page, Renderer};
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// Set by the interrupt handler (Ctrl-C, SIGTERM): writing stops, the staging folder is removed,
/// and the previous site stays as it was.
pub static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// True once an interrupt was asked for.
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::Relaxed)
}

/// The diagnostic for a build stopped by an interrupt.
fn interrupted_error(out: &Path) -> Diagnostic {
    Diagnostic::error(Kind::Output, out, "the build was interrupted")
        .hint("nothing was changed; run the build again")
}

/// A file in every output folder this program writes; an existing folder without it is never
/// replaced, so a mistyped `--out` cannot wipe someone's documents.
pub const MARKER: &str = ".healthkb-output";

/// Folders under the site root that must never be the output.
const PROTECTED: [&str; 3] = ["articles", "templates", "static"];

/// Resolves and checks the output folder: not the site root or a folder above it, not inside the
/// site's source folders, not a system folder, and not an existing folder this program did not write.
pub fn check_output_dir(root: &Path, out: &Path) -> Result<PathBuf, Diagnostic> {
    let refuse = |why: String| {
        Diagnostic::error(Kind::Output, out, why)
            .hint("choose a separate folder for the built site, for example `--out public`")
    };
    let root = root
        .canonicalize()
        .map_err(|e| refuse(format!("cannot open the site folder: {e}")))?;
    let joined = if out.is_absolute() {
        out.to_path_buf()
    } else {
        root.join(out)
    };
    let resolved = resolve_lexically(&joined)
        .ok_or_else(|| refuse("the output folder cannot be the file system root".into()))?;
    let Some(parent) = resolved.parent().filter(|p| !p.as_os_str().is_empty()) else {
        return Err(refuse(
            "the output folder cannot be the file system root".into(),
        ));
    };
    let parent = parent.canonicalize().map_err(|e| {
        refuse(format!(
            "the folder that would hold it cannot be opened: {e}"
        ))
    })?;
    let name = resolved
        .file_name()
        .ok_or_else(|| refuse("the output folder has no name".into()))?;
    let resolved = parent.join(name);
    if root.starts_with(&resolved) {
        return Err(refuse(
            "the output folder would contain the site's own files, which a build replaces".into(),
        ));
    }
    if let Some(dir) = PROTECTED
        .iter()
        .find(|d| resolved.starts_with(root.join(d)))
    {
        return Err(refuse(format!(
            "the output folder is inside the site's `{dir}/` folder"
        )));
    }
    if parent.parent().is_none() && is_system_folder(name) {
        return Err(refuse(format!(
            "`{}` is a system folder",
            resolved.display()
        )));
    }
    if resolved.exists() {
        if !resolved.is_dir() {
            return Err(refuse(
                "a file with that name exists and is not a folder".into(),
            ));
        }
        let empty = std::fs::read_dir(&resolved)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty && !resolved.join(MARKER).exists() {
            return Err(refuse(format!(
                "`{}` already exists and was not written by this program, so it will not be replaced",
                resolved.display()
            )));
        }
    }
    Ok(resolved)
}

fn is_system_folder(name: &std::ffi::OsStr) -> bool {
    const SYSTEM: [&str; 16] = [
        "bin", "boot", "dev", "etc", "home", "lib", "lib64", "opt", "proc", "root", "run", "sbin",
        "srv", "sys", "usr", "var",
    ];
    SYSTEM.iter().any(|s| name == *s)
}

/// Removes `.` and `..` without touching the file system; `None` if it climbs above `/`.
fn resolve_lexically(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                if !out.pop() || out.as_os_str().is_empty() {
                    return None;
                }
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    Some(out)
}

/// Checks that no static file would overwrite a generated page or file.
pub fn check_collisions(generated: &[PathBuf], static_files: &[StaticFile]) -> Vec<Diagnostic> {
    let generated: HashSet<String> = generated
        .iter()
        .map(|p| p.to_string_lossy().to_lowercase())
        .collect();
    static_files
        .iter()
        .filter(|f| generated.contains(&f.rel.to_lowercase()) || f.rel == MARKER)
        .map(|f| {
            Diagnostic::error(
                Kind::Output,
                Path::new("static").join(&f.rel),
                format!("this file would overwrite the generated `{}`", f.rel),
            )
            .hint("rename or remove the static file; the generator writes that path itself")
        })
        .collect()
}

/// What a successful write produced.
#[derive(Debug, Clone, Copy, Default)]
pub struct Written {
    /// HTML pages rendered and written.
    pub pages: usize,
    /// Static files copied.
    pub static_files: usize,
}

/// Makes the generated files besides the pages, as (output path, text); run while the pages are
/// rendered and written, so a slow one (the search index of a large site) costs no wall time.
pub type MakeExtra<'a> = &'a (dyn Fn() -> Vec<(String, String)> + Sync);

/// Renders every page and writes the whole site to `out` (already checked), replacing the old
/// site only if everything succeeded.
pub fn write_site(
    renderer: &Renderer<'_>,
    pages: &[Page],
    extra: MakeExtra<'_>,
    static_files: &[StaticFile],
    out: &Path,
) -> Result<Written, Vec<Diagnostic>> {
    let progress = crate::progress::Progress::silent();
    write_site_with_progress(renderer, pages, extra, static_files, out, &progress)
}

/// `write_site`, counting each page written on `progress`.
pub fn write_site_with_progress(
    renderer: &Renderer<'_>,
    pages: &[Page],
    extra: MakeExtra<'_>,
    static_files: &[StaticFile],
    out: &Path,
    progress: &crate::progress::Progress,
) -> Result<Written, Vec<Diagnostic>> {
    let staging = staging_path(out, "staging");
    remove_stale(out);
    let result =
        fill(renderer, pages, extra, static_files, &staging, progress).and_then(|written| {
            swap_in(&staging, out)
                .map_err(|e| vec![io_error(out, "cannot put the new site in place", &e)])?;
            Ok(written)
        });
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}

fn fill(
    renderer: &Renderer<'_>,
    pages: &[Page],
    extra: MakeExtra<'_>,
    static_files: &[StaticFile],
    staging: &Path,
    progress: &crate::progress::Progress,
) -> Result<Written, Vec<Diagnostic>> {
    std::fs::create_dir_all(staging).map_err(|e| {
        let out = staging.parent().unwrap_or(staging);
        vec![io_error(
            out,
            "cannot create the new site in this folder",
            &e,
        )]
    })?;
    let (mut problems, extra_problems) = rayon::join(
        || write_pages(renderer, pages, staging, progress),
        || {
            extra()
                .iter()
                .filter_map(|(path, text)| write_file(&staging.join(path), text.as_bytes()).err())
                .collect::<Vec<_>>()
        },
    );
    problems.extend(extra_problems);
    problems.extend(
        static_files
            .par_iter()
            .filter_map(|f| copy_file(f, &staging.join(&f.rel)).err())
            .collect::<Vec<_>>(),
    );
    if let Err(d) = write_file(
        &staging.join(MARKER),
        b"Written by healthkb. This folder is replaced on every build.\n",
    ) {
        problems.push(d);
    }
    if interrupted() {
        return Err(vec![interrupted_error(staging)]);
    }
    if problems.is_empty() {
        Ok(Written {
            pages: pages.len(),
            static_files: static_files.len(),
        })
    } else {
        Err(problems)
    }
}

/// Renders and writes every page in parallel, longest first (see `render_order`); returns the
/// problems.
fn write_pages(
    renderer: &Renderer<'_>,
    pages: &[Page],
    staging: &Path,
    progress: &crate::progress::Progress,
) -> Vec<Diagnostic> {
    renderer
        .render_order(pages)
        .into_par_iter()
        .filter_map(|i| pages.get(i))
        .filter_map(|page| {
            if interrupted() {
                return Some(interrupted_error(staging));
            }
            let html = match renderer.render(page) {
                Ok(html) => html,
                Err(d) => return Some(d),
            };
            progress.inc(1);
            write_file(&staging.join(&page.output), html.as_bytes()).err()
        })
        .collect()
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| io_error(parent, "cannot create folder", &e))?;
    }
    std::fs::write(path, bytes).map_err(|e| io_error(path, "cannot write", &e))
}

fn copy_file(from: &StaticFile, to: &Path) -> Result<(), Diagnostic> {
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| io_error(parent, "cannot create folder", &e))?;
    }
    let display = Path::new("static").join(&from.rel);
    let input = crate::input::Input {
        root: &from.root,
        path: &from.path,
        display: &display,
        limit: crate::input::MAX_STATIC_BYTES,
    };
    let (mut source, _) = input.open()?;
    let mut target = std::fs::File::create(to).map_err(|e| io_error(to, "cannot write", &e))?;
    std::io::copy(&mut source, &mut target)
        .map(|_| ())
        .map_err(|e| io_error(to, "cannot copy", &e))
}

fn io_error(path: &Path, what: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(Kind::Output, path, format!("{what}: {e}")).hint(
        "check free disk space and that you may write there; the previous site was left as it was",
    )
}

/// `.<name>.<what>-<pid>` beside the output folder.
fn staging_path(out: &Path, what: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    out.with_file_name(format!(".{name}.{what}-{}", std::process::id()))
}

/// Removes staging and old folders left by builds that were killed (not those of a build that is
/// still running).
fn remove_stale(out: &Path) {
    let (Some(parent), Some(name)) = (out.parent(), out.file_name()) else {
        return;
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file_name.strip_prefix(&prefix) else {
            continue;
        };
        let pid = rest
            .strip_prefix("staging-")
            .or_else(|| rest.strip_prefix("old-"));
        if pid.is_some_and(|pid| !process_is_running(pid)) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// True if `pid` names another process that is still running (always false where `/proc` is
/// not available, so leftovers are cleaned up there too).
fn process_is_running(pid: &str) -> bool {
    pid != std::process::id().to_string() && Path::new("/proc").join(pid).exists()
}

/// Puts the finished staging folder in the output folder's place. On Linux the two are swapped
/// in one atomic step, so there is no moment without a complete site; elsewhere the old site is
/// moved aside first. The old site is removed only after the new one is in place.
fn swap_in(staging: &Path, out: &Path) -> std::io::Result<()> {
    if !out.exists() {
        return std::fs::rename(staging, out);
    }
    if exchange(staging, out).is_ok() {
        let _ = std::fs::remove_dir_all(staging);
        return Ok(());
    }
    let old = staging_path(out, "old");
    std::fs::rename(out, &old)?;
    if let Err(e) = std::fs::rename(staging, out) {
        let _ = std::fs::rename(&old, out);
        return Err(e);
    }
    let _ = std::fs::remove_dir_all(&old);
    Ok(())
}

/// Atomically swaps two paths (Linux `renameat2` with `RENAME_EXCHANGE`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexical_resolution_stops_at_the_root() {
        assert_eq!(
            resolve_lexically(Path::new("/a/b/../c")),
            Some(PathBuf::from("/a/c"))
        );
        assert_eq!(
            resolve_lexically(Path::new("/a/..")),
            Some(PathBuf::from("/"))
        );
        assert_eq!(resolve_lexically(Path::new("/..")), None);
    }
}
