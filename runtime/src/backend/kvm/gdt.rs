//! The guest's system structures: the layout of the system area (a second KVM memory
//! slot above the guest space; supervisor-only but for the syscall stub and its
//! doorbell), the GDT, the TSS, the IDT, the per-vector exception stubs that `hlt` (an
//! exception becomes a `KVM_EXIT_HLT` whose RIP names the vector) and the syscall stub
//! (a store to the doorbell: `KVM_EXIT_MMIO`).

use super::vm::SysMem;

/// Guest-physical (and, identity-mapped, guest-virtual) base of the system area: just
/// above the largest guest space the tables provide for (4 GiB; qvm's is 2 GiB).
pub const SYS_BASE: u64 = 1 << 32;

/// Offsets inside the system area.
pub mod off {
    /// The PML4.
    pub const PML4: u64 = 0x0000;
    /// The PDPT covering 0..512 GiB.
    pub const PDPT: u64 = 0x1000;
    /// Room for four page directories, one per GiB of guest space (qvm's 2 GiB space
    /// uses two; the PDPT entries of the rest stay not-present, so the guest faults there).
    pub const PD_USER: u64 = 0x2000;
    /// The page directory for the system area (virtual 4..5 GiB).
    pub const PD_SYS: u64 = 0x6000;
    /// The page table mapping the first 2 MiB of the system area.
    pub const PT_SYS: u64 = 0x7000;
    /// The GDT.
    pub const GDT: u64 = 0x8000;
    /// The IDT (256 gates of 16 bytes).
    pub const IDT: u64 = 0x9000;
    /// The 64-bit TSS.
    pub const TSS: u64 = 0xa000;
    /// The exception stubs (executable, supervisor-only).
    pub const STUBS: u64 = 0xb000;
    /// The syscall stub's page (executable and *user-accessible*: see [`super::SYSCALL_STUB`]).
    pub const SYSCALL_PAGE: u64 = 0xc000;
    /// The syscall doorbell: a user-writable virtual page whose guest-physical address
    /// ([`super::DOORBELL_GPA`]) is in no memory slot, so a store to it exits to
    /// userspace as `KVM_EXIT_MMIO`.
    pub const DOORBELL: u64 = 0x11000;
    /// Bottom of the kernel stack.
    pub const STACK: u64 = 0xd000;
    /// Top of the kernel stack (TSS.RSP0 and IST1).
    pub const STACK_TOP: u64 = 0x11000;
    /// Room for the 2048 page tables of a 4 GiB guest space with 4 KiB pages (qvm's
    /// 2 GiB space fills half).
    pub const PT_USER: u64 = 0x10_0000;
    /// Size of the system area.
    pub const SIZE: u64 = PT_USER + 2048 * 0x1000;
}

/// Guest-physical address of the syscall doorbell (outside every memory slot).
pub const DOORBELL_GPA: u64 = 1 << 33;

/// Address of the syscall stub (LSTAR): `mov [doorbell], al; hlt`.
///
/// The store to the doorbell exits to userspace directly as `KVM_EXIT_MMIO`, which is
/// about 1.5× cheaper on this machine's KVM (`kvm_pvm`) than delivering an exception
/// through the IDT (measured: ~110 µs vs ~170 µs per KVM_RUN round trip). `kvm_pvm` runs the stub at CPL3 (SYSCALL jumps to LSTAR
/// without leaving CPL3 there), so the stub's page and the doorbell are user-accessible;
/// on a KVM where SYSCALL reaches CPL0 the same store exits the same way. Should the
/// store ever not exit, the `hlt` exits (CPL0) or raises #GP (CPL3) at
/// `SYSCALL_STUB + 9`; both are recognised as "syscall" too.
pub const SYSCALL_STUB: u64 = SYS_BASE + off::SYSCALL_PAGE;
/// Offset of the fallback `hlt` in the syscall stub.
pub const SYSCALL_HLT: u64 = 9;
/// Offset of exception vector 0's stub; vector `v`'s is at `EXC_STUBS + v * EXC_STUB_SIZE`.
pub const EXC_STUBS: u64 = 0x100;
/// Bytes per exception stub.
pub const EXC_STUB_SIZE: u64 = 4;

/// GDT selectors.
pub mod sel {
    /// 64-bit kernel code (SYSCALL's CS).
    pub const KCODE: u16 = 0x08;
    /// Kernel data (SYSCALL's SS).
    pub const KDATA: u16 = 0x10;
    /// User data, RPL 3.
    pub const UDATA: u16 = 0x18 | 3;
    /// 64-bit user code, RPL 3.
    pub const UCODE: u16 = 0x20 | 3;
    /// The TSS (a 16-byte descriptor).
    pub const TSS: u16 = 0x28;
}

/// Number of GDT bytes in use (7 eight-byte slots: null, 4 segments, TSS × 2).
pub const GDT_LEN: u64 = 7 * 8;
/// Size of the 64-bit TSS.
pub const TSS_LEN: u64 = 104;

/// Vectors whose exceptions push an error code.
pub fn has_error_code(vector: u8) -> bool {
    matches!(vector, 8 | 10..=14 | 17 | 21 | 29 | 30)
}

/// Writes the GDT, TSS, IDT and stubs into the system area.
pub fn build(sys: &mut SysMem) {
    // GDT: flat segments (base 0, limit 4 GiB, G=1).
    let gdt = [
        0u64,
        0x00af_9a00_0000_ffff, // kernel code: P, DPL0, code exec/read, L=1
        0x00cf_9200_0000_ffff, // kernel data: P, DPL0, data r/w, D/B=1
        0x00cf_f200_0000_ffff, // user data: P, DPL3, data r/w
        0x00af_fa00_0000_ffff, // user code: P, DPL3, code exec/read, L=1
    ];
    for (i, d) in gdt.iter().enumerate() {
        sys.write_u64(off::GDT + 8 * i as u64, *d);
    }
    // 64-bit available TSS descriptor (type 9), limit 103.
    let tss = SYS_BASE + off::TSS;
    let lo =
        (TSS_LEN - 1) | ((tss & 0xff_ffff) << 16) | (0x89 << 40) | (((tss >> 24) & 0xff) << 56);
    sys.write_u64(off::GDT + 0x28, lo);
    sys.write_u64(off::GDT + 0x30, tss >> 32);

    // TSS: RSP0 and IST1 both point at the top of the kernel stack; no I/O bitmap.
    let top = SYS_BASE + off::STACK_TOP;
    sys.write_u64(off::TSS + 4, top); // RSP0
    sys.write_u64(off::TSS + 36, top); // IST1
    sys.write_u16(off::TSS + 102, 104); // I/O map base = TSS_LEN: beyond the limit, no bitmap

    // Stubs: the syscall stub and one `hlt` per vector. The exit RIP (after the `hlt`)
    // tells which stub ran.
    // mov [moffs64], al (A2 + 8-byte address), then hlt.
    sys.write_u8(off::SYSCALL_PAGE, 0xa2);
    sys.write_u64(off::SYSCALL_PAGE + 1, SYS_BASE + off::DOORBELL);
    sys.write_u8(off::SYSCALL_PAGE + SYSCALL_HLT, 0xf4);
    for v in 0..256u64 {
        let at = off::STUBS + EXC_STUBS + v * EXC_STUB_SIZE;
        sys.write_u8(at, 0xf4); // hlt
        sys.write_u8(at + 1, 0xeb); // jmp $-3 (back to the hlt, should it ever resume)
        sys.write_u8(at + 2, 0xfd);
        sys.write_u8(at + 3, 0xcc);
    }

    // IDT: 64-bit interrupt gates (type 0xE), DPL0 except #BP (DPL3, so `int3` raises
    // #BP rather than #GP), all on IST1.
    for v in 0..256u64 {
        let target = SYS_BASE + off::STUBS + EXC_STUBS + v * EXC_STUB_SIZE;
        let dpl: u64 = if v == 3 { 3 } else { 0 };
        let attr: u64 = 0x80 | (dpl << 5) | 0xe;
        let lo = (target & 0xffff)
            | (u64::from(sel::KCODE) << 16)
            | (1 << 32) // IST1
            | (attr << 40)
            | (((target >> 16) & 0xffff) << 48);
        sys.write_u64(off::IDT + 16 * v, lo);
        sys.write_u64(off::IDT + 16 * v + 8, target >> 32);
    }
}

/// What a stub address (the RIP after its `hlt`) means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StubExit {
    /// The guest executed `syscall`.
    Syscall,
    /// Exception vector `v` was delivered.
    Exception(u8),
}

/// Decodes the RIP of a `KVM_EXIT_HLT` (pointing just after a stub's `hlt`, or at it).
pub fn stub_exit(rip: u64) -> Option<StubExit> {
    if rip == SYSCALL_STUB + SYSCALL_HLT || rip == SYSCALL_STUB + SYSCALL_HLT + 1 {
        return Some(StubExit::Syscall);
    }
    let o = rip.checked_sub(SYS_BASE + off::STUBS)?;
    let e = o.checked_sub(EXC_STUBS)?;
    let v = e / EXC_STUB_SIZE;
    u8::try_from(v).ok().map(StubExit::Exception)
}
