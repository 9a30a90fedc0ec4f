//! Guest address-space placement rules. Every address the kernel hands out is decided
//! by these constants and the rules below, never by the host, so two runs of the same
//! program see the same addresses.
//!
//! ```text
//! 0x0000_0000 .. MIN_MAP_ADDR      never mapped (null-pointer dereferences fault)
//! PIE_BASE (0x0100_0000)           static-pie images are loaded here; fixed-address
//!                                  (ET_EXEC) images at their own addresses
//! brk area                         starts at the page-aligned end of the highest loaded
//!                                  segment and grows up while nothing is mapped there
//! ...                              mmap allocates top-down, first-fit, in
//!                                  [current brk end, MMAP_TOP)
//! MMAP_TOP                         = STACK_TOP - STACK_LIMIT - 16 MiB (a guard gap)
//! STACK_TOP-STACK_LIMIT..STACK_TOP the 8 MiB stack, mapped RW by the loader
//! STACK_TOP .. MAP_END             unmapped guard (MAP_FIXED may map here)
//! MAP_END .. GUEST_SPACE_SIZE      the last page: never mapped
//! ```
//!
//! An mmap hint (non-`MAP_FIXED` address) is honoured when the whole page-rounded range
//! is free and inside `[MIN_MAP_ADDR, MMAP_TOP)`; otherwise the top-down rule applies.
//! brk and in-place mremap growth also stop at `MMAP_TOP`: only `MAP_FIXED` and
//! `MREMAP_FIXED` place memory in the guard gap below the stack.

/// Guest addresses are `[0, GUEST_SPACE_SIZE)` (2 GiB). Two rather than four: the
/// translated code confines every access with `cmp addr, GUEST_SPACE_SIZE - 1; ja`,
/// and only a limit below 2^31 is an x86 immediate (see `qvm_translator::lower`).
pub const GUEST_SPACE_SIZE: u64 = 1 << 31;
/// Nothing is ever mapped at or above this address: the last page of the space stays
/// inaccessible, so an access that starts in it faults at its own address, also one
/// that runs past the end. Translated code relies on it to leave out the confinement
/// check of an access close to one already checked (the host guard beyond the space
/// then catches it, and the fault address must be the same as the check's).
pub const MAP_END: u64 = GUEST_SPACE_SIZE - PAGE_SIZE;
/// Nothing is ever mapped below this address, so null dereferences fault.
pub const MIN_MAP_ADDR: u64 = 0x10000;
/// Load base of static-pie executables.
pub const PIE_BASE: u64 = 0x0100_0000;
/// Initial stack top (exclusive); the page above is an unmapped guard.
pub const STACK_TOP: u64 = 0x7FFF_0000;
/// Stack size (also what RLIMIT_STACK reports): `[STACK_TOP-STACK_LIMIT, STACK_TOP)` is
/// mapped RW at start.
pub const STACK_LIMIT: u64 = 8 << 20;
/// mmap allocates top-down, first-fit, below this address.
pub const MMAP_TOP: u64 = STACK_TOP - STACK_LIMIT - (16 << 20);
/// Guest page size.
pub const PAGE_SIZE: u64 = 4096;

/// Rounds `x` up to a page boundary (`None` on overflow).
pub fn page_up(x: u64) -> Option<u64> {
    x.checked_add(PAGE_SIZE - 1).map(|v| v & !(PAGE_SIZE - 1))
}

/// Rounds `x` down to a page boundary.
pub fn page_down(x: u64) -> u64 {
    x & !(PAGE_SIZE - 1)
}

/// Whether `x` is page-aligned.
pub fn is_page_aligned(x: u64) -> bool {
    x & (PAGE_SIZE - 1) == 0
}
