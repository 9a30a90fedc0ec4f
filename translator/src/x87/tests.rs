//! Tests of the software x87 against the host's x87: the same instruction bytes
//! run natively (in an RWX page, state captured with FXSAVE) and through qvm's
//! table ([`super::insns`]), and the whole FPU state, RFLAGS, RAX and the data
//! buffer are compared bit for bit. Transcendentals are compared within a tolerance.

use super::insns::{self, Ctx, Mem};
use super::soft::F80;
use super::{env, X87State};
use crate::state::{CpuState, Flag};
use iced_x86::code_asm::*;
use iced_x86::{Decoder, DecoderOptions, Register};

/// Data buffer layout (addressed from RDI).
const DATA: usize = 0x200;
const FXS: usize = 0x400;
const RAX: usize = 0x600;
const FLAGS: usize = 0x608;
/// The same offsets as assembler displacements.
const FXS_D: i32 = 0x400;
const RAX_D: i32 = 0x600;
const FLAGS_D: i32 = 0x608;
const BUF: usize = 0x700;

struct VecMem<'a>(&'a mut [u8]);

impl Mem for VecMem<'_> {
    fn read(&mut self, addr: u64, buf: &mut [u8]) {
        let a = usize::try_from(addr).unwrap();
        buf.copy_from_slice(&self.0[a..a + buf.len()]);
    }
    fn write(&mut self, addr: u64, data: &[u8]) {
        let a = usize::try_from(addr).unwrap();
        self.0[a..a + data.len()].copy_from_slice(data);
    }
}

type Body<'a> = dyn Fn(&mut CodeAssembler) -> Result<(), IcedError> + 'a;

fn assemble(f: &Body<'_>) -> Vec<u8> {
    let mut a = CodeAssembler::new(64).unwrap();
    f(&mut a).unwrap();
    a.assemble(0).unwrap()
}

/// Runs `body` natively; returns the buffer after (FXSAVE image at FXS).
fn run_native(body: &[u8], data: &[u8]) -> Vec<u8> {
    let pro = assemble(&|a| {
        a.fninit()?;
        a.xor(eax, eax)
    });
    let epi = assemble(&|a| {
        a.fxsave64(ptr(rdi + FXS_D))?;
        a.mov(qword_ptr(rdi + RAX_D), rax)?;
        a.pushfq()?;
        a.pop(rcx)?;
        a.mov(qword_ptr(rdi + FLAGS_D), rcx)?;
        a.fnclex()?;
        a.fninit()?;
        a.ret()
    });
    let code: Vec<u8> = [pro, body.to_vec(), epi].concat();
    let mut mem = vec![0u128; BUF / 16];
    // SAFETY: `mem` is BUF bytes long and u8 has no alignment requirement.
    let bytes = unsafe { core::slice::from_raw_parts_mut(mem.as_mut_ptr().cast::<u8>(), BUF) };
    bytes[..data.len()].copy_from_slice(data);
    // SAFETY: a fresh anonymous RWX mapping, written then executed; the code only
    // touches `bytes` (through RDI) and the scratch registers RAX/RCX.
    unsafe {
        let p = libc::mmap(
            core::ptr::null_mut(),
            4096,
            libc::PROT_READ | libc::PROT_WRITE | libc::PROT_EXEC,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            -1,
            0,
        );
        assert_ne!(p, libc::MAP_FAILED);
        core::ptr::copy_nonoverlapping(code.as_ptr(), p.cast::<u8>(), code.len());
        let f: extern "C" fn(*mut u8) = core::mem::transmute(p);
        f(bytes.as_mut_ptr());
        libc::munmap(p, 4096);
    }
    bytes.to_vec()
}

/// Runs `body` through qvm's table; returns the buffer in the native layout.
fn run_qvm(body: &[u8], data: &[u8]) -> Vec<u8> {
    let mut bytes = vec![0u8; BUF];
    bytes[..data.len()].copy_from_slice(data);
    let mut cpu = CpuState::default();
    // `xor eax, eax` flags.
    cpu.flags[Flag::ZF as usize] = 1;
    cpu.flags[Flag::PF as usize] = 1;
    let mut dec = Decoder::with_ip(64, body, 0, DecoderOptions::NONE);
    for insn in &mut dec {
        let addr = if insn.memory_base() == Register::RDI {
            insn.memory_displacement64()
        } else {
            0
        };
        if insn.mnemonic() == iced_x86::Mnemonic::Mov {
            // Test set-up stores of immediates.
            let n = insn.memory_size().size();
            let a = usize::try_from(addr).unwrap();
            bytes[a..a + n].copy_from_slice(&insn.immediate(1).to_le_bytes()[..n]);
            continue;
        }
        let e = insns::entry(insn.code()).unwrap_or_else(|| panic!("not in table: {insn}"));
        let mut i = 0u8;
        for k in 0..insn.op_count() {
            let r = insn.op_register(k);
            if (Register::ST0..=Register::ST7).contains(&r) {
                i = i.max(u8::try_from(r as u32 - Register::ST0 as u32).unwrap());
            }
        }
        let mut m = VecMem(&mut bytes);
        let mut c = Ctx {
            cpu: &mut cpu,
            mem: &mut m,
            addr,
            i,
        };
        insns::execute(e, &mut c).expect("fault");
    }
    let img = env::store_fxsave(&cpu.x87, cpu.mxcsr, &cpu.xmm);
    bytes[FXS..FXS + 416].copy_from_slice(&img);
    bytes[RAX..RAX + 8].copy_from_slice(&cpu.gpr[0].to_le_bytes());
    bytes[FLAGS..FLAGS + 8].copy_from_slice(&cpu.rflags().to_le_bytes());
    bytes
}

/// Compares the two runs; FIP/FDP/FOP (qvm stores 0), MXCSR area and XMM are skipped.
fn compare(name: &str, native: &[u8], qvm: &[u8]) {
    let mut diffs = vec![];
    let check = |lo: usize, hi: usize, what: &str, diffs: &mut Vec<String>| {
        if native[lo..hi] != qvm[lo..hi] {
            diffs.push(format!(
                "{what}: native {:02x?} qvm {:02x?}",
                &native[lo..hi],
                &qvm[lo..hi]
            ));
        }
    };
    for k in (0..DATA + 0x100).step_by(16) {
        check(k, k + 16, &format!("data+{k:#x}"), &mut diffs);
    }
    check(FXS, FXS + 6, "fcw/fsw/ftw", &mut diffs);
    let top = (u16::from_le_bytes([native[FXS + 2], native[FXS + 3]]) >> 11) & 7;
    for i in 0..8 {
        if native[FXS + 4] & (1 << ((top + i) & 7)) == 0 {
            continue; // empty: the slot holds stale contents
        }
        let i = usize::from(i);
        check(
            FXS + 32 + 16 * i,
            FXS + 42 + 16 * i,
            &format!("st{i}"),
            &mut diffs,
        );
    }
    check(RAX, RAX + 8, "rax", &mut diffs);
    // RFLAGS: CF PF AF ZF SF OF.
    let mask = 0x8d5u64;
    let f = |b: &[u8]| u64::from_le_bytes(b[FLAGS..FLAGS + 8].try_into().unwrap()) & mask;
    if f(native) != f(qvm) {
        diffs.push(format!("rflags: native {:#x} qvm {:#x}", f(native), f(qvm)));
    }
    assert!(diffs.is_empty(), "{name}:\n{}", diffs.join("\n"));
}

fn diff_test(name: &str, data: &[u8], f: &Body<'_>) {
    let body = assemble(f);
    let mut n = run_native(&body, data);
    let mut q = run_qvm(&body, data);
    // Environment images at 0x100 (FNSTENV/FNSAVE/FXSAVE tests): FIP, FCS, FOP and
    // FDP are qvm-defined as 0; blank them (bytes 12..24 of the 28-byte
    // environment, 6..24 of an FXSAVE image) in both before comparing.
    if name.contains("fnstenv") || name.contains("fnsave") || name.contains("fldenv") {
        n[0x10c..0x118].fill(0);
        q[0x10c..0x118].fill(0);
    }
    if name.contains("fxsave") {
        n[0x106..0x118].fill(0);
        q[0x106..0x118].fill(0);
        // MXCSR_MASK above bit 15 names vendor extensions (AMD's MM, bit 17,
        // reads 0x2ffff on EPYC); qvm reports Intel's 0xffff.
        n[0x11e..0x120].fill(0);
        q[0x11e..0x120].fill(0);
        // XMM registers (host noise natively) and the area FXSAVE leaves alone.
        n[0x1a0..0x300].fill(0);
        q[0x1a0..0x300].fill(0);
    }
    compare(name, &n, &q);
}

/// A small deterministic PRNG (xorshift).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    /// An interesting 80-bit value.
    fn f80(&mut self) -> F80 {
        let r = self.next();
        let sign = if r & 1 == 1 { 0x8000 } else { 0 };
        let sig = self.next() | (1 << 63);
        let se = match (r >> 1) % 16 {
            0 => return F80 { sig: 0, se: sign },
            1 => {
                return F80 {
                    sig: 1 << 63,
                    se: sign | 0x7fff,
                }
            }
            2 => {
                return F80 {
                    sig: sig | (1 << 62),
                    se: sign | 0x7fff,
                }
            }
            3 => {
                return F80 {
                    sig: sig >> ((r >> 8) % 64),
                    se: sign,
                }
            }
            4 => 0x3fff + u16::try_from((r >> 8) % 3).unwrap(),
            5 => u16::try_from((r >> 8) % 80).unwrap() + 1,
            6 => 0x7ffe - u16::try_from((r >> 8) % 80).unwrap(),
            7 => {
                return F80 {
                    sig: (self.next() >> 11) << 11 | 1 << 63,
                    se: sign | (0x3ff0 + u16::try_from((r >> 8) % 32).unwrap()),
                }
            }
            8 => {
                return F80 {
                    sig: sig & !0xffff_ffff,
                    se: sign | 0x3fff,
                }
            }
            _ => 0x3f00 + u16::try_from((r >> 8) % 0x200).unwrap(),
        };
        F80 { sig, se: sign | se }
    }
}

fn data_with(vals: &[F80], cw: u16) -> Vec<u8> {
    let mut d = vec![0u8; DATA + 0x100];
    d[0..2].copy_from_slice(&cw.to_le_bytes());
    for (k, v) in vals.iter().enumerate() {
        d[16 + 16 * k..26 + 16 * k].copy_from_slice(&v.to_bytes());
    }
    d
}

/// Random rounds per differential test (raise locally for a deeper soak).
const ROUNDS: usize = 3000;

const CWS: [u16; 6] = [0x037f, 0x077f, 0x0b7f, 0x0f7f, 0x027f, 0x007f];

#[test]
fn arithmetic_matches_host() {
    let mut rng = Rng(0x1234_5678_9abc_def1);
    let ops: Vec<(&str, Box<Body<'static>>)> = vec![
        ("fadd", Box::new(|a| a.fadd_2(st0, st1))),
        ("fsub", Box::new(|a| a.fsub_2(st0, st1))),
        ("fsubr", Box::new(|a| a.fsubr_2(st0, st1))),
        ("fsub st1,st0", Box::new(|a| a.fsub_2(st1, st0))),
        ("fsubr st1,st0", Box::new(|a| a.fsubr_2(st1, st0))),
        ("fsubp", Box::new(|a| a.fsubp(st1, st0))),
        ("fsubrp", Box::new(|a| a.fsubrp(st1, st0))),
        ("fmul", Box::new(|a| a.fmul_2(st0, st1))),
        ("fdiv", Box::new(|a| a.fdiv_2(st0, st1))),
        ("fdivr", Box::new(|a| a.fdivr_2(st0, st1))),
        ("fdivp", Box::new(|a| a.fdivp(st1, st0))),
        ("fdivrp", Box::new(|a| a.fdivrp(st1, st0))),
        ("fsqrt", Box::new(|a| a.fsqrt())),
        ("frndint", Box::new(|a| a.frndint())),
        ("fscale", Box::new(|a| a.fscale())),
        ("fxtract", Box::new(|a| a.fxtract())),
        ("fprem", Box::new(|a| a.fprem())),
        ("fprem1", Box::new(|a| a.fprem1())),
        ("fcom", Box::new(|a| a.fcom_2(st0, st1))),
        ("fucompp", Box::new(|a| a.fucompp())),
        ("fcomi", Box::new(|a| a.fcomi(st0, st1))),
        ("fucomip", Box::new(|a| a.fucomip(st0, st1))),
        ("ftst", Box::new(|a| a.ftst())),
        ("fxam", Box::new(|a| a.fxam())),
        ("fchs", Box::new(|a| a.fchs())),
        ("fabs", Box::new(|a| a.fabs())),
        ("fxch", Box::new(|a| a.fxch(st0, st1))),
        ("fst m32", Box::new(|a| a.fst(dword_ptr(rdi + 0x100)))),
        ("fstp m64", Box::new(|a| a.fstp(qword_ptr(rdi + 0x100)))),
        ("fistp m16", Box::new(|a| a.fistp(word_ptr(rdi + 0x100)))),
        ("fist m32", Box::new(|a| a.fist(dword_ptr(rdi + 0x100)))),
        ("fistp m64", Box::new(|a| a.fistp(qword_ptr(rdi + 0x100)))),
        ("fisttp m32", Box::new(|a| a.fisttp(dword_ptr(rdi + 0x100)))),
        ("fbstp", Box::new(|a| a.fbstp(tword_ptr(rdi + 0x100)))),
        (
            "fnstsw ax",
            Box::new(|a| {
                a.fcom_2(st0, st1)?;
                a.fnstsw(ax)
            }),
        ),
        ("fnstenv", Box::new(|a| a.fnstenv(ptr(rdi + 0x100)))),
    ];
    for round in 0..ROUNDS {
        let (x, y) = (rng.f80(), rng.f80());
        let cw = CWS[round % CWS.len()];
        let data = data_with(&[y, x], cw);
        for (name, op) in &ops {
            let body = |a: &mut CodeAssembler| {
                a.fldcw(word_ptr(rdi))?;
                a.fld(tword_ptr(rdi + 16))?;
                a.fld(tword_ptr(rdi + 32))?;
                op(a)
            };
            diff_test(
                &format!("{name} x={x:x?} y={y:x?} cw={cw:#x}"),
                &data,
                &body,
            );
        }
    }
}

#[test]
fn memory_forms_match_host() {
    let mut rng = Rng(0x0bad_cafe_1234_5678);
    for round in 0..ROUNDS {
        let x = rng.f80();
        let cw = CWS[round % CWS.len()];
        let mut data = data_with(&[x], cw);
        let m = rng.next();
        // A double, a float and integers from the same random bits (with specials).
        let m64 = match round % 7 {
            0 => m & 0x800f_ffff_ffff_ffff, // denormal/zero
            1 => m | 0x7ff0_0000_0000_0000, // NaN/inf
            _ => m,
        };
        data[0x40..0x48].copy_from_slice(&m64.to_le_bytes());
        let m32 = u32::try_from(m64 >> 32).unwrap();
        data[0x50..0x54].copy_from_slice(&m32.to_le_bytes());
        let ops: Vec<(&str, Box<Body<'static>>)> = vec![
            ("fadd m64", Box::new(|a| a.fadd(qword_ptr(rdi + 0x40)))),
            ("fsubr m32", Box::new(|a| a.fsubr(dword_ptr(rdi + 0x50)))),
            ("fmul m32", Box::new(|a| a.fmul(dword_ptr(rdi + 0x50)))),
            ("fdiv m64", Box::new(|a| a.fdiv(qword_ptr(rdi + 0x40)))),
            ("fdivr m64", Box::new(|a| a.fdivr(qword_ptr(rdi + 0x40)))),
            ("fcomp m64", Box::new(|a| a.fcomp(qword_ptr(rdi + 0x40)))),
            ("fld m64", Box::new(|a| a.fld(qword_ptr(rdi + 0x40)))),
            ("fld m32", Box::new(|a| a.fld(dword_ptr(rdi + 0x50)))),
            ("fiadd m32", Box::new(|a| a.fiadd(dword_ptr(rdi + 0x50)))),
            ("fisubr m16", Box::new(|a| a.fisubr(word_ptr(rdi + 0x50)))),
            ("fidiv m32", Box::new(|a| a.fidiv(dword_ptr(rdi + 0x50)))),
            ("ficomp m16", Box::new(|a| a.ficomp(word_ptr(rdi + 0x50)))),
            ("fild m64", Box::new(|a| a.fild(qword_ptr(rdi + 0x40)))),
        ];
        for (name, op) in &ops {
            let body = |a: &mut CodeAssembler| {
                a.fldcw(word_ptr(rdi))?;
                a.fld(tword_ptr(rdi + 16))?;
                op(a)
            };
            diff_test(
                &format!("{name} x={x:x?} m={m64:#x} cw={cw:#x}"),
                &data,
                &body,
            );
        }
    }
}

#[test]
fn stack_and_control_match_host() {
    let data = data_with(&[F80::ONE, F80::INDEFINITE], 0x037f);
    let cases: Vec<(&str, Box<Body<'static>>)> = vec![
        ("underflow fadd", Box::new(|a| a.fadd_2(st0, st1))),
        (
            "underflow fst",
            Box::new(|a| a.fstp(qword_ptr(rdi + 0x100))),
        ),
        (
            "underflow fist",
            Box::new(|a| a.fistp(dword_ptr(rdi + 0x100))),
        ),
        (
            "overflow",
            Box::new(|a| {
                for _ in 0..9 {
                    a.fld1()?;
                }
                Ok(())
            }),
        ),
        (
            "constants",
            Box::new(|a| {
                a.fldpi()?;
                a.fldl2e()?;
                a.fldl2t()?;
                a.fldlg2()?;
                a.fldln2()?;
                a.fldz()?;
                a.fld1()
            }),
        ),
        (
            "constants rd",
            Box::new(|a| {
                a.mov(word_ptr(rdi + 0x100), 0x077f)?;
                a.fldcw(word_ptr(rdi + 0x100))?;
                a.fldpi()?;
                a.fldl2e()?;
                a.fldl2t()?;
                a.fldlg2()?;
                a.fldln2()
            }),
        ),
        (
            "constants ru",
            Box::new(|a| {
                a.mov(word_ptr(rdi + 0x100), 0x0b7f)?;
                a.fldcw(word_ptr(rdi + 0x100))?;
                a.fldpi()?;
                a.fldl2e()?;
                a.fldl2t()?;
                a.fldlg2()?;
                a.fldln2()
            }),
        ),
        (
            "fldcw reserved",
            Box::new(|a| {
                a.mov(word_ptr(rdi + 0x100), 0xffff)?;
                a.fldcw(word_ptr(rdi + 0x100))?;
                a.fnstcw(word_ptr(rdi + 0x102))?;
                a.fninit()
            }),
        ),
        (
            "free/inc/dec",
            Box::new(|a| {
                a.fld1()?;
                a.fldz()?;
                a.ffree(st1)?;
                a.fincstp()?;
                a.fdecstp()?;
                a.fdecstp()
            }),
        ),
        (
            "fnstenv",
            Box::new(|a| {
                a.fld1()?;
                a.fldz()?;
                a.fldpi()?;
                a.fnstenv(ptr(rdi + 0x100))
            }),
        ),
        (
            "fnsave/frstor",
            Box::new(|a| {
                a.fld1()?;
                a.fldpi()?;
                a.fldl2e()?;
                a.fldz()?;
                a.fld1()?;
                a.fldlg2()?;
                a.fldln2()?;
                a.fldl2t()?;
                a.fnsave(ptr(rdi + 0x100))?;
                a.fldz()?;
                a.frstor(ptr(rdi + 0x100))
            }),
        ),
        (
            "fldenv",
            Box::new(|a| {
                a.fld1()?;
                a.fldpi()?;
                a.fnstenv(ptr(rdi + 0x100))?;
                a.fninit()?;
                a.fldenv(ptr(rdi + 0x100))
            }),
        ),
        (
            "fxch empty",
            Box::new(|a| {
                a.fld1()?;
                a.fxch(st0, st3)
            }),
        ),
        (
            "fcmov",
            Box::new(|a| {
                a.fld1()?;
                a.fldz()?;
                a.fldpi()?;
                a.fcomi(st0, st1)?;
                a.fcmovnbe(st0, st2)?;
                a.fcmovb(st0, st1)
            }),
        ),
        (
            "fbld",
            Box::new(|a| {
                a.mov(dword_ptr(rdi + 0x100), 0x1012_3456)?;
                a.mov(dword_ptr(rdi + 0x104), 0x1234_5678)?;
                a.mov(word_ptr(rdi + 0x108), 0x8099)?;
                a.fbld(tword_ptr(rdi + 0x100))
            }),
        ),
        (
            "fld sti",
            Box::new(|a| {
                a.fld1()?;
                a.fldpi()?;
                a.fld(st1)?;
                a.fst(st3)?;
                a.fstp(st0)
            }),
        ),
        (
            "fxsave",
            Box::new(|a| {
                a.fld1()?;
                a.fldpi()?;
                a.fldl2e()?;
                a.fldz()?;
                a.fld1()?;
                a.fldlg2()?;
                a.fldln2()?;
                a.fldl2t()?;
                a.fxsave64(ptr(rdi + 0x100))?;
                a.fninit()?;
                a.fxrstor64(ptr(rdi + 0x100))
            }),
        ),
    ];
    for (name, body) in &cases {
        diff_test(name, &data, body.as_ref());
    }
}

/// Transcendentals: qvm's definition vs the host within a tolerance (vendors
/// differ; Intel's FSIN reduces with a 66-bit π, so near multiples of π the host
/// itself is inaccurate — the tests avoid large arguments).
#[test]
fn transcendentals_close_to_host() {
    let mut rng = Rng(0x5eed_5eed_5eed_5eed);
    let ops: Vec<(&str, Box<Body<'static>>, (i32, i32))> = vec![
        ("fsin", Box::new(|a| a.fsin()), (-20, 1)),
        ("fcos", Box::new(|a| a.fcos()), (-20, 1)),
        ("fptan", Box::new(|a| a.fptan()), (-20, 1)),
        ("fsincos", Box::new(|a| a.fsincos()), (-20, 1)),
        ("f2xm1", Box::new(|a| a.f2xm1()), (-30, 0)),
        ("fyl2x", Box::new(|a| a.fyl2x()), (-100, 100)),
        ("fyl2xp1", Box::new(|a| a.fyl2xp1()), (-30, -3)),
        ("fpatan", Box::new(|a| a.fpatan()), (-50, 50)),
    ];
    let mut worst = 0u64;
    for _ in 0..300 {
        for (name, op, (lo, hi)) in &ops {
            let r = rng.next();
            let span = u64::try_from(hi - lo).unwrap();
            let e = lo + i32::try_from(r % span).unwrap();
            let neg = r >> 40 & 1 == 1 && !matches!(*name, "fyl2x");
            let x = F80 {
                sig: rng.next() | 1 << 63,
                se: u16::try_from(0x3fff + e).unwrap() | if neg { 0x8000 } else { 0 },
            };
            let y = F80 {
                sig: rng.next() | 1 << 63,
                se: 0x3fff + u16::try_from(r >> 50 & 7).unwrap(),
            };
            let data = data_with(&[y, x], 0x037f);
            let body = assemble(&|a: &mut CodeAssembler| {
                a.fld(tword_ptr(rdi + 16))?;
                a.fld(tword_ptr(rdi + 32))?;
                op(a)
            });
            let n = run_native(&body, &data);
            let q = run_qvm(&body, &data);
            let get = |b: &[u8], i: usize| {
                let mut t = [0u8; 10];
                t.copy_from_slice(&b[FXS + 32 + 16 * i..FXS + 42 + 16 * i]);
                F80::from_bytes(t)
            };
            for i in 0..2 {
                let (a, b) = (get(&n, i), get(&q, i));
                let d = ulps(a, b);
                worst = worst.max(d);
                assert!(
                    d <= 2,
                    "{name} x={x:x?}: st{i} native {a:x?} qvm {b:x?} ({d} ulps)"
                );
            }
        }
    }
    eprintln!("transcendentals: worst difference {worst} ulp");
}

/// Distance in units in the last place between two finite values of one sign.
fn ulps(a: F80, b: F80) -> u64 {
    if a == b {
        return 0;
    }
    if a.se != b.se && (a.se.abs_diff(b.se) > 1 || a.is_neg() != b.is_neg()) {
        return u64::MAX;
    }
    let key = |v: F80| (u128::from(v.se & 0x7fff) << 64) | u128::from(v.sig);
    // Adjacent binades: normalize by comparing via value difference.
    let (ka, kb) = (key(a), key(b));
    if a.se == b.se {
        return u64::try_from(ka.abs_diff(kb)).unwrap_or(u64::MAX);
    }
    let (lo, hi) = if ka < kb { (a, b) } else { (b, a) };
    // lo is in the binade below: ulps = (2^64 − lo.sig) / 2 + (hi.sig − 2^63)
    let d = (u128::from(u64::MAX) + 1 - u128::from(lo.sig)) + 2 * u128::from(hi.sig - (1 << 63));
    u64::try_from(d).unwrap_or(u64::MAX)
}

#[test]
fn x87_state_default_is_fninit() {
    let s = X87State::default();
    assert_eq!(s.fcw, 0x037f);
    assert_eq!(s.status_word(), 0);
}

/// NaN selection rules (QNaN beats SNaN, larger significand, positive on ties),
/// register and memory forms.
#[test]
fn nan_propagation_matches_host() {
    let xs = [
        F80 {
            sig: 0xe7e7_f865_05d6_e064,
            se: 0xffff,
        },
        F80 {
            sig: 0xf215_ee79_0ea5_2000,
            se: 0x7fff,
        },
        F80 {
            sig: 0xc000_0000_0000_0001,
            se: 0x7fff,
        },
        F80 {
            sig: 0xc000_0000_0000_0001,
            se: 0xffff,
        },
        F80 {
            sig: 0xa000_0000_0000_0001,
            se: 0x7fff,
        },
        F80 {
            sig: 0xb000_0000_0000_0000,
            se: 0xffff,
        },
        F80::ONE,
    ];
    let ms: [u64; 5] = [
        0xfff6_42bd_cf21_d4a4,
        0x7ff8_0000_0000_0001,
        0x7ff0_0000_0000_0001,
        0x7fff_ffff_ffff_ffff,
        0x3ff0_0000_0000_0000,
    ];
    for x in xs {
        for y in xs {
            let data = data_with(&[y, x], 0x037f);
            diff_test(&format!("nan fadd {x:x?} {y:x?}"), &data, &|a| {
                a.fld(tword_ptr(rdi + 16))?;
                a.fld(tword_ptr(rdi + 32))?;
                a.fadd_2(st0, st1)?;
                a.fld(tword_ptr(rdi + 32))?;
                a.fdivr_2(st2, st0)
            });
        }
        for m in ms {
            let mut data = data_with(&[x], 0x037f);
            data[0x40..0x48].copy_from_slice(&m.to_le_bytes());
            diff_test(&format!("nan mem {x:x?} {m:#x}"), &data, &|a| {
                a.fld(tword_ptr(rdi + 16))?;
                a.fadd(qword_ptr(rdi + 0x40))?;
                a.fld(tword_ptr(rdi + 16))?;
                a.fsubr(dword_ptr(rdi + 0x44))?;
                a.fld(tword_ptr(rdi + 16))?;
                a.fcom(qword_ptr(rdi + 0x40))
            });
        }
    }
}

/// Whole-pipeline runs (lift → lower → execute) compared with the host.
mod pipeline {
    use super::*;
    use crate::state::signal;
    use crate::testing::{run_snippet, SnippetEnd, SNIPPET_BASE};

    const GUEST_BUF: u64 = 0x8000;

    fn run_pipeline(body: &[u8], data: &[u8]) -> (Vec<u8>, SnippetEnd) {
        let pro = assemble(&|a| a.xor(eax, eax));
        let epi = assemble(&|a| {
            a.fxsave64(ptr(rdi + FXS_D))?;
            a.mov(qword_ptr(rdi + RAX_D), rax)?;
            a.pushfq()?;
            a.pop(rcx)?;
            a.mov(qword_ptr(rdi + FLAGS_D), rcx)
        });
        // Re-assemble nothing: the code is position independent (RDI-relative).
        let code: Vec<u8> = [pro, body.to_vec(), epi].concat();
        let mut mem = vec![0u8; 1 << 20];
        let b = usize::try_from(GUEST_BUF).unwrap();
        mem[b..b + data.len()].copy_from_slice(data);
        let mut init = CpuState {
            gas: 10_000_000,
            ..CpuState::default()
        };
        init.gpr[7] = GUEST_BUF;
        init.gpr[4] = 0x7_0000;
        let (_, end) = run_snippet(&code, &init, &mut mem);
        (mem[b..b + BUF].to_vec(), end)
    }

    fn pipeline_diff(name: &str, data: &[u8], f: &Body<'_>) {
        let body = assemble(f);
        let mut n = run_native(&body, data);
        let (mut q, end) = run_pipeline(&body, data);
        assert_eq!(end, SnippetEnd::Done, "{name}");
        // XMM and reserved parts of the FXSAVE image, FIP/FDP/FOP: see `diff_test`.
        for b in [&mut n, &mut q] {
            b[FXS + 6..FXS + 24].fill(0);
            b[FXS + 160..FXS + 512].fill(0);
        }
        compare(name, &n, &q);
    }

    #[test]
    fn arithmetic_and_flags_through_pipeline() {
        let data = data_with(
            &[
                F80 {
                    sig: 0xc90f_daa2_2168_c235,
                    se: 0x4000,
                },
                F80 {
                    sig: 0xadf8_5458_a2bb_4a9b,
                    se: 0x4000,
                },
            ],
            0x027f,
        );
        let cases: Vec<(&str, Box<Body<'static>>)> = vec![
            (
                "fcomi+setcc",
                Box::new(|a| {
                    a.fld(tword_ptr(rdi + 16))?;
                    a.fld(tword_ptr(rdi + 32))?;
                    a.fcomi(st0, st1)?;
                    a.seta(byte_ptr(rdi + 0x100))?;
                    a.fucomip(st0, st1)?;
                    a.setb(byte_ptr(rdi + 0x101))
                }),
            ),
            (
                "fnstsw ax",
                Box::new(|a| {
                    a.fld(tword_ptr(rdi + 16))?;
                    a.fld(tword_ptr(rdi + 32))?;
                    a.fcom_2(st0, st1)?;
                    a.fnstsw(ax)?;
                    a.fstsw(word_ptr(rdi + 0x100))
                }),
            ),
            (
                "pc53 arithmetic",
                Box::new(|a| {
                    a.fldcw(word_ptr(rdi))?;
                    a.fld(tword_ptr(rdi + 16))?;
                    a.fld(tword_ptr(rdi + 32))?;
                    a.fdiv_2(st0, st1)?;
                    a.fsqrt()?;
                    a.fmul(qword_ptr(rdi + 16))?;
                    a.fstp(qword_ptr(rdi + 0x100))?;
                    a.fistp(dword_ptr(rdi + 0x108))
                }),
            ),
            (
                "fcmov",
                Box::new(|a| {
                    a.fld(tword_ptr(rdi + 16))?;
                    a.fld(tword_ptr(rdi + 32))?;
                    a.fldz()?;
                    a.fcomi(st0, st1)?;
                    a.fcmovb(st0, st2)?;
                    a.fcmovnbe(st0, st1)
                }),
            ),
            (
                "transcendental pipeline",
                Box::new(|a| {
                    a.fld(tword_ptr(rdi + 16))?;
                    a.fldz()?;
                    a.fyl2xp1()?;
                    a.fld1()?;
                    a.fpatan()?;
                    a.fstp(tword_ptr(rdi + 0x100))
                }),
            ),
        ];
        for (name, f) in &cases {
            pipeline_diff(name, &data, f.as_ref());
        }
    }

    /// An unmasked exception is recorded (ES, B), the destination is untouched,
    /// non-waiting FNSTSW still runs, and the next waiting instruction faults with
    /// SIGFPE — as Linux delivers #MF.
    #[test]
    fn unmasked_exception_faults_at_next_waiting_insn() {
        let body = assemble(&|a| {
            a.mov(word_ptr(rdi), 0x037b)?; // ZE unmasked
            a.fldcw(word_ptr(rdi))?;
            a.fld1()?;
            a.fldz()?;
            a.fdivp(st1, st0)?;
            a.fnstsw(word_ptr(rdi + 2))?;
            a.fld1() // waiting: #MF
        });
        let data = vec![0u8; 0x40];
        let (q, end) = run_pipeline(&body, &data);
        assert_eq!(end, SnippetEnd::Fault(signal::SIGFPE));
        // ZE | ES | B, TOP = 6, C1 clear.
        assert_eq!(u16::from_le_bytes([q[2], q[3]]), 0xb084);
        let _ = SNIPPET_BASE;
    }
}

/// Trig near a multiple of π/2, where Intel's 66-bit-π reduction is off by
/// several ulps: qvm gives the correctly rounded value (computed with mpmath at
/// 300 bits: cos(−0x97bb1fb1ea6d6ced·2^−61) = 0xef3303e87489ebb4·2^−69, frac .345).
/// Also |x| ≥ 2^63 sets C2 and leaves ST(0) unchanged.
#[test]
fn trig_exact_reduction_and_c2() {
    let mut x = X87State::default();
    x.push_raw(F80 {
        sig: 0x97bb_1fb1_ea6d_6ced,
        se: 0xc001,
    });
    x.trig(super::trans::Trig::Cos);
    assert_eq!(
        x.st(0),
        F80 {
            sig: 0xef33_03e8_7489_ebb4,
            se: 0x3ff9
        }
    );
    assert_eq!(x.status_word() & 0x0400, 0);
    let big = F80 {
        sig: 1 << 63,
        se: 0x3fff + 63,
    };
    x.push_raw(big);
    x.trig(super::trans::Trig::Sin);
    assert_eq!(x.st(0), big);
    assert_ne!(x.status_word() & 0x0400, 0);
}
