//! Memory syscalls: brk, mmap, munmap, mprotect, mremap, madvise.
//!
//! - **brk** behaves like Linux: `brk(0)` (or any address below the base) returns the
//!   current break; growing maps zeroed RW pages named `[heap]`; shrinking unmaps; a
//!   request that cannot be met (collides with a mapping, exceeds `max_memory`, leaves
//!   the address space) returns the *old* break. Running out of gas ends the run.
//! - **mmap**: anonymous private/shared memory (zeroed), `MAP_FIXED`,
//!   `MAP_FIXED_NOREPLACE` (`EEXIST` on overlap), hints honoured when free, otherwise
//!   top-down first-fit below [`crate::layout::MMAP_TOP`]. File mappings copy the
//!   in-memory file's bytes (a private snapshot; bytes past the end of file are zero);
//!   a shared *writable* file mapping is refused with `ENODEV` since writes could not
//!   reach the file. `/dev/zero` maps as anonymous memory.
//! - Placement the kernel chooses (hints, brk growth, mremap growing in place) stays
//!   inside `[MIN_MAP_ADDR, MMAP_TOP)`, so the 16 MiB gap below the stack stays a guard;
//!   only `MAP_FIXED`/`MREMAP_FIXED` (and mappings already above `MMAP_TOP`) go elsewhere.
//! - **mremap**: shrinking in place, growing in place when the following pages are
//!   free, otherwise moving (`MREMAP_MAYMOVE`, `MREMAP_FIXED`) by copying the bytes.
//!   `MREMAP_DONTUNMAP` and `old_size == 0` are not supported (`EINVAL`).
//! - **madvise**: `MADV_DONTNEED` zeroes private anonymous pages (as Linux does) and
//!   leaves file and shared mappings as they are; every other advice is accepted and
//!   does nothing (`MADV_FREE` keeps the contents).
//! - **msync**, **mlock** and friends succeed without doing anything.
//!
//! Gas: mmap pays `memory_cost` for every page it maps (fresh memory) plus
//! `syscall_per_byte` for file bytes copied; brk and in-place mremap pay for the added
//! pages; a moving mremap pays for added pages plus the bytes it copies.

use super::{Ctx, Stop, SysResult, CHUNK};
use crate::errno::Errno;
use crate::fs::{Device, NodeKind};
use crate::guest::Prot;
use crate::layout::{
    is_page_aligned, page_up, GUEST_SPACE_SIZE, MAP_END, MIN_MAP_ADDR, MMAP_TOP, PAGE_SIZE,
};
use crate::mm::{Backing, Vma};
use crate::Kernel;

const MAP_TYPE: u64 = 0xf;
const MAP_FIXED: u64 = 0x10;
const MAP_ANONYMOUS: u64 = 0x20;
const MAP_FIXED_NOREPLACE: u64 = 0x10_0000;
const MREMAP_MAYMOVE: u64 = 1;
const MREMAP_FIXED: u64 = 2;
const MADV_DONTNEED: u64 = 4;
const PROT_GROWSDOWN: u64 = 0x0100_0000;
const PROT_GROWSUP: u64 = 0x0200_0000;

fn prot_of(p: u64) -> Result<Prot, Errno> {
    u32::try_from(p)
        .ok()
        .filter(|p| p & !7 == 0)
        .map(Prot)
        .ok_or(Errno::EINVAL)
}

fn enomem<T>(_: T) -> Stop {
    Stop::Errno(Errno::ENOMEM)
}

impl Kernel {
    /// Whether `extra` more accounted bytes fit in `max_memory`, given that `freed`
    /// accounted bytes go away in the same operation.
    pub(crate) fn memory_fits(&self, extra: u64, freed: u64) -> bool {
        let used = self
            .mm
            .accounted_bytes()
            .saturating_sub(freed)
            .saturating_add(self.fs.usage());
        used.saturating_add(extra) <= self.max_memory
    }

    fn accounted_in(&self, start: u64, end: u64) -> u64 {
        self.mm
            .intersecting(start, end)
            .filter(|v| v.accounted)
            .map(|v| v.end.min(end) - v.start.max(start))
            .sum()
    }
}

/// brk(addr).
pub fn brk(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    let cur = k.mm.brk_cur;
    let addr = a[0];
    if addr < k.mm.brk_base || addr == cur {
        return Ok(cur);
    }
    let (Some(old_end), Some(new_end)) = (page_up(cur), page_up(addr)) else {
        return Ok(cur);
    };
    // No brk before the loader set its base (the heap may never start below MIN_MAP_ADDR).
    if new_end > MMAP_TOP || old_end < MIN_MAP_ADDR {
        return Ok(cur);
    }
    if new_end > old_end {
        if k.mm.overlaps(old_end, new_end) || !k.memory_fits(new_end - old_end, 0) {
            return Ok(cur);
        }
        cx.charge_pages((new_end - old_end) / PAGE_SIZE)?;
        let v = Vma {
            start: old_end,
            end: new_end,
            prot: Prot::RW,
            name: "[heap]".into(),
            backing: Backing::Anon,
            shared: false,
            accounted: true,
        };
        if k.mm.map_fresh(cx.mem, v).is_err() {
            return Ok(cur);
        }
    } else if new_end < old_end {
        k.mm.unmap(cx.mem, new_end, old_end).map_err(enomem)?;
    }
    k.mm.brk_cur = addr;
    Ok(addr)
}

/// mmap(addr, len, prot, flags, fd, offset).
pub fn mmap(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    let [addr, len, prot, flags, fd, off] = a;
    if len == 0 || !(1..=3).contains(&(flags & MAP_TYPE)) || !is_page_aligned(off) {
        return Err(Errno::EINVAL.into());
    }
    let prot = prot_of(prot)?;
    let shared = flags & MAP_TYPE != 2;
    let len = page_up(len)
        .filter(|&l| l <= GUEST_SPACE_SIZE)
        .ok_or(Errno::ENOMEM)?;
    // The file snapshot (bytes to copy), if file-backed.
    let mut file_bytes: Option<Vec<u8>> = None;
    if flags & MAP_ANONYMOUS == 0 {
        let file = k.fds.file(fd)?;
        let f = file.borrow();
        if !f.readable() {
            return Err(Errno::EACCES.into());
        }
        let node = f.node.borrow();
        match &node.kind {
            NodeKind::File(data) => {
                if shared && prot.writable() {
                    return Err(Errno::ENODEV.into());
                }
                let bytes = data.bytes();
                let start = usize::try_from(off).unwrap_or(usize::MAX).min(bytes.len());
                let end = start.saturating_add(super::to_usize(len)?).min(bytes.len());
                file_bytes = Some(bytes[start..end].to_vec());
            }
            NodeKind::Device(Device::Zero) => {}
            _ => return Err(Errno::ENODEV.into()),
        }
    }
    let start = if flags & (MAP_FIXED | MAP_FIXED_NOREPLACE) != 0 {
        if !is_page_aligned(addr) {
            return Err(Errno::EINVAL.into());
        }
        if addr < MIN_MAP_ADDR {
            return Err(Errno::EPERM.into());
        }
        if addr.checked_add(len).is_none_or(|e| e > MAP_END) {
            return Err(Errno::ENOMEM.into());
        }
        if flags & MAP_FIXED == 0 && k.mm.overlaps(addr, addr + len) {
            return Err(Errno::EEXIST.into());
        }
        addr
    } else {
        let hint = crate::layout::page_down(addr);
        let hint_ok = hint >= MIN_MAP_ADDR
            && hint.checked_add(len).is_some_and(|e| e <= MMAP_TOP)
            && !k.mm.overlaps(hint, hint + len);
        if hint_ok {
            hint
        } else {
            k.mm.find_free(len).ok_or(Errno::ENOMEM)?
        }
    };
    let end = start + len;
    if !k.memory_fits(len, k.accounted_in(start, end)) {
        return Err(Errno::ENOMEM.into());
    }
    let copied = file_bytes.as_ref().map_or(0, |b| super::len64(b.len()));
    cx.charge_bytes(copied)?;
    cx.charge_pages(len / PAGE_SIZE)?;
    let v = Vma {
        start,
        end,
        prot,
        name: String::new(),
        backing: if file_bytes.is_some() {
            Backing::File
        } else {
            Backing::Anon
        },
        shared,
        accounted: true,
    };
    k.mm.map_fresh(cx.mem, v).map_err(enomem)?;
    if let Some(b) = file_bytes {
        cx.mem.write(start, &b).map_err(enomem)?;
    }
    Ok(start)
}

/// munmap(addr, len).
pub fn munmap(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    let (addr, len) = (a[0], a[1]);
    if !is_page_aligned(addr) || len == 0 {
        return Err(Errno::EINVAL.into());
    }
    let end = addr
        .checked_add(len)
        .and_then(page_up)
        .filter(|&e| e <= GUEST_SPACE_SIZE)
        .ok_or(Errno::EINVAL)?;
    k.mm.unmap(cx.mem, addr, end).map_err(enomem)?;
    Ok(0)
}

/// mprotect(addr, len, prot).
pub fn mprotect(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    let (addr, len) = (a[0], a[1]);
    if !is_page_aligned(addr) {
        return Err(Errno::EINVAL.into());
    }
    let prot = prot_of(a[2] & !(PROT_GROWSDOWN | PROT_GROWSUP))?;
    if len == 0 {
        return Ok(0);
    }
    let end = addr
        .checked_add(len)
        .and_then(page_up)
        .ok_or(Errno::ENOMEM)?;
    if end > GUEST_SPACE_SIZE || !k.mm.fully_mapped(addr, end) {
        return Err(Errno::ENOMEM.into());
    }
    k.mm.protect(cx.mem, addr, end, prot).map_err(enomem)?;
    Ok(0)
}

/// mremap(old, old_size, new_size, flags, new_addr).
pub fn mremap(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    let [old, old_size, new_size, flags, new_addr, _] = a;
    if !is_page_aligned(old)
        || flags & !(MREMAP_MAYMOVE | MREMAP_FIXED) != 0
        || (flags & MREMAP_FIXED != 0 && flags & MREMAP_MAYMOVE == 0)
    {
        return Err(Errno::EINVAL.into());
    }
    let old_len = page_up(old_size).ok_or(Errno::EINVAL)?;
    let new_len = page_up(new_size)
        .filter(|&l| l <= GUEST_SPACE_SIZE)
        .ok_or(Errno::EINVAL)?;
    if old_len == 0 || new_len == 0 {
        return Err(Errno::EINVAL.into());
    }
    let old_end = old.checked_add(old_len).ok_or(Errno::EFAULT)?;
    let vma = match k.mm.find(old) {
        Some(v) if v.end >= old_end => v.clone(),
        _ => return Err(Errno::EFAULT.into()),
    };
    if flags & MREMAP_FIXED != 0 {
        if !is_page_aligned(new_addr) || new_addr < MIN_MAP_ADDR {
            return Err(Errno::EINVAL.into());
        }
        let dest_end = new_addr.checked_add(new_len).filter(|&e| e <= MAP_END);
        let Some(dest_end) = dest_end else {
            return Err(Errno::EINVAL.into());
        };
        if new_addr < old_end && old < dest_end {
            return Err(Errno::EINVAL.into());
        }
        return move_mapping(k, cx, &vma, old, old_len, new_addr, new_len);
    }
    if new_len <= old_len {
        k.mm.unmap(cx.mem, old + new_len, old_end).map_err(enomem)?;
        return Ok(old);
    }
    let grow = new_len - old_len;
    let in_place = old_end.checked_add(grow).is_some_and(|e| {
        (e <= MMAP_TOP || old >= MMAP_TOP) && e <= MAP_END && !k.mm.overlaps(old_end, e)
    });
    if in_place {
        if !k.memory_fits(grow, 0) {
            return Err(Errno::ENOMEM.into());
        }
        cx.charge_pages(grow / PAGE_SIZE)?;
        let v = Vma {
            start: old_end,
            end: old_end + grow,
            accounted: true,
            ..vma
        };
        k.mm.map_fresh(cx.mem, v).map_err(enomem)?;
        return Ok(old);
    }
    if flags & MREMAP_MAYMOVE == 0 {
        return Err(Errno::ENOMEM.into());
    }
    let dest = k.mm.find_free(new_len).ok_or(Errno::ENOMEM)?;
    move_mapping(k, cx, &vma, old, old_len, dest, new_len)
}

fn move_mapping(
    k: &mut Kernel,
    cx: &mut Ctx<'_>,
    vma: &Vma,
    old: u64,
    old_len: u64,
    dest: u64,
    new_len: u64,
) -> SysResult {
    let freed = k.accounted_in(old, old + old_len) + k.accounted_in(dest, dest + new_len);
    if !k.memory_fits(new_len, freed) {
        return Err(Errno::ENOMEM.into());
    }
    let copy = old_len.min(new_len);
    cx.charge_bytes(copy)?;
    cx.charge_pages(new_len.saturating_sub(old_len) / PAGE_SIZE)?;
    let v = Vma {
        start: dest,
        end: dest + new_len,
        accounted: true,
        ..vma.clone()
    };
    k.mm.map_fresh(cx.mem, v).map_err(enomem)?;
    let mut buf = super::bounce_buffer(copy)?;
    let mut done = 0;
    while done < copy {
        let n = (copy - done).min(super::len64(CHUNK));
        let chunk = &mut buf[..super::to_usize(n)?];
        cx.mem.read(old + done, chunk).map_err(enomem)?;
        cx.mem.write(dest + done, chunk).map_err(enomem)?;
        done += n;
    }
    k.mm.unmap(cx.mem, old, old + old_len).map_err(enomem)?;
    Ok(dest)
}

/// madvise(addr, len, advice).
pub fn madvise(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    let (addr, len, advice) = (a[0], a[1], a[2]);
    if !is_page_aligned(addr) || advice > 25 {
        return Err(Errno::EINVAL.into());
    }
    if len == 0 {
        return Ok(0);
    }
    let end = addr
        .checked_add(len)
        .and_then(page_up)
        .ok_or(Errno::EINVAL)?;
    if !k.mm.fully_mapped(addr, end) {
        return Err(Errno::ENOMEM.into());
    }
    if advice == MADV_DONTNEED {
        let pieces: Vec<(u64, u64)> =
            k.mm.intersecting(addr, end)
                .filter(|v| v.backing == Backing::Anon && !v.shared)
                .map(|v| (v.start.max(addr), v.end.min(end)))
                .collect();
        for (s, e) in pieces {
            cx.mem.zero(s, e - s).map_err(enomem)?;
        }
    }
    Ok(0)
}

/// msync(addr, len, flags): nothing to write back; checks alignment and mapping.
pub fn msync(k: &mut Kernel, _: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    let (addr, len, flags) = (a[0], a[1], a[2]);
    if !is_page_aligned(addr) || flags & !7 != 0 || flags & 5 == 5 {
        return Err(Errno::EINVAL.into());
    }
    let end = addr
        .checked_add(len)
        .and_then(page_up)
        .ok_or(Errno::ENOMEM)?;
    if len != 0 && !k.mm.fully_mapped(addr, end) {
        return Err(Errno::ENOMEM.into());
    }
    Ok(0)
}
