//! x87 instructions: every one becomes a single call of [`x87_helper`], which runs
//! the software FPU ([`crate::x87`]). The table of what each instruction does is
//! [`crate::x87::insns::entry`] — one line per iced-x86 `Code`; an x87 form missing
//! from it ends the block with SIGILL naming it.
//!
//! Helper arguments: `a` = iced `Code` (bits 0..16) | ST(i) index (bits 16..19),
//! `b` = the memory operand's guest linear address (0 without one).
//!
//! Flags: FCOMI/FCOMIP/FUCOMI/FUCOMIP write ZF/PF/CF and clear OF, SF and AF
//! (the manual defines them as cleared, so no qvm rule is needed); FCMOVcc read
//! CF/ZF/PF. No x87 instruction leaves an RFLAGS flag undefined. Condition codes
//! C0–C3 that the manual calls undefined are left unchanged (see `x87::insns`).

use super::{LiftResult, Lifter};
use crate::guest;
use crate::ir::Type;
use crate::state::{signal, CpuState};
use crate::x87::insns::{self, Ctx, Mem};
use iced_x86::{Code, OpKind, Register};

/// Guest memory through the bounds-checked accessors.
struct GuestMem {
    state: *mut CpuState,
}

impl Mem for GuestMem {
    fn read(&mut self, addr: u64, buf: &mut [u8]) {
        let len = u64::try_from(buf.len()).unwrap_or(u64::MAX);
        // SAFETY: called from a helper run by compiled code with the live state;
        // host_ptr checked that `len` bytes at `addr` are inside the guest space.
        unsafe {
            let p = guest::host_ptr(self.state, addr, len);
            core::ptr::copy_nonoverlapping(p, buf.as_mut_ptr(), buf.len());
        }
    }
    fn write(&mut self, addr: u64, data: &[u8]) {
        let len = u64::try_from(data.len()).unwrap_or(u64::MAX);
        // SAFETY: as for `read`.
        unsafe {
            let p = guest::host_ptr(self.state, addr, len);
            core::ptr::copy_nonoverlapping(data.as_ptr(), p, data.len());
        }
    }
}

/// Runs one x87 instruction (see the module doc for the arguments).
///
/// # Safety
/// Called only by compiled code with the live CPU state.
pub unsafe extern "C" fn x87_helper(state: *mut CpuState, sel: u64, addr: u64, _c: u64) -> u64 {
    let code = usize::try_from(sel & 0xffff)
        .ok()
        .and_then(|c| Code::try_from(c).ok());
    let Some(entry) = code.and_then(insns::entry) else {
        // SAFETY: helper contract; the lifter only emits table codes.
        unsafe { crate::exec::raise_fault(state, signal::SIGILL, 0) }
    };
    let i = u8::try_from((sel >> 16) & 7).unwrap_or(0);
    let mut mem = GuestMem { state };
    let mut ctx = Ctx {
        cpu: state,
        mem: &mut mem,
        addr,
        i,
    };
    match insns::execute(entry, &mut ctx) {
        Ok(()) => 0,
        // SAFETY: helper contract.
        Err(sig) => unsafe { crate::exec::raise_fault(state, sig, 0) },
    }
}

/// The ST(i) index an instruction names (the highest of its ST operands).
fn sti_index(insn: &iced_x86::Instruction) -> u8 {
    let mut i = 0u8;
    for k in 0..insn.op_count() {
        if insn.op_kind(k) == OpKind::Register {
            let r = insn.op_register(k);
            if (Register::ST0..=Register::ST7).contains(&r) {
                let n = u8::try_from(r as u32 - Register::ST0 as u32).unwrap_or(0);
                i = i.max(n);
            }
        }
    }
    i
}

/// Lifts this family's instructions.
pub fn lift(l: &mut Lifter<'_>) -> LiftResult {
    let code = l.insn.code();
    if insns::entry(code).is_none() {
        let m = format!("{:?}", l.insn.mnemonic());
        if m.starts_with('F') && l.insn.op_code().fwait() {
            return l.unsupported("x87 form not executed by qvm");
        }
        if m.starts_with('F') && is_x87_opcode(l.insn) {
            return l.unsupported("x87 form not executed by qvm");
        }
        return Ok(false);
    }
    let sel = (code as u64) | (u64::from(sti_index(l.insn)) << 16);
    let sel = l.b.iconst(Type::I64, sel);
    let addr = if (0..l.insn.op_count()).any(|k| l.insn.op_kind(k) == OpKind::Memory) {
        l.mem_address()
    } else {
        l.b.iconst(Type::I64, 0)
    };
    l.b.call(crate::helper!("x87", x87_helper), &[sel, addr]);
    Ok(true)
}

/// Whether the instruction is in the x87 opcode space (D8–DF escapes).
fn is_x87_opcode(insn: &iced_x86::Instruction) -> bool {
    let op = insn.op_code();
    op.table() == iced_x86::OpCodeTableKind::Normal && (0xd8..=0xdf).contains(&op.op_code())
}
