//! Every file the program reads is opened here, one way: only regular files (never a named pipe,
//! a device or a socket, which could block a build forever or never end), never through a
//! symlink that leads outside the site folder, and never more than a size limit.

use crate::diagnostic::{Diagnostic, Kind};
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The largest text file (configuration, data files, templates) read, in bytes. A data file of a
/// 100,000-article site (`references.toml`, one table per source) is about 25 MB.
pub(crate) const MAX_TEXT_BYTES: u64 = 64 * 1024 * 1024;

/// The largest static file copied, in bytes.
pub(crate) const MAX_STATIC_BYTES: u64 = 1024 * 1024 * 1024;

/// Every file opened, in the unit tests: `check`'s tests prove it reads each file once.
#[cfg(test)]
pub(crate) static OPENED: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

/// A file to read: where it is, how to name it in messages, and how big it may be.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Input<'a> {
    /// The site folder, canonical: nothing outside it is read.
    pub root: &'a Path,
    /// The file (absolute, or relative to the working folder).
    pub path: &'a Path,
    /// The file as messages name it (relative to the site root).
    pub display: &'a Path,
    /// The largest size accepted, in bytes.
    pub limit: u64,
}

impl Input<'_> {
    fn error(&self, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(Kind::Read, self.display, message)
    }

    /// True if something (even a dangling symlink) is at the path.
    pub(crate) fn exists(&self) -> bool {
        std::fs::symlink_metadata(self.path).is_ok()
    }

    /// Opens the file for reading after every check; returns it and its size.
    pub(crate) fn open(&self) -> Result<(File, u64), Diagnostic> {
        let target = match self.path.canonicalize() {
            Ok(target) => target,
            Err(e) if self.path.is_symlink() => {
                let _ = e;
                return Err(self
                    .error("this symlink points to nothing")
                    .hint("remove the symlink or fix where it points"));
            }
            Err(e) => return Err(self.read_error(&e)),
        };
        if !target.starts_with(self.root) {
            return Err(self
                .error("this file is a symlink (or behind one) that points outside the site folder")
                .hint("copy the file into the site instead of linking to it"));
        }
        let metadata = std::fs::metadata(&target).map_err(|e| self.read_error(&e))?;
        not_special(self, &metadata)?;
        let file = open_nonblocking(&target, true).map_err(|e| self.read_error(&e))?;
        #[cfg(test)]
        if let Ok(mut opened) = OPENED.lock() {
            opened.push(target.clone());
        }
        // Checked again on what was opened: the path may have changed in between.
        let metadata = file.metadata().map_err(|e| self.read_error(&e))?;
        not_special(self, &metadata)?;
        let size = metadata.len();
        if size > self.limit {
            return Err(self.too_big(size));
        }
        Ok((file, size))
    }

    /// Opens a file that a walk of real folders from the site root found as a regular file (no
    /// symlink on the way, itself none): that walk stands for `open`'s resolving of the path, so
    /// the file is opened at once, without following a symlink, and checked on what was opened.
    /// Anything else (a symlink or a folder in its place by now, the file gone) takes `open`'s
    /// checks and their messages. Returns the file and its size.
    pub(crate) fn open_walked(&self) -> Result<(File, u64), Diagnostic> {
        let Ok(file) = open_nonblocking(self.path, false) else {
            return self.open();
        };
        #[cfg(test)]
        if let Ok(mut opened) = OPENED.lock() {
            opened.push(self.path.to_path_buf());
        }
        let metadata = file.metadata().map_err(|e| self.read_error(&e))?;
        not_special(self, &metadata)?;
        let size = metadata.len();
        if size > self.limit {
            return Err(self.too_big(size));
        }
        Ok((file, size))
    }

    /// Reads the whole file after every check.
    pub(crate) fn read(&self) -> Result<Vec<u8>, Diagnostic> {
        self.read_from(self.open()?)
    }

    /// Reads the whole of a file opened by `open` or `open_walked`, up to the limit.
    pub(crate) fn read_from(&self, (file, size): (File, u64)) -> Result<Vec<u8>, Diagnostic> {
        let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
        file.take(self.limit.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| self.read_error(&e))?;
        if bytes.len() as u64 > self.limit {
            return Err(self.too_big(bytes.len() as u64));
        }
        Ok(bytes)
    }

    fn too_big(&self, size: u64) -> Diagnostic {
        self.error(format!(
            "the file is {} MB; the limit is {} MB",
            size.div_ceil(1 << 20),
            self.limit >> 20
        ))
        .hint("make the file smaller, or split it")
    }

    fn read_error(&self, e: &std::io::Error) -> Diagnostic {
        self.error(format!("cannot read the file: {e}"))
            .hint("check that the file exists and that you may read it")
    }
}

/// Refuses anything but a regular file, saying what it is.
fn not_special(input: &Input<'_>, metadata: &std::fs::Metadata) -> Result<(), Diagnostic> {
    if metadata.is_file() {
        return Ok(());
    }
    Err(input
        .error(format!(
            "this is {}, not a regular file",
            describe(metadata.file_type())
        ))
        .hint("replace it with an ordinary file (or remove it); named pipes, devices and sockets are never read"))
}

/// What kind of thing a non-regular file is, in words.
pub(crate) fn describe(file_type: std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if file_type.is_dir() {
        "a folder"
    } else if file_type.is_fifo() {
        "a named pipe (FIFO)"
    } else if file_type.is_socket() {
        "a socket"
    } else if file_type.is_char_device() || file_type.is_block_device() {
        "a device"
    } else if file_type.is_symlink() {
        "a symlink"
    } else {
        "not a regular file"
    }
}

/// Opens without blocking (a named pipe swapped in after the checks opens at once, and is then
/// refused), and without making a terminal the controlling one; with `follow` false, refusing a
/// symlink as the last part of the path (`O_NOFOLLOW`).
#[cfg(target_os = "linux")]
fn open_nonblocking(path: &Path, follow: bool) -> std::io::Result<File> {
    use rustix::fs::OFlags;
    use std::os::unix::fs::OpenOptionsExt;
    let mut flags = OFlags::NONBLOCK | OFlags::NOCTTY;
    if !follow {
        flags |= OFlags::NOFOLLOW;
    }
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(flags.bits() as i32)
        .open(path)
}

/// Elsewhere a plain open; one that must not follow a symlink is refused, so the caller takes
/// the path of every check.
#[cfg(not(target_os = "linux"))]
fn open_nonblocking(path: &Path, follow: bool) -> std::io::Result<File> {
    match follow {
        true => File::open(path),
        false => Err(std::io::Error::from(std::io::ErrorKind::Unsupported)),
    }
}

/// The canonical form of a site folder, or the folder as it is when it cannot be resolved (every
/// read under it then fails with a clear message).
pub(crate) fn canonical_root(root: &Path) -> PathBuf {
    root.canonicalize().unwrap_or_else(|_| root.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input<'a>(root: &'a Path, path: &'a Path) -> Input<'a> {
        Input {
            root,
            path,
            display: Path::new("x"),
            limit: 10,
        }
    }

    #[test]
    fn regular_files_inside_the_root_are_read_up_to_the_limit() {
        let dir = tempfile::tempdir().expect("dir");
        let root = dir.path().canonicalize().expect("root");
        let small = root.join("small");
        std::fs::write(&small, "hello").expect("write");
        assert_eq!(input(&root, &small).read().expect("read"), b"hello");
        let big = root.join("big");
        std::fs::write(&big, "hello world!").expect("write");
        let e = input(&root, &big).read().expect_err("too big");
        assert!(e.message.contains("limit"), "{}", e.message);
    }

    #[test]
    fn a_walked_file_is_opened_directly_and_anything_else_takes_every_check() {
        let dir = tempfile::tempdir().expect("dir");
        let root = dir.path().join("site");
        std::fs::create_dir(&root).expect("dir");
        let root = root.canonicalize().expect("root");
        let file = root.join("a.md");
        std::fs::write(&file, "hello").expect("write");
        let (opened, size) = input(&root, &file).open_walked().expect("open");
        assert_eq!(size, 5);
        assert_eq!(
            input(&root, &file).read_from((opened, size)).expect("read"),
            b"hello"
        );
        // Swapped for a symlink out of the site after the walk: refused as `open` refuses it.
        std::fs::write(dir.path().join("secret"), "s").expect("write");
        std::fs::remove_file(&file).expect("remove");
        std::os::unix::fs::symlink(dir.path().join("secret"), &file).expect("symlink");
        let e = input(&root, &file).open_walked().expect_err("outside");
        assert!(e.message.contains("outside"), "{}", e.message);
        // Swapped for a named pipe: opened without blocking, then refused.
        std::fs::remove_file(&file).expect("remove");
        let made = std::process::Command::new("mkfifo")
            .arg(&file)
            .status()
            .expect("mkfifo");
        assert!(made.success());
        let e = input(&root, &file).open_walked().expect_err("fifo");
        assert!(e.message.contains("named pipe"), "{}", e.message);
        // Over the limit, and gone.
        std::fs::remove_file(&file).expect("remove");
        std::fs::write(&file, "hello world!").expect("write");
        let e = input(&root, &file).open_walked().expect_err("too big");
        assert!(e.message.contains("limit"), "{}", e.message);
        std::fs::remove_file(&file).expect("remove");
        let e = input(&root, &file).open_walked().expect_err("gone");
        assert!(e.message.contains("cannot read"), "{}", e.message);
    }

    #[test]
    fn fifos_and_outside_symlinks_are_refused() {
        let dir = tempfile::tempdir().expect("dir");
        let root = dir.path().join("site");
        std::fs::create_dir(&root).expect("dir");
        let root = root.canonicalize().expect("root");
        let fifo = root.join("fifo");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo");
        assert!(made.success());
        let e = input(&root, &fifo).read().expect_err("fifo");
        assert!(e.message.contains("named pipe"), "{}", e.message);
        std::fs::write(dir.path().join("secret"), "s").expect("write");
        let link = root.join("link");
        std::os::unix::fs::symlink(dir.path().join("secret"), &link).expect("symlink");
        let e = input(&root, &link).read().expect_err("outside");
        assert!(e.message.contains("outside"), "{}", e.message);
        let dangling = root.join("dangling");
        std::os::unix::fs::symlink(root.join("missing"), &dangling).expect("symlink");
        let e = input(&root, &dangling).read().expect_err("dangling");
        assert!(e.message.contains("nothing"), "{}", e.message);
    }
}
