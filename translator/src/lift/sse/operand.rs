//! Operand access shared by the SSE lifters: XMM registers, memory operands with the
//! legacy-SSE alignment rule, scalar lanes, and calls to the vector helpers.

use crate::ir::{Helper, Lanes, Type, Value};
use crate::lift::{xmm_index, Lifter};
use iced_x86::{Mnemonic, OpKind, Register};

/// XMM register number of operand `i`, if it is an XMM register.
pub(super) fn xmm_op(l: &Lifter<'_>, i: u32) -> Option<u8> {
    if l.insn.op_kind(i) == OpKind::Register {
        xmm_index(l.insn.op_register(i))
    } else {
        None
    }
}

/// Whether operand `i` is a memory operand.
pub(super) fn is_mem(l: &Lifter<'_>, i: u32) -> bool {
    l.insn.op_kind(i) == OpKind::Memory
}

/// Register operand `i`, if it is a register.
pub(super) fn reg_op(l: &Lifter<'_>, i: u32) -> Option<Register> {
    (l.insn.op_kind(i) == OpKind::Register).then(|| l.insn.op_register(i))
}

/// Whether the instruction uses an MMX register (those forms are not SSE's).
pub(super) fn uses_mmx(l: &Lifter<'_>) -> bool {
    (0..l.insn.op_count())
        .any(|i| l.insn.op_kind(i) == OpKind::Register && l.insn.op_register(i).is_mm())
}

/// Legacy (non-VEX) SSE instructions fault with #GP on a 16-byte memory operand that
/// is not 16-byte aligned, except the explicitly unaligned forms.
fn needs_alignment(l: &Lifter<'_>) -> bool {
    l.insn.memory_size().size() == 16
        && !matches!(
            l.insn.mnemonic(),
            Mnemonic::Movups
                | Mnemonic::Movupd
                | Mnemonic::Movdqu
                | Mnemonic::Lddqu
                | Mnemonic::Pcmpestri
                | Mnemonic::Pcmpestri64
                | Mnemonic::Pcmpestrm
                | Mnemonic::Pcmpestrm64
                | Mnemonic::Pcmpistri
                | Mnemonic::Pcmpistrm
                | Mnemonic::Sha1rnds4
                | Mnemonic::Sha1nexte
                | Mnemonic::Sha1msg1
                | Mnemonic::Sha1msg2
                | Mnemonic::Sha256rnds2
                | Mnemonic::Sha256msg1
                | Mnemonic::Sha256msg2
        )
}

/// Guest address of the memory operand. For a 16-byte operand of an instruction
/// that requires alignment, a misaligned address raises SIGSEGV (#GP), as Linux
/// reports it natively (signal SIGSEGV, address 0).
pub(super) fn mem_addr(l: &mut Lifter<'_>) -> Value {
    let a = l.mem_address();
    if needs_alignment(l) {
        let low = l.b.and_imm(a, 15);
        let misaligned = l.b.icmp_imm(crate::ir::IntCC::Ne, low, 0);
        l.b.trap_if(misaligned, crate::state::signal::SIGSEGV);
    }
    a
}

/// A scalar placed in lane 0 of an otherwise zero vector.
pub(super) fn scalar_to_v128(l: &mut Lifter<'_>, v: Value) -> Value {
    let lanes = match l.b.ty(v) {
        Type::I8 => Lanes::I8x16,
        Type::I16 => Lanes::I16x8,
        Type::I32 => Lanes::I32x4,
        Type::I64 => Lanes::I64x2,
        Type::F32 => Lanes::F32x4,
        Type::F64 => Lanes::F64x2,
        Type::V128 => return v,
    };
    let z = l.b.vconst(0);
    l.b.insert_lane(lanes, z, v, 0)
}

/// Reads vector operand `i`: an XMM register, or memory of the size iced gives (a
/// narrower memory operand lands in the low bytes, the rest zero).
pub(super) fn read_v(l: &mut Lifter<'_>, i: u32) -> Result<Value, crate::lift::Unsupported> {
    if let Some(x) = xmm_op(l, i) {
        return Ok(l.b.get_xmm(x));
    }
    if !is_mem(l, i) {
        return l.unsupported("vector operand is neither XMM nor memory");
    }
    let ty = match l.insn.memory_size().size() {
        16 => Type::V128,
        8 => Type::I64,
        4 => Type::I32,
        2 => Type::I16,
        _ => return l.unsupported("memory operand size"),
    };
    let a = mem_addr(l);
    let v = l.b.load(ty, a);
    Ok(scalar_to_v128(l, v))
}

/// Reads the scalar `ty` (F32/F64/I32/I64) of operand `i`: lane 0 of an XMM
/// register, or a load of `ty` from memory.
pub(super) fn read_scalar(
    l: &mut Lifter<'_>,
    i: u32,
    ty: Type,
) -> Result<Value, crate::lift::Unsupported> {
    if let Some(x) = xmm_op(l, i) {
        let v = l.b.get_xmm(x);
        return Ok(l.b.extract_lane(lanes_of(ty), v, 0));
    }
    if !is_mem(l, i) {
        return l.unsupported("scalar operand is neither XMM nor memory");
    }
    let a = mem_addr(l);
    Ok(l.b.load(ty, a))
}

/// The lane shape whose lane type is `ty`.
pub(super) fn lanes_of(ty: Type) -> Lanes {
    match ty {
        Type::I8 => Lanes::I8x16,
        Type::I16 => Lanes::I16x8,
        Type::I32 => Lanes::I32x4,
        Type::F32 => Lanes::F32x4,
        Type::F64 => Lanes::F64x2,
        Type::I64 | Type::V128 => Lanes::I64x2,
    }
}

/// XMM destination (operand 0) number, or unsupported.
pub(super) fn dst_xmm(l: &Lifter<'_>) -> Result<u8, crate::lift::Unsupported> {
    match xmm_op(l, 0) {
        Some(x) => Ok(x),
        None => l.unsupported("destination is not an XMM register"),
    }
}

/// Writes an I32 or I64 result to a GPR (32-bit destinations zero the upper half;
/// a 64-bit destination receives the value zero-extended).
pub(super) fn write_gpr_zext(l: &mut Lifter<'_>, reg: Register, v: Value) {
    let bytes = reg.size();
    let ty = l.b.ty(v);
    let v = match bytes {
        8 => l.b.zext(Type::I64, v),
        4 if ty == Type::I64 => l.b.trunc(Type::I32, v),
        4 => l.b.zext(Type::I32, v),
        2 => l.b.trunc(Type::I16, v),
        _ => l.b.trunc(Type::I8, v),
    };
    l.write_gpr(reg, v);
}

/// Calls a vector helper: `func(state, src_lo, src_hi, dst | imm << 8 | extra << 16)`
/// reads XMM `dst` from the state, combines it with `src` and writes XMM `dst`.
pub(super) fn call_vec_helper(
    l: &mut Lifter<'_>,
    h: &'static Helper,
    dst: u8,
    src: Value,
    imm: u8,
    extra: u8,
) {
    let lo = l.b.extract_lane(Lanes::I64x2, src, 0);
    let hi = l.b.extract_lane(Lanes::I64x2, src, 1);
    let ctl = u64::from(dst) | (u64::from(imm) << 8) | (u64::from(extra) << 16);
    let c = l.b.iconst(Type::I64, ctl);
    l.b.call(h, &[lo, hi, c]);
}

/// A full-width x86 zero idiom (`pxor x, x`, `xorps x, x`, `psubb x, x`): both
/// operands are the same register.
pub(super) fn same_regs(l: &Lifter<'_>) -> bool {
    matches!((xmm_op(l, 0), xmm_op(l, 1)), (Some(a), Some(b)) if a == b)
}
