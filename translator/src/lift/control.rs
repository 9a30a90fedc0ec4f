//! Control flow and the stack: JMP, Jcc, CALL, RET, LOOP/LOOPE/LOOPNE, JRCXZ,
//! PUSH, POP, LEAVE, ENTER (nesting level 0), PUSHF/POPF.
//!
//! POPF only changes the arithmetic flags and DF; the other RFLAGS bits a user
//! program could toggle (AC, ID) read back as qvm's fixed values (IF=1, bit 1 = 1,
//! the rest 0).

use super::{LiftResult, Lifter};
use crate::ir::{IntCC, Terminator, Type};
use crate::state::Flag;
use iced_x86::{Mnemonic, OpKind};

/// Lifts this family's instructions.
pub fn lift(l: &mut Lifter<'_>) -> LiftResult {
    use Mnemonic as M;
    match l.insn.mnemonic() {
        M::Jmp => {
            if is_near_branch(l) {
                l.term = Some(Terminator::Jump(l.insn.near_branch_target()));
            } else if matches!(l.insn.op0_kind(), OpKind::Register | OpKind::Memory)
                && l.op_bytes(0) == 8
            {
                let t = l.read_op(0);
                l.term = Some(Terminator::Indirect(t));
            } else {
                return l.unsupported("far or non-64-bit jump");
            }
        }
        M::Ja
        | M::Jae
        | M::Jb
        | M::Jbe
        | M::Je
        | M::Jne
        | M::Jg
        | M::Jge
        | M::Jl
        | M::Jle
        | M::Jo
        | M::Jno
        | M::Jp
        | M::Jnp
        | M::Js
        | M::Jns => {
            let c = l.cond(l.insn.condition_code());
            l.term = Some(Terminator::Branch {
                cond: c,
                taken: l.insn.near_branch_target(),
                not_taken: l.next_rip,
            });
        }
        M::Jrcxz | M::Jecxz => {
            let ty = if l.insn.mnemonic() == M::Jrcxz {
                Type::I64
            } else {
                Type::I32
            };
            let rcx = l.b.get_reg(1);
            let c = l.b.trunc(ty, rcx);
            let z = l.b.icmp_imm(IntCC::Eq, c, 0);
            l.term = Some(Terminator::Branch {
                cond: z,
                taken: l.insn.near_branch_target(),
                not_taken: l.next_rip,
            });
        }
        M::Loop | M::Loope | M::Loopne => {
            if l.insn.op0_kind() != OpKind::NearBranch64 {
                return l.unsupported("32-bit address-size LOOP");
            }
            let rcx = l.b.get_reg(1);
            let n = l.b.add_imm(rcx, u64::MAX);
            l.b.set_reg(1, n);
            let nz = l.b.icmp_imm(IntCC::Ne, n, 0);
            let c = match l.insn.mnemonic() {
                M::Loope => {
                    let z = l.b.get_flag(Flag::ZF);
                    l.b.and(nz, z)
                }
                M::Loopne => {
                    let z = l.b.get_flag(Flag::ZF);
                    let nzf = l.invert(z);
                    l.b.and(nz, nzf)
                }
                _ => nz,
            };
            l.term = Some(Terminator::Branch {
                cond: c,
                taken: l.insn.near_branch_target(),
                not_taken: l.next_rip,
            });
        }
        M::Call => {
            if is_near_branch(l) {
                let ret = l.b.iconst(Type::I64, l.next_rip);
                l.push(ret);
                l.term = Some(Terminator::Jump(l.insn.near_branch_target()));
            } else if matches!(l.insn.op0_kind(), OpKind::Register | OpKind::Memory)
                && l.op_bytes(0) == 8
            {
                let t = l.read_op(0);
                let ret = l.b.iconst(Type::I64, l.next_rip);
                l.push(ret);
                l.term = Some(Terminator::Indirect(t));
            } else {
                return l.unsupported("far or non-64-bit call");
            }
        }
        M::Ret => {
            if l.insn.code() != iced_x86::Code::Retnq
                && l.insn.code() != iced_x86::Code::Retnq_imm16
            {
                return l.unsupported("far or 16-bit return");
            }
            let t = l.pop(Type::I64);
            if l.insn.op_count() == 1 {
                let imm = u64::from(l.insn.immediate16());
                let sp = l.b.get_reg(4);
                let nsp = l.b.add_imm(sp, imm);
                l.b.set_reg(4, nsp);
            }
            l.term = Some(Terminator::Indirect(t));
        }
        M::Push => {
            let bytes = l.insn.stack_pointer_increment().unsigned_abs();
            let ty = Type::int_of_bytes(bytes);
            if l.insn.op0_kind() == OpKind::Register && l.insn.op0_register().is_segment_register()
            {
                return l.unsupported("segment register push");
            }
            let v = l.read_op_as(0, ty);
            l.push(v);
        }
        M::Pop => {
            let bytes = u32::try_from(l.insn.stack_pointer_increment()).unwrap_or(8);
            let ty = Type::int_of_bytes(bytes);
            if l.insn.op0_kind() == OpKind::Register && l.insn.op0_register().is_segment_register()
            {
                return l.unsupported("segment register pop");
            }
            let v = l.pop(ty);
            // A memory destination's address uses the incremented RSP, and `pop rsp`
            // leaves RSP = the loaded value: writing after the pop gives both.
            l.write_op(0, v);
        }
        M::Leave => {
            let bp = l.b.get_reg(5);
            l.b.set_reg(4, bp);
            let v = l.pop(Type::I64);
            l.b.set_reg(5, v);
        }
        M::Enter => {
            if l.insn.immediate8_2nd() != 0 {
                return l.unsupported("ENTER with nesting level");
            }
            let bp = l.b.get_reg(5);
            l.push(bp);
            let sp = l.b.get_reg(4);
            l.b.set_reg(5, sp);
            let size = u64::from(l.insn.immediate16());
            let nsp = l.b.add_imm(sp, size.wrapping_neg());
            l.b.set_reg(4, nsp);
        }
        M::Pushfq | M::Pushf => {
            let mut acc = l.b.iconst(Type::I64, 0x202);
            for f in [
                Flag::CF,
                Flag::PF,
                Flag::AF,
                Flag::ZF,
                Flag::SF,
                Flag::OF,
                Flag::DF,
            ] {
                let v = l.b.get_flag(f);
                let w = l.b.zext(Type::I64, v);
                let s = l.b.shl_imm(w, u64::from(f.rflags_bit()));
                acc = l.b.or(acc, s);
            }
            let v = if l.insn.mnemonic() == M::Pushf {
                l.b.trunc(Type::I16, acc)
            } else {
                acc
            };
            l.push(v);
        }
        M::Popfq | M::Popf => {
            let ty = if l.insn.mnemonic() == M::Popf {
                Type::I16
            } else {
                Type::I64
            };
            let v = l.pop(ty);
            let v = l.b.zext(Type::I64, v);
            for f in [
                Flag::CF,
                Flag::PF,
                Flag::AF,
                Flag::ZF,
                Flag::SF,
                Flag::OF,
                Flag::DF,
            ] {
                let s = l.b.lshr_imm(v, u64::from(f.rflags_bit()));
                let t = l.b.trunc(Type::I8, s);
                let bit = l.b.and_imm(t, 1);
                l.b.set_flag(f, bit);
            }
        }
        _ => return Ok(false),
    }
    Ok(true)
}

fn is_near_branch(l: &Lifter<'_>) -> bool {
    matches!(
        l.insn.op0_kind(),
        OpKind::NearBranch64 | OpKind::NearBranch32 | OpKind::NearBranch16
    )
}
