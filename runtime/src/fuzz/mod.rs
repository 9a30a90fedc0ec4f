//! Differential instruction fuzzer: random but valid instruction sequences run under
//! qvm's `jit` and on the real CPU, compared.
//!
//! - **Generator** ([`gen`]): 1–N groups drawn from every iced-x86 `Code` of the
//!   advertised ISA that the generator can make safe (integer ALU, shifts and rotates,
//!   MUL/DIV with divisor guards, bit operations, BMI1/BMI2/ADX, CMOVcc/SETcc, PUSH/POP,
//!   LEA, MOVBE, CRC32, POPCNT/LZCNT/TZCNT, SSE–SSE4.2 integer and floating point, x87),
//!   registers and memory operands `[r15 + disp]` into a data window, plus forward `jcc`
//!   inside the snippet; snippets whose instructions would read an undefined flag are
//!   not generated. Inputs are random with edge values (0, ±1, MIN/MAX, ±0, ±inf, NaNs,
//!   denormals), random MXCSR rounding/FTZ/DAZ, FCW precision/rounding and an x87 stack
//!   of 0–4 values.
//! - **Oracle**: the host CPU, in this process ([`native`]): the snippet runs on an RWX
//!   page with the data window mapped at the same address as in the guest, so pointers
//!   compare equal. This is the same hardware the `kvm` backend runs on, at a fraction
//!   of the cost of a KVM run per case; whole programs are compared with the kvm
//!   backend by `qvm diff` and its lockstep mode.
//! - **qvm side**: [`qvm_translator::testing::run_snippet_with`], twice: blocks of up to
//!   64 instructions and of 1 instruction (different flag liveness and lowering paths).
//!   Both must match the CPU and use the same gas.
//! - **Compared**: the 16 GPRs, CF PF AF ZF SF OF DF (minus flags the executed
//!   instructions leave undefined, from iced's `rflags_undefined()`), XMM0–15, MXCSR
//!   (its exception flags only with one instruction per block, see
//!   [`MXCSR_COMPARED_MULTI`]), the x87 FCW, FSW (with TOP; without C0–C3: the manual
//!   leaves them undefined after most instructions, qvm keeps them unchanged there —
//!   a documented definition — and this CPU clears or keeps them case by case;
//!   FNSTSW/FSTSW are not generated for the same reason), tag word and valid
//!   registers, and the data window. Cases where the CPU reports an x87 stack fault
//!   (FSW.SF) are skipped (see [`skipped`]).
//! - **Minimizer**: deletes groups while the divergence persists, then zeroes inputs.
//!
//! Deliberate definitions excluded from generation (documented in the CPU model): CPUID
//! (synthetic), RDTSC (virtual), RCPPS/RCPSS/RSQRTPS/RSQRTSS (approximations whose
//! exact bits differ between CPU generations), MMX (SIGILL by design).

#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_possible_wrap,
    clippy::needless_range_loop
)]

pub mod gen;
pub mod native;
#[cfg(test)]
mod regressions;

use qvm_translator::testing::{run_snippet_with, SnippetEnd};
use qvm_translator::{CpuState, TranslatorConfig};
use std::cell::RefCell;
use std::fmt;
use std::time::{Duration, Instant};

/// Guest (and native) address of the data window. It must be free in the host
/// process too (the native harness maps it at the same address): high enough to
/// stay clear of the `qvm` executable (non-PIE, linked at 0x200000) and its heap.
pub const DATA: u64 = 0xC000_0000;
/// Size of the data window.
pub const DATA_LEN: usize = 0x2000;
/// Memory operands address `[DATA, DATA + MEM_OPERAND_SPAN + 16)`.
pub const MEM_OPERAND_SPAN: u64 = 0x1000;
/// RSP at entry, relative to [`DATA`].
pub const STACK_OFF: u64 = 0x1c00;
/// The x87 exponent bias.
pub const X87_EXP_BIAS: u64 = 16383;

/// A small deterministic PRNG (splitmix64).
pub mod rng {
    /// splitmix64.
    #[derive(Clone, Debug)]
    pub struct Rng(u64);
    impl Rng {
        /// Seeded.
        pub fn new(seed: u64) -> Rng {
            Rng(seed)
        }
        /// Next 64 random bits.
        pub fn next_u64(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        }
        /// Uniform in `0..n` (n > 0).
        pub fn below(&mut self, n: u64) -> u64 {
            self.next_u64() % n.max(1)
        }
    }
}

/// The inputs of one case.
#[derive(Clone, Debug)]
pub struct Inputs {
    /// RAX..R15 (RSP and R15 point into the data window).
    pub gpr: [u64; 16],
    /// RFLAGS.
    pub rflags: u64,
    /// XMM0..15.
    pub xmm: [[u64; 2]; 16],
    /// MXCSR.
    pub mxcsr: u32,
    /// x87 control word.
    pub fcw: u16,
    /// x87 stack, ST(0) first: (significand, sign+exponent).
    pub x87: Vec<[u64; 2]>,
    /// The data window's bytes.
    pub mem: Vec<u8>,
}

impl Inputs {
    /// All zeros (RSP and R15 set, default MXCSR/FCW, empty x87 stack).
    pub fn zeroed() -> Inputs {
        let mut gpr = [0u64; 16];
        gpr[4] = DATA + STACK_OFF;
        gpr[15] = DATA;
        Inputs {
            gpr,
            rflags: 0x202,
            xmm: [[0; 2]; 16],
            mxcsr: 0x1f80,
            fcw: 0x037f,
            x87: Vec::new(),
            mem: vec![0; DATA_LEN],
        }
    }
}

/// The final state of a run, as compared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Final {
    /// GPRs.
    pub gpr: [u64; 16],
    /// CF PF AF ZF SF OF DF as RFLAGS bits.
    pub flags: u64,
    /// XMM registers.
    pub xmm: [[u64; 2]; 16],
    /// MXCSR.
    pub mxcsr: u32,
    /// FCW.
    pub fcw: u16,
    /// FSW with TOP.
    pub fsw: u16,
    /// Abridged tags (bit i: physical register i valid).
    pub tags: u8,
    /// Physical x87 registers (only valid ones are compared).
    pub st: [[u64; 2]; 8],
    /// The data window.
    pub mem: Vec<u8>,
}

fn native_final(code: &[u8], inp: &Inputs) -> Result<Final, String> {
    let (ctx, mem) = native::run(code, inp)?;
    let fx = &ctx.fx;
    let rd16 = |o: usize| u16::from_le_bytes([fx[o], fx[o + 1]]);
    let rd64 = |o: usize| u64::from_le_bytes(fx[o..o + 8].try_into().unwrap_or([0; 8]));
    let fsw = rd16(2);
    let top = usize::from((fsw >> 11) & 7);
    let mut st = [[0u64; 2]; 8];
    for i in 0..8 {
        let o = 32 + 16 * i;
        st[(top + i) % 8] = [rd64(o), u64::from(rd16(o + 8))];
    }
    let mut xmm = [[0u64; 2]; 16];
    for (i, x) in xmm.iter_mut().enumerate() {
        *x = [rd64(160 + 16 * i), rd64(168 + 16 * i)];
    }
    Ok(Final {
        gpr: ctx.gpr,
        flags: ctx.rflags & 0xcd5,
        xmm,
        mxcsr: u32::from_le_bytes([fx[24], fx[25], fx[26], fx[27]]),
        fcw: rd16(0),
        fsw,
        tags: fx[4],
        st,
        mem,
    })
}

thread_local! {
    static GUEST_MEM: RefCell<Vec<u8>> = RefCell::new(vec![0u8; DATA as usize + DATA_LEN]);
}

/// The CpuState `inp` describes.
pub fn cpu_state(inp: &Inputs) -> CpuState {
    let mut s = CpuState {
        gpr: inp.gpr,
        xmm: inp.xmm,
        mxcsr: inp.mxcsr,
        gas: 1 << 40,
        ..CpuState::default()
    };
    s.set_rflags(inp.rflags);
    let depth = inp.x87.len().min(8);
    let top = (8 - depth) % 8;
    s.x87.fcw = inp.fcw;
    s.x87.top = top as u8;
    for (i, v) in inp.x87.iter().take(8).enumerate() {
        s.x87.regs[(top + i) % 8] = [v[0], v[1] & 0xffff];
        s.x87.tags |= 1 << ((top + i) % 8);
    }
    s
}

/// Runs `code` under qvm with blocks of at most `max_block_insns`; the final state and
/// the gas used, or how the run ended otherwise.
fn jit_final(code: &[u8], inp: &Inputs, max_block_insns: usize) -> Result<(Final, u64), String> {
    GUEST_MEM.with(|m| {
        let mut mem = m.borrow_mut();
        let d = DATA as usize;
        mem[d..d + DATA_LEN].copy_from_slice(&inp.mem);
        let init = cpu_state(inp);
        let cfg = TranslatorConfig {
            max_block_insns,
            ..TranslatorConfig::default()
        };
        let (s, end) = run_snippet_with(code, &init, &mut mem, cfg);
        if end != SnippetEnd::Done {
            return Err(format!(
                "qvm ended with {end:?} (fault rip {:#x} addr {:#x})",
                s.fault_rip, s.fault_addr
            ));
        }
        let fsw = s.x87.fsw | (u16::from(s.x87.top & 7) << 11);
        Ok((
            Final {
                gpr: s.gpr,
                flags: s.rflags() & 0xcd5,
                xmm: s.xmm,
                mxcsr: s.mxcsr,
                fcw: s.x87.fcw,
                fsw,
                tags: s.x87.tags,
                st: s.x87.regs.map(|r| [r[0], r[1] & 0xffff]),
                mem: mem[d..d + DATA_LEN].to_vec(),
            },
            init.gas - s.gas,
        ))
    })
}

const GPR_NAMES: [&str; 16] = [
    "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r13",
    "r14", "r15",
];

/// FSW bits compared: all but C0–C3 (see the module documentation).
pub const FSW_COMPARED: u16 = !0x4700;
/// MXCSR bits compared when blocks hold many instructions: all but the sticky exception
/// flags (a known issue: an FP instruction whose result is dead is removed with its
/// MXCSR side effect; reported, see the ignored regression test).
pub const MXCSR_COMPARED_MULTI: u32 = !0x3f;

/// Differences between the CPU's final state and qvm's (`mask`: undefined flags).
pub fn compare(cpu: &Final, qvm: &Final, mask: u64) -> Vec<String> {
    compare_with(cpu, qvm, mask, u32::MAX)
}

fn compare_with(cpu: &Final, qvm: &Final, mask: u64, mxcsr_mask: u32) -> Vec<String> {
    let mut d = Vec::new();
    for i in 0..16 {
        if cpu.gpr[i] != qvm.gpr[i] {
            d.push(format!(
                "{}: cpu {:#x}, qvm {:#x}",
                GPR_NAMES[i], cpu.gpr[i], qvm.gpr[i]
            ));
        }
    }
    if cpu.flags & !mask != qvm.flags & !mask {
        d.push(format!(
            "rflags: cpu {:#x}, qvm {:#x} (undefined {mask:#x} masked)",
            cpu.flags & !mask,
            qvm.flags & !mask
        ));
    }
    for i in 0..16 {
        if cpu.xmm[i] != qvm.xmm[i] {
            d.push(format!(
                "xmm{i}: cpu {:016x}{:016x}, qvm {:016x}{:016x}",
                cpu.xmm[i][1], cpu.xmm[i][0], qvm.xmm[i][1], qvm.xmm[i][0]
            ));
        }
    }
    if cpu.mxcsr & mxcsr_mask != qvm.mxcsr & mxcsr_mask {
        d.push(format!("mxcsr: cpu {:#x}, qvm {:#x}", cpu.mxcsr, qvm.mxcsr));
    }
    if (cpu.fcw, cpu.fsw & FSW_COMPARED, cpu.tags) != (qvm.fcw, qvm.fsw & FSW_COMPARED, qvm.tags) {
        d.push(format!(
            "x87: cpu fcw {:#x} fsw {:#x} tags {:#x}, qvm fcw {:#x} fsw {:#x} tags {:#x}",
            cpu.fcw, cpu.fsw, cpu.tags, qvm.fcw, qvm.fsw, qvm.tags
        ));
    }
    for i in 0..8 {
        if cpu.tags & (1 << i) != 0 && cpu.st[i] != qvm.st[i] {
            d.push(format!(
                "x87 R{i}: cpu {:04x}:{:016x}, qvm {:04x}:{:016x}",
                cpu.st[i][1], cpu.st[i][0], qvm.st[i][1], qvm.st[i][0]
            ));
        }
    }
    if let Some(o) = cpu.mem.iter().zip(&qvm.mem).position(|(a, b)| a != b) {
        let o8 = o & !7;
        let w = |m: &[u8]| u64::from_le_bytes(m[o8..o8 + 8].try_into().unwrap_or([0; 8]));
        d.push(format!(
            "memory at {:#x}: cpu {:016x}, qvm {:016x}",
            DATA + o8 as u64,
            w(&cpu.mem),
            w(&qvm.mem)
        ));
    }
    d
}

/// Runs one case; the differences (empty: qvm agrees with the CPU, or the case is
/// [`skipped`]).
pub fn check(s: &gen::Snippet, inp: &Inputs) -> Vec<String> {
    check_case(s, inp).unwrap_or_default()
}

/// Whether a case is not compared: an x87 stack fault (overflow or underflow: FSW.SF
/// set by the CPU) — qvm's x87 does not model the masked stack-fault responses exactly
/// (reported; see the ignored regression tests).
pub fn skipped(s: &gen::Snippet, inp: &Inputs) -> bool {
    check_case(s, inp).is_none()
}

/// [`check`], or None when the case is skipped.
fn check_case(s: &gen::Snippet, inp: &Inputs) -> Option<Vec<String>> {
    let Some(mask) = gen::undefined_flags(s) else {
        return Some(vec![]);
    };
    let code = gen::assemble(s);
    let mut diffs = Vec::new();
    let mut gas = None;
    for max in [64usize, 1] {
        match jit_final(&code, inp, max) {
            Err(e) => {
                diffs.push(format!("blocks of {max}: {e}"));
                return Some(diffs);
            }
            Ok((f, g)) => {
                if let Some(g0) = gas {
                    if g0 != g {
                        diffs.push(format!("gas: {g0} with blocks of 64, {g} with blocks of 1"));
                    }
                }
                gas = Some(g);
                let cpu = match native_final(&code, inp) {
                    Ok(c) => c,
                    Err(e) => return Some(vec![format!("native: {e}")]),
                };
                if cpu.fsw & 0x40 != 0 {
                    return None;
                }
                let d = compare_with(
                    &cpu,
                    &f,
                    mask,
                    if max == 1 {
                        u32::MAX
                    } else {
                        MXCSR_COMPARED_MULTI
                    },
                );
                if !d.is_empty() {
                    diffs.extend(d.into_iter().map(|x| {
                        if max == 1 {
                            format!("(blocks of 1) {x}")
                        } else {
                            x
                        }
                    }));
                    return Some(diffs);
                }
            }
        }
    }
    Some(diffs)
}

/// Shrinks a diverging case: deletes groups (fixing jump targets) while it still
/// diverges, then zeroes registers and inputs that do not matter.
pub fn minimize(s: &gen::Snippet, inp: &Inputs) -> (gen::Snippet, Inputs) {
    let mut s = s.clone();
    let mut inp = inp.clone();
    let diverges = |s: &gen::Snippet, inp: &Inputs| {
        gen::undefined_flags(s).is_some() && !check(s, inp).is_empty()
    };
    let mut changed = true;
    while changed {
        changed = false;
        let mut i = 0;
        while i < s.groups.len() {
            let mut t = s.clone();
            t.groups.remove(i);
            for g in &mut t.groups {
                if let gen::Group::Jcc { target, .. } = g {
                    if *target > i {
                        *target -= 1;
                    }
                }
            }
            if diverges(&t, &inp) {
                s = t;
                changed = true;
            } else {
                i += 1;
            }
        }
    }
    for r in 0..16 {
        if r == 4 || r == 15 || inp.gpr[r] == 0 {
            continue;
        }
        let mut t = inp.clone();
        t.gpr[r] = 0;
        if diverges(&s, &t) {
            inp = t;
        }
    }
    for x in 0..16 {
        if inp.xmm[x] == [0, 0] {
            continue;
        }
        let mut t = inp.clone();
        t.xmm[x] = [0, 0];
        if diverges(&s, &t) {
            inp = t;
        }
    }
    (s, inp)
}

/// Options of a fuzzing run.
#[derive(Clone, Debug)]
pub struct FuzzOptions {
    /// Seed of the whole run (case `i` uses a seed derived from it and `i`).
    pub seed: u64,
    /// Most cases.
    pub cases: u64,
    /// Most time.
    pub duration: Option<Duration>,
    /// Most groups per snippet.
    pub max_insns: usize,
    /// Stop at the first divergence.
    pub stop_on_first: bool,
    /// Print progress and findings to stderr.
    pub log: bool,
}

/// One distinct divergence.
#[derive(Clone, Debug)]
pub struct Finding {
    /// The minimized snippet's mnemonics (distinguishes findings).
    pub signature: String,
    /// Cases that hit it.
    pub hits: u64,
    /// The first case's index.
    pub case: u64,
    /// The minimized snippet, disassembled.
    pub listing: String,
    /// Its machine code.
    pub code: Vec<u8>,
    /// The minimized inputs' GPRs (RAX..R15).
    pub gpr: [u64; 16],
    /// What differs.
    pub differences: Vec<String>,
}

/// The result of [`fuzz`].
#[derive(Clone, Debug)]
pub struct FuzzReport {
    /// The seed.
    pub seed: u64,
    /// Cases run.
    pub cases: u64,
    /// Instructions executed (summed over cases).
    pub insns: u64,
    /// Cases not compared (x87 stack faults, see [`skipped`]).
    pub skipped: u64,
    /// Time taken.
    pub elapsed: Duration,
    /// Distinct divergences.
    pub findings: Vec<Finding>,
}

fn case_seed(seed: u64, i: u64) -> u64 {
    let mut r = rng::Rng::new(seed ^ i.wrapping_mul(0xd6e8_feb8_6659_fd93));
    r.next_u64()
}

/// The snippet and inputs of case `i` of a run seeded `seed`.
pub fn case(seed: u64, i: u64, max_insns: usize) -> (gen::Snippet, Inputs) {
    let mut r = rng::Rng::new(case_seed(seed, i));
    let s = gen::snippet(&mut r, max_insns);
    let inp = gen::inputs(&mut r);
    (s, inp)
}

fn signature(s: &gen::Snippet) -> String {
    let mut names: Vec<String> = s
        .groups
        .iter()
        .flat_map(|g| match g {
            gen::Group::Insns(v) => v
                .iter()
                .map(|i| format!("{:?}", i.code()))
                .collect::<Vec<_>>(),
            gen::Group::Jcc { .. } => vec!["jcc".into()],
        })
        .collect();
    names.dedup();
    names.join(" ")
}

/// Runs the fuzzer.
pub fn fuzz(opts: &FuzzOptions) -> FuzzReport {
    let t0 = Instant::now();
    let mut rep = FuzzReport {
        seed: opts.seed,
        cases: 0,
        insns: 0,
        skipped: 0,
        elapsed: Duration::ZERO,
        findings: Vec::new(),
    };
    let mut last_log = Instant::now();
    for i in 0..opts.cases {
        if opts.duration.is_some_and(|d| t0.elapsed() >= d) {
            break;
        }
        let (s, inp) = case(opts.seed, i, opts.max_insns);
        rep.cases += 1;
        rep.insns += s
            .groups
            .iter()
            .map(|g| {
                if let gen::Group::Insns(v) = g {
                    v.len() as u64
                } else {
                    1
                }
            })
            .sum::<u64>();
        let Some(d) = check_case(&s, &inp) else {
            rep.skipped += 1;
            continue;
        };
        if !d.is_empty() {
            let (ms, mi) = minimize(&s, &inp);
            let sig = signature(&ms);
            if let Some(f) = rep.findings.iter_mut().find(|f| f.signature == sig) {
                f.hits += 1;
            } else {
                let differences = check(&ms, &mi);
                let differences = if differences.is_empty() {
                    d
                } else {
                    differences
                };
                let f = Finding {
                    signature: sig,
                    hits: 1,
                    case: i,
                    listing: gen::listing(&ms),
                    code: gen::assemble(&ms),
                    gpr: mi.gpr,
                    differences,
                };
                if opts.log {
                    eprintln!(
                        "qvm fuzz: divergence in case {i} (seed {}):\n{f}",
                        opts.seed
                    );
                }
                rep.findings.push(f);
                if opts.stop_on_first {
                    break;
                }
            }
        }
        if opts.log && last_log.elapsed() >= Duration::from_secs(10) {
            last_log = Instant::now();
            eprintln!(
                "qvm fuzz: {} cases, {} distinct divergences, {:.0} s",
                rep.cases,
                rep.findings.len(),
                t0.elapsed().as_secs_f64()
            );
        }
    }
    rep.elapsed = t0.elapsed();
    rep
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "[{}] ({} hits, first case {})",
            self.signature, self.hits, self.case
        )?;
        write!(f, "{}", self.listing)?;
        let hex: String = self.code.iter().map(|b| format!("{b:02x}")).collect();
        writeln!(f, "  code {hex}")?;
        for (i, g) in self.gpr.iter().enumerate() {
            if *g != 0 && i != 4 && i != 15 {
                writeln!(f, "  in {} = {g:#x}", GPR_NAMES[i])?;
            }
        }
        for d in &self.differences {
            writeln!(f, "  * {d}")?;
        }
        Ok(())
    }
}

impl fmt::Display for FuzzReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for x in &self.findings {
            writeln!(f, "{x}")?;
        }
        write!(
            f,
            "qvm fuzz: seed {}, {} cases ({} instructions; {} skipped as x87 stack faults) in {:.1} s ({:.0} cases/s), {} distinct divergences",
            self.seed,
            self.cases,
            self.insns,
            self.skipped,
            self.elapsed.as_secs_f64(),
            self.cases as f64 / self.elapsed.as_secs_f64().max(1e-9),
            self.findings.len()
        )
    }
}
