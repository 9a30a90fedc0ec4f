//! The IR interpreter against the compiled tier: every snippet is run block by
//! block, each block both compiled (`Translator::block` + `exec::enter`) and
//! interpreted (`interp::enter` on the same IR from `Translator::lift`), from
//! identical states and identical memories, and the whole CPU state (GPRs, flags,
//! XMM, MXCSR, x87, gas, RIP, exit reason, fault fields, helper scratch) and the
//! whole memory are compared after every block.
//!
//! Memory is the guest space `[0, DATA + DATA_LEN)` of `isa_common`, with one
//! PROT_NONE page at [`HOLE`] (host page faults) in both copies.

#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_possible_wrap
)]

mod isa_common;

use isa_common::{assemble, random_state, Kind, Rng, DATA, DATA_LEN, MXCSRS};
use qvm_translator::decode::lift_block;
use qvm_translator::ir::Block;
use qvm_translator::lift::LiftConfig;
use qvm_translator::state::signal;
use qvm_translator::testing::SNIPPET_BASE;
use qvm_translator::{
    exec, interp, CodeSource, CpuState, ExitReason, Translator, TranslatorConfig,
};

/// A PROT_NONE page inside the guest space.
const HOLE: u64 = 0x8000;
const MEM_LEN: usize = DATA as usize + DATA_LEN;

struct Mem(*mut u8);

impl Mem {
    fn new() -> Mem {
        // SAFETY: a fresh private anonymous mapping, with one page made inaccessible.
        unsafe {
            let p = libc::mmap(
                core::ptr::null_mut(),
                MEM_LEN,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            );
            assert_ne!(p, libc::MAP_FAILED);
            let p = p.cast::<u8>();
            assert_eq!(
                libc::mprotect(p.add(HOLE as usize).cast(), 4096, libc::PROT_NONE),
                0
            );
            Mem(p)
        }
    }
    fn base(&self) -> u64 {
        self.0 as u64
    }
    /// The accessible bytes, as (offset, slice) pieces.
    #[allow(clippy::mut_from_ref)] // a raw mapping, not a Rust-owned buffer
    fn pieces(&self) -> [(usize, &mut [u8]); 2] {
        let h = HOLE as usize;
        // SAFETY: both ranges are inside the mapping and accessible.
        unsafe {
            [
                (0, core::slice::from_raw_parts_mut(self.0, h)),
                (
                    h + 4096,
                    core::slice::from_raw_parts_mut(self.0.add(h + 4096), MEM_LEN - h - 4096),
                ),
            ]
        }
    }
    fn write(&self, addr: u64, bytes: &[u8]) {
        for (off, s) in self.pieces() {
            let a = addr as usize;
            if a >= off && a + bytes.len() <= off + s.len() {
                s[a - off..a - off + bytes.len()].copy_from_slice(bytes);
                return;
            }
        }
        panic!("write outside accessible memory");
    }
    fn copy_from(&self, o: &Mem) {
        for ((_, d), (_, s)) in self.pieces().into_iter().zip(o.pieces()) {
            d.copy_from_slice(s);
        }
    }
    fn first_diff(&self, o: &Mem) -> Option<u64> {
        for ((off, a), (_, b)) in self.pieces().into_iter().zip(o.pieces()) {
            if let Some(i) = a.iter().zip(b.iter()).position(|(x, y)| x != y) {
                return Some((off + i) as u64);
            }
        }
        None
    }
}

impl Drop for Mem {
    fn drop(&mut self) {
        // SAFETY: our own mapping.
        unsafe { libc::munmap(self.0.cast(), MEM_LEN) };
    }
}

struct Code<'a>(&'a Mem, u64);

impl CodeSource for Code<'_> {
    fn fetch(&self, addr: u64, buf: &mut [u8]) -> usize {
        if addr < SNIPPET_BASE || addr >= self.1 {
            return 0;
        }
        let n = ((self.1 - addr) as usize).min(buf.len());
        // SAFETY: the snippet lies in the first accessible piece.
        unsafe {
            core::ptr::copy_nonoverlapping(self.0 .0.add(addr as usize), buf.as_mut_ptr(), n)
        };
        n
    }
}

/// Fills in the fault fields of a host fault the way the jit backend does.
fn host_fault(s: &mut CpuState, rip: Option<u64>) {
    if let Some(hf) = exec::take_host_fault() {
        set_host_fault(s, hf, rip);
    }
}

fn set_host_fault(s: &mut CpuState, hf: exec::HostFault, rip: Option<u64>) {
    // si_addr is a data address only for SIGSEGV/SIGBUS (for SIGFPE it is the
    // host PC, which differs between the tiers by construction).
    s.fault_addr = if matches!(hf.signal, libc::SIGSEGV | libc::SIGBUS) {
        hf.addr.wrapping_sub(s.mem_base)
    } else {
        0
    };
    s.fault_rip = rip.unwrap_or(s.rip);
    s.fault_signal = match hf.signal {
        libc::SIGFPE => signal::SIGFPE,
        libc::SIGILL => signal::SIGILL,
        libc::SIGBUS => signal::SIGBUS,
        _ => signal::SIGSEGV,
    };
}

/// How a lockstep run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    Done,
    Exit(u64, u32),
}

/// Runs `code` block by block in both tiers; `Err` describes the first divergence.
fn lockstep(
    code: &[u8],
    init: &CpuState,
    data: &[u8],
    cap: usize,
) -> Result<(End, CpuState), String> {
    exec::install_signal_handlers();
    let mem = Mem::new();
    let imem = Mem::new();
    // The cold tier's form of each block (compact flags) against the same
    // instructions lifted with expanded flags and no passes: both interpreted, both
    // computing every flag, so the whole states must agree.
    let cmem = Mem::new();
    let fmem = Mem::new();
    mem.write(DATA, data);
    mem.write(SNIPPET_BASE, code);
    let end = SNIPPET_BASE + code.len() as u64;
    let cfg = TranslatorConfig {
        mem_size: MEM_LEN as u64,
        max_block_insns: cap,
        chain: false,
        regions: false,
        ..TranslatorConfig::default()
    };
    let mut t = Translator::new(cfg).map_err(|e| e.to_string())?;
    let mut s = init.clone();
    s.rip = SNIPPET_BASE;
    s.mem_base = mem.base();
    s.mem_size = MEM_LEN as u64;
    s.helper_scratch[0] = s.gas;
    for _ in 0..100_000 {
        if s.rip == end {
            return Ok((End::Done, s));
        }
        let (block, compiled, cold, full) = {
            let src = Code(&mem, end);
            let lc = LiftConfig {
                mem_size: MEM_LEN as u64,
                compact_flags: false,
                schedule: qvm_gas::Schedule::V1,
            };
            (
                t.lift(&src, s.rip),
                t.block(&src, s.rip).map_err(|e| e.to_string())?,
                t.exact_block(&src, s.rip),
                lift_block(&src, s.rip, &lc, &qvm_gas::Schedule::V1, cap, false),
            )
        };
        compact_agrees(&s, &mem, (&cmem, &cold), (&fmem, &full))?;
        imem.copy_from(&mem);
        let mut si = s.clone();
        si.mem_base = imem.base();
        s.exit_reason = 0;
        si.exit_reason = 0;
        let start = s.rip;
        // SAFETY: each state's mem_base/mem_size describe its own mapping; handlers installed.
        let ri = unsafe { interp::enter(&mut si, &block) };
        if ri == ExitReason::Fault as u64 {
            host_fault(&mut si, Some(interp::last_rip()));
        }
        // SAFETY: as above; the block was compiled for this space.
        let rc = unsafe { exec::enter(&mut s, compiled.entry) };
        if rc == ExitReason::Fault as u64 {
            let pc = exec::take_host_fault();
            if let Some(hf) = pc {
                let rip = t.guest_rip_of(hf.pc);
                set_host_fault(&mut s, hf, rip);
            }
        }
        let mut cmp = si.clone();
        cmp.mem_base = s.mem_base;
        let mut d = interp::diff_states(&s, &cmp, "jit", "interp");
        if ri != rc {
            d.push(format!("exit jit={rc} interp={ri}"));
        }
        if let Some(a) = mem.first_diff(&imem) {
            d.push(format!("memory differs at {a:#x}"));
        }
        if !d.is_empty() {
            return Err(format!(
                "block {start:#x} (cap {cap}): {}\n{}",
                d.join("; "),
                qvm_translator::print::block_to_string(&block)
            ));
        }
        if rc != ExitReason::Continue as u64 {
            return Ok((End::Exit(rc, s.fault_signal), s));
        }
    }
    Err("did not finish".into())
}

/// Interprets `cold` (compact flags) and `full` (expanded) from `s` on copies of
/// `mem`; `Err` names what differs.
fn compact_agrees(
    s: &CpuState,
    mem: &Mem,
    (cmem, cold): (&Mem, &Block),
    (fmem, full): (&Mem, &Block),
) -> Result<(), String> {
    let run = |m: &Mem, b: &Block| {
        m.copy_from(mem);
        let mut st = s.clone();
        st.mem_base = m.base();
        st.exit_reason = 0;
        // SAFETY: the state's mem_base/mem_size describe `m`; handlers installed.
        let r = unsafe { interp::enter(&mut st, b) };
        if r == ExitReason::Fault as u64 {
            host_fault(&mut st, Some(interp::last_rip()));
        }
        st.mem_base = 0;
        (r, st)
    };
    let (rc, sc) = run(cmem, cold);
    let (rf, sf) = run(fmem, full);
    let mut d = interp::diff_states(&sc, &sf, "compact", "expanded");
    if rc != rf {
        d.push(format!("exit compact={rc} expanded={rf}"));
    }
    if let Some(a) = cmem.first_diff(fmem) {
        d.push(format!("memory differs at {a:#x}"));
    }
    if d.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "block {:#x}, compact against expanded flags: {}\n{}",
            s.rip,
            d.join("; "),
            qvm_translator::print::block_to_string(cold)
        ))
    }
}

fn state_of(ctx: &isa_common::Ctx, gas: u64) -> CpuState {
    let mut s = CpuState {
        gas,
        ..CpuState::default()
    };
    s.gpr = ctx.gpr;
    s.set_rflags(ctx.rflags);
    s.mxcsr = ctx.mxcsr;
    s.xmm = ctx.xmm;
    s
}

/// Runs every snippet `n` times with random inputs (MXCSR from `mxcsrs`) at block
/// caps 1 and 64; panics listing every divergence.
fn check(cases: &[(&str, Kind)], n: usize, mxcsrs: &[u32]) {
    let mut fails = vec![];
    for &(src, kind) in cases {
        let code = assemble(src);
        let seed = src.bytes().fold(0x9e37_79b9_7f4a_7c15u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
        });
        let mut r = Rng(seed | 1);
        'iters: for _ in 0..n {
            let (ctx, data) = random_state(&mut r, kind, mxcsrs, true);
            for cap in [1, 64] {
                if let Err(e) = lockstep(&code, &state_of(&ctx, 100_000_000), &data, cap) {
                    fails.push(format!("{src:?}: {e}"));
                    break 'iters;
                }
            }
        }
    }
    assert!(
        fails.is_empty(),
        "{} of {} cases diverge:\n{}",
        fails.len(),
        cases.len(),
        fails.join("\n\n")
    );
}

/// One deterministic run (zeroed data, given registers); returns the end and state.
fn one(src: &str, gas: u64, setup: impl Fn(&mut CpuState)) -> (End, CpuState) {
    let code = assemble(src);
    let mut s = CpuState {
        gas,
        ..CpuState::default()
    };
    s.gpr[4] = DATA + 0x8000;
    s.gpr[6] = DATA + 0x400;
    s.gpr[7] = DATA + 0x800;
    setup(&mut s);
    let data = vec![0u8; DATA_LEN];
    let mut last = None;
    for cap in [1, 64] {
        match lockstep(&code, &s, &data, cap) {
            Ok(r) => last = Some(r),
            Err(e) => panic!("{src:?}: {e}"),
        }
    }
    last.unwrap()
}

const I: Kind = Kind::Int;
const S: Kind = Kind::F32;
const D: Kind = Kind::F64;

#[test]
fn integer_and_flags() {
    let cases: Vec<(&str, Kind)> = vec![
        ("add rax, rbx\nadc rcx, rdx\nsbb r8, r9\nsub r10d, r11d\nsetc al\nseto bl\nsetp cl\nsets dl", I),
        ("cmp rax, rbx\njl .a\nmov ecx, 1\n.a: cmp r8b, r9b\ncmova rdx, r10\ncmovle r11, r12", I),
        ("imul rax, rbx\nimul ecx, edx, 0x1234\nmul r8\nimul r9w\nsetc r10b\nseto r11b", I),
        ("shl rax, cl\nshr rbx, cl\nsar rdx, 3\nrol r8d, cl\nror r9w, 5\nrcl r10, 1\nrcr r11b, cl\nshld r12, r13, cl\nshrd r14, r15, 7", I),
        ("bsf rax, rbx\nbsr rcx, rdx\npopcnt r8, r9\nlzcnt r10, r11\ntzcnt r12d, r13d\nbswap r14\nbt r15, rax\nbtc rbx, 63", I),
        ("neg rax\nnot rbx\ninc ecx\ndec dx\nxadd r8, r9\nxchg r10, r11\nlea r12, [rax + rbx*4 + 0x100]\nmovsx r13, r14b\nmovzx r15d, ax", I),
        ("cqo\ncdq\ncwde\ncbw\nmovsxd rax, ebx\nsahf\nlahf\nclc\ncmc\nstc\nstd\ncld", I),
        ("push rax\npush rbx\ncall .f\npop rcx\npop rdx\njmp .e\n.f: mov r8, [rsp+8]\nret\n.e:", I),
        ("mov [rsi], rax\nmov [rsi+3], ebx\nmov [rsi+9], cx\nmov [rsi+13], dl\nadd qword [rsi+16], r8\nmov r9, [rsi]\nmov r10, [rsi+5]\nxor [rdi], r11\nmovbe r12, [rdi]", I),
        ("xor eax, eax\nmov ecx, 20\n.l: add rax, rcx\nimul rax, rax, 3\ndec ecx\njnz .l\nsete bl", I),
        ("div ecx", I),
        ("test rax, rax\nsetz al\nand rbx, rcx\nor rdx, r8\nxor r9, r10\nsetpe r11b", I),
        ("cmpxchg [rsi], rbx\nsetz al\ncmpxchg rcx, rdx", I),
        ("adcx rax, rbx\nadox rcx, rdx\nandn r8, r9, r10\nbzhi r11, r12, r13\nshlx r14, r15, rax\nsarx rbx, rcx, rdx\nrorx r8, r9, 13\nmulx r10, r11, r12", I),
        ("pdep rax, rbx, rcx\npext rdx, r8, r9\nrdtsc\ncpuid", I),
    ];
    check(&cases, 12, &[0x1f80]);
}

#[test]
fn sse_integer() {
    let mut cases: Vec<(&str, Kind)> = vec![];
    for s in [
        "paddb xmm1, xmm2\npaddw xmm3, xmm4\npaddd xmm5, xmm6\npaddq xmm7, xmm8",
        "psubsb xmm1, xmm2\npaddsw xmm3, xmm4\npaddusb xmm5, xmm6\npsubusw xmm7, xmm8",
        "pmullw xmm1, xmm2\npmulhw xmm3, xmm4\npmulhuw xmm5, xmm6\npmuludq xmm7, xmm8\npmaddwd xmm9, xmm10\npmulld xmm11, xmm12",
        "pavgb xmm1, xmm2\npavgw xmm3, xmm4\npsadbw xmm5, xmm6",
        "packsswb xmm1, xmm2\npackuswb xmm3, xmm4\npackssdw xmm5, xmm6\npackusdw xmm7, xmm8",
        "punpcklbw xmm1, xmm2\npunpckhwd xmm3, xmm4\npunpckldq xmm5, xmm6\npunpckhqdq xmm7, xmm8\npshufd xmm9, xmm10, 0x1b\npshuflw xmm11, xmm12, 0xb1\npshufhw xmm13, xmm14, 0x4e",
        "pshufb xmm1, xmm2\npalignr xmm3, xmm4, 5\npmovmskb eax, xmm5\nmovmskps ebx, xmm6\nmovmskpd ecx, xmm7",
        "psllw xmm1, 3\npsrld xmm2, 31\npsraw xmm3, 15\npsrlq xmm4, 40\npslldq xmm5, 3\npsrldq xmm6, 7\npsraw xmm7, xmm8\npsllq xmm9, xmm10\npsrad xmm11, xmm12",
        "pcmpeqb xmm1, xmm2\npcmpgtw xmm3, xmm4\npcmpeqd xmm5, xmm6\npcmpgtd xmm7, xmm8\npcmpeqq xmm9, xmm10\npcmpgtq xmm11, xmm12",
        "pminsw xmm1, xmm2\npmaxub xmm3, xmm4\npminud xmm5, xmm6\npmaxsb xmm7, xmm8\npabsb xmm9, xmm10\npsignw xmm11, xmm12",
        "pextrw eax, xmm1, 3\npinsrw xmm2, ebx, 5\npextrd ecx, xmm3, 2\npinsrq xmm4, rdx, 1\npextrb r8d, xmm5, 9\nmovd xmm6, r9d\nmovq r10, xmm7",
        "pand xmm1, xmm2\npandn xmm3, xmm4\npor xmm5, xmm6\npxor xmm7, xmm8\npxor xmm9, xmm9\nptest xmm10, xmm11\nsetz al\nsetc bl",
        "movdqu xmm1, [rsi]\nmovdqa xmm2, [rsi+16]\nmovdqu [rdi+3], xmm3\nmovq xmm4, [rsi+40]\nmovhps xmm5, [rsi+8]\nmovlpd [rdi+32], xmm6\nmovntdq [rdi+48], xmm7",
        "pmovsxbw xmm1, xmm2\npmovzxwd xmm3, xmm4\npmovsxdq xmm5, xmm6\nphaddw xmm7, xmm8\nphsubd xmm9, xmm10\npmaddubsw xmm11, xmm12\npmulhrsw xmm13, xmm14",
        "pcmpistri xmm1, xmm2, 0x0c\nmov r8d, ecx\npcmpestrm xmm3, xmm4, 0x40\ncrc32 eax, ebx\nmpsadbw xmm5, xmm6, 5",
        "pblendw xmm1, xmm2, 0xa5\npblendvb xmm3, xmm4\nblendps xmm5, xmm6, 5\ninsertps xmm7, xmm8, 0x9c\nextractps eax, xmm9, 2",
    ] {
        cases.push((s, I));
    }
    check(&cases, 10, &[0x1f80]);
}

#[test]
fn sse_float_rounding_modes() {
    let mut cases: Vec<(&str, Kind)> = vec![];
    let arith: Vec<(String, Kind)> = ["add", "sub", "mul", "div", "sqrt", "min", "max"]
        .iter()
        .flat_map(|op| {
            [("ps", S), ("pd", D), ("ss", S), ("sd", D)].map(|(sfx, k)| {
                (
                    format!("{op}{sfx} xmm1, xmm2\n{op}{sfx} xmm3, xmm4\n{op}{sfx} xmm3, xmm5"),
                    k,
                )
            })
        })
        .collect();
    let cmps: Vec<(String, Kind)> = (0..8)
        .flat_map(|p| {
            [
                (format!("cmpps xmm1, xmm2, {p}\ncmpss xmm3, xmm4, {p}"), S),
                (format!("cmppd xmm1, xmm2, {p}\ncmpsd xmm3, xmm4, {p}"), D),
            ]
        })
        .collect();
    let leaked: &'static [(String, Kind)] = Box::leak(
        arith
            .into_iter()
            .chain(cmps)
            .collect::<Vec<_>>()
            .into_boxed_slice(),
    );
    for (s, k) in leaked {
        cases.push((s.as_str(), *k));
    }
    for s in [
        "ucomiss xmm1, xmm2\nseta al\nsetp bl\nsetz cl\ncomiss xmm3, xmm4\nsetb dl",
        "cvtss2sd xmm1, xmm2\ncvtps2pd xmm3, xmm4\ncvttss2si eax, xmm5\ncvttss2si rbx, xmm6\ncvtss2si rcx, xmm7\ncvttps2dq xmm8, xmm9\ncvtps2dq xmm10, xmm11",
        "andps xmm1, xmm2\nandnps xmm3, xmm4\norps xmm5, xmm6\nxorps xmm7, xmm8\nshufps xmm9, xmm10, 0x4e\nunpcklps xmm11, xmm12\nunpckhps xmm13, xmm14\nmovhlps xmm15, xmm1",
        "haddps xmm1, xmm2\nhsubps xmm3, xmm4\naddsubps xmm5, xmm6\ndpps xmm7, xmm8, 0xf1\nroundps xmm9, xmm10, 1\nroundss xmm11, xmm12, 4\nrcpps xmm13, xmm14\nrsqrtss xmm15, xmm1",
        "sqrtss xmm3, xmm4\nsqrtss xmm3, xmm5\ndivps xmm1, xmm2\nmovaps xmm1, xmm3",
        "stmxcsr [rdi]\nmov eax, [rdi]\nxor eax, 0x6000\nmov [rdi], eax\nldmxcsr [rdi]\naddps xmm1, xmm2\ncvtsi2ss xmm3, rax\nstmxcsr [rdi+4]",
    ] {
        cases.push((s, S));
    }
    for s in [
        "ucomisd xmm1, xmm2\nseta al\nsetp bl\nsetz cl\ncomisd xmm3, xmm4\nsetb dl",
        "cvtsd2ss xmm1, xmm2\ncvtpd2ps xmm3, xmm4\ncvttsd2si eax, xmm5\ncvttsd2si rbx, xmm6\ncvtsd2si rcx, xmm7\ncvttpd2dq xmm8, xmm9\ncvtpd2dq xmm10, xmm11",
        "andpd xmm1, xmm2\nxorpd xmm3, xmm4\nshufpd xmm5, xmm6, 1\nunpcklpd xmm7, xmm8\nhaddpd xmm9, xmm10\naddsubpd xmm11, xmm12\nroundsd xmm13, xmm14, 2",
        "mulsd xmm1, xmm2\naddsd xmm1, xmm3\nmulsd xmm1, xmm2\naddsd xmm1, xmm4\nsqrtsd xmm5, xmm1\ndivsd xmm5, xmm2",
    ] {
        cases.push((s, D));
    }
    for s in [
        "cvtsi2sd xmm1, rax\ncvtsi2sd xmm2, ebx\ncvtsi2ss xmm3, rcx\ncvtsi2ss xmm4, edx\ncvtdq2ps xmm5, xmm6\ncvtdq2pd xmm7, xmm8\ncvtsi2sd xmm9, qword [rsi]",
        "cvtsi2ss xmm1, rax\nxorps xmm1, xmm1\ncvtsi2sd xmm2, rbx\nxorps xmm2, xmm2",
    ] {
        cases.push((s, I));
    }
    check(&cases, 16, MXCSRS);
}

#[test]
fn sse_unmasked_exceptions_fault_alike() {
    // ZM/IM/PM unmasked: divides by zero and invalid operations raise SIGFPE.
    let cases: Vec<(&str, Kind)> = vec![
        (
            "divss xmm1, xmm2\ndivpd xmm3, xmm4\nsqrtsd xmm5, xmm6\naddps xmm7, xmm8",
            S,
        ),
        ("cvtsi2ss xmm1, rax\ncvttsd2si rbx, xmm2", D),
    ];
    check(&cases, 24, &[0x1d80, 0x1e80, 0x0f80, 0x1b80]);
}

#[test]
fn x87_helpers() {
    let cases: Vec<(&str, Kind)> = vec![
        ("fninit\nfld qword [rsi]\nfadd qword [rsi+8]\nfmul st0, st0\nfstp qword [rdi]\nfild dword [rsi+16]\nfistp dword [rdi+8]", D),
        ("fninit\nfld1\nfldpi\nfdivp st1, st0\nfsqrt\nfst dword [rdi]\nfcomip st0, st0\nsetp al\nfnstsw ax\nfnstcw [rdi+4]", D),
        ("fninit\nfld qword [rsi]\nfld qword [rsi+8]\nfxch\nfsubr st0, st1\nfucomi st0, st1\nseta al\nfstp tword [rdi]\nfstp st0", D),
    ];
    check(&cases, 10, &[0x1f80]);
}

#[test]
fn rep_string_helpers() {
    let cases: Vec<(&str, Kind)> = vec![
        ("mov ecx, 37\nrep movsb", I),
        (
            "cld\nmov ecx, 9\nrep stosq\nmov ecx, 5\nlea rsi, [rdi-40]\nrep lodsd",
            I,
        ),
        (
            "cld\nmov ecx, 64\nmov al, [rdi+17]\nrepne scasb\nsetz bl",
            I,
        ),
        (
            "cld\nmov ecx, 30\nrepe cmpsb\nsetz al\nmov ecx, 3\nmovsq\ncmpsw\nstosd\nlodsb",
            I,
        ),
        (
            "std\nmov ecx, 12\nadd rsi, 100\nadd rdi, 100\nrep movsw\ncld",
            I,
        ),
    ];
    check(&cases, 10, &[0x1f80]);
}

#[test]
fn faults_and_gas() {
    use End::Exit;
    let fault = ExitReason::Fault as u64;
    // Out-of-range load: the bounds check.
    let (e, s) = one(
        "mov rax, 1\nmov rbx, 0x7fff00000000\nmov rcx, [rbx]\nmov rdx, 5",
        1_000_000,
        |_| {},
    );
    assert_eq!(e, Exit(fault, signal::SIGSEGV));
    assert_eq!(s.fault_addr, 0x7fff_0000_0000);
    // Host page faults: load and store into the PROT_NONE page, and a store that
    // straddles into it (nothing may be written).
    let (e, s) = one(
        "mov rax, 7\nmov [rsi], rax\nmov rbx, [0x8010]\nmov rcx, 1",
        1_000_000,
        |_| {},
    );
    assert_eq!(e, Exit(fault, signal::SIGSEGV));
    assert_eq!(s.fault_addr, HOLE + 0x10);
    let (e, _) = one("mov rax, -1\nmov [0x7ffc], rax", 1_000_000, |_| {});
    assert_eq!(e, Exit(fault, signal::SIGSEGV));
    let (e, _) = one("movdqu xmm0, [0x7ff8]\naddps xmm0, xmm0", 1_000_000, |_| {});
    assert_eq!(e, Exit(fault, signal::SIGSEGV));
    // Helper faults: #DE, LDMXCSR with reserved bits, misaligned MOVAPS.
    let (e, _) = one(
        "mov eax, 1\nxor ecx, ecx\ndiv ecx\nmov ebx, 2",
        1_000_000,
        |_| {},
    );
    assert_eq!(e, Exit(fault, signal::SIGFPE));
    let (e, _) = one(
        "mov dword [rdi], 0x12345678\nmov eax, 3\nldmxcsr [rdi]\nmov ebx, 1",
        1_000_000,
        |_| {},
    );
    assert_eq!(e, Exit(fault, signal::SIGSEGV));
    let (e, _) = one("movaps xmm1, [rsi+4]", 1_000_000, |_| {});
    assert_eq!(e, Exit(fault, signal::SIGSEGV));
    // Fault terminators.
    let (e, _) = one("mov eax, 1\nud2", 1_000_000, |_| {});
    assert_eq!(e, Exit(fault, signal::SIGILL));
    let (e, _) = one("mov eax, 1\nint3", 1_000_000, |_| {});
    assert_eq!(e, Exit(fault, signal::SIGTRAP));
    let (e, s) = one("mov eax, 60\nsyscall\nmov ebx, 1", 1_000_000, |_| {});
    assert_eq!(e, Exit(ExitReason::Syscall as u64, 0));
    assert_eq!(s.gpr[0], 60);
    // Out of gas: before a block, and inside a REP helper.
    let (e, _) = one(
        "mov eax, 1\nmov ebx, 2\njmp .a\n.a: mov ecx, 3\njmp .b\n.b: mov edx, 4",
        4,
        |_| {},
    );
    assert_eq!(e, Exit(ExitReason::OutOfGas as u64, 0));
    let (e, _) = one("mov ecx, 100000\nrep stosb\nmov eax, 1", 500, |_| {});
    assert_eq!(e, Exit(ExitReason::OutOfGas as u64, 0));
}

/// A helper that ends the run (`raise_fault`/`raise_exit`) unwinds through
/// `qvm_unwind_asm`: the state's gas must be what the lowering stored before the
/// call (an earlier unwind path stored a register the helper may have reused).
#[test]
fn helper_fault_keeps_gas() {
    let code = assemble("mov eax, 1\nxor ecx, ecx\ndiv ecx");
    let mut mem = vec![0u8; 1 << 20];
    let init = CpuState {
        gas: 1_000_000,
        ..CpuState::default()
    };
    let cfg = TranslatorConfig {
        chain: false,
        regions: false,
        max_block_insns: 1,
        ..TranslatorConfig::default()
    };
    let (s, end) = qvm_translator::testing::run_snippet_with(&code, &init, &mut mem, cfg);
    assert_eq!(
        end,
        qvm_translator::testing::SnippetEnd::Fault(signal::SIGFPE)
    );
    // Two blocks of one instruction ran, the third faulted in its helper after paying.
    assert!(s.gas > 1_000_000 - 100, "gas after the fault: {:#x}", s.gas);
}
