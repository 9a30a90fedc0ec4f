//! Shared harness of the `isa_*` tests: run an x86-64 snippet on the host CPU (the
//! reference) and under qvm's `run_snippet`, from the same GPRs (RSP included),
//! RFLAGS, MXCSR, XMM registers and memory, and compare everything afterwards.
//!
//! * Memory: a 64 KiB window is mapped natively at the fixed address [`DATA`]; qvm's
//!   guest memory is sized so that the same guest address is valid. Snippets see
//!   RSI = `DATA + 0x400`, RDI = `DATA + 0x800` and RSP = `DATA + 0x8000` (so pushes,
//!   calls and returns write compared memory), and may address memory only through
//!   those registers (or RIP). The whole window is compared.
//! * Code: natively the snippet sits on an RWX page followed by `jmp [rip]` back to
//!   the harness (no register is clobbered); under qvm it sits at
//!   [`SNIPPET_BASE`]. Code addresses that leak into registers or memory (return
//!   addresses, `lea r, [rip]`) are rebased from the native page to `SNIPPET_BASE`
//!   before comparing.
//! * Each snippet runs under qvm three times, with blocks capped at 1, 64 and 256
//!   instructions: the three runs must agree with the native run and use the same
//!   gas (`init.gas - final.gas`).
//! * Flags the manuals leave undefined are masked per case ([`Case::undef`]).

#![allow(
    dead_code,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_possible_wrap
)]

use qvm_translator::testing::{run_snippet_tier, SnippetEnd, SNIPPET_BASE};
use qvm_translator::{CpuState, TranslatorConfig};
use std::sync::Mutex;

/// Guest (and native) address of the data window.
pub const DATA: u64 = 0x10_0000;
/// Size of the data window.
pub const DATA_LEN: usize = 0x1_0000;
/// RSI at entry.
pub const RSI0: u64 = DATA + 0x400;
/// RDI at entry.
pub const RDI0: u64 = DATA + 0x800;
/// RSP at entry.
pub const RSP0: u64 = DATA + 0x8000;

/// RFLAGS bits.
pub const CF: u64 = 1;
/// Parity.
pub const PF: u64 = 4;
/// Auxiliary carry.
pub const AF: u64 = 0x10;
/// Zero.
pub const ZF: u64 = 0x40;
/// Sign.
pub const SF: u64 = 0x80;
/// Direction.
pub const DF: u64 = 0x400;
/// Overflow.
pub const OF: u64 = 0x800;
/// The six status flags.
pub const STATUS: u64 = CF | PF | AF | ZF | SF | OF;

/// Registers as the native harness loads and stores them (layout used by the asm).
#[repr(C)]
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Ctx {
    /// RAX..R15.
    pub gpr: [u64; 16],
    /// RFLAGS.
    pub rflags: u64,
    /// MXCSR.
    pub mxcsr: u32,
    /// Padding.
    pub pad: u32,
    /// XMM0..XMM15.
    pub xmm: [[u64; 2]; 16],
}

core::arch::global_asm!(
    ".pushsection .bss",
    ".balign 16",
    "isa_native_save: .zero 64",
    ".popsection",
    ".globl isa_native_call",
    "isa_native_call:",
    "push rbp",
    "push rbx",
    "push r12",
    "push r13",
    "push r14",
    "push r15",
    "mov [rip + isa_native_save], rdi",
    "mov [rip + isa_native_save + 8], rsi",
    "mov [rip + isa_native_save + 16], rsp",
    "stmxcsr [rip + isa_native_save + 24]",
    "ldmxcsr [rdi + 136]",
    "movdqu xmm0, [rdi + 144]",
    "movdqu xmm1, [rdi + 160]",
    "movdqu xmm2, [rdi + 176]",
    "movdqu xmm3, [rdi + 192]",
    "movdqu xmm4, [rdi + 208]",
    "movdqu xmm5, [rdi + 224]",
    "movdqu xmm6, [rdi + 240]",
    "movdqu xmm7, [rdi + 256]",
    "movdqu xmm8, [rdi + 272]",
    "movdqu xmm9, [rdi + 288]",
    "movdqu xmm10, [rdi + 304]",
    "movdqu xmm11, [rdi + 320]",
    "movdqu xmm12, [rdi + 336]",
    "movdqu xmm13, [rdi + 352]",
    "movdqu xmm14, [rdi + 368]",
    "movdqu xmm15, [rdi + 384]",
    "push qword ptr [rdi + 128]",
    "popfq",
    "mov rax, [rdi]",
    "mov rcx, [rdi + 8]",
    "mov rdx, [rdi + 16]",
    "mov rbx, [rdi + 24]",
    "mov rbp, [rdi + 40]",
    "mov rsi, [rdi + 48]",
    "mov r8, [rdi + 64]",
    "mov r9, [rdi + 72]",
    "mov r10, [rdi + 80]",
    "mov r11, [rdi + 88]",
    "mov r12, [rdi + 96]",
    "mov r13, [rdi + 104]",
    "mov r14, [rdi + 112]",
    "mov r15, [rdi + 120]",
    "mov rsp, [rdi + 32]",
    "mov rdi, [rdi + 56]",
    "jmp qword ptr [rip + isa_native_save + 8]",
    ".globl isa_native_return",
    "isa_native_return:",
    "mov [rip + isa_native_save + 32], rdi",
    "mov rdi, [rip + isa_native_save]",
    "mov [rdi], rax",
    "mov [rdi + 8], rcx",
    "mov [rdi + 16], rdx",
    "mov [rdi + 24], rbx",
    "mov [rdi + 32], rsp",
    "mov [rdi + 40], rbp",
    "mov [rdi + 48], rsi",
    "mov [rdi + 64], r8",
    "mov [rdi + 72], r9",
    "mov [rdi + 80], r10",
    "mov [rdi + 88], r11",
    "mov [rdi + 96], r12",
    "mov [rdi + 104], r13",
    "mov [rdi + 112], r14",
    "mov [rdi + 120], r15",
    "mov rsp, [rip + isa_native_save + 16]",
    "pushfq",
    "pop qword ptr [rdi + 128]",
    "mov rax, [rip + isa_native_save + 32]",
    "mov [rdi + 56], rax",
    "movdqu [rdi + 144], xmm0",
    "movdqu [rdi + 160], xmm1",
    "movdqu [rdi + 176], xmm2",
    "movdqu [rdi + 192], xmm3",
    "movdqu [rdi + 208], xmm4",
    "movdqu [rdi + 224], xmm5",
    "movdqu [rdi + 240], xmm6",
    "movdqu [rdi + 256], xmm7",
    "movdqu [rdi + 272], xmm8",
    "movdqu [rdi + 288], xmm9",
    "movdqu [rdi + 304], xmm10",
    "movdqu [rdi + 320], xmm11",
    "movdqu [rdi + 336], xmm12",
    "movdqu [rdi + 352], xmm13",
    "movdqu [rdi + 368], xmm14",
    "movdqu [rdi + 384], xmm15",
    "stmxcsr [rdi + 136]",
    "ldmxcsr [rip + isa_native_save + 24]",
    "cld",
    "pop r15",
    "pop r14",
    "pop r13",
    "pop r12",
    "pop rbx",
    "pop rbp",
    "ret",
);

unsafe extern "C" {
    fn isa_native_call(ctx: *mut Ctx, code: *const u8);
    fn isa_native_return();
}

static NATIVE: Mutex<()> = Mutex::new(());

/// Assembles nasm source (64-bit, `default rel`) to flat binary.
pub fn assemble(src: &str) -> Vec<u8> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    let id = N.fetch_add(1, Ordering::Relaxed);
    let base = std::env::temp_dir().join(format!("qvm_isa_{}_{id}", std::process::id()));
    let asm = base.with_extension("asm");
    let bin = base.with_extension("bin");
    std::fs::write(&asm, format!("bits 64\ndefault rel\n{src}\n")).unwrap();
    let out = std::process::Command::new("nasm")
        .arg("-f")
        .arg("bin")
        .arg("-o")
        .arg(&bin)
        .arg(&asm)
        .output()
        .expect("nasm");
    let _ = std::fs::remove_file(&asm);
    assert!(
        out.status.success(),
        "nasm failed on {src:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let code = std::fs::read(&bin).unwrap();
    let _ = std::fs::remove_file(&bin);
    code
}

fn data_window() -> *mut u8 {
    use std::sync::OnceLock;
    static P: OnceLock<usize> = OnceLock::new();
    *P.get_or_init(|| {
        // SAFETY: a fresh anonymous mapping at a fixed, otherwise unused low address;
        // MAP_FIXED_NOREPLACE fails instead of clobbering anything.
        let p = unsafe {
            libc::mmap(
                DATA as *mut libc::c_void,
                DATA_LEN,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_FIXED_NOREPLACE,
                -1,
                0,
            )
        };
        assert_eq!(p as u64, DATA, "cannot map the native data window");
        p as usize
    }) as *mut u8
}

/// Runs `code` natively. Returns the final registers and window, with code
/// addresses rebased to [`SNIPPET_BASE`].
pub fn run_native(code: &[u8], ctx: &Ctx, data: &[u8]) -> (Ctx, Vec<u8>) {
    let _g = NATIVE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    assert_eq!(data.len(), DATA_LEN);
    let win = data_window();
    let mut c = ctx.clone();
    c.rflags = (c.rflags & (STATUS | DF)) | 0x202;
    let mut out = vec![0u8; DATA_LEN];
    // SAFETY: the window is our own DATA_LEN-byte mapping; the code is copied to a
    // fresh RWX mapping that ends with a jump back into the harness, which restores
    // the host stack, callee-saved registers, MXCSR and DF.
    let page = unsafe {
        core::ptr::copy_nonoverlapping(data.as_ptr(), win, DATA_LEN);
        let len = (code.len() + 64).next_multiple_of(4096);
        let p = libc::mmap(
            core::ptr::null_mut(),
            len,
            libc::PROT_READ | libc::PROT_WRITE | libc::PROT_EXEC,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            -1,
            0,
        );
        assert_ne!(p, libc::MAP_FAILED);
        let p = p.cast::<u8>();
        core::ptr::copy_nonoverlapping(code.as_ptr(), p, code.len());
        let tail = p.add(code.len());
        // jmp qword [rip + 0]; dq isa_native_return
        core::ptr::copy_nonoverlapping([0xffu8, 0x25, 0, 0, 0, 0].as_ptr(), tail, 6);
        let ret = (isa_native_return as *const () as u64).to_le_bytes();
        core::ptr::copy_nonoverlapping(ret.as_ptr(), tail.add(6), 8);
        isa_native_call(&mut c, p);
        core::ptr::copy_nonoverlapping(win, out.as_mut_ptr(), DATA_LEN);
        libc::munmap(p.cast(), len);
        p as u64
    };
    // Rebase code addresses.
    let lo = page;
    let hi = page + code.len() as u64;
    let rebase = |v: u64| {
        if (lo..=hi).contains(&v) {
            v - lo + SNIPPET_BASE
        } else {
            v
        }
    };
    for g in &mut c.gpr {
        *g = rebase(*g);
    }
    for ch in out.chunks_exact_mut(8) {
        let v = u64::from_le_bytes(ch.try_into().unwrap());
        ch.copy_from_slice(&rebase(v).to_le_bytes());
    }
    (c, out)
}

/// Result of one qvm run.
pub struct QvmOut {
    /// Final registers.
    pub ctx: Ctx,
    /// Final window.
    pub data: Vec<u8>,
    /// Gas used.
    pub gas: u64,
}

/// Runs `code` under qvm with blocks capped at `max_block_insns`.
pub fn run_qvm(
    code: &[u8],
    ctx: &Ctx,
    data: &[u8],
    max_block_insns: usize,
) -> Result<QvmOut, SnippetEnd> {
    let cfg = TranslatorConfig {
        max_block_insns,
        ..TranslatorConfig::default()
    };
    run_qvm_tier(code, ctx, data, cfg, false)
}

/// [`run_qvm`] with a whole configuration; every block interpreted when `interpret`.
pub fn run_qvm_tier(
    code: &[u8],
    ctx: &Ctx,
    data: &[u8],
    cfg: TranslatorConfig,
    interpret: bool,
) -> Result<QvmOut, SnippetEnd> {
    let d = DATA as usize;
    let mut mem = vec![0u8; d + DATA_LEN];
    mem[d..].copy_from_slice(data);
    let mut init = CpuState {
        gas: 100_000_000,
        ..CpuState::default()
    };
    init.gpr = ctx.gpr;
    init.set_rflags(ctx.rflags);
    init.mxcsr = ctx.mxcsr;
    init.xmm = ctx.xmm;
    let (s, end) = run_snippet_tier(code, &init, &mut mem, cfg, interpret);
    if end != SnippetEnd::Done {
        return Err(end);
    }
    let c = Ctx {
        gpr: s.gpr,
        rflags: s.rflags(),
        mxcsr: s.mxcsr,
        pad: 0,
        xmm: s.xmm,
    };
    Ok(QvmOut {
        ctx: c,
        data: mem[d..].to_vec(),
        gas: init.gas - s.gas,
    })
}

/// xorshift64*
pub struct Rng(pub u64);
impl Rng {
    /// Next word.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    /// A random element.
    pub fn pick<T: Copy>(&mut self, v: &[T]) -> T {
        v[(self.next() % v.len() as u64) as usize]
    }
}

/// Integer edge values at every width.
pub const INT_EDGE: &[u64] = &[
    0,
    1,
    2,
    u64::MAX,
    0x8000_0000_0000_0000,
    0x7fff_ffff_ffff_ffff,
    0x8000_0000,
    0x7fff_ffff,
    0xffff_ffff,
    0x1_0000_0000,
    0x8000,
    0x7fff,
    0xffff,
    0x80,
    0x7f,
    0xff,
    0x100,
    0xffff_ffff_ffff_ff80,
    0xffff_ffff_8000_0000,
    0x0f0f_0f0f_0f0f_0f0f,
    0x8080_8080_8080_8080,
    63,
    64,
    31,
    32,
    15,
    16,
    7,
    8,
];

/// f32 edge values (bits).
pub const F32_EDGE: &[u32] = &[
    0,
    0x8000_0000,
    0x3f80_0000,
    0xbf80_0000,
    0x3f00_0000,
    0x3fc0_0000,
    0x4020_0000,
    0xc020_0000,
    0x7f80_0000,
    0xff80_0000,
    0x7fc0_0000,
    0xffc0_0000,
    0x7fa0_0000,
    0x0000_0001,
    0x8000_0001,
    0x007f_ffff,
    0x7f7f_ffff,
    0xff7f_ffff,
    0x0080_0000,
    0x4f00_0000,
    0xcf00_0000,
    0x4f80_0000,
    0x5f00_0000,
    0xdf00_0000,
    0x3eaa_aaab,
    0x4b00_0001,
    0x4b7f_ffff,
    0xcb00_0001,
    0x3f7f_ffff,
    0x4040_0000,
    0x40a0_0000,
    0x3f40_0000,
    0xbfc0_0000,
];
/// f64 edge values (bits).
pub const F64_EDGE: &[u64] = &[
    0,
    0x8000_0000_0000_0000,
    0x3ff0_0000_0000_0000,
    0xbff0_0000_0000_0000,
    0x3fe0_0000_0000_0000,
    0x3ff8_0000_0000_0000,
    0x4004_0000_0000_0000,
    0xc004_0000_0000_0000,
    0x7ff0_0000_0000_0000,
    0xfff0_0000_0000_0000,
    0x7ff8_0000_0000_0000,
    0xfff8_0000_0000_0000,
    0x7ff4_0000_0000_0000,
    1,
    0x8000_0000_0000_0001,
    0x000f_ffff_ffff_ffff,
    0x7fef_ffff_ffff_ffff,
    0x0010_0000_0000_0000,
    0x41e0_0000_0000_0000,
    0xc1e0_0000_0000_0000,
    0x41df_ffff_ffc0_0000,
    0x43e0_0000_0000_0000,
    0xc3e0_0000_0000_0000,
    0x4330_0000_0000_0001,
    0x3fd5_5555_5555_5555,
    0x3810_0000_0000_0000,
    0x47f0_0000_0000_0000,
    0x3690_0000_0000_0000,
    0x3ff8_0000_0000_0001,
    0xbfe8_0000_0000_0000,
];

/// What the XMM registers and data are filled with.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    /// Integers.
    Int,
    /// f32 lanes.
    F32,
    /// f64 lanes.
    F64,
}

/// An edge-or-random integer.
pub fn int_value(r: &mut Rng) -> u64 {
    match r.next() % 5 {
        0 => r.next(),
        1 => r.next() % 70,
        2 => r.pick(INT_EDGE).wrapping_neg(),
        _ => r.pick(INT_EDGE),
    }
}

fn lane_value(r: &mut Rng, kind: Kind) -> u64 {
    match kind {
        Kind::Int => int_value(r),
        Kind::F32 => {
            let mut f = || -> u64 {
                match r.next() % 5 {
                    0 => r.next() & 0xffff_ffff,
                    1 => u64::from(f32::to_bits((r.next() % 2000) as f32 / 8.0 - 125.0)),
                    _ => u64::from(r.pick(F32_EDGE)),
                }
            };
            f() | (f() << 32)
        }
        Kind::F64 => match r.next() % 5 {
            0 => r.next(),
            1 => f64::to_bits((r.next() % 2000) as f64 / 8.0 - 125.0),
            _ => r.pick(F64_EDGE),
        },
    }
}

/// The four rounding modes, each with and without FTZ/DAZ, exceptions masked.
pub const MXCSRS: &[u32] = &[
    0x1f80, 0x3f80, 0x5f80, 0x7f80, 0x9fc0, 0xbfc0, 0xdfc0, 0xffc0, 0x1fc0, 0x9f80,
];

/// A random starting state: GPRs from [`int_value`] (RSI/RDI/RSP fixed), random
/// status flags (and DF when `df`), MXCSR from `mxcsrs`, XMM and the first 4 KiB of
/// the window from `kind`.
pub fn random_state(r: &mut Rng, kind: Kind, mxcsrs: &[u32], df: bool) -> (Ctx, Vec<u8>) {
    let mut c = Ctx::default();
    for g in &mut c.gpr {
        *g = int_value(r);
    }
    c.gpr[4] = RSP0;
    c.gpr[6] = RSI0;
    c.gpr[7] = RDI0;
    c.rflags = 0x202
        | (r.next() & STATUS)
        | if df && r.next().is_multiple_of(4) {
            DF
        } else {
            0
        };
    c.mxcsr = r.pick(mxcsrs);
    for x in &mut c.xmm {
        *x = [lane_value(r, kind), lane_value(r, kind)];
    }
    let mut data = vec![0u8; DATA_LEN];
    for ch in data[..0x1000].chunks_exact_mut(8) {
        ch.copy_from_slice(&lane_value(r, kind).to_le_bytes());
    }
    // Some stack contents too (for pops of never-pushed slots).
    for ch in data[0x7f00..0x8100].chunks_exact_mut(8) {
        ch.copy_from_slice(&int_value(r).to_le_bytes());
    }
    (c, data)
}

/// One test case: nasm source plus the flags it leaves undefined.
#[derive(Clone, Debug)]
pub struct Case {
    /// nasm source.
    pub src: String,
    /// RFLAGS bits the manuals leave undefined after the snippet.
    pub undef: u64,
    /// Input kind for XMM and data.
    pub kind: Kind,
    /// Compare MXCSR exception flags.
    pub mxcsr_flags: bool,
}

/// A case with every flag defined.
pub fn c(src: impl Into<String>) -> Case {
    Case {
        src: src.into(),
        undef: 0,
        kind: Kind::Int,
        mxcsr_flags: true,
    }
}

/// A case leaving `undef` flags undefined.
pub fn u(src: impl Into<String>, undef: u64) -> Case {
    Case {
        src: src.into(),
        undef,
        kind: Kind::Int,
        mxcsr_flags: true,
    }
}

/// A floating-point case.
pub fn f(src: impl Into<String>, kind: Kind) -> Case {
    Case {
        src: src.into(),
        undef: 0,
        kind,
        mxcsr_flags: true,
    }
}

/// What differs between a native and a qvm run (registers, compared flags, MXCSR, memory).
pub fn diff(n: &Ctx, q: &Ctx, nd: &[u8], qd: &[u8], undef: u64, mxcsr_flags: bool) -> Vec<String> {
    let mut out = vec![];
    const NAMES: [&str; 16] = [
        "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12",
        "r13", "r14", "r15",
    ];
    #[allow(clippy::needless_range_loop)] // indexes three parallel arrays
    for i in 0..16 {
        if n.gpr[i] != q.gpr[i] {
            out.push(format!(
                "{}: native {:#x} qvm {:#x}",
                NAMES[i], n.gpr[i], q.gpr[i]
            ));
        }
        if n.xmm[i] != q.xmm[i] {
            out.push(format!(
                "xmm{i}: native {:016x}_{:016x} qvm {:016x}_{:016x}",
                n.xmm[i][1], n.xmm[i][0], q.xmm[i][1], q.xmm[i][0]
            ));
        }
    }
    let m = (STATUS | DF) & !undef;
    if n.rflags & m != q.rflags & m {
        out.push(format!(
            "rflags: native {:#x} qvm {:#x} (compared bits {m:#x})",
            n.rflags & m,
            q.rflags & m
        ));
    }
    let mm = if mxcsr_flags { 0xffff } else { 0xffc0 };
    if n.mxcsr & mm != q.mxcsr & mm {
        out.push(format!("mxcsr: native {:#x} qvm {:#x}", n.mxcsr, q.mxcsr));
    }
    if let Some(i) = (0..nd.len()).find(|&i| nd[i] != qd[i]) {
        let a = i & !7;
        out.push(format!(
            "memory at {:#x}: native {:#018x} qvm {:#018x}",
            DATA + a as u64,
            u64::from_le_bytes(nd[a..a + 8].try_into().unwrap()),
            u64::from_le_bytes(qd[a..a + 8].try_into().unwrap())
        ));
    }
    out
}

/// Block caps every snippet is run with.
pub const BLOCK_CAPS: [usize; 3] = [1, 64, 256];

/// Runs one case `n` times with random inputs; returns failure descriptions.
pub fn check_case(case: &Case, n: usize, mxcsrs: &[u32]) -> Vec<String> {
    let runs: Vec<QvmRun> = BLOCK_CAPS
        .iter()
        .map(|&cap| QvmRun {
            label: format!("cap {cap}"),
            config: TranslatorConfig {
                max_block_insns: cap,
                ..TranslatorConfig::default()
            },
            interpret: false,
        })
        .collect();
    check_case_in(case, n, mxcsrs, &runs)
}

/// One way of running a snippet under qvm.
pub struct QvmRun {
    /// Names the run in failure messages.
    pub label: String,
    /// The translator's configuration.
    pub config: TranslatorConfig,
    /// Every block in the IR interpreter instead of compiled.
    pub interpret: bool,
}

/// [`check_case`] over the given qvm runs: each must match the native run, and all
/// must use the same gas.
pub fn check_case_in(case: &Case, n: usize, mxcsrs: &[u32], runs: &[QvmRun]) -> Vec<String> {
    if std::env::var_os("QVM_ISA_TRACE").is_some() {
        eprintln!("case {:?}", case.src);
    }
    let code = assemble(&case.src);
    let seed = case.src.bytes().fold(0x9e37_79b9_7f4a_7c15u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    let mut r = Rng(seed | 1);
    let mut fails = vec![];
    for it in 0..n {
        let (ctx, data) = random_state(&mut r, case.kind, mxcsrs, true);
        let (nc, nd) = run_native(&code, &ctx, &data);
        let mut gases = vec![];
        for run in runs {
            let label = &run.label;
            match run_qvm_tier(&code, &ctx, &data, run.config.clone(), run.interpret) {
                Err(e) => {
                    fails.push(format!("{:?} [{label}]: qvm ended with {e:?}", case.src));
                    return fails;
                }
                Ok(q) => {
                    let d = diff(&nc, &q.ctx, &nd, &q.data, case.undef, case.mxcsr_flags);
                    if !d.is_empty() {
                        fails.push(format!(
                            "{:?} [{label}, iteration {it}, in rflags {:#x} mxcsr {:#x} gpr {:x?}]: {}",
                            case.src,
                            ctx.rflags,
                            ctx.mxcsr,
                            ctx.gpr,
                            d.join("; ")
                        ));
                        return fails;
                    }
                    gases.push(q.gas);
                }
            }
        }
        if gases.iter().any(|&g| g != gases[0]) {
            let labels: Vec<&str> = runs.iter().map(|r| r.label.as_str()).collect();
            fails.push(format!(
                "{:?}: gas differs between runs {labels:?}: {gases:?}",
                case.src
            ));
            return fails;
        }
    }
    fails
}

/// Checks every case (`n` random inputs each) and fails listing all failures.
pub fn check_all(cases: &[Case], n: usize) {
    check_all_mx(cases, n, &[0x1f80]);
}

/// [`check_all`] with MXCSR values drawn from `mxcsrs`.
pub fn check_all_mx(cases: &[Case], n: usize, mxcsrs: &[u32]) {
    let mut fails = vec![];
    for case in cases {
        fails.extend(check_case(case, n, mxcsrs));
    }
    assert!(
        fails.is_empty(),
        "{} of {} cases failing:\n{}",
        fails.len(),
        cases.len(),
        fails.join("\n")
    );
}
