//! Instruction classes: every x86 instruction falls in exactly one, by mnemonic.

use iced_x86::{Instruction, Mnemonic};

/// Cost classes of guest instructions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(usize)]
pub enum InsnClass {
    /// Moves, ALU, LEA, NOPs, flag ops: one cycle-ish.
    Simple = 0,
    /// Branches, calls, returns.
    Branch = 1,
    /// Integer multiplication.
    Mul = 2,
    /// Integer division.
    Div = 3,
    /// SSE/AVX integer and FP arithmetic (not division/sqrt).
    Vector = 4,
    /// FP division and square root.
    FpDivSqrt = 5,
    /// x87 arithmetic and loads/stores.
    X87 = 6,
    /// x87 transcendentals (FSIN, FPATAN, F2XM1, …).
    X87Transcendental = 7,
    /// String instructions (per execution; REP adds per iteration).
    String = 8,
    /// SYSCALL, CPUID, RDTSC and other expensive system instructions.
    System = 9,
}

impl InsnClass {
    /// Number of classes.
    pub const COUNT: usize = 10;
}

/// Schedule v1 prices, indexed by class.
pub(crate) const V1_COSTS: [u64; InsnClass::COUNT] = [1, 2, 3, 25, 2, 12, 4, 60, 3, 50];

/// The class of an instruction.
pub fn classify(insn: &Instruction) -> InsnClass {
    use Mnemonic as M;
    let m = insn.mnemonic();
    match m {
        M::Jmp
        | M::Call
        | M::Ret
        | M::Ja
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
        | M::Jns
        | M::Jrcxz
        | M::Jecxz
        | M::Loop
        | M::Loope
        | M::Loopne => InsnClass::Branch,
        M::Mul | M::Imul | M::Mulx => InsnClass::Mul,
        M::Div | M::Idiv => InsnClass::Div,
        M::Divss
        | M::Divsd
        | M::Divps
        | M::Divpd
        | M::Sqrtss
        | M::Sqrtsd
        | M::Sqrtps
        | M::Sqrtpd
        | M::Vdivss
        | M::Vdivsd
        | M::Vdivps
        | M::Vdivpd
        | M::Vsqrtss
        | M::Vsqrtsd
        | M::Vsqrtps
        | M::Vsqrtpd => InsnClass::FpDivSqrt,
        M::Fsin
        | M::Fcos
        | M::Fsincos
        | M::Fptan
        | M::Fpatan
        | M::F2xm1
        | M::Fyl2x
        | M::Fyl2xp1
        | M::Fscale
        | M::Fprem
        | M::Fprem1
        | M::Fsqrt
        | M::Fdiv
        | M::Fdivp
        | M::Fdivr
        | M::Fdivrp
        | M::Fidiv
        | M::Fidivr => InsnClass::X87Transcendental,
        M::Movsb
        | M::Movsw
        | M::Movsd
        | M::Movsq
        | M::Stosb
        | M::Stosw
        | M::Stosd
        | M::Stosq
        | M::Lodsb
        | M::Lodsw
        | M::Lodsd
        | M::Lodsq
        | M::Cmpsb
        | M::Cmpsw
        | M::Cmpsd
        | M::Cmpsq
        | M::Scasb
        | M::Scasw
        | M::Scasd
        | M::Scasq
            if is_string_form(insn) =>
        {
            InsnClass::String
        }
        M::Syscall
        | M::Cpuid
        | M::Rdtsc
        | M::Rdtscp
        | M::Xgetbv
        | M::Fxsave
        | M::Fxrstor
        | M::Xsave
        | M::Xrstor
        | M::Xsavec
        | M::Fxsave64
        | M::Fxrstor64
        | M::Xsave64
        | M::Xrstor64
        | M::Xsavec64 => InsnClass::System,
        _ => {
            // `is_x87` last: its opcode lookup builds iced's whole opcode table on
            // first use (a large part of a short run's start).
            if starts_with_f(m) && insn.op_count() <= 2 && is_x87(insn) {
                InsnClass::X87
            } else if is_vector(insn) {
                InsnClass::Vector
            } else {
                InsnClass::Simple
            }
        }
    }
}

/// Whether the mnemonic's name starts with 'F' (the x87 family). iced numbers its
/// mnemonics in alphabetical order except those added later (appended at the end),
/// so the family is one range of discriminants and a few stragglers; a unit test
/// checks that against the names. (It used to format the name: 2–4% of a hello
/// world's start in profiles.)
fn starts_with_f(m: Mnemonic) -> bool {
    (Mnemonic::F2xm1 as u32..=Mnemonic::Fyl2xp1 as u32).contains(&(m as u32))
        || matches!(
            m,
            Mnemonic::Fnstdw
                | Mnemonic::Fnstsg
                | Mnemonic::Ftstp
                | Mnemonic::Frint2
                | Mnemonic::Frichop
                | Mnemonic::Frinear
        )
}

/// MOVSD/CMPSD are also SSE mnemonics; the string forms have memory operands with
/// segment ES/RDI implicit kinds.
fn is_string_form(insn: &Instruction) -> bool {
    (0..insn.op_count()).any(|i| {
        matches!(
            insn.op_kind(i),
            iced_x86::OpKind::MemorySegRSI
                | iced_x86::OpKind::MemorySegESI
                | iced_x86::OpKind::MemorySegSI
                | iced_x86::OpKind::MemoryESRDI
                | iced_x86::OpKind::MemoryESEDI
                | iced_x86::OpKind::MemoryESDI
        )
    })
}

fn is_x87(insn: &Instruction) -> bool {
    use iced_x86::EncodingKind;
    insn.encoding() == EncodingKind::Legacy
        && (0..insn.op_count())
            .any(|i| insn.op_kind(i) == iced_x86::OpKind::Register && insn.op_register(i).is_st())
        || matches!(
            insn.code().op_code().table(),
            iced_x86::OpCodeTableKind::Normal
        ) && (0xD8..=0xDF).contains(&insn.code().op_code().op_code())
}

fn is_vector(insn: &Instruction) -> bool {
    (0..insn.op_count()).any(|i| {
        insn.op_kind(i) == iced_x86::OpKind::Register
            && (insn.op_register(i).is_xmm() || insn.op_register(i).is_ymm())
    }) || matches!(insn.memory_size().element_size(), 16 | 32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_f_range_is_the_mnemonics_named_f() {
        for m in Mnemonic::values() {
            let named_f = format!("{m:?}").starts_with('F');
            assert_eq!(starts_with_f(m), named_f, "{m:?}");
        }
    }
}
