//! Step 4, write: put the rendered site on disk, all or nothing.
//!
//! Consumes what the render step makes: each page and generated file is written, as it is
//! rendered, into a staging folder beside the output folder; only when every page, static file
//! and generated file is written does the staging folder take the output folder's place. A failed or interrupted build leaves the previous site as it was.

use crate::diagnostic::{Diagnostic, Kind};
use crate::load::StaticFile;
use crate::render::{Page, Sink};
use rayon::prelude::*;
use std::path::{Component, Path, PathBuf};

/// True once a signal asked the program to stop (see [`crate::interrupt`]).
pub fn interrupted() -> bool {
    crate::interrupt::interrupted()
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
pub(crate) fn check_output_dir(root: &Path, out: &Path) -> Result<PathBuf, Diagnostic> {
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
    let resolved = follow_symlink(&parent.join(name), &refuse)?;
    let (Some(parent), Some(name)) = (resolved.parent(), resolved.file_name()) else {
        return Err(refuse(
            "the output folder cannot be the file system root".into(),
        ));
    };
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
        if is_mount_point(&resolved, parent) {
            return Err(Diagnostic::error(
                Kind::Output,
                out,
                format!(
                    "`{}` is a mount point (or on another disk than the folder holding it), so a new site cannot be swapped into its place in one step",
                    resolved.display()
                ),
            )
            .hint(format!(
                "build into a folder inside it, for example `--out {}`, and publish that folder",
                resolved.join("site").display()
            )));
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

/// An output folder that is a symlink (`public -> /srv/site`, as deployments often have) is
/// built in place of its target, so the target is updated and the symlink kept; a symlink to
/// nothing is refused.
fn follow_symlink(
    path: &Path,
    refuse: &dyn Fn(String) -> Diagnostic,
) -> Result<PathBuf, Diagnostic> {
    if !path.is_symlink() {
        return Ok(path.to_path_buf());
    }
    path.canonicalize().map_err(|e| {
        let target = std::fs::read_link(path).unwrap_or_default();
        if e.raw_os_error() == Some(ELOOP) {
            return refuse(format!(
                "the output folder is a symlink that makes a loop (through `{}`)",
                target.display()
            ))
            .hint("remove the symlink, or point it at a real folder");
        }
        refuse(format!(
            "the output folder is a symlink to `{}`, which does not exist",
            target.display()
        ))
        .hint(format!(
            "create `{}` first (the build then fills it and keeps the symlink), or remove the symlink",
            target.display()
        ))
    })
}

/// True if `folder` is on another file system than `parent` (a mount point).
fn is_mount_point(folder: &Path, parent: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(folder), std::fs::metadata(parent)) {
        (Ok(a), Ok(b)) => a.dev() != b.dev(),
        _ => false,
    }
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

/// One file the build writes: its path in the output and the source file it comes from (an
/// article or a static file), if it is not one the site generates itself.
#[derive(Debug, Clone)]
pub struct Output {
    /// Path relative to the output folder, `/`-separated.
    pub path: String,
    /// The article or static file it is written from (relative to the site root).
    pub source: Option<PathBuf>,
}

/// Every file a build writes: the pages (articles named by their source), the generated files
/// named in `extra`, and the static files.
pub(crate) fn outputs(
    site: &crate::crosslink::Site,
    pages: &[Page],
    extra: &[String],
    static_files: &[StaticFile],
) -> Vec<Output> {
    let pages = pages.iter().map(|p| Output {
        path: p.output.clone(),
        source: match p.kind {
            crate::render::PageKind::Article(i) => site.articles.get(i).map(|a| a.source.clone()),
            _ => None,
        },
    });
    let extra = extra.iter().map(|e| Output {
        path: e.clone(),
        source: None,
    });
    let statics = static_files.iter().map(|f| Output {
        path: f.rel.clone(),
        source: Some(Path::new("static").join(&f.rel)),
    });
    pages.chain(extra).chain(statics).collect()
}

/// How two output paths collide.
#[derive(Clone, Copy)]
enum Clash {
    /// The same path.
    Same,
    /// One needs a folder where the other is a file.
    Folder,
}

/// Checks that no two files the build writes take the same path (letter case aside, for
/// case-insensitive disks), and that none needs a folder where another is a file (an article
/// `feed.xml.md` would be `feed.xml/index.html`, but `feed.xml` is generated). Each collision is
/// reported at the article or static file, naming what it collides with.
pub(crate) fn check_collisions(outputs: &[Output]) -> Vec<Diagnostic> {
    let mut by_path: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut problems = Vec::new();
    let mut report = |mine: &Output, theirs: &Output, how: Clash| {
        let (blamed, other) = match (&mine.source, &theirs.source) {
            (Some(_), _) => (mine, theirs),
            (None, Some(_)) => (theirs, mine),
            (None, None) => return,
        };
        let Some(source) = &blamed.source else { return };
        let what = match &other.source {
            Some(file) => format!("`{}` writes", file.display()),
            None => "the site generates".to_string(),
        };
        let kind = match source.starts_with("static") {
            true => Kind::Output,
            false => Kind::DuplicateUrl,
        };
        problems.push(
            Diagnostic::error(
                kind,
                source,
                match how {
                    Clash::Same => format!(
                        "this would be written as `{}`, a file {what} itself",
                        blamed.path
                    ),
                    Clash::Folder => format!(
                        "this would be written as `{}`, but {what} a file `{}` where that needs a folder",
                        blamed.path, other.path
                    ),
                },
            )
            .at(1, 1)
            .hint("rename or move the file: the generator writes that path itself, or another file does"),
        );
    };
    for (i, o) in outputs.iter().enumerate() {
        let key = o.path.to_lowercase();
        if key == MARKER {
            report(
                o,
                &Output {
                    path: MARKER.into(),
                    source: None,
                },
                Clash::Same,
            );
        }
        match by_path.get(&key) {
            Some(&j) => report(o, &outputs[j], Clash::Same),
            None => {
                by_path.insert(key, i);
            }
        }
    }
    for o in outputs {
        let key = o.path.to_lowercase();
        for (end, _) in key.match_indices('/') {
            if let Some(&j) = by_path.get(&key[..end]) {
                report(o, &outputs[j], Clash::Folder);
            }
        }
    }
    problems
}

/// What a successful write produced.
#[derive(Debug, Clone, Copy, Default)]
pub struct Written {
    /// HTML pages rendered and written.
    pub pages: usize,
    /// Static files copied.
    pub static_files: usize,
}

/// Fills the staging folder through the sink it is given (the render step's output); returns
/// the number of pages made, or every problem.
pub(crate) type Fill<'a> = &'a (dyn Fn(Sink<'_>) -> Result<usize, Vec<Diagnostic>> + Sync);

/// Writes the whole site to `out` (already checked): every file `fill` hands to its sink, and
/// the static files; replaces the old site only if everything succeeded.
pub(crate) fn write_site(
    out: &Path,
    static_files: &[StaticFile],
    fill: Fill<'_>,
) -> Result<Written, Vec<Diagnostic>> {
    let staging = staging_path(out, "staging");
    remove_stale(out);
    let _remove_staging = crate::interrupt::RemoveOnSignal::new(&staging);
    // Made under the signal lock: a signal's cleanup never runs between the check and the
    // folder appearing.
    let started = crate::interrupt::uninterrupted(|| start_staging(&staging, out))
        .unwrap_or_else(|| Err(interrupted_error(out)));
    let result = started
        .map_err(|d| vec![d])
        .and_then(|()| fill_staging(fill, static_files, &staging))
        .and_then(
            |written| match crate::interrupt::uninterrupted(|| swap_in(&staging, out)) {
                None => Err(vec![interrupted_error(out)]),
                Some(Err(e)) => Err(vec![swap_error(out, &e)]),
                Some(Ok(old)) => {
                    if let Some(old) = old {
                        let _remove_old = crate::interrupt::RemoveOnSignal::new(&old);
                        let _ = remove_made_folder(&old);
                    }
                    Ok(written)
                }
            },
        );
    if result.is_err() {
        let _ = remove_made_folder(&staging);
    }
    // Problems are named by where the file was going, not by the staging folder's name.
    result.map_err(|problems| {
        problems
            .into_iter()
            .map(|mut d| {
                if let Ok(rel) = d.file.strip_prefix(&staging) {
                    d.file = out.join(rel);
                }
                d
            })
            .collect()
    })
}

/// What the marker file says; a folder is only ever removed as a leftover if it holds a marker
/// that starts with this.
const MARKER_TEXT: &str = "Written by healthkb. This folder is replaced on every build.\n";

/// Creates the staging folder (it must not exist yet) and, first of all, its marker.
fn start_staging(staging: &Path, out: &Path) -> Result<(), Diagnostic> {
    std::fs::create_dir(staging).map_err(|e| {
        io_error(
            out,
            "cannot create the new site beside the output folder",
            &e,
        )
    })?;
    std::fs::write(staging.join(MARKER), MARKER_TEXT)
        .map_err(|e| io_error(&staging.join(MARKER), "cannot write", &e))
}

fn fill_staging(
    fill: Fill<'_>,
    static_files: &[StaticFile],
    staging: &Path,
) -> Result<Written, Vec<Diagnostic>> {
    let made = Folders::default();
    let sink = |rel: &str, bytes: &[u8]| {
        if interrupted() {
            return Err(interrupted_error(staging));
        }
        write_file(staging, rel, bytes, &made)
    };
    let (pages, mut problems) = match fill(&sink) {
        Ok(pages) => (pages, Vec::new()),
        Err(problems) => (0, problems),
    };
    problems.extend(
        static_files
            .par_iter()
            .filter_map(|f| {
                if interrupted() {
                    return Some(interrupted_error(staging));
                }
                copy_file(f, staging, &f.rel, &made).err()
            })
            .collect::<Vec<_>>(),
    );
    if interrupted() {
        return Err(vec![interrupted_error(staging)]);
    }
    if problems.is_empty() {
        Ok(Written {
            pages,
            static_files: static_files.len(),
        })
    } else {
        Err(problems)
    }
}

/// The folders of the staging folder made so far (relative, `/`-separated), shared by the
/// threads writing into it: each is made once, and a folder many files share (`symptoms/`) is
/// not asked for again with every file.
#[derive(Default)]
struct Folders(std::sync::Mutex<std::collections::HashSet<String>>);

impl Folders {
    fn has(&self, rel: &str) -> bool {
        let made = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        made.contains(rel)
    }

    fn add(&self, rel: &str) {
        let mut made = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        made.insert(rel.to_string());
    }
}

/// Creates the folders of `rel` inside `staging` that `made` does not hold yet, but never
/// `staging` itself: once a signal has removed it, threads still writing cannot bring it back.
fn make_parents(staging: &Path, rel: &str, made: &Folders) -> Result<PathBuf, Diagnostic> {
    for (end, _) in rel.match_indices('/') {
        let folder = &rel[..end];
        if made.has(folder) {
            continue;
        }
        let dir = staging.join(folder);
        match std::fs::create_dir(&dir) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && dir.is_dir() => {}
            Err(e) => return Err(io_error(&dir, "cannot create folder", &e)),
        }
        made.add(folder);
    }
    Ok(staging.join(rel))
}

fn write_file(staging: &Path, rel: &str, bytes: &[u8], made: &Folders) -> Result<(), Diagnostic> {
    let path = make_parents(staging, rel, made)?;
    std::fs::write(&path, bytes).map_err(|e| io_error(&path, "cannot write", &e))
}

fn copy_file(
    from: &StaticFile,
    staging: &Path,
    rel: &str,
    made: &Folders,
) -> Result<(), Diagnostic> {
    let to = make_parents(staging, rel, made)?;
    let display = Path::new("static").join(&from.rel);
    let input = crate::input::Input {
        root: &from.root,
        path: &from.path,
        display: &display,
        limit: crate::input::MAX_STATIC_BYTES,
    };
    let (mut source, _) = input.open()?;
    let mut target = std::fs::File::create(&to).map_err(|e| io_error(&to, "cannot write", &e))?;
    std::io::copy(&mut source, &mut target)
        .map(|_| ())
        .map_err(|e| io_error(&to, "cannot copy", &e))
}

/// Why the finished site could not be put in place, with what to do.
fn swap_error(out: &Path, e: &std::io::Error) -> Diagnostic {
    let hint = match e.raw_os_error() {
        Some(EXDEV | EBUSY) => {
            "the output folder is a mount point, or on another disk than the folder holding it, so the new site cannot be moved into place in one step; build into a folder inside it instead, for example `--out <mount point>/site`"
        }
        _ => {
            "check that you may write in the folder that holds the output folder; the previous site was left as it was"
        }
    };
    Diagnostic::error(
        Kind::Output,
        out,
        format!("cannot put the new site in place: {e}"),
    )
    .hint(hint)
}

/// "Cross-device link" and "device or resource busy" (the same numbers on Linux and the BSDs).
const EXDEV: i32 = 18;
const EBUSY: i32 = 16;
/// "Too many levels of symbolic links" (Linux).
const ELOOP: i32 = 40;

fn io_error(path: &Path, what: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(Kind::Output, path, format!("{what}: {e}")).hint(
        "check free disk space and that you may write there; the previous site was left as it was",
    )
}

/// The longest file name most file systems allow, in bytes.
const NAME_MAX: usize = 255;

/// `.<name>.<what>-<pid>` beside the output folder. When the output folder's name is so long
/// that this would pass `NAME_MAX`, `<name>` is cut and ends in `~` and a hash of the full name.
fn staging_path(out: &Path, what: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    out.with_file_name(format!(
        "{}{what}-{}",
        leftover_prefix(&name),
        std::process::id()
    ))
}

/// `.<name>.`, shortened when the name is long (see `staging_path`).
fn leftover_prefix(name: &str) -> String {
    // Room for `.`, `.`, `staging-` and a process id of up to 10 digits.
    const ROOM: usize = NAME_MAX - 2 - "staging-".len() - 10;
    if name.len() <= ROOM {
        return format!(".{name}.");
    }
    let hash = name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    let mut cut = ROOM - 17;
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    format!(".{}~{hash:016x}.", &name[..cut])
}

/// Removes staging and old folders left by builds that were killed: only folders named exactly
/// `.<name>.staging-<pid>` or `.<name>.old-<pid>` (digits), whose process is no longer running,
/// and that hold the marker this program writes first into every folder it makes. Nothing else
/// is ever removed.
fn remove_stale(out: &Path) {
    let (Some(parent), Some(name)) = (out.parent(), out.file_name()) else {
        return;
    };
    let prefix = leftover_prefix(&name.to_string_lossy());
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
        let Some(pid) = pid.filter(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        else {
            continue;
        };
        let path = entry.path();
        if process_is_running(pid) {
            continue;
        }
        if made_by_us(&path) {
            let _ = remove_made_folder(&path);
        } else if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir()) {
            // A build killed before it wrote its marker leaves an empty folder; removing an
            // empty folder cannot lose anything (this fails on any other).
            let _ = std::fs::remove_dir(&path);
        }
    }
}

/// Removes a folder this program made, its marker last: a removal cut short (the program
/// killed) leaves a folder that still has its marker, so the next build can finish the job.
/// Its entries are removed in parallel: removing the last site's 20,000 files and folders one
/// by one was about a tenth of a 10,000-article build's time, with nothing else to do.
pub(crate) fn remove_made_folder(folder: &Path) -> std::io::Result<()> {
    // A signal's cleanup and the failed build's own may remove the same folder at once: an entry
    // the other one removed first is not a reason to stop (that left staging folders behind).
    let gone = |r: std::io::Result<()>| match r {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        other => other,
    };
    let entries: Vec<std::fs::DirEntry> = std::fs::read_dir(folder)?
        .filter_map(Result::ok)
        .filter(|entry| entry.file_name() != MARKER)
        .collect();
    entries
        .par_iter()
        .try_for_each(|entry| match entry.file_type() {
            Ok(kind) if kind.is_dir() => gone(remove_tree(&entry.path())),
            Ok(_) => gone(std::fs::remove_file(entry.path())),
            Err(e) => gone(Err(e)),
        })?;
    match std::fs::remove_file(folder.join(MARKER)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    std::fs::remove_dir(folder)
}

/// Removes the folder `path` (never through a symlink) and everything in it, as
/// `std::fs::remove_dir_all` does; an entry gone already is not an error.
#[cfg(target_os = "linux")]
fn remove_tree(path: &Path) -> std::io::Result<()> {
    use rustix::fs::{AtFlags, CWD, unlinkat};
    empty_folder(&open_folder(CWD, path)?)?;
    unlinkat(CWD, path, AtFlags::REMOVEDIR).map_err(std::io::Error::from)
}

/// Opens the folder `path` (relative to `at`) for listing, never through a symlink.
#[cfg(target_os = "linux")]
fn open_folder<P: rustix::path::Arg>(
    at: impl rustix::fd::AsFd,
    path: P,
) -> std::io::Result<rustix::fd::OwnedFd> {
    use rustix::fs::{Mode, OFlags, openat};
    let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
    openat(at, path, flags, Mode::empty()).map_err(std::io::Error::from)
}

/// Removes everything in the open folder `folder`, through its descriptor: fewer system calls
/// for each folder than `std::fs::remove_dir_all` makes (it stats each path and wraps each
/// descriptor in a directory stream).
#[cfg(target_os = "linux")]
fn empty_folder(folder: &rustix::fd::OwnedFd) -> std::io::Result<()> {
    use rustix::fd::AsFd;
    use rustix::fs::{AtFlags, FileType, RawDir, unlinkat};
    use rustix::io::Errno;
    let mut buf = [std::mem::MaybeUninit::<u8>::uninit(); 4096];
    let mut entries = RawDir::new(folder.as_fd(), &mut buf);
    while let Some(entry) = entries.next() {
        let entry = entry?;
        let name = entry.file_name();
        if name == c"." || name == c".." {
            continue;
        }
        let removed = match entry.file_type() {
            FileType::Directory => Err(Errno::ISDIR),
            _ => unlinkat(folder, name, AtFlags::empty()),
        };
        let removed = match removed {
            Err(Errno::ISDIR) => open_folder(folder, name)
                .and_then(|inner| empty_folder(&inner))
                .and_then(|()| unlinkat(folder, name, AtFlags::REMOVEDIR).map_err(Into::into)),
            other => other.map_err(std::io::Error::from),
        };
        match removed {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            other => other?,
        }
    }
    Ok(())
}

#[cfg(not(target_os = "linux"))]
fn remove_tree(path: &Path) -> std::io::Result<()> {
    std::fs::remove_dir_all(path)
}

/// True if `folder` is a real folder (not a symlink) holding this program's marker.
fn made_by_us(folder: &Path) -> bool {
    let is_folder = std::fs::symlink_metadata(folder).is_ok_and(|m| m.is_dir());
    let marker = folder.join(MARKER);
    let marked = std::fs::symlink_metadata(&marker).is_ok_and(|m| m.is_file() && m.len() < 4096)
        && std::fs::read_to_string(&marker).is_ok_and(|t| t.starts_with(MARKER_TEXT));
    is_folder && marked
}

/// True if `pid` names another process that is still running (always false where `/proc` is
/// not available, so leftovers are cleaned up there too).
fn process_is_running(pid: &str) -> bool {
    pid != std::process::id().to_string() && Path::new("/proc").join(pid).exists()
}

/// Puts the finished staging folder in the output folder's place. On Linux the two are swapped
/// in one atomic step, so there is no moment without a complete site; elsewhere the old site is
/// moved aside first. Returns where the old site now is, for the caller to remove.
fn swap_in(staging: &Path, out: &Path) -> std::io::Result<Option<PathBuf>> {
    if std::fs::symlink_metadata(out).is_err() {
        std::fs::rename(staging, out)?;
        return Ok(None);
    }
    if exchange(staging, out).is_ok() {
        return Ok(Some(staging.to_path_buf()));
    }
    let old = staging_path(out, "old");
    std::fs::rename(out, &old)?;
    if let Err(e) = std::fs::rename(staging, out) {
        let _ = std::fs::rename(&old, out);
        return Err(e);
    }
    Ok(Some(old))
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
    fn a_made_folder_is_removed_whole_but_never_through_a_symlink() {
        let dir = tempfile::tempdir().expect("dir");
        let outside = dir.path().join("outside");
        std::fs::create_dir(&outside).expect("dir");
        std::fs::write(outside.join("keep"), "k").expect("write");
        let site = dir.path().join("site");
        std::fs::create_dir_all(site.join("a/b/c")).expect("dirs");
        std::fs::write(site.join(MARKER), MARKER_TEXT).expect("marker");
        std::fs::write(site.join("a/index.html"), "a").expect("write");
        std::fs::write(site.join("a/b/c/index.html"), "c").expect("write");
        std::fs::create_dir(site.join("a/empty")).expect("dir");
        std::os::unix::fs::symlink(&outside, site.join("a/b/link")).expect("symlink");
        std::os::unix::fs::symlink(&outside, site.join("top-link")).expect("symlink");
        remove_made_folder(&site).expect("removed");
        assert!(!site.exists());
        assert!(outside.join("keep").exists());
        assert!(matches!(remove_tree(&site), Err(e) if e.kind() == std::io::ErrorKind::NotFound));
    }

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
