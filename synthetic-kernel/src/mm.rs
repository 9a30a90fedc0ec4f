//! The memory manager: the kernel's table of guest mappings (VMAs).
//!
//! It is the single source of truth for what the guest may touch: syscalls validate
//! guest pointers against it ([`Mm::check`]), the translator asks it before fetching
//! code ([`crate::Kernel::protection_at`]), and every change is mirrored to the host
//! region through [`GuestMemory::protect`] (plus [`GuestMemory::zero`] for fresh pages
//! and [`GuestMemory::invalidate_code`] when executable pages go away or change).
//!
//! Mappings are page-granular, never overlap, and adjacent mappings with identical
//! attributes are merged (so a heap grown in steps is one mapping, as in Linux).
//! Memory accounting: mappings the guest creates (brk, mmap, mremap growth) are
//! *accounted* and count against `max_memory`; the loader's initial mappings
//! ([`crate::Kernel::map_initial`]) are not.

use std::collections::BTreeMap;

use crate::guest::{GuestMemory, OutOfRange, Prot};
use crate::layout::{page_up, MIN_MAP_ADDR, MMAP_TOP};

/// What backs a mapping.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backing {
    /// Zero-filled anonymous memory (also brk and the loader's mappings).
    Anon,
    /// A private snapshot of an in-memory file's contents.
    File,
}

/// One mapping `[start, end)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Vma {
    /// First address (page-aligned).
    pub start: u64,
    /// End address (exclusive, page-aligned).
    pub end: u64,
    /// Guest protection.
    pub prot: Prot,
    /// Name for diagnostics (`[heap]`, `[stack]`, a segment name, …).
    pub name: String,
    /// What backs it.
    pub backing: Backing,
    /// MAP_SHARED (only meaningful for anonymous memory: there is one process).
    pub shared: bool,
    /// Whether it counts against `max_memory`.
    pub accounted: bool,
}

impl Vma {
    fn len(&self) -> u64 {
        self.end - self.start
    }
    fn same_attrs(&self, o: &Vma) -> bool {
        self.prot == o.prot
            && self.name == o.name
            && self.backing == o.backing
            && self.shared == o.shared
            && self.accounted == o.accounted
    }
}

/// The mapping table plus the brk state.
#[derive(Default)]
pub struct Mm {
    vmas: BTreeMap<u64, Vma>,
    accounted: u64,
    /// Where brk starts (set by the loader).
    pub brk_base: u64,
    /// The current program break (exact, may be unaligned; mapped up to `page_up`).
    pub brk_cur: u64,
}

/// Access a syscall needs to a guest buffer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// The kernel reads guest memory (any mapped page: on x86 every mapping is readable).
    Read,
    /// The kernel writes guest memory (needs PROT_WRITE).
    Write,
}

impl Mm {
    /// Bytes of accounted (guest-requested) mappings.
    pub fn accounted_bytes(&self) -> u64 {
        self.accounted
    }

    /// The mapping containing `addr`.
    pub fn find(&self, addr: u64) -> Option<&Vma> {
        self.vmas
            .range(..=addr)
            .next_back()
            .map(|(_, v)| v)
            .filter(|v| v.end > addr)
    }

    /// Mappings intersecting `[start, end)`, in address order.
    pub fn intersecting(&self, start: u64, end: u64) -> impl Iterator<Item = &Vma> {
        let first = self.find(start).map_or(start, |v| v.start);
        self.vmas
            .range(first..end)
            .map(|(_, v)| v)
            .filter(move |v| v.end > start)
    }

    /// All mappings, in address order.
    pub fn vmas(&self) -> impl Iterator<Item = &Vma> {
        self.vmas.values()
    }

    /// Whether any page of `[start, end)` is mapped.
    pub fn overlaps(&self, start: u64, end: u64) -> bool {
        self.intersecting(start, end).next().is_some()
    }

    /// Whether every byte of `[start, end)` is mapped.
    pub fn fully_mapped(&self, start: u64, end: u64) -> bool {
        let mut at = start;
        for v in self.intersecting(start, end) {
            if v.start > at {
                return false;
            }
            at = v.end;
            if at >= end {
                return true;
            }
        }
        at >= end
    }

    /// Whether any mapping in `[start, end)` is executable.
    pub fn any_exec(&self, start: u64, end: u64) -> bool {
        self.intersecting(start, end).any(|v| v.prot.executable())
    }

    /// Whether the guest buffer `[addr, addr+len)` is entirely mapped with `access`.
    /// An empty buffer is always valid (Linux does not check zero-length buffers).
    pub fn check(&self, addr: u64, len: u64, access: Access) -> bool {
        if len == 0 {
            return true;
        }
        let Some(end) = addr.checked_add(len) else {
            return false;
        };
        let mut at = addr;
        for v in self.intersecting(addr, end) {
            let ok = match access {
                Access::Read => v.prot.0 & 7 != 0,
                Access::Write => v.prot.writable(),
            };
            if v.start > at || !ok {
                return false;
            }
            at = v.end;
            if at >= end {
                return true;
            }
        }
        false
    }

    /// Length of the longest prefix of `[addr, addr+max)` that is mapped with `access`.
    pub fn accessible_prefix(&self, addr: u64, max: u64, access: Access) -> u64 {
        let end = addr.saturating_add(max);
        let mut at = addr;
        for v in self.intersecting(addr, end) {
            let ok = match access {
                Access::Read => v.prot.0 & 7 != 0,
                Access::Write => v.prot.writable(),
            };
            if v.start > at || !ok {
                break;
            }
            at = v.end.min(end);
            if at >= end {
                break;
            }
        }
        at - addr
    }

    /// Removes `[start, end)` from the table (splitting mappings at the edges) and
    /// returns the removed pieces.
    pub fn remove_range(&mut self, start: u64, end: u64) -> Vec<Vma> {
        let keys: Vec<u64> = self.intersecting(start, end).map(|v| v.start).collect();
        let mut removed = Vec::new();
        for k in keys {
            let Some(v) = self.vmas.remove(&k) else {
                continue;
            };
            if v.accounted {
                self.accounted -= v.len();
            }
            if v.start < start {
                self.put(Vma {
                    end: start,
                    ..v.clone()
                });
            }
            if v.end > end {
                self.put(Vma {
                    start: end,
                    ..v.clone()
                });
            }
            removed.push(Vma {
                start: v.start.max(start),
                end: v.end.min(end),
                ..v
            });
        }
        removed
    }

    fn put(&mut self, v: Vma) {
        if v.accounted {
            self.accounted += v.len();
        }
        self.vmas.insert(v.start, v);
    }

    /// Inserts a mapping over a free range, merging with identical neighbours.
    pub fn insert(&mut self, mut v: Vma) {
        debug_assert!(!self.overlaps(v.start, v.end));
        if let Some(prev) = self
            .vmas
            .range(..v.start)
            .next_back()
            .map(|(_, p)| p.clone())
        {
            if prev.end == v.start && prev.same_attrs(&v) {
                self.remove_range(prev.start, prev.end);
                v.start = prev.start;
            }
        }
        if let Some(next) = self.vmas.get(&v.end).cloned() {
            if next.same_attrs(&v) {
                self.remove_range(next.start, next.end);
                v.end = next.end;
            }
        }
        self.put(v);
    }

    /// Maps fresh zeroed memory at `[start, start+len)`, replacing whatever was there,
    /// and mirrors it to the host region.
    pub fn map_fresh(&mut self, mem: &mut dyn GuestMemory, v: Vma) -> Result<(), OutOfRange> {
        self.unmap(mem, v.start, v.end)?;
        let (start, len, prot) = (v.start, v.len(), v.prot);
        self.insert(v);
        mem.zero(start, len)?;
        mem.protect(start, len, prot)
    }

    /// Unmaps `[start, end)`; unmapped holes inside are fine.
    pub fn unmap(
        &mut self,
        mem: &mut dyn GuestMemory,
        start: u64,
        end: u64,
    ) -> Result<(), OutOfRange> {
        for piece in self.remove_range(start, end) {
            if piece.prot.executable() {
                mem.invalidate_code(piece.start, piece.len());
            }
            mem.protect(piece.start, piece.len(), Prot::NONE)?;
        }
        Ok(())
    }

    /// Changes the protection of the fully mapped range `[start, end)`.
    pub fn protect(
        &mut self,
        mem: &mut dyn GuestMemory,
        start: u64,
        end: u64,
        prot: Prot,
    ) -> Result<(), OutOfRange> {
        for piece in self.remove_range(start, end) {
            if piece.prot.executable() || prot.executable() {
                mem.invalidate_code(piece.start, piece.len());
            }
            mem.protect(piece.start, piece.len(), prot)?;
            self.insert(Vma { prot, ..piece });
        }
        Ok(())
    }

    /// Top-down first-fit: the highest page-aligned address `a` with `[a, a+len)` free,
    /// `a >= max(page_up(brk), MIN_MAP_ADDR)` and `a + len <= MMAP_TOP`.
    pub fn find_free(&self, len: u64) -> Option<u64> {
        let floor = page_up(self.brk_cur).unwrap_or(u64::MAX).max(MIN_MAP_ADDR);
        let mut hi = MMAP_TOP;
        for v in self.vmas.range(..MMAP_TOP).rev().map(|(_, v)| v) {
            if v.end <= hi && hi - v.end >= len && hi - len >= floor {
                return Some(hi - len);
            }
            hi = hi.min(v.start);
            if hi < floor {
                return None;
            }
        }
        (hi >= floor && hi - floor >= len).then(|| hi - len)
    }
}
