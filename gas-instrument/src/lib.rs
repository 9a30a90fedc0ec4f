//! qvm's gas schedule.
//!
//! Gas is defined per executed guest instruction, so a run's gas does not depend on
//! how the translator groups instructions into blocks or regions:
//!
//! ```text
//! gas_used = Σ cost(instruction) + Σ (syscall base + per byte) + memory growth (per page)
//! ```
//!
//! The translator charges a block's static cost ([`Schedule::insn_cost`] summed over
//! its instructions) on entry; REP string instructions additionally pay
//! [`Schedule::rep_iteration`] per iteration; the synthetic kernel charges syscalls and
//! memory growth. Every number lives in one table, [`Schedule::V1`], versioned with the
//! `vm_version` a contract was deployed under.

#![deny(missing_docs)]

mod classes;

pub use classes::{classify, InsnClass};

/// One version of the gas schedule. All costs are in gas units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Schedule {
    /// The schedule version (equals the `vm_version` it belongs to).
    pub version: u32,
    /// Cost per instruction class, indexed by `InsnClass as usize`.
    pub class_costs: [u64; InsnClass::COUNT],
    /// Extra cost per iteration of a REP-prefixed string instruction.
    pub rep_iteration: u64,
    /// Base cost of any syscall.
    pub syscall_base: u64,
    /// Cost per byte a syscall moves between guest and kernel (read, write, getrandom, …).
    pub syscall_per_byte: u64,
    /// Cost per 4 KiB page of memory the guest newly maps (brk, mmap, mremap growth).
    pub page: u64,
}

impl Schedule {
    /// Schedule v1.
    pub const V1: Schedule = Schedule {
        version: 1,
        class_costs: classes::V1_COSTS,
        rep_iteration: 1,
        syscall_base: 100,
        syscall_per_byte: 1,
        page: 64,
    };

    /// The schedule for a `vm_version`, if it exists.
    pub fn for_version(version: u32) -> Option<&'static Schedule> {
        match version {
            1 => Some(&Schedule::V1),
            _ => None,
        }
    }

    /// Static cost of one decoded instruction.
    pub fn insn_cost(&self, insn: &iced_x86::Instruction) -> u64 {
        self.class_costs[classify(insn) as usize]
    }

    /// Cost of a syscall that moved `bytes` bytes.
    pub fn syscall_cost(&self, bytes: u64) -> u64 {
        self.syscall_base
            .saturating_add(self.syscall_per_byte.saturating_mul(bytes))
    }

    /// Cost of newly mapping `pages` 4 KiB pages.
    pub fn memory_cost(&self, pages: u64) -> u64 {
        self.page.saturating_mul(pages)
    }
}
