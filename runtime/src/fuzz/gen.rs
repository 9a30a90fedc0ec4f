//! Random but valid instruction sequences over the advertised ISA, and random inputs.
//!
//! The pool is every iced-x86 `Code` that is valid in 64-bit mode, legacy-encoded (or
//! VEX for BMI1/BMI2 only), needs only CPUID features the model advertises, does not
//! transfer control, is not privileged or a system/string instruction, and whose
//! operands the generator can fill: registers (never RSP or R15), immediates, and memory
//! `[r15 + disp]` inside the data window (R15 is the reserved base; RSP points into the
//! window's stack area so PUSH/POP stay inside it). Forward `jcc` within the snippet is
//! added separately. DIV/IDIV come with guards (dividend extension, divisor made
//! non-zero and positive) in the same [`Group`], so no subset of groups can fault.

use super::rng::Rng;
use super::{Inputs, DATA, MEM_OPERAND_SPAN, X87_EXP_BIAS};
use iced_x86::{
    Code, CpuidFeature, Encoder, EncodingKind, FlowControl, Instruction, Mnemonic,
    OpCodeOperandKind, OpKind, Register,
};
use std::sync::OnceLock;

/// One generated unit: an instruction plus the guard instructions it needs, or a forward
/// conditional jump to the start of group `target` (an index into the snippet).
#[derive(Clone, Debug)]
pub enum Group {
    /// Instructions executed in order (guards first).
    Insns(Vec<Instruction>),
    /// `jcc rel32` (condition code 0..16) to the start of group `target` (== len: the end).
    Jcc {
        /// Condition code (the low nibble of 0F 8x).
        cc: u8,
        /// Target group index.
        target: usize,
    },
}

/// A snippet: groups of instructions.
#[derive(Clone, Debug, Default)]
pub struct Snippet {
    /// The groups, in order.
    pub groups: Vec<Group>,
}

const ALLOWED_FEATURES: &[CpuidFeature] = &[
    CpuidFeature::INTEL8086,
    CpuidFeature::INTEL186,
    CpuidFeature::INTEL286,
    CpuidFeature::INTEL386,
    CpuidFeature::INTEL486,
    CpuidFeature::X64,
    CpuidFeature::CMOV,
    CpuidFeature::CX8,
    CpuidFeature::CMPXCHG16B,
    CpuidFeature::FPU,
    CpuidFeature::FPU287,
    CpuidFeature::FPU387,
    CpuidFeature::SSE,
    CpuidFeature::SSE2,
    CpuidFeature::SSE3,
    CpuidFeature::SSSE3,
    CpuidFeature::SSE4_1,
    CpuidFeature::SSE4_2,
    CpuidFeature::POPCNT,
    CpuidFeature::LZCNT,
    CpuidFeature::MOVBE,
    CpuidFeature::BMI1,
    CpuidFeature::BMI2,
    CpuidFeature::ADX,
    CpuidFeature::MULTIBYTENOP,
    CpuidFeature::PAUSE,
];

/// Mnemonics never generated: system, environment-dependent, faulting with random
/// inputs, touching state outside the comparison, or deliberately defined differently
/// (RCPPS/RSQRTPS family: approximations whose exact bits are implementation-specific).
const EXCLUDED: &[Mnemonic] = &[
    Mnemonic::Cpuid,
    Mnemonic::Rdtsc,
    Mnemonic::Rdtscp,
    Mnemonic::Rdpmc,
    Mnemonic::Hlt,
    Mnemonic::Int,
    Mnemonic::Int1,
    Mnemonic::Int3,
    Mnemonic::Into,
    Mnemonic::Syscall,
    Mnemonic::Ud0,
    Mnemonic::Ud1,
    Mnemonic::Ud2,
    Mnemonic::Popf,
    Mnemonic::Popfq,
    Mnemonic::Popfd,
    Mnemonic::Enter,
    Mnemonic::Leave,
    Mnemonic::Xlatb,
    Mnemonic::Maskmovdqu,
    Mnemonic::Ldmxcsr,
    Mnemonic::Fxrstor,
    Mnemonic::Fxrstor64,
    Mnemonic::Fxsave,
    Mnemonic::Fxsave64,
    Mnemonic::Fldcw,
    Mnemonic::Fldenv,
    Mnemonic::Fnstenv,
    Mnemonic::Fstenv,
    Mnemonic::Frstor,
    Mnemonic::Fnsave,
    Mnemonic::Fsave,
    Mnemonic::Cli,
    Mnemonic::Sti,
    Mnemonic::Smsw,
    Mnemonic::Sldt,
    Mnemonic::Str,
    Mnemonic::Sgdt,
    Mnemonic::Sidt,
    Mnemonic::Lar,
    Mnemonic::Lsl,
    Mnemonic::Verr,
    Mnemonic::Verw,
    Mnemonic::Emms,
    Mnemonic::Rcpps,
    Mnemonic::Rcpss,
    Mnemonic::Rsqrtps,
    Mnemonic::Rsqrtss,
    Mnemonic::Xgetbv,
    Mnemonic::Rdrand,
    Mnemonic::Rdseed,
    Mnemonic::Monitor,
    Mnemonic::Mwait,
    Mnemonic::Clflushopt,
    Mnemonic::Clwb,
    // Segment loads (far pointers).
    Mnemonic::Lfs,
    Mnemonic::Lgs,
    Mnemonic::Lss,
    // Reserved-NOP encodings (0F 0D, 0F 18–1F other than the canonical NOP/hint forms):
    // qvm raises SIGILL for them (documented choice); compilers do not emit them.
    Mnemonic::Reservednop,
    // They expose x87 condition codes the manual leaves undefined (see fuzz/mod.rs).
    Mnemonic::Fnstsw,
    Mnemonic::Fstsw,
    // Undocumented x87 alias (D9 D8+i).
    Mnemonic::Fstpnce,
    // x87 transcendentals: results (last bits, C1) are implementation-specific; qvm
    // defines them with its own soft-float (a deliberate definition, like RCPPS).
    Mnemonic::Fsin,
    Mnemonic::Fcos,
    Mnemonic::Fsincos,
    Mnemonic::Fptan,
    Mnemonic::Fpatan,
    Mnemonic::F2xm1,
    Mnemonic::Fyl2x,
    Mnemonic::Fyl2xp1,
];

/// Mnemonics with known, reported divergences (see `regressions.rs`, ignored tests),
/// left out of generation until fixed so the fuzzer keeps finding new ones.
pub const KNOWN_ISSUES: &[Mnemonic] = &[
    // The order NaNs propagate through the dot product is implementation-specific
    // (qvm's order is defined in lift/sse.rs); generated cases would only measure
    // this host against that definition.
    Mnemonic::Dpps,
    Mnemonic::Dppd,
];

fn supported_kind(k: OpCodeOperandKind) -> bool {
    use OpCodeOperandKind as K;
    matches!(
        k,
        K::r8_or_mem
            | K::r16_or_mem
            | K::r32_or_mem
            | K::r64_or_mem
            | K::xmm_or_mem
            | K::mem
            | K::r8_reg
            | K::r8_opcode
            | K::r16_reg
            | K::r16_rm
            | K::r16_opcode
            | K::r32_reg
            | K::r32_rm
            | K::r32_opcode
            | K::r32_vvvv
            | K::r64_reg
            | K::r64_rm
            | K::r64_opcode
            | K::r64_vvvv
            | K::xmm_reg
            | K::xmm_rm
            | K::st0
            | K::sti_opcode
            | K::imm8
            | K::imm8_const_1
            | K::imm8sex16
            | K::imm8sex32
            | K::imm8sex64
            | K::imm16
            | K::imm32
            | K::imm32sex64
            | K::imm64
    )
}

/// Whether `code` is in the pool.
fn eligible(code: Code) -> bool {
    let oc = code.op_code();
    if !oc.is_instruction()
        || !oc.mode64()
        || code.is_privileged()
        || code.flow_control() != FlowControl::Next
    {
        return false;
    }
    let features = code.cpuid_features();
    if features.is_empty() || !features.iter().all(|f| ALLOWED_FEATURES.contains(f)) {
        return false;
    }
    match code.encoding() {
        EncodingKind::Legacy => {}
        EncodingKind::VEX
            if features
                .iter()
                .all(|f| matches!(f, CpuidFeature::BMI1 | CpuidFeature::BMI2)) => {}
        _ => return false,
    }
    let m = code.mnemonic();
    if EXCLUDED.contains(&m) || KNOWN_ISSUES.contains(&m) || code.is_save_restore_instruction() {
        return false;
    }
    // String instructions, prefetches of odd kinds and moffs forms are filtered by
    // their operand kinds (seg_rSI, es_rDI, mem_offs are not supported).
    (0..oc.op_count()).all(|i| supported_kind(oc.op_kind(i)))
}

/// The instruction pool, with weights (SSE and x87 codes are numerous; integer ones are
/// weighted up so every family gets its share).
pub fn pool() -> &'static [(Code, u32)] {
    static POOL: OnceLock<Vec<(Code, u32)>> = OnceLock::new();
    POOL.get_or_init(|| {
        Code::values()
            .filter(|&c| eligible(c))
            .map(|c| {
                let f = c.cpuid_features();
                let fp_or_sse = f.iter().any(|f| {
                    matches!(
                        f,
                        CpuidFeature::FPU
                            | CpuidFeature::FPU287
                            | CpuidFeature::FPU387
                            | CpuidFeature::SSE
                            | CpuidFeature::SSE2
                            | CpuidFeature::SSE3
                            | CpuidFeature::SSSE3
                            | CpuidFeature::SSE4_1
                            | CpuidFeature::SSE4_2
                    )
                });
                let w = if fp_or_sse { 2 } else { 4 };
                (c, w)
            })
            .collect()
    })
}

const GPR8: [Register; 14] = [
    Register::AL,
    Register::CL,
    Register::DL,
    Register::BL,
    Register::AH,
    Register::CH,
    Register::DH,
    Register::BH,
    Register::BPL,
    Register::SIL,
    Register::DIL,
    Register::R8L,
    Register::R9L,
    Register::R14L,
];
const GPR64: [Register; 14] = [
    Register::RAX,
    Register::RCX,
    Register::RDX,
    Register::RBX,
    Register::RBP,
    Register::RSI,
    Register::RDI,
    Register::R8,
    Register::R9,
    Register::R10,
    Register::R11,
    Register::R12,
    Register::R13,
    Register::R14,
];

/// A GPR of `bits` bits (never RSP or R15).
fn gpr(rng: &mut Rng, bits: u32) -> Register {
    if bits == 8 {
        return GPR8[rng.below(GPR8.len() as u64) as usize];
    }
    let r64 = GPR64[rng.below(GPR64.len() as u64) as usize];
    let n = r64.number() as u32;
    match bits {
        16 => Register::AX.add(n),
        32 => Register::EAX.add(n),
        _ => r64,
    }
}

/// Adds `n` to a register (iced `Register` arithmetic).
trait RegAdd {
    fn add(self, n: u32) -> Register;
}
impl RegAdd for Register {
    fn add(self, n: u32) -> Register {
        Register::values()
            .nth(self as usize + n as usize)
            .unwrap_or(self)
    }
}

fn xmm(rng: &mut Rng) -> Register {
    Register::XMM0.add(rng.below(16) as u32)
}

fn set_mem(insn: &mut Instruction, i: u32, rng: &mut Rng, align16: bool) {
    insn.set_op_kind(i, OpKind::Memory);
    insn.set_memory_base(Register::R15);
    insn.set_memory_index(Register::None);
    insn.set_memory_index_scale(1);
    let mut d = rng.below(MEM_OPERAND_SPAN / 16) * 16;
    if !align16 {
        d += rng.below(16);
    }
    insn.set_memory_displacement64(d);
    insn.set_memory_displ_size(if d < 128 { 1 } else { 4 });
}

fn imm_value(rng: &mut Rng) -> u64 {
    match rng.below(6) {
        0 => 0,
        1 => 1,
        2 => u64::MAX,
        3 => rng.below(64),
        _ => rng.next_u64(),
    }
}

/// Fills the operands of `code` at random; None when the combination is not encodable.
fn instance(code: Code, rng: &mut Rng) -> Option<Instruction> {
    use OpCodeOperandKind as K;
    let oc = code.op_code();
    let mut insn = Instruction::default();
    insn.set_code(code);
    let m = code.mnemonic();
    let bt_reg_offset = matches!(
        m,
        Mnemonic::Bt | Mnemonic::Bts | Mnemonic::Btr | Mnemonic::Btc
    ) && (0..oc.op_count())
        .any(|i| matches!(oc.op_kind(i), K::r16_reg | K::r32_reg | K::r64_reg));
    // A memory operand of 16 bytes or more must be aligned (SSE); smaller ones need not.
    let msize = oc.memory_size().size();
    let align16 = msize >= 16 || msize == 0;
    let mut imm8_seen = false;
    for i in 0..oc.op_count() {
        let k = oc.op_kind(i);
        let mem = rng.below(10) < 4;
        match k {
            K::r8_or_mem | K::r16_or_mem | K::r32_or_mem | K::r64_or_mem
                if mem && !bt_reg_offset =>
            {
                set_mem(&mut insn, i, rng, align16)
            }
            K::xmm_or_mem if mem => set_mem(&mut insn, i, rng, align16),
            K::mem => set_mem(&mut insn, i, rng, align16),
            K::r8_or_mem | K::r8_reg | K::r8_opcode => {
                insn.set_op_kind(i, OpKind::Register);
                insn.set_op_register(i, gpr(rng, 8));
            }
            K::r16_or_mem | K::r16_reg | K::r16_rm | K::r16_opcode => {
                insn.set_op_kind(i, OpKind::Register);
                insn.set_op_register(i, gpr(rng, 16));
            }
            K::r32_or_mem | K::r32_reg | K::r32_rm | K::r32_opcode | K::r32_vvvv => {
                insn.set_op_kind(i, OpKind::Register);
                insn.set_op_register(i, gpr(rng, 32));
            }
            K::r64_or_mem | K::r64_reg | K::r64_rm | K::r64_opcode | K::r64_vvvv => {
                insn.set_op_kind(i, OpKind::Register);
                insn.set_op_register(i, gpr(rng, 64));
            }
            K::xmm_or_mem | K::xmm_reg | K::xmm_rm => {
                insn.set_op_kind(i, OpKind::Register);
                insn.set_op_register(i, xmm(rng));
            }
            K::st0 => {
                insn.set_op_kind(i, OpKind::Register);
                insn.set_op_register(i, Register::ST0);
            }
            K::sti_opcode => {
                insn.set_op_kind(i, OpKind::Register);
                insn.set_op_register(i, Register::ST0.add(rng.below(8) as u32));
            }
            K::imm8 => {
                let v = imm_value(rng) as u8;
                if imm8_seen {
                    insn.set_op_kind(i, OpKind::Immediate8_2nd);
                    insn.set_immediate8_2nd(v);
                } else {
                    insn.set_op_kind(i, OpKind::Immediate8);
                    insn.set_immediate8(v);
                }
                imm8_seen = true;
            }
            K::imm8_const_1 => {
                insn.set_op_kind(i, OpKind::Immediate8);
                insn.set_immediate8(1);
            }
            K::imm8sex16 => {
                insn.set_op_kind(i, OpKind::Immediate8to16);
                insn.set_immediate8to16(i16::from(imm_value(rng) as i8));
            }
            K::imm8sex32 => {
                insn.set_op_kind(i, OpKind::Immediate8to32);
                insn.set_immediate8to32(i32::from(imm_value(rng) as i8));
            }
            K::imm8sex64 => {
                insn.set_op_kind(i, OpKind::Immediate8to64);
                insn.set_immediate8to64(i64::from(imm_value(rng) as i8));
            }
            K::imm16 => {
                insn.set_op_kind(i, OpKind::Immediate16);
                insn.set_immediate16(imm_value(rng) as u16);
            }
            K::imm32 => {
                insn.set_op_kind(i, OpKind::Immediate32);
                insn.set_immediate32(imm_value(rng) as u32);
            }
            K::imm32sex64 => {
                insn.set_op_kind(i, OpKind::Immediate32to64);
                insn.set_immediate32to64(i64::from(imm_value(rng) as i32));
            }
            K::imm64 => {
                insn.set_op_kind(i, OpKind::Immediate64);
                insn.set_immediate64(imm_value(rng));
            }
            _ => return None,
        }
    }
    // SHLD/SHRD with a 16-bit operand: a count above 16 leaves the result undefined.
    if matches!(m, Mnemonic::Shld | Mnemonic::Shrd) && insn.op0_register().size() == 2
        || insn.memory_size().size() == 2 && matches!(m, Mnemonic::Shld | Mnemonic::Shrd)
    {
        if insn.op_count() == 3 && insn.op2_kind() == OpKind::Register {
            return None;
        }
        if insn.op_count() == 3 && insn.op2_kind() == OpKind::Immediate8 {
            insn.set_immediate8(insn.immediate8() & 15);
        }
    }
    // Round-trip through the encoder and decoder: a canonical, valid instruction.
    let bytes = encode(&insn)?;
    let d = iced_x86::Decoder::new(64, &bytes, iced_x86::DecoderOptions::NONE).decode();
    (!d.is_invalid() && d.code() == code).then_some(d)
}

/// Encodes one instruction (position-independent: no RIP-relative operands).
pub fn encode(insn: &Instruction) -> Option<Vec<u8>> {
    let mut e = Encoder::new(64);
    e.encode(insn, 0x1000).ok()?;
    Some(e.take_buffer())
}

fn with2_rr(code: Code, a: Register, b: Register) -> Instruction {
    Instruction::with2(code, a, b).expect("guard instruction")
}

/// The guards a DIV/IDIV with divisor register `r` needs (None: not a usable divisor).
fn div_guards(m: Mnemonic, r: Register) -> Option<Vec<Instruction>> {
    let n = r.number();
    let size = r.size();
    // The divisor must not be part of the dividend.
    if n == 0 || n == 2 || r == Register::AH {
        return None;
    }
    let mut g = Vec::new();
    let signed = m == Mnemonic::Idiv;
    match size {
        1 => {
            g.push(if signed {
                Instruction::with(Code::Cbw)
            } else {
                with2_rr(Code::Movzx_r32_rm8, Register::EAX, Register::AL)
            });
            if signed {
                g.push(Instruction::with2(Code::And_rm8_imm8, r, 0x7f).ok()?);
            }
            g.push(Instruction::with2(Code::Or_rm8_imm8, r, 1).ok()?);
        }
        2 => {
            g.push(if signed {
                Instruction::with(Code::Cwd)
            } else {
                with2_rr(Code::Xor_r32_rm32, Register::EDX, Register::EDX)
            });
            if signed {
                g.push(Instruction::with2(Code::And_rm16_imm16, r, 0x7fff).ok()?);
            }
            g.push(Instruction::with2(Code::Or_rm16_imm8, r, 1).ok()?);
        }
        4 => {
            g.push(if signed {
                Instruction::with(Code::Cdq)
            } else {
                with2_rr(Code::Xor_r32_rm32, Register::EDX, Register::EDX)
            });
            if signed {
                g.push(Instruction::with2(Code::And_rm32_imm32, r, 0x7fff_ffff).ok()?);
            }
            g.push(Instruction::with2(Code::Or_rm32_imm8, r, 1).ok()?);
        }
        _ => {
            g.push(if signed {
                Instruction::with(Code::Cqo)
            } else {
                with2_rr(Code::Xor_r32_rm32, Register::EDX, Register::EDX)
            });
            if signed {
                g.push(Instruction::with2(Code::Btr_rm64_imm8, r, 63).ok()?);
            }
            g.push(Instruction::with2(Code::Or_rm64_imm8, r, 1).ok()?);
        }
    }
    Some(g)
}

/// One random group (an instruction with its guards).
fn group(rng: &mut Rng) -> Option<Group> {
    let pool = pool();
    let total: u64 = pool.iter().map(|&(_, w)| u64::from(w)).sum();
    let mut pick = rng.below(total);
    let mut code = pool[0].0;
    for &(c, w) in pool {
        if pick < u64::from(w) {
            code = c;
            break;
        }
        pick -= u64::from(w);
    }
    let insn = instance(code, rng)?;
    let m = insn.mnemonic();
    if matches!(m, Mnemonic::Div | Mnemonic::Idiv) {
        if insn.op0_kind() != OpKind::Register {
            return None;
        }
        let mut g = div_guards(m, insn.op0_register())?;
        g.push(insn);
        return Some(Group::Insns(g));
    }
    Some(Group::Insns(vec![insn]))
}

/// Flags (RFLAGS bits) that may be undefined at the end of `s`, or None when some
/// instruction reads a flag that may be undefined there (such a snippet is rejected:
/// its result would depend on an undefined value).
pub fn undefined_flags(s: &Snippet) -> Option<u64> {
    let mut undef = 0u64;
    // Groups up to this index may be skipped by a forward jcc.
    let mut skippable_until = 0usize;
    for (gi, g) in s.groups.iter().enumerate() {
        let maybe_skipped = gi < skippable_until;
        match g {
            Group::Jcc { cc, target } => {
                if jcc_reads(*cc) & undef != 0 {
                    return None;
                }
                skippable_until = skippable_until.max(*target);
            }
            Group::Insns(v) => {
                for i in v {
                    let read = iced_to_rflags(i.rflags_read());
                    if read & undef != 0 {
                        return None;
                    }
                    let u = iced_to_rflags(i.rflags_undefined());
                    let defined = iced_to_rflags(i.rflags_modified()) & !u;
                    if !maybe_skipped {
                        undef &= !defined;
                    }
                    undef |= u;
                }
            }
        }
    }
    Some(undef)
}

/// Flags read by `jcc` with condition code `cc`.
fn jcc_reads(cc: u8) -> u64 {
    const CF: u64 = 1;
    const PF: u64 = 4;
    const ZF: u64 = 0x40;
    const SF: u64 = 0x80;
    const OF: u64 = 0x800;
    match cc >> 1 {
        0 => OF,
        1 => CF,
        2 => ZF,
        3 => CF | ZF,
        4 => SF,
        5 => PF,
        6 => SF | OF,
        _ => SF | OF | ZF,
    }
}

/// iced's flag bits → RFLAGS bits.
pub fn iced_to_rflags(b: u32) -> u64 {
    use iced_x86::RflagsBits as R;
    let map = [
        (R::CF, 1u64),
        (R::PF, 1 << 2),
        (R::AF, 1 << 4),
        (R::ZF, 1 << 6),
        (R::SF, 1 << 7),
        (R::OF, 1 << 11),
        (R::DF, 1 << 10),
    ];
    map.iter()
        .filter(|(i, _)| b & i != 0)
        .fold(0, |a, (_, r)| a | r)
}

/// A random snippet of 1..=max groups whose flag reads are all defined.
pub fn snippet(rng: &mut Rng, max: usize) -> Snippet {
    let n = 1 + rng.below(max as u64) as usize;
    let mut s = Snippet::default();
    let mut tries = 0;
    while s.groups.len() < n && tries < n * 20 {
        tries += 1;
        let g = if rng.below(12) == 0 {
            let here = s.groups.len();
            let target = (here + 1 + rng.below(4) as usize).min(n);
            Some(Group::Jcc {
                cc: rng.below(16) as u8,
                target,
            })
        } else {
            group(rng)
        };
        let Some(g) = g else { continue };
        s.groups.push(g);
        if undefined_flags(&s).is_none() {
            s.groups.pop();
        }
    }
    // Targets past the end point at the end.
    let len = s.groups.len();
    for g in &mut s.groups {
        if let Group::Jcc { target, .. } = g {
            *target = (*target).min(len);
        }
    }
    s
}

/// Machine code of a snippet.
pub fn assemble(s: &Snippet) -> Vec<u8> {
    let parts: Vec<Vec<u8>> = s
        .groups
        .iter()
        .map(|g| match g {
            Group::Insns(v) => v
                .iter()
                .flat_map(|i| encode(i).unwrap_or_default())
                .collect(),
            Group::Jcc { .. } => vec![0; 6],
        })
        .collect();
    let mut starts = Vec::with_capacity(parts.len() + 1);
    let mut at = 0usize;
    for p in &parts {
        starts.push(at);
        at += p.len();
    }
    starts.push(at);
    let mut out = Vec::with_capacity(at);
    for (gi, g) in s.groups.iter().enumerate() {
        match g {
            Group::Insns(_) => out.extend_from_slice(&parts[gi]),
            Group::Jcc { cc, target } => {
                let rel = starts[(*target).min(parts.len())] as i64 - (starts[gi] + 6) as i64;
                out.extend_from_slice(&[0x0f, 0x80 | (cc & 15)]);
                out.extend_from_slice(&(rel as i32).to_le_bytes());
            }
        }
    }
    out
}

/// The snippet as text, one instruction per line.
pub fn listing(s: &Snippet) -> String {
    use iced_x86::Formatter;
    let mut f = iced_x86::IntelFormatter::new();
    let mut out = String::new();
    for (gi, g) in s.groups.iter().enumerate() {
        match g {
            Group::Insns(v) => {
                for i in v {
                    let mut t = String::new();
                    f.format(i, &mut t);
                    let hex: String = encode(i)
                        .unwrap_or_default()
                        .iter()
                        .map(|b| format!("{b:02x}"))
                        .collect();
                    out.push_str(&format!("  {gi:>2}: {t:<40} ; {hex}\n"));
                }
            }
            Group::Jcc { cc, target } => {
                out.push_str(&format!("  {gi:>2}: j{cc:x} -> group {target}\n"))
            }
        }
    }
    out
}

/// A random 80-bit x87 value (significand, sign+exponent).
fn x87_value(rng: &mut Rng) -> [u64; 2] {
    let sign = rng.below(2) << 15;
    match rng.below(8) {
        0 => [0, sign],
        1 => [1 << 63, sign | 0x7fff], // infinity
        2 => [(3 << 62) | rng.below(1 << 20), sign | 0x7fff], // quiet NaN
        3 => [1 << 63, sign | X87_EXP_BIAS], // ±1
        4 => [rng.next_u64() >> 1, sign], // denormal
        _ => [
            rng.next_u64() | (1 << 63),
            sign | (X87_EXP_BIAS - 70 + rng.below(140)),
        ],
    }
}

fn f64_edge(rng: &mut Rng) -> u64 {
    const E: [u64; 10] = [
        0,
        0x8000_0000_0000_0000,
        0x3ff0_0000_0000_0000,
        0x7ff0_0000_0000_0000,
        0xfff0_0000_0000_0000,
        0x7ff8_0000_0000_0000,
        0x7ff4_0000_0000_0001,
        0x0000_0000_0000_0001,
        0x7fef_ffff_ffff_ffff,
        0xc1e0_0000_0000_0000,
    ];
    E[rng.below(E.len() as u64) as usize]
}

fn f32_edge(rng: &mut Rng) -> u32 {
    const E: [u32; 10] = [
        0,
        0x8000_0000,
        0x3f80_0000,
        0x7f80_0000,
        0xff80_0000,
        0x7fc0_0000,
        0x7fa0_0001,
        1,
        0x7f7f_ffff,
        0xcf00_0000,
    ];
    E[rng.below(E.len() as u64) as usize]
}

fn word(rng: &mut Rng) -> u64 {
    match rng.below(12) {
        0 => 0,
        1 => 1,
        2 => u64::MAX,
        3 => 0x8000_0000_0000_0000,
        4 => 0x7fff_ffff_ffff_ffff,
        5 => 0x8000_0000,
        6 => rng.below(256),
        7 => f64_edge(rng),
        8 => u64::from(f32_edge(rng)) | (u64::from(f32_edge(rng)) << 32),
        9 => (f64::from(rng.below(2000) as u32) / 7.0 - 100.0).to_bits(),
        10 => {
            u64::from((rng.below(2000) as f32 / 7.0 - 100.0).to_bits())
                | (u64::from((rng.below(99) as f32 * 0.37).to_bits()) << 32)
        }
        _ => rng.next_u64(),
    }
}

/// Random inputs: registers, flags, MXCSR/FCW modes, an x87 stack and the data window.
pub fn inputs(rng: &mut Rng) -> Inputs {
    let mut gpr = [0u64; 16];
    for g in &mut gpr {
        *g = word(rng);
    }
    gpr[4] = DATA + super::STACK_OFF;
    gpr[15] = DATA;
    let mut xmm = [[0u64; 2]; 16];
    for x in &mut xmm {
        *x = [word(rng), word(rng)];
    }
    let status = [1u64, 4, 0x10, 0x40, 0x80, 0x800]
        .iter()
        .filter(|_| rng.below(2) == 1)
        .fold(0, |a, b| a | b);
    let mut mxcsr = 0x1f80u32;
    if rng.below(4) == 0 {
        mxcsr |= (rng.below(4) as u32) << 13;
    }
    if rng.below(8) == 0 {
        mxcsr |= 0x8040; // FTZ + DAZ
    }
    let mut fcw = 0x037fu16;
    if rng.below(4) == 0 {
        fcw = (fcw & !0x0f00) | ((rng.below(16) as u16) << 8);
    }
    let depth = 2 + rng.below(6) as usize;
    let x87: Vec<[u64; 2]> = (0..depth).map(|_| x87_value(rng)).collect();
    let mut mem = vec![0u8; super::DATA_LEN];
    for c in mem.chunks_exact_mut(8) {
        c.copy_from_slice(&word(rng).to_le_bytes());
    }
    Inputs {
        gpr,
        rflags: 0x202 | status,
        xmm,
        mxcsr,
        fcw,
        x87,
        mem,
    }
}
