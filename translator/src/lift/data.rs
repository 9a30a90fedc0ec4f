//! Data movement: MOV, MOVZX, MOVSX, MOVSXD, MOVBE, LEA, XCHG, XADD, CMPXCHG,
//! CMPXCHG8B, CMPXCHG16B, CBW/CWDE/CDQE, CWD/CDQ/CQO, CMOVcc, SETcc, the NOP forms
//! (NOP, ENDBR64, PAUSE, fences, cache flushes: a single-threaded guest with no
//! caches to manage observes nothing from them), and the prefetches, which
//! compiled code keeps as the host's own (they change nothing the guest can
//! observe either, but programs are tuned around them).
//!
//! CMOVcc with a 32-bit destination zero-extends it whether or not the move
//! happens, and its memory source is read (and may fault) either way, as on hardware.

use super::{LiftResult, Lifter};
use crate::ir::{IntCC, Op, Type, Value};
use crate::state::{signal, Flag};
use iced_x86::{Mnemonic, OpKind, Register};

/// Lifts this family's instructions.
pub fn lift(l: &mut Lifter<'_>) -> LiftResult {
    use Mnemonic as M;
    match l.insn.mnemonic() {
        M::Mov => {
            if l.insn.op0_kind() == OpKind::Register && l.insn.op0_register().is_segment_register()
                || l.insn.op1_kind() == OpKind::Register
                    && l.insn.op1_register().is_segment_register()
            {
                return l.unsupported("segment register moves");
            }
            if (0..2)
                .any(|i| l.insn.op_kind(i) == OpKind::Register && !l.insn.op_register(i).is_gpr())
            {
                return l.unsupported("control/debug register moves");
            }
            let ty = Type::int_of_bytes(l.op_bytes(0));
            let v = l.read_op_as(1, ty);
            l.write_op(0, v);
        }
        M::Movzx | M::Movsx | M::Movsxd => {
            let dst_ty = Type::int_of_bytes(l.op_bytes(0));
            let src = l.read_op(1);
            let v = if l.insn.mnemonic() == M::Movzx {
                l.b.zext(dst_ty, src)
            } else {
                l.b.sext(dst_ty, src)
            };
            let v = if l.b.ty(v) == dst_ty {
                v
            } else {
                l.b.trunc(dst_ty, v)
            };
            l.write_op(0, v);
        }
        M::Movbe => {
            let ty = Type::int_of_bytes(l.op_bytes(0));
            let v = l.read_op_as(1, ty);
            let s = l.b.unary(crate::ir::UnOp::Bswap, v);
            l.write_op(0, s);
        }
        M::Lea => {
            let ty = Type::int_of_bytes(l.op_bytes(0));
            let ea = l.effective_address();
            let v = l.b.trunc(ty, ea);
            l.write_op(0, v);
        }
        M::Xchg => {
            let ty = Type::int_of_bytes(l.op_bytes(0));
            let addr0 = l.op_address(0);
            let addr1 = l.op_address(1);
            let a = l.read_op_at(0, addr0, ty);
            let b = l.read_op_at(1, addr1, ty);
            l.write_op_at(0, addr0, b);
            l.write_op_at(1, addr1, a);
        }
        M::Xadd => {
            let ty = Type::int_of_bytes(l.op_bytes(0));
            let addr = l.op_address(0);
            let d = l.read_op_at(0, addr, ty);
            let s = l.read_op_as(1, ty);
            let sum = l.b.add(d, s);
            l.set_flags_add(d, s, sum, None, true);
            l.write_op(1, d);
            l.write_op_at(0, addr, sum);
        }
        M::Cmpxchg => cmpxchg(l),
        M::Cmpxchg8b | M::Cmpxchg16b => cmpxchg_wide(l),
        M::Cbw | M::Cwde | M::Cdqe => {
            let (from, to) = match l.insn.mnemonic() {
                M::Cbw => (Register::AL, Register::AX),
                M::Cwde => (Register::AX, Register::EAX),
                _ => (Register::EAX, Register::RAX),
            };
            let v = l.read_gpr(from);
            let to_ty = Type::int_of_bytes(u32::try_from(to.size()).unwrap_or(8));
            let w = l.b.sext(to_ty, v);
            l.write_gpr(to, w);
        }
        M::Cwd | M::Cdq | M::Cqo => {
            let (a, d) = match l.insn.mnemonic() {
                M::Cwd => (Register::AX, Register::DX),
                M::Cdq => (Register::EAX, Register::EDX),
                _ => (Register::RAX, Register::RDX),
            };
            let v = l.read_gpr(a);
            let bits = l.b.ty(v).bits();
            let sign = l.b.iconst(l.b.ty(v), u64::from(bits - 1));
            let fill = l.b.ashr(v, sign);
            l.write_gpr(d, fill);
        }
        M::Cmovo
        | M::Cmovno
        | M::Cmovb
        | M::Cmovae
        | M::Cmove
        | M::Cmovne
        | M::Cmovbe
        | M::Cmova
        | M::Cmovs
        | M::Cmovns
        | M::Cmovp
        | M::Cmovnp
        | M::Cmovl
        | M::Cmovge
        | M::Cmovle
        | M::Cmovg => {
            let ty = Type::int_of_bytes(l.op_bytes(0));
            let c = l.cond(l.insn.condition_code());
            let old = l.read_op_as(0, ty);
            let src = l.read_op_as(1, ty);
            let v = l.b.select(c, src, old);
            l.write_op(0, v);
        }
        M::Seto
        | M::Setno
        | M::Setb
        | M::Setae
        | M::Sete
        | M::Setne
        | M::Setbe
        | M::Seta
        | M::Sets
        | M::Setns
        | M::Setp
        | M::Setnp
        | M::Setl
        | M::Setge
        | M::Setle
        | M::Setg => {
            let c = l.cond(l.insn.condition_code());
            l.write_op(0, c);
        }
        // Prefetches are kept: a workload built around them (zstd's match finder
        // prefetches its hash rows) runs natively 40% slower without them. All
        // but PREFETCHNTA become PREFETCHT0 (T1/T2 differ only in which cache
        // levels; PREFETCHW's write intent is moot for one thread).
        M::Prefetchnta | M::Prefetcht0 | M::Prefetcht1 | M::Prefetcht2 | M::Prefetchw => {
            let addr = l.mem_address();
            l.b.push(Op::Prefetch {
                addr,
                nta: l.insn.mnemonic() == M::Prefetchnta,
            });
        }
        M::Nop
        | M::Endbr64
        | M::Endbr32
        | M::Pause
        | M::Lfence
        | M::Mfence
        | M::Sfence
        | M::Prefetch
        | M::Clflush
        | M::Clflushopt
        | M::Clwb
        | M::Cldemote => {}
        // RDSSP sits in the hint-NOP space: with CET off (qvm never enables it) it
        // leaves its destination alone, which is how unwinders detect "no shadow stack".
        M::Rdsspd | M::Rdsspq => {}
        _ => return Ok(false),
    }
    Ok(true)
}

/// Writes `v` to the accumulator-sized `reg` only when `cond` holds (CMPXCHG's
/// accumulator update leaves RAX's upper half alone when nothing is written).
fn write_gpr_if(l: &mut Lifter<'_>, reg: Register, cond: Value, v: Value) {
    let idx = super::gpr_part(reg).map_or(0, |p| p.index);
    let old = l.b.get_reg(idx);
    l.write_gpr(reg, v);
    let new = l.b.get_reg(idx);
    let sel = l.b.select(cond, new, old);
    l.b.set_reg(idx, sel);
}

fn cmpxchg(l: &mut Lifter<'_>) {
    let ty = Type::int_of_bytes(l.op_bytes(0));
    let acc_reg = match ty {
        Type::I8 => Register::AL,
        Type::I16 => Register::AX,
        Type::I32 => Register::EAX,
        _ => Register::RAX,
    };
    let addr = l.op_address(0);
    let d = l.read_op_at(0, addr, ty);
    let acc = l.read_gpr(acc_reg);
    let src = l.read_op_as(1, ty);
    let r = l.b.sub(acc, d);
    l.set_flags_sub(acc, d, r, None, true);
    let eq = l.b.icmp(IntCC::Eq, acc, d);
    let ne = l.invert(eq);
    match addr {
        Some(a) => {
            // The destination is always written (with its old value on failure).
            let nd = l.b.select(eq, src, d);
            l.b.store(a, nd);
        }
        None => {
            let reg = l.insn.op0_register();
            write_gpr_if(l, reg, eq, src);
        }
    }
    write_gpr_if(l, acc_reg, ne, d);
}

fn cmpxchg_wide(l: &mut Lifter<'_>) {
    let wide = l.insn.mnemonic() == Mnemonic::Cmpxchg16b;
    let (ty, lo_a, hi_d, lo_b, hi_c) = if wide {
        (
            Type::I64,
            Register::RAX,
            Register::RDX,
            Register::RBX,
            Register::RCX,
        )
    } else {
        (
            Type::I32,
            Register::EAX,
            Register::EDX,
            Register::EBX,
            Register::ECX,
        )
    };
    let addr = l.mem_address();
    if wide {
        // CMPXCHG16B requires a 16-byte aligned operand (#GP → SIGSEGV); IR has no
        // branches, and the instruction is rare, so a helper checks.
        let h = crate::helper!("check_align16", check_align16);
        l.b.call(h, &[addr]);
    }
    let step = u64::from(ty.bytes());
    let addr_hi = l.b.add_imm(addr, step);
    let m_lo = l.b.load(ty, addr);
    let m_hi = l.b.load(ty, addr_hi);
    let a = l.read_gpr(lo_a);
    let d = l.read_gpr(hi_d);
    let e1 = l.b.icmp(IntCC::Eq, a, m_lo);
    let e2 = l.b.icmp(IntCC::Eq, d, m_hi);
    let eq = l.b.and(e1, e2);
    let b = l.read_gpr(lo_b);
    let c = l.read_gpr(hi_c);
    let n_lo = l.b.select(eq, b, m_lo);
    let n_hi = l.b.select(eq, c, m_hi);
    l.b.store(addr, n_lo);
    l.b.store(addr_hi, n_hi);
    l.b.set_flag(Flag::ZF, eq);
    let ne = l.invert(eq);
    write_gpr_if(l, lo_a, ne, m_lo);
    write_gpr_if(l, hi_d, ne, m_hi);
}

/// Raises SIGSEGV (#GP) for a misaligned 16-byte operand.
unsafe extern "C" fn check_align16(state: *mut crate::CpuState, addr: u64, _: u64, _: u64) -> u64 {
    if addr & 15 != 0 {
        // SAFETY: called from compiled code with the live state.
        unsafe { crate::exec::raise_fault(state, signal::SIGSEGV, 0) }
    }
    0
}
