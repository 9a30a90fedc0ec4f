//! Test support shared by the shift, muldiv, bits and string families: run an x86
//! snippet on the host CPU (the reference) and under qvm, and compare.
//!
//! Both runs see the same addresses: a data window is mapped natively at the fixed
//! host address [`DATA`] and qvm's guest memory is sized so that the same guest
//! address is valid. Snippets must not touch RSP.

#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_possible_wrap
)]

use crate::state::CpuState;
use crate::testing::{run_snippet, SnippetEnd};
use iced_x86::code_asm::*;

/// Guest (and native) address of the data window.
pub const DATA: u64 = 0x10_0000;
/// Size of the data window.
pub const DATA_LEN: usize = 0x1_0000;

/// Registers and RFLAGS as the harness loads and stores them.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Regs {
    /// RAX..R15 (RSP ignored).
    pub gpr: [u64; 16],
    /// RFLAGS (only the status flags and DF are used).
    pub rflags: u64,
}

/// Status flags + DF bits of RFLAGS.
pub const FLAG_BITS: u64 = 0x1 | 0x4 | 0x10 | 0x40 | 0x80 | 0x400 | 0x800;

fn harness(snippet: &[u8]) -> Vec<u8> {
    let mut a = CodeAssembler::new(64).unwrap();
    for r in [rbx, rbp, r12, r13, r14, r15] {
        a.push(r).unwrap();
    }
    a.push(rdi).unwrap();
    a.push(qword_ptr(rdi + 128)).unwrap();
    a.popfq().unwrap();
    let regs = [
        rax, rcx, rdx, rbx, rsp, rbp, rsi, rdi, r8, r9, r10, r11, r12, r13, r14, r15,
    ];
    for (i, r) in regs.iter().enumerate() {
        if i != 4 && i != 7 {
            a.mov(*r, qword_ptr(rdi + 8 * i as i32)).unwrap();
        }
    }
    a.mov(rdi, qword_ptr(rdi + 56)).unwrap();
    let mut pre = a.assemble(0).unwrap();
    let mut b = CodeAssembler::new(64).unwrap();
    b.push(rdi).unwrap();
    b.mov(rdi, qword_ptr(rsp + 8)).unwrap();
    for (i, r) in regs.iter().enumerate() {
        if i != 4 && i != 7 {
            b.mov(qword_ptr(rdi + 8 * i as i32), *r).unwrap();
        }
    }
    b.pop(rax).unwrap();
    b.mov(qword_ptr(rdi + 56), rax).unwrap();
    b.pushfq().unwrap();
    b.pop(rax).unwrap();
    b.mov(qword_ptr(rdi + 128), rax).unwrap();
    b.cld().unwrap();
    b.pop(rdi).unwrap();
    for r in [r15, r14, r13, r12, rbp, rbx] {
        b.pop(r).unwrap();
    }
    b.ret().unwrap();
    let post = b.assemble(0).unwrap();
    pre.extend_from_slice(snippet);
    pre.extend_from_slice(&post);
    pre
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

/// Runs `snippet` on the host CPU with `regs` and `data` (the window's contents).
pub fn run_native(snippet: &[u8], regs: &Regs, data: &mut [u8]) -> Regs {
    static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _g = LOCK
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    assert!(data.len() <= DATA_LEN);
    let code = harness(snippet);
    let win = data_window();
    // SAFETY: the window is DATA_LEN bytes of our own mapping; `code` is copied into a
    // fresh RWX mapping that is executed once and unmapped; the harness saves and
    // restores callee-saved registers and clears DF before returning.
    unsafe {
        core::ptr::copy_nonoverlapping(data.as_ptr(), win, data.len());
        let len = code.len().next_multiple_of(4096);
        let m = libc::mmap(
            core::ptr::null_mut(),
            len,
            libc::PROT_READ | libc::PROT_WRITE | libc::PROT_EXEC,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            -1,
            0,
        );
        assert_ne!(m, libc::MAP_FAILED);
        core::ptr::copy_nonoverlapping(code.as_ptr(), m.cast::<u8>(), code.len());
        let f: extern "C" fn(*mut Regs) = core::mem::transmute(m);
        let mut r = *regs;
        r.rflags = (r.rflags & FLAG_BITS) | 0x202;
        f(&mut r);
        libc::munmap(m, len);
        core::ptr::copy_nonoverlapping(win, data.as_mut_ptr(), data.len());
        r.rflags &= FLAG_BITS;
        r
    }
}

/// Runs `snippet` under qvm (through [`crate::testing::run_snippet`]); returns the
/// final registers and how the run ended.
pub fn run_qvm_full(
    snippet: &[u8],
    regs: &Regs,
    data: &mut [u8],
    gas: u64,
) -> (Regs, CpuState, SnippetEnd) {
    run_qvm_fs(snippet, regs, data, gas, 0)
}

/// [`run_qvm_full`] with an FS base.
pub fn run_qvm_fs(
    snippet: &[u8],
    regs: &Regs,
    data: &mut [u8],
    gas: u64,
    fs_base: u64,
) -> (Regs, CpuState, SnippetEnd) {
    let mut init = CpuState {
        gas,
        fs_base,
        ..CpuState::default()
    };
    init.gpr = regs.gpr;
    init.set_rflags(regs.rflags);
    let mut mem = vec![0u8; usize::try_from(DATA).unwrap() + DATA_LEN];
    let d0 = usize::try_from(DATA).unwrap();
    mem[d0..d0 + data.len()].copy_from_slice(data);
    let (s, end) = run_snippet(snippet, &init, &mut mem);
    data.copy_from_slice(&mem[d0..d0 + data.len()]);
    let mut r = Regs {
        gpr: s.gpr,
        rflags: s.rflags() & FLAG_BITS,
    };
    r.gpr[4] = regs.gpr[4];
    (r, s, end)
}

/// Runs `snippet` under qvm, or `None` if it did not run to the end.
pub fn run_qvm(snippet: &[u8], regs: &Regs, data: &mut [u8]) -> Option<Regs> {
    let (r, _, end) = run_qvm_full(snippet, regs, data, 1 << 40);
    assert_eq!(end, SnippetEnd::Done, "qvm run did not finish: {end:?}");
    Some(r)
}

/// Assembles a snippet.
pub fn asm(f: impl FnOnce(&mut CodeAssembler) -> Result<(), iced_x86::IcedError>) -> Vec<u8> {
    let mut a = CodeAssembler::new(64).unwrap();
    f(&mut a).unwrap();
    a.assemble(0x1000).unwrap()
}

/// A small deterministic PRNG for test inputs.
pub struct Rng(pub u64);

impl Rng {
    /// Next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    /// An "interesting" value: random, small, or near a power-of-two boundary.
    pub fn interesting(&mut self) -> u64 {
        let r = self.next();
        match r % 8 {
            0 => r >> 60,
            1 => 1u64 << (self.next() % 64),
            2 => (1u64 << (self.next() % 64)).wrapping_sub(1),
            3 => (r >> 32) | 0x8000_0000,
            4 => u64::MAX - (r & 3),
            5 => r & 0xffff,
            _ => self.next(),
        }
    }
}

/// Random registers (RSP 0) and random status flags.
pub fn random_regs(rng: &mut Rng) -> Regs {
    let mut r = Regs::default();
    for (i, g) in r.gpr.iter_mut().enumerate() {
        *g = if i == 4 { 0 } else { rng.interesting() };
    }
    r.rflags = rng.next() & FLAG_BITS & !0x400;
    r
}

/// Status flag bits of RFLAGS.
pub const CF: u64 = 0x1;
/// PF
pub const PF: u64 = 0x4;
/// AF
pub const AF: u64 = 0x10;
/// ZF
pub const ZF: u64 = 0x40;
/// SF
pub const SF: u64 = 0x80;
/// OF
pub const OF: u64 = 0x800;
/// All six status flags.
pub const STATUS: u64 = CF | PF | AF | ZF | SF | OF;

/// Runs natively and under qvm and asserts equality of GPRs, memory and the flags in
/// `flag_mask` (RFLAGS bits; the others are undefined in the SDM: qvm's definition
/// of them is checked by the caller if at all). Returns (native, qvm) registers.
pub fn compare(
    what: &str,
    snippet: &[u8],
    regs: &Regs,
    data: &[u8],
    flag_mask: u64,
) -> (Regs, Regs) {
    let mut nd = data.to_vec();
    let n = run_native(snippet, regs, &mut nd);
    let mut qd = data.to_vec();
    let q = run_qvm(snippet, regs, &mut qd).expect("qvm run");
    assert_eq!(
        n.gpr, q.gpr,
        "{what}: GPRs differ (native vs qvm) from {regs:x?}"
    );
    assert_eq!(
        n.rflags & flag_mask,
        q.rflags & flag_mask,
        "{what}: flags differ (native vs qvm, mask {flag_mask:#x}) from {regs:x?}"
    );
    assert!(nd == qd, "{what}: memory differs");
    (n, q)
}

/// Counts, per flag, how often qvm's definition of an undefined flag differed from
/// this host CPU (informational: the definitions are qvm's, not the host's).
#[derive(Default, Debug)]
pub struct UndefStats {
    /// Per instruction: (mismatches per flag CF PF AF ZF SF OF, cases compared).
    pub diffs: std::collections::BTreeMap<&'static str, ([u64; 6], u64)>,
}

impl UndefStats {
    /// Prints the differences; on an Intel host, asserts that there are none for
    /// the flags in `must_match` (RFLAGS bits).
    pub fn report_and_check(&self, must_match: u64) {
        eprintln!(
            "undefined-flag differences vs this CPU ([CF PF AF ZF SF OF], cases): {:?}",
            self.diffs
        );
        // qvm's undefined-flag rules were chosen to match Intel where a rule was
        // observed; on other hosts they are only reported.
        if crate::cpuid::host_is_intel() {
            for (what, (d, _)) in &self.diffs {
                for (i, bit) in [CF, PF, AF, ZF, SF, OF].into_iter().enumerate() {
                    assert!(d[i] == 0 || bit & must_match == 0, "{what}: qvm's rule for an undefined flag ({bit:#x}) differs from this Intel CPU");
                }
            }
        }
    }
    /// [`Self::report_and_check`] for all status flags.
    pub fn report_and_check_on_intel(&self) {
        self.report_and_check(STATUS);
    }

    /// Records one case.
    pub fn record(&mut self, what: &'static str, n: &Regs, q: &Regs, undefined: u64) {
        let e = self.diffs.entry(what).or_default();
        e.1 += 1;
        for (i, bit) in [CF, PF, AF, ZF, SF, OF].into_iter().enumerate() {
            if (n.rflags ^ q.rflags) & undefined & bit != 0 {
                e.0[i] += 1;
            }
        }
    }
}
