//! Guest page tables: an identity map of the guest space with 4 KiB pages whose
//! permissions mirror the synthetic kernel's VMA table, plus a supervisor-only map of
//! the system area.
//!
//! Each guest page is present only if some VMA maps it with any permission, user
//! accessible, writable iff `PROT_WRITE`, and no-execute unless `PROT_EXEC`
//! (EFER.NXE). x86 cannot express write-only or execute-only pages: write implies
//! read, execute implies read — as on Linux.
//!
//! The tables never change shape: the PML4, the PDPT and the four user page
//! directories are written once and point at 2048 page tables laid out linearly, so
//! the PTE of guest page `p` is at `PT_USER + 8 * (p / 4096)`. Updating permissions
//! is writing PTEs.

use super::gdt::{off, SYS_BASE};
use super::vm::SysMem;
use qvm_kernel::Kernel;

const P: u64 = 1;
const RW: u64 = 1 << 1;
const US: u64 = 1 << 2;
const NX: u64 = 1 << 63;
const PAGE: u64 = 0x1000;

/// One run of pages with the same PTE flags (0 = not present).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    /// First address (page-aligned).
    pub start: u64,
    /// End (exclusive, page-aligned).
    pub end: u64,
    /// PTE flag bits for every page in the span.
    pub flags: u64,
}

/// The PTE flags for a guest protection (0 when the page must not be present).
pub fn pte_flags(readable: bool, writable: bool, executable: bool) -> u64 {
    if !(readable || writable || executable) {
        return 0;
    }
    let mut f = P | US;
    if writable {
        f |= RW;
    }
    if !executable {
        f |= NX;
    }
    f
}

/// The kernel's mapping table as sorted, non-overlapping spans clipped to `[0, limit)`.
pub fn snapshot(kernel: &Kernel, limit: u64) -> Vec<Span> {
    let mut v: Vec<Span> = kernel
        .mappings()
        .filter_map(|m| {
            let start = m.start & !(PAGE - 1);
            let end = m.end.min(limit).div_ceil(PAGE) * PAGE;
            let flags = pte_flags(m.prot.readable(), m.prot.writable(), m.prot.executable());
            (start < end && flags != 0).then_some(Span { start, end, flags })
        })
        .collect();
    v.sort_by_key(|s| s.start);
    v
}

/// Flags of `addr` in sorted spans, advancing `i` (a cursor for monotonic queries).
fn flags_at(spans: &[Span], i: &mut usize, addr: u64) -> u64 {
    while *i < spans.len() && spans[*i].end <= addr {
        *i += 1;
    }
    match spans.get(*i) {
        Some(s) if s.start <= addr => s.flags,
        _ => 0,
    }
}

/// Whether going from PTE flags `old` to `new` takes a permission away.
pub fn revokes(old: u64, new: u64) -> bool {
    let present = |f: u64| f & P != 0;
    let writable = |f: u64| f & RW != 0;
    let executable = |f: u64| present(f) && f & NX == 0;
    (present(old) && !present(new))
        || (writable(old) && !writable(new))
        || (executable(old) && !executable(new))
}

/// What [`apply`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Applied {
    /// PTEs rewritten.
    pub pages: u64,
    /// Whether some page lost a permission (stale translations must be dropped;
    /// a gained permission is found by the next fault's walk of the guest tables).
    pub revoked: bool,
}

/// Rewrites the PTEs of every page whose flags differ between `old` and `new`.
pub fn apply(sys: &mut SysMem, old: &[Span], new: &[Span]) -> Applied {
    let mut points: Vec<u64> = old
        .iter()
        .chain(new)
        .flat_map(|s| [s.start, s.end])
        .collect();
    points.sort_unstable();
    points.dedup();
    let (mut io, mut inw) = (0usize, 0usize);
    let mut changed = 0;
    let mut revoked = false;
    for w in points.windows(2) {
        let (a, b) = (w[0], w[1]);
        let fo = flags_at(old, &mut io, a);
        let fnew = flags_at(new, &mut inw, a);
        if fo == fnew {
            continue;
        }
        revoked |= revokes(fo, fnew);
        let mut p = a;
        while p < b {
            let pte = if fnew == 0 { 0 } else { p | fnew };
            sys.write_u64(off::PT_USER + 8 * (p / PAGE), pte);
            p += PAGE;
            changed += 1;
        }
    }
    Applied {
        pages: changed,
        revoked,
    }
}

/// Writes the fixed upper levels and the system area's own mapping.
pub fn build_fixed(sys: &mut SysMem, guest_size: u64) {
    let table = P | RW | US;
    sys.write_u64(off::PML4, (SYS_BASE + off::PDPT) | table);
    // The guest space: 1 GiB per PDPT entry, each with its page directory.
    let gib = guest_size.div_ceil(1 << 30);
    for g in 0..gib {
        let pd = off::PD_USER + g * PAGE;
        sys.write_u64(off::PDPT + 8 * g, (SYS_BASE + pd) | table);
        for e in 0..512u64 {
            let pt = off::PT_USER + (g * 512 + e) * PAGE;
            sys.write_u64(pd + 8 * e, (SYS_BASE + pt) | table);
        }
    }
    // The system area at virtual = physical SYS_BASE (PDPT entry 4). The upper levels
    // allow user access so that the syscall stub's page can; every other page of the
    // area is supervisor-only at the leaf.
    sys.write_u64(
        off::PDPT + 8 * (SYS_BASE >> 30),
        (SYS_BASE + off::PD_SYS) | table,
    );
    sys.write_u64(off::PD_SYS, (SYS_BASE + off::PT_SYS) | table);
    sys.write_u64(
        off::PT_SYS + 8 * (off::DOORBELL / PAGE),
        super::gdt::DOORBELL_GPA | P | RW | US | NX,
    );
    let mut page = off::GDT;
    while page < off::STACK_TOP {
        let flags = match page {
            off::STUBS => P,
            off::SYSCALL_PAGE => P | US,
            _ => P | RW | NX,
        };
        sys.write_u64(off::PT_SYS + 8 * (page / PAGE), (SYS_BASE + page) | flags);
        page += PAGE;
    }
}
