//! Open file descriptions and the descriptor table.
//!
//! As in Linux, descriptors made by `dup`/`fcntl(F_DUPFD)` share one open file
//! description (offset and status flags); `O_CLOEXEC` belongs to the descriptor. A
//! pipe end counts as open while any descriptor refers to it, so closing the last
//! write end makes reads return 0 (end of file).

use std::cell::RefCell;
use std::rc::Rc;

use crate::errno::Errno;
use crate::fs::{NodeKind, NodeRef};

/// `O_ACCMODE` bits.
pub const O_ACCMODE: u32 = 3;
/// Read-only.
pub const O_RDONLY: u32 = 0;
/// Write-only.
pub const O_WRONLY: u32 = 1;
/// Read-write.
pub const O_RDWR: u32 = 2;
/// Create if missing.
pub const O_CREAT: u32 = 0o100;
/// With O_CREAT: fail if it exists.
pub const O_EXCL: u32 = 0o200;
/// Do not become the controlling terminal (ignored).
pub const O_NOCTTY: u32 = 0o400;
/// Truncate on open.
pub const O_TRUNC: u32 = 0o1000;
/// Writes append.
pub const O_APPEND: u32 = 0o2000;
/// Non-blocking (recorded; nothing ever blocks).
pub const O_NONBLOCK: u32 = 0o4000;
/// Must be a directory.
pub const O_DIRECTORY: u32 = 0o200000;
/// Do not follow a final symlink (there are none).
pub const O_NOFOLLOW: u32 = 0o400000;
/// Close on exec.
pub const O_CLOEXEC: u32 = 0o2000000;
/// Flags `F_SETFL` may change.
pub const SETFL_MASK: u32 = O_APPEND | O_NONBLOCK | 0o40000 /* O_DIRECT */ | 0o1000000 /* O_NOATIME */;

/// An open file description.
pub struct OpenFile {
    /// The inode.
    pub node: NodeRef,
    /// Access mode and status flags (`O_*`, without the creation flags).
    pub flags: u32,
    /// File offset (for directories: the index of the next getdents entry).
    pub pos: u64,
}

impl OpenFile {
    /// A new description; registers a pipe end.
    pub fn new(node: NodeRef, flags: u32) -> OpenFile {
        if let NodeKind::Pipe(p) = &mut node.borrow_mut().kind {
            if flags & O_ACCMODE == O_RDONLY {
                p.readers += 1;
            } else {
                p.writers += 1;
            }
        }
        OpenFile {
            node,
            flags,
            pos: 0,
        }
    }
    /// Whether opened for reading.
    pub fn readable(&self) -> bool {
        matches!(self.flags & O_ACCMODE, O_RDONLY | O_RDWR)
    }
    /// Whether opened for writing.
    pub fn writable(&self) -> bool {
        matches!(self.flags & O_ACCMODE, O_WRONLY | O_RDWR)
    }
}

impl Drop for OpenFile {
    fn drop(&mut self) {
        let readable = self.readable();
        if let NodeKind::Pipe(p) = &mut self.node.borrow_mut().kind {
            if readable {
                p.readers -= 1;
            } else {
                p.writers -= 1;
            }
        }
    }
}

/// A shared open file description.
pub type FileRef = Rc<RefCell<OpenFile>>;

/// One descriptor slot.
#[derive(Clone)]
pub struct Fd {
    /// The open file description.
    pub file: FileRef,
    /// FD_CLOEXEC.
    pub cloexec: bool,
}

/// The descriptor table. New descriptors take the lowest free number below the limit.
#[derive(Default)]
pub struct FdTable {
    slots: Vec<Option<Fd>>,
}

impl FdTable {
    /// The descriptor `fd` (guest value, any width).
    pub fn get(&self, fd: u64) -> Result<&Fd, Errno> {
        let i = usize::try_from(fd).map_err(|_| Errno::EBADF)?;
        self.slots
            .get(i)
            .and_then(|s| s.as_ref())
            .ok_or(Errno::EBADF)
    }
    /// The open file of `fd`.
    pub fn file(&self, fd: u64) -> Result<FileRef, Errno> {
        self.get(fd).map(|f| f.file.clone())
    }
    /// Mutable slot of an open `fd`.
    pub fn get_mut(&mut self, fd: u64) -> Result<&mut Fd, Errno> {
        let i = usize::try_from(fd).map_err(|_| Errno::EBADF)?;
        self.slots
            .get_mut(i)
            .and_then(|s| s.as_mut())
            .ok_or(Errno::EBADF)
    }
    /// Installs at the lowest free number `>= min` and `< limit` (EMFILE if none;
    /// EINVAL if `min >= limit`).
    pub fn install(&mut self, fd: Fd, min: u64, limit: u64) -> Result<u64, Errno> {
        if min >= limit {
            return Err(Errno::EINVAL);
        }
        let min = usize::try_from(min).map_err(|_| Errno::EINVAL)?;
        let limit = usize::try_from(limit).unwrap_or(usize::MAX);
        let mut i = min;
        while i < limit {
            if i >= self.slots.len() {
                self.slots.resize(i + 1, None);
            }
            if self.slots[i].is_none() {
                self.slots[i] = Some(fd);
                return Ok(i as u64);
            }
            i += 1;
        }
        Err(Errno::EMFILE)
    }
    /// Installs at exactly `n` (closing what was there), `n < limit`.
    pub fn install_at(&mut self, fd: Fd, n: u64, limit: u64) -> Result<u64, Errno> {
        if n >= limit {
            return Err(Errno::EBADF);
        }
        let i = usize::try_from(n).map_err(|_| Errno::EBADF)?;
        if i >= self.slots.len() {
            self.slots.resize(i + 1, None);
        }
        self.slots[i] = Some(fd);
        Ok(n)
    }
    /// Closes `fd`.
    pub fn close(&mut self, fd: u64) -> Result<(), Errno> {
        let i = usize::try_from(fd).map_err(|_| Errno::EBADF)?;
        match self.slots.get_mut(i) {
            Some(s @ Some(_)) => {
                *s = None;
                Ok(())
            }
            _ => Err(Errno::EBADF),
        }
    }
    /// Whether some descriptor number below `limit` is free.
    pub fn has_free(&self, limit: u64) -> bool {
        let limit = usize::try_from(limit).unwrap_or(usize::MAX);
        self.slots.len() < limit || self.slots[..limit].iter().any(|s| s.is_none())
    }
    /// Number of open descriptors.
    pub fn count(&self) -> usize {
        self.slots.iter().filter(|s| s.is_some()).count()
    }
}
