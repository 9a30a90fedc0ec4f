//! The guest CPU state: one `#[repr(C)]` struct shared by every backend and tier.
//!
//! Compiled code addresses fields by their byte offsets (see [`offsets`]), so the
//! layout is part of the translator's ABI. Flags are kept one per byte (0 or 1)
//! rather than packed into RFLAGS: compiled code reads and writes single flags far
//! more often than whole RFLAGS, and one byte store is cheaper than a
//! read-modify-write of a packed word. [`CpuState::rflags`] packs them on demand.

use crate::x87::X87State;

/// General-purpose register numbers, in x86 encoding order.
pub mod gpr {
    /// RAX
    pub const RAX: usize = 0;
    /// RCX
    pub const RCX: usize = 1;
    /// RDX
    pub const RDX: usize = 2;
    /// RBX
    pub const RBX: usize = 3;
    /// RSP
    pub const RSP: usize = 4;
    /// RBP
    pub const RBP: usize = 5;
    /// RSI
    pub const RSI: usize = 6;
    /// RDI
    pub const RDI: usize = 7;
    /// R8
    pub const R8: usize = 8;
    /// R9
    pub const R9: usize = 9;
    /// R10
    pub const R10: usize = 10;
    /// R11
    pub const R11: usize = 11;
}

/// The arithmetic flags (and DF), in the order of [`CpuState::flags`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Flag {
    /// Carry.
    CF = 0,
    /// Parity of the low result byte (1 = even number of set bits).
    PF = 1,
    /// Auxiliary carry out of bit 3.
    AF = 2,
    /// Zero.
    ZF = 3,
    /// Sign.
    SF = 4,
    /// Overflow.
    OF = 5,
    /// Direction (string instructions).
    DF = 6,
}

impl Flag {
    /// Every flag, in storage order.
    pub const ALL: [Flag; 7] = [
        Flag::CF,
        Flag::PF,
        Flag::AF,
        Flag::ZF,
        Flag::SF,
        Flag::OF,
        Flag::DF,
    ];

    /// The flag's bit in RFLAGS.
    pub const fn rflags_bit(self) -> u32 {
        match self {
            Flag::CF => 0,
            Flag::PF => 2,
            Flag::AF => 4,
            Flag::ZF => 6,
            Flag::SF => 7,
            Flag::OF => 11,
            Flag::DF => 10,
        }
    }

    /// The flag's bit in a [`FlagSet`].
    pub const fn mask(self) -> FlagSet {
        FlagSet(1 << (self as u8))
    }
}

/// A set of [`Flag`]s as a bit mask (bit i = flag with discriminant i).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
pub struct FlagSet(pub u8);

impl FlagSet {
    /// No flags.
    pub const NONE: FlagSet = FlagSet(0);
    /// The six status flags.
    pub const STATUS: FlagSet = FlagSet(0x3f);
    /// All flags including DF.
    pub const ALL: FlagSet = FlagSet(0x7f);

    /// Whether `f` is in the set.
    pub const fn contains(self, f: Flag) -> bool {
        self.0 & (1 << (f as u8)) != 0
    }
    /// Union.
    pub const fn union(self, o: FlagSet) -> FlagSet {
        FlagSet(self.0 | o.0)
    }
    /// Difference.
    pub const fn minus(self, o: FlagSet) -> FlagSet {
        FlagSet(self.0 & !o.0)
    }
    /// Whether the set is empty.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }
}

/// Why compiled code returned to the run loop. Stored in [`CpuState::exit_reason`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum ExitReason {
    /// `rip` holds the next guest instruction; keep going.
    Continue = 0,
    /// A `syscall` instruction executed; `rip` is the instruction after it.
    Syscall = 1,
    /// The block's gas cost exceeded the remaining gas; nothing of the block ran.
    OutOfGas = 2,
    /// The guest faulted: see `fault_signal`, `fault_addr`, `fault_rip`.
    Fault = 3,
    /// A `hlt` or other privileged stop; treated as a fault by the runtime.
    Halt = 4,
    /// A loop became hot: `hot_target` names its header, to be compiled as a region.
    /// Nothing of the exiting block ran; `rip` is where to continue.
    Hot = 5,
    /// A region's gas checkpoint found less gas than its window may cost (see
    /// `gas_check`): `rip` is the block to run next, interpreted, which charges
    /// block by block. Nothing of that block ran.
    GasLow = 6,
}

/// Signals a guest fault can end with (Linux numbers).
pub mod signal {
    /// Illegal instruction.
    pub const SIGILL: u32 = 4;
    /// Trace/breakpoint trap (int3).
    pub const SIGTRAP: u32 = 5;
    /// Bus error.
    pub const SIGBUS: u32 = 7;
    /// Arithmetic exception (#DE).
    pub const SIGFPE: u32 = 8;
    /// Segmentation fault.
    pub const SIGSEGV: u32 = 11;
}

/// The whole architectural state of one guest thread, plus the few slots compiled
/// code needs to talk to the run loop.
#[repr(C, align(64))]
#[derive(Clone)]
pub struct CpuState {
    /// RAX..R15 in encoding order.
    pub gpr: [u64; 16],
    /// Address of the next instruction to execute.
    pub rip: u64,
    /// CF, PF, AF, ZF, SF, OF, DF, one byte each (0 or 1); index by `Flag as usize`.
    pub flags: [u8; 8],
    /// FS segment base (arch_prctl).
    pub fs_base: u64,
    /// GS segment base (arch_prctl).
    pub gs_base: u64,
    /// Remaining gas. Blocks subtract their static cost on entry.
    pub gas: u64,
    /// Host address of guest address 0.
    pub mem_base: u64,
    /// Size of the guest address space in bytes; every guest address must be below it.
    pub mem_size: u64,
    /// Why compiled code returned (an [`ExitReason`] as u32).
    pub exit_reason: u32,
    /// Signal number when `exit_reason` is `Fault`.
    pub fault_signal: u32,
    /// Faulting data address (SIGSEGV/SIGBUS), or 0.
    pub fault_addr: u64,
    /// Address of the faulting guest instruction.
    pub fault_rip: u64,
    /// Virtual time-stamp counter read by RDTSC; advanced by the run loop.
    pub tsc: u64,
    /// Scratch for helpers; slot 0 holds the gas limit of the run (the virtual TSC
    /// counts gas used since the start). Slots 2 and 3 are where compiled code
    /// stores float results it must keep alive (`passes::fp_keepalive`); nothing
    /// reads them.
    pub helper_scratch: [u64; 4],
    /// Loop header reported by a [`ExitReason::Hot`] exit.
    pub hot_target: u64,
    /// XMM0..XMM15 as little-endian 128-bit values.
    pub xmm: [[u64; 2]; 16],
    /// Upper halves of YMM0..YMM15 (AVX); zero while AVX is not advertised.
    pub ymm_hi: [[u64; 2]; 16],
    /// The SSE control/status register.
    pub mxcsr: u32,
    /// Padding to keep `x87` aligned.
    pub _pad: u32,
    /// The x87 FPU.
    pub x87: X87State,
}

impl Default for CpuState {
    fn default() -> Self {
        CpuState {
            gpr: [0; 16],
            rip: 0,
            flags: [0; 8],
            fs_base: 0,
            gs_base: 0,
            gas: 0,
            mem_base: 0,
            mem_size: 0,
            exit_reason: 0,
            fault_signal: 0,
            fault_addr: 0,
            fault_rip: 0,
            tsc: 0,
            helper_scratch: [0; 4],
            hot_target: 0,
            xmm: [[0; 2]; 16],
            ymm_hi: [[0; 2]; 16],
            mxcsr: 0x1f80,
            _pad: 0,
            x87: X87State::default(),
        }
    }
}

impl CpuState {
    /// RFLAGS as the guest would see it from PUSHF (bit 1 and IF always set).
    pub fn rflags(&self) -> u64 {
        let mut r: u64 = 0x202;
        for f in Flag::ALL {
            if self.flags[f as usize] != 0 {
                r |= 1 << f.rflags_bit();
            }
        }
        r
    }

    /// Sets the flags from an RFLAGS value (POPF); other bits are ignored.
    pub fn set_rflags(&mut self, v: u64) {
        for f in Flag::ALL {
            self.flags[f as usize] = u8::from(v & (1 << f.rflags_bit()) != 0);
        }
    }
}

/// Byte offsets of [`CpuState`] fields, used by code generation.
pub mod offsets {
    use super::CpuState;
    use core::mem::offset_of;

    /// A field offset as Cranelift's `i32` displacement. `CpuState` is a few KiB, so
    /// every offset fits; the assertion makes that a compile-time fact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_possible_wrap)]
    const fn off(x: usize) -> i32 {
        assert!(x < 1 << 20);
        x as i32
    }

    /// Offset of GPR `i`.
    pub const fn gpr(i: usize) -> i32 {
        off(offset_of!(CpuState, gpr) + 8 * i)
    }
    /// Offset of flag byte `i`.
    pub const fn flag(i: usize) -> i32 {
        off(offset_of!(CpuState, flags) + i)
    }
    /// Offset of XMM register `i`.
    pub const fn xmm(i: usize) -> i32 {
        off(offset_of!(CpuState, xmm) + 16 * i)
    }
    /// `rip`.
    pub const RIP: i32 = off(offset_of!(CpuState, rip));
    /// `fs_base`.
    pub const FS_BASE: i32 = off(offset_of!(CpuState, fs_base));
    /// `gs_base`.
    pub const GS_BASE: i32 = off(offset_of!(CpuState, gs_base));
    /// `gas`.
    pub const GAS: i32 = off(offset_of!(CpuState, gas));
    /// `mem_base`.
    pub const MEM_BASE: i32 = off(offset_of!(CpuState, mem_base));
    /// `mem_size`.
    pub const MEM_SIZE: i32 = off(offset_of!(CpuState, mem_size));
    /// `exit_reason`.
    pub const EXIT_REASON: i32 = off(offset_of!(CpuState, exit_reason));
    /// `fault_signal`.
    pub const FAULT_SIGNAL: i32 = off(offset_of!(CpuState, fault_signal));
    /// `fault_addr`.
    pub const FAULT_ADDR: i32 = off(offset_of!(CpuState, fault_addr));
    /// `fault_rip`.
    pub const FAULT_RIP: i32 = off(offset_of!(CpuState, fault_rip));
    /// `tsc`.
    pub const TSC: i32 = off(offset_of!(CpuState, tsc));
    /// `hot_target`.
    pub const HOT_TARGET: i32 = off(offset_of!(CpuState, hot_target));
    /// `mxcsr`.
    pub const MXCSR: i32 = off(offset_of!(CpuState, mxcsr));
}
