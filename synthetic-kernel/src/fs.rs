//! The in-memory file system.
//!
//! The tree is built at start and lives only for the run:
//!
//! | path | what |
//! |---|---|
//! | `/` | directory, read-only |
//! | `/dev/null`, `/dev/zero` | the usual character devices |
//! | `/dev/random`, `/dev/urandom` | the deterministic random stream ([`crate::random`]) |
//! | `/dev/stdin`, `/dev/stdout`, `/dev/stderr` | the embedder's stdin/stdout/stderr (FIFOs, see below) |
//! | `/tmp` | the only writable directory (mode 01777); whatever the guest creates lives in memory and is discarded at exit |
//! | `/proc`, `/proc/self` | empty directories; `readlink("/proc/self/exe")` is answered specially |
//! | embedder files | read-only (mode 0444) regular files at the given absolute paths; missing parent directories are created read-only (0555) |
//!
//! Inode numbers are assigned in creation order starting at 1 (the root), so `stat`
//! answers are the same in every run. All times are the block timestamp. Files the
//! guest creates count against `max_memory` (→ `ENOSPC` beyond it).
//!
//! stdin, stdout and stderr are FIFOs (`S_IFIFO | 0600`): a program sees its standard
//! streams as pipes, which is what they are to the embedder. `isatty` is false (every
//! `TCGETS` answers `ENOTTY`), so stdio is fully buffered; `lseek` on them is `ESPIPE`.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, VecDeque};
use std::rc::{Rc, Weak};

use crate::errno::Errno;

/// A shared reference to an inode.
pub type NodeRef = Rc<RefCell<Node>>;

/// File type bits of `st_mode`.
pub mod mode {
    /// Directory.
    pub const S_IFDIR: u32 = 0o040000;
    /// Regular file.
    pub const S_IFREG: u32 = 0o100000;
    /// Character device.
    pub const S_IFCHR: u32 = 0o020000;
    /// FIFO.
    pub const S_IFIFO: u32 = 0o010000;
}

/// Longest path accepted (bytes, like Linux's PATH_MAX including the NUL).
pub const PATH_MAX: usize = 4096;
const NAME_MAX: usize = 255;
/// Capacity of a pipe buffer (Linux's default 64 KiB).
pub const PIPE_CAPACITY: usize = 65536;

/// Character devices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Device {
    /// `/dev/null`.
    Null,
    /// `/dev/zero`.
    Zero,
    /// `/dev/random` and `/dev/urandom`.
    Random,
    /// The embedder's stdin.
    Stdin,
    /// The embedder's stdout.
    Stdout,
    /// The embedder's stderr.
    Stderr,
}

impl Device {
    /// Whether the device is one of the standard streams (reported as a FIFO).
    pub fn is_stdio(self) -> bool {
        matches!(self, Device::Stdin | Device::Stdout | Device::Stderr)
    }
}

/// A regular file's bytes. Guest-created files report their size to a shared usage
/// counter (so the memory limit covers them), including when they are finally dropped.
pub struct FileData {
    data: Vec<u8>,
    usage: Option<Rc<Cell<u64>>>,
}

impl FileData {
    /// The contents.
    pub fn bytes(&self) -> &[u8] {
        &self.data
    }
    /// Mutable contents (length changes must go through [`FileData::resize`]).
    pub fn bytes_mut(&mut self) -> &mut [u8] {
        &mut self.data
    }
    /// Resizes, zero-filling growth, and updates the usage counter.
    pub fn resize(&mut self, len: usize) {
        if let Some(u) = &self.usage {
            u.set(u.get() - self.data.len() as u64 + len as u64);
        }
        self.data.resize(len, 0);
    }
}

impl Drop for FileData {
    fn drop(&mut self) {
        if let Some(u) = &self.usage {
            u.set(u.get() - self.data.len() as u64);
        }
    }
}

/// An anonymous pipe's buffer and its open ends.
#[derive(Default)]
pub struct Pipe {
    /// Buffered bytes.
    pub buf: VecDeque<u8>,
    /// Open read ends.
    pub readers: u32,
    /// Open write ends.
    pub writers: u32,
}

/// What an inode is.
pub enum NodeKind {
    /// A directory: entries by name, and its parent (the root is its own parent).
    Dir {
        /// Entries (without `.` and `..`).
        entries: BTreeMap<Vec<u8>, NodeRef>,
        /// The parent directory.
        parent: Weak<RefCell<Node>>,
    },
    /// A regular file.
    File(FileData),
    /// A character device.
    Device(Device),
    /// A pipe.
    Pipe(Pipe),
}

/// An inode.
pub struct Node {
    /// Inode number (creation order).
    pub ino: u64,
    /// Permission bits.
    pub perm: u32,
    /// Whether the guest may modify it (write a file; create/remove entries of a directory).
    pub writable: bool,
    /// What it is.
    pub kind: NodeKind,
}

impl Node {
    /// `st_mode`: type bits and permissions.
    pub fn mode(&self) -> u32 {
        let t = match &self.kind {
            NodeKind::Dir { .. } => mode::S_IFDIR,
            NodeKind::File(_) => mode::S_IFREG,
            NodeKind::Device(d) if d.is_stdio() => mode::S_IFIFO,
            NodeKind::Device(_) => mode::S_IFCHR,
            NodeKind::Pipe(_) => mode::S_IFIFO,
        };
        t | self.perm
    }
    /// `st_size`.
    pub fn size(&self) -> u64 {
        match &self.kind {
            NodeKind::File(f) => f.bytes().len() as u64,
            NodeKind::Dir { .. } => 4096,
            _ => 0,
        }
    }
    /// `st_rdev` (Linux's numbers for the memory devices: 1:3 null, 1:5 zero, 1:9 urandom).
    pub fn rdev(&self) -> u64 {
        match &self.kind {
            NodeKind::Device(Device::Null) => (1 << 8) | 3,
            NodeKind::Device(Device::Zero) => (1 << 8) | 5,
            NodeKind::Device(Device::Random) => (1 << 8) | 9,
            _ => 0,
        }
    }
    /// `st_nlink`.
    pub fn nlink(&self) -> u64 {
        match &self.kind {
            NodeKind::Dir { entries, .. } => {
                2 + entries.values().filter(|e| e.borrow().is_dir()).count() as u64
            }
            _ => 1,
        }
    }
    /// Whether this is a directory.
    pub fn is_dir(&self) -> bool {
        matches!(self.kind, NodeKind::Dir { .. })
    }
    /// `d_type` for getdents64.
    pub fn dtype(&self) -> u8 {
        match &self.kind {
            NodeKind::Dir { .. } => 4,
            NodeKind::File(_) => 8,
            NodeKind::Device(d) if d.is_stdio() => 1,
            NodeKind::Device(_) => 2,
            NodeKind::Pipe(_) => 1,
        }
    }
}

/// The file system: the tree, the inode counter and the guest-file usage counter.
pub struct Fs {
    /// The root directory.
    pub root: NodeRef,
    next_ino: u64,
    usage: Rc<Cell<u64>>,
}

/// A resolved parent directory and final component.
pub struct ParentAndName {
    /// The directory that holds (or will hold) the entry.
    pub dir: NodeRef,
    /// The last path component (never empty, `.` or `..`).
    pub name: Vec<u8>,
}

impl Fs {
    /// The standard tree (see the module docs), without embedder files.
    pub fn new() -> Fs {
        let root = Rc::new(RefCell::new(Node {
            ino: 1,
            perm: 0o755,
            writable: false,
            kind: NodeKind::Dir {
                entries: BTreeMap::new(),
                parent: Weak::new(),
            },
        }));
        if let NodeKind::Dir { parent, .. } = &mut root.borrow_mut().kind {
            *parent = Rc::downgrade(&root);
        }
        let mut fs = Fs {
            root,
            next_ino: 2,
            usage: Rc::new(Cell::new(0)),
        };
        let root = fs.root.clone();
        let dev = fs.add_dir(&root, b"dev", 0o755, false);
        for (name, d, perm) in [
            (&b"null"[..], Device::Null, 0o666),
            (b"zero", Device::Zero, 0o666),
            (b"random", Device::Random, 0o666),
            (b"urandom", Device::Random, 0o666),
            (b"stdin", Device::Stdin, 0o600),
            (b"stdout", Device::Stdout, 0o600),
            (b"stderr", Device::Stderr, 0o600),
        ] {
            let n = fs.new_node(NodeKind::Device(d), perm, true);
            link(&dev, name, n);
        }
        fs.add_dir(&root, b"tmp", 0o1777, true);
        let proc_ = fs.add_dir(&root, b"proc", 0o555, false);
        fs.add_dir(&proc_, b"self", 0o555, false);
        fs
    }

    /// Bytes held by guest-created files.
    pub fn usage(&self) -> u64 {
        self.usage.get()
    }

    /// A new inode with the next number.
    pub fn new_node(&mut self, kind: NodeKind, perm: u32, writable: bool) -> NodeRef {
        let ino = self.next_ino;
        self.next_ino += 1;
        Rc::new(RefCell::new(Node {
            ino,
            perm,
            writable,
            kind,
        }))
    }

    /// A new, empty guest-writable regular file (not linked anywhere yet).
    pub fn new_guest_file(&mut self, perm: u32) -> NodeRef {
        let data = FileData {
            data: Vec::new(),
            usage: Some(self.usage.clone()),
        };
        self.new_node(NodeKind::File(data), perm, true)
    }

    /// A new read-only regular file not linked anywhere (generated `/proc` contents).
    pub fn new_snapshot_file(&mut self, data: Vec<u8>) -> NodeRef {
        self.new_node(NodeKind::File(FileData { data, usage: None }), 0o444, false)
    }

    /// A new pipe inode.
    pub fn new_pipe(&mut self) -> NodeRef {
        self.new_node(NodeKind::Pipe(Pipe::default()), 0o600, true)
    }

    /// Creates directory `name` in `parent`.
    pub fn add_dir(&mut self, parent: &NodeRef, name: &[u8], perm: u32, writable: bool) -> NodeRef {
        let d = self.new_node(
            NodeKind::Dir {
                entries: BTreeMap::new(),
                parent: Rc::downgrade(parent),
            },
            perm,
            writable,
        );
        link(parent, name, d.clone());
        d
    }

    /// Adds an embedder file (read-only) at absolute `path`, creating read-only parent
    /// directories. Fails (with a reason) if the path is not absolute, has an empty or
    /// dot component, or collides with something that exists.
    pub fn add_embedder_file(&mut self, path: &str, data: Vec<u8>) -> Result<(), &'static str> {
        let Some(rest) = path.strip_prefix('/') else {
            return Err("path is not absolute");
        };
        let comps: Vec<&str> = rest.split('/').collect();
        if comps
            .iter()
            .any(|c| c.is_empty() || *c == "." || *c == ".." || c.len() > NAME_MAX)
        {
            return Err("path has an empty, '.', '..' or overlong component");
        }
        let (last, dirs) = comps.split_last().ok_or("empty path")?;
        let mut dir = self.root.clone();
        for c in dirs {
            let existing = lookup(&dir, c.as_bytes());
            dir = match existing {
                Some(n) if n.borrow().is_dir() => n,
                Some(_) => return Err("a parent component is not a directory"),
                None => self.add_dir(&dir, c.as_bytes(), 0o555, false),
            };
        }
        if lookup(&dir, last.as_bytes()).is_some() {
            return Err("the path already exists");
        }
        let n = self.new_node(NodeKind::File(FileData { data, usage: None }), 0o444, false);
        link(&dir, last.as_bytes(), n);
        Ok(())
    }

    /// Resolves `path` (relative paths start at `start`). A trailing `/` requires a directory.
    pub fn resolve(&self, start: &NodeRef, path: &[u8]) -> Result<NodeRef, Errno> {
        if path.is_empty() {
            return Err(Errno::ENOENT);
        }
        let mut cur = if path[0] == b'/' {
            self.root.clone()
        } else {
            start.clone()
        };
        for c in path.split(|&b| b == b'/') {
            cur = step(&cur, c)?;
        }
        if path.ends_with(b"/") && !cur.borrow().is_dir() {
            return Err(Errno::ENOTDIR);
        }
        Ok(cur)
    }

    /// Resolves all but the last component. `Ok(None)` when the path names a directory
    /// itself (`/`, `.`, `..`, `dir/`): there is no entry to create or remove.
    pub fn resolve_parent(
        &self,
        start: &NodeRef,
        path: &[u8],
    ) -> Result<Option<ParentAndName>, Errno> {
        if path.is_empty() {
            return Err(Errno::ENOENT);
        }
        let trimmed_len = path.iter().rposition(|&b| b != b'/').map_or(0, |i| i + 1);
        let trimmed = &path[..trimmed_len];
        let (dir_part, name) = match trimmed.iter().rposition(|&b| b == b'/') {
            Some(i) => (&trimmed[..=i], &trimmed[i + 1..]),
            None => (&b""[..], trimmed),
        };
        if name.is_empty() || name == b"." || name == b".." {
            return Ok(None);
        }
        if name.len() > NAME_MAX {
            return Err(Errno::ENAMETOOLONG);
        }
        let dir = if dir_part.is_empty() {
            start.clone()
        } else {
            self.resolve(start, dir_part)?
        };
        if !dir.borrow().is_dir() {
            return Err(Errno::ENOTDIR);
        }
        Ok(Some(ParentAndName {
            dir,
            name: name.to_vec(),
        }))
    }

    /// The absolute path of directory `dir` (for getcwd).
    pub fn path_of(&self, dir: &NodeRef) -> Vec<u8> {
        let mut parts: Vec<Vec<u8>> = Vec::new();
        let mut cur = dir.clone();
        for _ in 0..PATH_MAX {
            let parent = match &cur.borrow().kind {
                NodeKind::Dir { parent, .. } => parent.upgrade(),
                _ => None,
            };
            let Some(parent) = parent else { break };
            if Rc::ptr_eq(&parent, &cur) {
                break;
            }
            let name = match &parent.borrow().kind {
                NodeKind::Dir { entries, .. } => entries
                    .iter()
                    .find(|(_, n)| Rc::ptr_eq(n, &cur))
                    .map(|(k, _)| k.clone()),
                _ => None,
            };
            // A directory removed while it was the cwd has no name any more.
            let Some(name) = name else {
                return b"(unreachable)/".to_vec();
            };
            parts.push(name);
            cur = parent;
        }
        let mut out = Vec::new();
        for p in parts.iter().rev() {
            out.push(b'/');
            out.extend_from_slice(p);
        }
        if out.is_empty() {
            out.push(b'/');
        }
        out
    }
}

impl Default for Fs {
    fn default() -> Self {
        Fs::new()
    }
}

/// Looks up `name` in directory `dir`.
pub fn lookup(dir: &NodeRef, name: &[u8]) -> Option<NodeRef> {
    match &dir.borrow().kind {
        NodeKind::Dir { entries, .. } => entries.get(name).cloned(),
        _ => None,
    }
}

/// Adds entry `name → node` to directory `dir` (and reparents directories).
pub fn link(dir: &NodeRef, name: &[u8], node: NodeRef) {
    if let NodeKind::Dir { parent, .. } = &mut node.borrow_mut().kind {
        *parent = Rc::downgrade(dir);
    }
    if let NodeKind::Dir { entries, .. } = &mut dir.borrow_mut().kind {
        entries.insert(name.to_vec(), node);
    }
}

/// Removes entry `name` from directory `dir`.
pub fn unlink(dir: &NodeRef, name: &[u8]) -> Option<NodeRef> {
    match &mut dir.borrow_mut().kind {
        NodeKind::Dir { entries, .. } => entries.remove(name),
        _ => None,
    }
}

/// One path-walk step from directory `cur`.
fn step(cur: &NodeRef, c: &[u8]) -> Result<NodeRef, Errno> {
    if c.is_empty() || c == b"." {
        if !cur.borrow().is_dir() {
            return Err(Errno::ENOTDIR);
        }
        return Ok(cur.clone());
    }
    if c.len() > NAME_MAX {
        return Err(Errno::ENAMETOOLONG);
    }
    let b = cur.borrow();
    match &b.kind {
        NodeKind::Dir { entries, parent } => {
            if c == b".." {
                Ok(parent.upgrade().unwrap_or_else(|| cur.clone()))
            } else {
                entries.get(c).cloned().ok_or(Errno::ENOENT)
            }
        }
        _ => Err(Errno::ENOTDIR),
    }
}

/// Whether `node` is `ancestor` or lies below it (rename must not move a directory into itself).
pub fn is_within(node: &NodeRef, ancestor: &NodeRef) -> bool {
    let mut cur = node.clone();
    for _ in 0..PATH_MAX {
        if Rc::ptr_eq(&cur, ancestor) {
            return true;
        }
        let parent = match &cur.borrow().kind {
            NodeKind::Dir { parent, .. } => parent.upgrade(),
            _ => None,
        };
        match parent {
            Some(p) if !Rc::ptr_eq(&p, &cur) => cur = p,
            _ => return false,
        }
    }
    false
}
