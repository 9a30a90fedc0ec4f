//! The x87 instruction table: one entry per iced-x86 `Code`, giving the semantics
//! as a handler over a [`Ctx`] and whether the instruction is a *waiting* one
//! (checks for pending unmasked exceptions first and then raises SIGFPE, as the
//! #MF Linux turns into SIGFPE would).
//!
//! Undefined condition codes (C0/C2/C3 after arithmetic, C1 where the manual says
//! undefined) are left unchanged; FCOMI & co. clear OF, SF and AF.

use super::fpu::{Arith, Cmp};
use super::soft::{self, exc, Rc, DOUBLE, F80, SINGLE};
use super::trans::{wide_res, Trig};
use super::wide::{self, Tail};
use super::{env, X87State};
use crate::state::{signal, CpuState, Flag};
use iced_x86::Code;

/// Guest memory as the handlers see it.
pub trait Mem {
    /// Reads `buf.len()` bytes at `addr`.
    fn read(&mut self, addr: u64, buf: &mut [u8]);
    /// Writes `data` at `addr`.
    fn write(&mut self, addr: u64, data: &[u8]);
}

/// What a handler works on.
pub struct Ctx<'a> {
    /// The CPU state (raw, so memory accessors that also take the state pointer do
    /// not alias a live `&mut`).
    pub cpu: *mut CpuState,
    /// Guest memory.
    pub mem: &'a mut dyn Mem,
    /// Memory operand address (0 if none).
    pub addr: u64,
    /// Register operand index i of ST(i).
    pub i: u8,
}

/// A handler: `Err(signal)` ends the run with that signal.
pub type Handler = fn(&mut Ctx<'_>) -> Result<(), u32>;

/// One table entry.
#[derive(Clone, Copy)]
pub struct Entry {
    /// The semantics.
    pub run: Handler,
    /// Whether the instruction checks for pending exceptions first.
    pub wait: bool,
}

impl Ctx<'_> {
    /// The FPU state.
    pub fn x(&mut self) -> &mut X87State {
        // SAFETY: `cpu` points to the live CPU state for the handler's duration and
        // no other reference to it is held across this borrow.
        unsafe { &mut (*self.cpu).x87 }
    }
    /// The whole CPU state.
    pub fn cpu(&mut self) -> &mut CpuState {
        // SAFETY: as for `x`.
        unsafe { &mut *self.cpu }
    }
    fn load<const N: usize>(&mut self) -> [u8; N] {
        let mut b = [0u8; N];
        self.mem.read(self.addr, &mut b);
        b
    }
    fn store(&mut self, data: &[u8]) {
        self.mem.write(self.addr, data);
    }
    fn m16(&mut self) -> u16 {
        u16::from_le_bytes(self.load::<2>())
    }
    fn m32(&mut self) -> u32 {
        u32::from_le_bytes(self.load::<4>())
    }
    fn m64(&mut self) -> u64 {
        u64::from_le_bytes(self.load::<8>())
    }
    /// A real memory operand: value (SNaN kept signalling) and conversion exceptions.
    fn mreal(&mut self, bytes: u32) -> (F80, u16) {
        let (bits, fmt) = if bytes == 4 {
            (u64::from(self.m32()), SINGLE)
        } else {
            (self.m64(), DOUBLE)
        };
        let (v, den, snan) = soft::from_ieee(bits, fmt);
        let v = if snan {
            F80 {
                sig: v.sig & !(1 << 62),
                ..v
            }
        } else {
            v
        };
        (v, if den { exc::DE } else { 0 })
    }
    fn mint(&mut self, bytes: u32) -> F80 {
        let v = match bytes {
            2 => i64::from(self.m16().cast_signed()),
            4 => i64::from(self.m32().cast_signed()),
            _ => self.m64().cast_signed(),
        };
        soft::from_i64(v)
    }
}

// ----- handler building blocks ------------------------------------------------

fn fld_real(c: &mut Ctx<'_>, bytes: u32) -> Result<(), u32> {
    let (v, e) = c.mreal(bytes);
    let (v, e) = if v.is_snan() {
        (v.quiet(), e | exc::IE)
    } else {
        (v, e)
    };
    c.x().push((v, e, false));
    Ok(())
}

fn fst_real(c: &mut Ctx<'_>, bytes: u32, pop: bool) -> Result<(), u32> {
    let fmt = if bytes == 4 { SINGLE } else { DOUBLE };
    let x = c.x();
    if x.is_empty(0) {
        if x.underflow() {
            let ind: u64 = if bytes == 4 {
                0xffc0_0000
            } else {
                0xfff8_0000_0000_0000
            };
            c.store(&ind.to_le_bytes()[..usize::try_from(bytes).unwrap_or(8)]);
            if pop {
                c.x().pop();
            }
        }
        return Ok(());
    }
    let rc = x.rc();
    let (bits, e, up) = super::fpu::to_ieee(x.st(0), fmt, rc);
    x.set_c1(false);
    if x.raise(e) {
        x.set_c1(up && e & exc::PE != 0);
        c.store(&bits.to_le_bytes()[..usize::try_from(bytes).unwrap_or(8)]);
        if pop {
            c.x().pop();
        }
    }
    Ok(())
}

fn fist(c: &mut Ctx<'_>, bytes: u32, pop: bool, trunc: bool) -> Result<(), u32> {
    let bits = bytes * 8;
    let x = c.x();
    let (v, e, up) = if x.is_empty(0) {
        if !x.underflow() {
            return Ok(());
        }
        (1u64 << (bits - 1), 0, false)
    } else {
        let rc = if trunc { Rc::Zero } else { x.rc() };
        super::fpu::to_int(x.st(0), bits, rc)
    };
    x.set_c1(false);
    if x.raise(e) {
        x.set_c1(up && e & exc::PE != 0);
        c.store(&v.to_le_bytes()[..usize::try_from(bytes).unwrap_or(8)]);
        if pop {
            c.x().pop();
        }
    }
    Ok(())
}

fn arith_m(c: &mut Ctx<'_>, op: Arith, rev: bool, int: bool, bytes: u32) -> Result<(), u32> {
    let (m, e) = if int {
        (c.mint(bytes), 0)
    } else {
        c.mreal(bytes)
    };
    c.x().arith_mem(op, m, e, rev);
    Ok(())
}

fn push_const(c: &mut Ctx<'_>, w: wide::Wide) -> Result<(), u32> {
    let x = c.x();
    let (v, _, _) = wide_res(w, Tail::Bigger, x.rc());
    x.push((v, 0, false));
    Ok(())
}

/// Which register pairs a compare uses.
fn fcom(c: &mut Ctx<'_>, src: Option<F80>, quiet: bool, pops: u8, eflags: bool) -> Result<(), u32> {
    fcom_x(c, src, 0, quiet, pops, eflags)
}

/// A compare; `extra` = exceptions of converting a memory operand (DE).
fn fcom_x(
    c: &mut Ctx<'_>,
    src: Option<F80>,
    extra: u16,
    quiet: bool,
    pops: u8,
    eflags: bool,
) -> Result<(), u32> {
    let i = c.i;
    let x = c.x();
    let empty = x.is_empty(0) || (src.is_none() && x.is_empty(i));
    let (cmp, e) = if empty {
        if !x.underflow() {
            return Ok(());
        }
        (Cmp::Un, 0)
    } else {
        let b = src.unwrap_or_else(|| x.st(i));
        let (r, e) = super::fpu::compare(x.st(0), b, quiet);
        (r, e | extra)
    };
    x.set_c1(false);
    if !x.raise(e) {
        return Ok(());
    }
    if eflags {
        let (z, p, cf) = match cmp {
            Cmp::Gt => (0, 0, 0),
            Cmp::Lt => (0, 0, 1),
            Cmp::Eq => (1, 0, 0),
            Cmp::Un => (1, 1, 1),
        };
        let f = &mut c.cpu().flags;
        f[Flag::ZF as usize] = z;
        f[Flag::PF as usize] = p;
        f[Flag::CF as usize] = cf;
        f[Flag::OF as usize] = 0;
        f[Flag::SF as usize] = 0;
        f[Flag::AF as usize] = 0;
    } else {
        c.x().set_compare_cc(cmp);
    }
    for _ in 0..pops {
        c.x().pop();
    }
    Ok(())
}

fn fcmov(c: &mut Ctx<'_>, cond: fn(&[u8; 8]) -> bool) -> Result<(), u32> {
    let take = cond(&c.cpu().flags);
    let i = c.i;
    let x = c.x();
    if x.is_empty(0) || x.is_empty(i) {
        // Stack underflow: the masked response writes the default NaN to ST(0)
        // whether or not the condition holds (as the fuzzer's CPU does).
        if x.underflow() {
            x.set_st(0, F80::INDEFINITE);
        }
        return Ok(());
    }
    // C1 is only defined on stack underflow; without one, qvm keeps it, as the
    // hardware the fuzzer compared against does.
    if take {
        let v = x.st(i);
        x.set_st(0, v);
    }
    Ok(())
}

fn unary(c: &mut Ctx<'_>, f: fn(&X87State, F80) -> super::fpu::Res) -> Result<(), u32> {
    let x = c.x();
    // An empty ST(0) is a stack underflow: the masked response stores the default
    // NaN as the result itself (the operation is not applied to it — hardware
    // FCHS of an empty register leaves the indefinite's sign set).
    if x.is_empty(0) {
        if x.underflow() {
            x.set_st(0, F80::INDEFINITE);
        }
        return Ok(());
    }
    let Some(v) = x.read(0) else { return Ok(()) };
    let r = f(x, v);
    x.deliver(0, r, false);
    Ok(())
}

fn fxch(c: &mut Ctx<'_>) -> Result<(), u32> {
    let i = c.i;
    let x = c.x();
    if x.is_empty(0) || x.is_empty(i) {
        if !x.underflow() {
            return Ok(());
        }
        for j in [0, i] {
            if x.is_empty(j) {
                x.set_st(j, F80::INDEFINITE);
            }
        }
    } else {
        x.set_c1(false);
    }
    let (a, b) = (x.st(0), x.st(i));
    x.set_st(0, b);
    x.set_st(i, a);
    Ok(())
}

fn fst_reg(c: &mut Ctx<'_>, pop: bool) -> Result<(), u32> {
    let i = c.i;
    let x = c.x();
    let v = if x.is_empty(0) {
        if !x.underflow() {
            return Ok(());
        }
        F80::INDEFINITE
    } else {
        x.set_c1(false);
        x.st(0)
    };
    x.set_st(i, v);
    if pop {
        x.pop();
    }
    Ok(())
}

fn fld_reg(c: &mut Ctx<'_>) -> Result<(), u32> {
    let i = c.i;
    let x = c.x();
    let Some(v) = x.read(i) else { return Ok(()) };
    x.push((v, 0, false));
    Ok(())
}

fn fbld(c: &mut Ctx<'_>) -> Result<(), u32> {
    let b = c.load::<10>();
    let mut v: i64 = 0;
    for k in (0..9).rev() {
        v = v * 100 + i64::from(b[k] >> 4) * 10 + i64::from(b[k] & 15);
    }
    let f = if b[9] & 0x80 != 0 {
        if v == 0 {
            F80::zero(true)
        } else {
            soft::from_i64(-v)
        }
    } else {
        soft::from_i64(v)
    };
    c.x().push((f, 0, false));
    Ok(())
}

fn fbstp(c: &mut Ctx<'_>) -> Result<(), u32> {
    let x = c.x();
    let indefinite = [0, 0, 0, 0, 0, 0, 0, 0xc0, 0xff, 0xff];
    let (img, e, up): ([u8; 10], u16, bool) = if x.is_empty(0) {
        if !x.underflow() {
            return Ok(());
        }
        (indefinite, 0, false)
    } else {
        let v = x.st(0);
        match soft::unpack(v) {
            soft::Unp::Zero(n) => {
                let mut b = [0u8; 10];
                b[9] = if n { 0x80 } else { 0 };
                (b, 0, false)
            }
            soft::Unp::Fin { neg, exp, sig, .. } => {
                let (_, q, inexact, up) = soft::to_int(neg, exp, sig, x.rc());
                if q >= 1_000_000_000_000_000_000 {
                    (indefinite, exc::IE, false)
                } else {
                    let mut b = [0u8; 10];
                    let mut m = u64::try_from(q).unwrap_or(0);
                    for byte in b.iter_mut().take(9) {
                        let lo = u8::try_from(m % 10).unwrap_or(0);
                        m /= 10;
                        let hi = u8::try_from(m % 10).unwrap_or(0);
                        m /= 10;
                        *byte = lo | (hi << 4);
                    }
                    b[9] = if neg { 0x80 } else { 0 };
                    let e = if inexact { exc::PE } else { 0 };
                    (b, e, up)
                }
            }
            _ => (indefinite, exc::IE, false),
        }
    };
    x.set_c1(false);
    if x.raise(e) {
        x.set_c1(up && e & exc::PE != 0);
        c.store(&img);
        c.x().pop();
    }
    Ok(())
}

fn fstenv(c: &mut Ctx<'_>, big: bool) -> Result<(), u32> {
    let img = env::store_env(c.x(), big);
    c.store(&img);
    let x = c.x();
    x.fcw |= 0x3f;
    x.update_es();
    Ok(())
}

fn fldenv(c: &mut Ctx<'_>, big: bool) -> Result<(), u32> {
    let mut img = vec![0u8; if big { env::ENV32 } else { env::ENV16 }];
    c.mem.read(c.addr, &mut img);
    env::load_env(c.x(), &img, big);
    Ok(())
}

fn fsave(c: &mut Ctx<'_>, big: bool) -> Result<(), u32> {
    let img = env::store_save(c.x(), big);
    c.store(&img);
    c.x().init();
    Ok(())
}

fn frstor(c: &mut Ctx<'_>, big: bool) -> Result<(), u32> {
    let mut img = vec![
        0u8;
        if big {
            env::ENV32 + 80
        } else {
            env::ENV16 + 80
        }
    ];
    c.mem.read(c.addr, &mut img);
    env::load_save(c.x(), &img, big);
    Ok(())
}

fn fxsave(c: &mut Ctx<'_>) -> Result<(), u32> {
    if !c.addr.is_multiple_of(16) {
        return Err(signal::SIGSEGV);
    }
    let cpu = c.cpu();
    let img = env::store_fxsave(&cpu.x87, cpu.mxcsr, &cpu.xmm);
    c.store(&img);
    Ok(())
}

fn fxrstor(c: &mut Ctx<'_>) -> Result<(), u32> {
    if !c.addr.is_multiple_of(16) {
        return Err(signal::SIGSEGV);
    }
    let mut img = vec![0u8; 416];
    c.mem.read(c.addr, &mut img);
    let mxcsr = env::fxsave_mxcsr(&img);
    if mxcsr & !env::MXCSR_MASK != 0 {
        return Err(signal::SIGSEGV);
    }
    let cpu = c.cpu();
    cpu.mxcsr = mxcsr;
    let mut xmm = cpu.xmm;
    env::load_fxsave(&mut cpu.x87, &img, &mut xmm);
    cpu.xmm = xmm;
    Ok(())
}

fn flag(f: &[u8; 8], x: Flag) -> bool {
    f[x as usize] != 0
}

// ----- the table --------------------------------------------------------------

macro_rules! table {
    ($($code:ident $wait:literal => $run:expr;)*) => {
        /// The table entry of `code`, if qvm executes it.
        pub fn entry(code: Code) -> Option<Entry> {
            match code {
                $(Code::$code => Some(Entry { run: $run, wait: $wait }),)*
                _ => None,
            }
        }
    };
}

table! {
    // loads and stores
    Fld_m32fp true => |c| fld_real(c, 4);
    Fld_m64fp true => |c| fld_real(c, 8);
    Fld_m80fp true => |c| { let v = F80::from_bytes(c.load::<10>()); c.x().push((v, 0, false)); Ok(()) };
    Fld_sti true => fld_reg;
    Fst_m32fp true => |c| fst_real(c, 4, false);
    Fstp_m32fp true => |c| fst_real(c, 4, true);
    Fst_m64fp true => |c| fst_real(c, 8, false);
    Fstp_m64fp true => |c| fst_real(c, 8, true);
    Fstp_m80fp true => |c| {
        let x = c.x();
        let v = if x.is_empty(0) { if !x.underflow() { return Ok(()) } F80::INDEFINITE } else { x.set_c1(false); x.st(0) };
        c.store(&v.to_bytes());
        c.x().pop();
        Ok(())
    };
    Fst_sti true => |c| fst_reg(c, false);
    Fstp_sti true => |c| fst_reg(c, true);
    Fstpnce_sti true => |c| fst_reg(c, true);
    Fstp_sti_DFD0 true => |c| fst_reg(c, true);
    Fstp_sti_DFD8 true => |c| fst_reg(c, true);
    Fild_m16int true => |c| { let v = c.mint(2); c.x().push((v, 0, false)); Ok(()) };
    Fild_m32int true => |c| { let v = c.mint(4); c.x().push((v, 0, false)); Ok(()) };
    Fild_m64int true => |c| { let v = c.mint(8); c.x().push((v, 0, false)); Ok(()) };
    Fist_m16int true => |c| fist(c, 2, false, false);
    Fist_m32int true => |c| fist(c, 4, false, false);
    Fistp_m16int true => |c| fist(c, 2, true, false);
    Fistp_m32int true => |c| fist(c, 4, true, false);
    Fistp_m64int true => |c| fist(c, 8, true, false);
    Fisttp_m16int true => |c| fist(c, 2, true, true);
    Fisttp_m32int true => |c| fist(c, 4, true, true);
    Fisttp_m64int true => |c| fist(c, 8, true, true);
    Fbld_m80bcd true => fbld;
    Fbstp_m80bcd true => fbstp;
    Fxch_st0_sti true => fxch;
    Fxch_st0_sti_DDC8 true => fxch;
    Fxch_st0_sti_DFC8 true => fxch;
    // constants
    Fld1 true => |c| { c.x().push((F80::ONE, 0, false)); Ok(()) };
    Fldz true => |c| { c.x().push((F80::ZERO, 0, false)); Ok(()) };
    Fldpi true => |c| push_const(c, wide::PI);
    Fldl2e true => |c| push_const(c, wide::LOG2_E);
    Fldl2t true => |c| push_const(c, wide::LOG2_10);
    Fldlg2 true => |c| push_const(c, wide::LOG10_2);
    Fldln2 true => |c| push_const(c, wide::LN2);
    // arithmetic, register forms
    Fadd_st0_sti true => |c| { let i = c.i; c.x().arith_regs(Arith::Add, 0, 0, i, false); Ok(()) };
    Fadd_sti_st0 true => |c| { let i = c.i; c.x().arith_regs(Arith::Add, i, i, 0, false); Ok(()) };
    Faddp_sti_st0 true => |c| { let i = c.i; c.x().arith_regs(Arith::Add, i, i, 0, true); Ok(()) };
    Fmul_st0_sti true => |c| { let i = c.i; c.x().arith_regs(Arith::Mul, 0, 0, i, false); Ok(()) };
    Fmul_sti_st0 true => |c| { let i = c.i; c.x().arith_regs(Arith::Mul, i, i, 0, false); Ok(()) };
    Fmulp_sti_st0 true => |c| { let i = c.i; c.x().arith_regs(Arith::Mul, i, i, 0, true); Ok(()) };
    Fsub_st0_sti true => |c| { let i = c.i; c.x().arith_regs(Arith::Sub, 0, 0, i, false); Ok(()) };
    Fsubr_st0_sti true => |c| { let i = c.i; c.x().arith_regs(Arith::Sub, 0, i, 0, false); Ok(()) };
    Fsub_sti_st0 true => |c| { let i = c.i; c.x().arith_regs(Arith::Sub, i, i, 0, false); Ok(()) };
    Fsubr_sti_st0 true => |c| { let i = c.i; c.x().arith_regs(Arith::Sub, i, 0, i, false); Ok(()) };
    Fsubp_sti_st0 true => |c| { let i = c.i; c.x().arith_regs(Arith::Sub, i, i, 0, true); Ok(()) };
    Fsubrp_sti_st0 true => |c| { let i = c.i; c.x().arith_regs(Arith::Sub, i, 0, i, true); Ok(()) };
    Fdiv_st0_sti true => |c| { let i = c.i; c.x().arith_regs(Arith::Div, 0, 0, i, false); Ok(()) };
    Fdivr_st0_sti true => |c| { let i = c.i; c.x().arith_regs(Arith::Div, 0, i, 0, false); Ok(()) };
    Fdiv_sti_st0 true => |c| { let i = c.i; c.x().arith_regs(Arith::Div, i, i, 0, false); Ok(()) };
    Fdivr_sti_st0 true => |c| { let i = c.i; c.x().arith_regs(Arith::Div, i, 0, i, false); Ok(()) };
    Fdivp_sti_st0 true => |c| { let i = c.i; c.x().arith_regs(Arith::Div, i, i, 0, true); Ok(()) };
    Fdivrp_sti_st0 true => |c| { let i = c.i; c.x().arith_regs(Arith::Div, i, 0, i, true); Ok(()) };
    // arithmetic, memory forms
    Fadd_m32fp true => |c| arith_m(c, Arith::Add, false, false, 4);
    Fadd_m64fp true => |c| arith_m(c, Arith::Add, false, false, 8);
    Fmul_m32fp true => |c| arith_m(c, Arith::Mul, false, false, 4);
    Fmul_m64fp true => |c| arith_m(c, Arith::Mul, false, false, 8);
    Fsub_m32fp true => |c| arith_m(c, Arith::Sub, false, false, 4);
    Fsub_m64fp true => |c| arith_m(c, Arith::Sub, false, false, 8);
    Fsubr_m32fp true => |c| arith_m(c, Arith::Sub, true, false, 4);
    Fsubr_m64fp true => |c| arith_m(c, Arith::Sub, true, false, 8);
    Fdiv_m32fp true => |c| arith_m(c, Arith::Div, false, false, 4);
    Fdiv_m64fp true => |c| arith_m(c, Arith::Div, false, false, 8);
    Fdivr_m32fp true => |c| arith_m(c, Arith::Div, true, false, 4);
    Fdivr_m64fp true => |c| arith_m(c, Arith::Div, true, false, 8);
    Fiadd_m16int true => |c| arith_m(c, Arith::Add, false, true, 2);
    Fiadd_m32int true => |c| arith_m(c, Arith::Add, false, true, 4);
    Fimul_m16int true => |c| arith_m(c, Arith::Mul, false, true, 2);
    Fimul_m32int true => |c| arith_m(c, Arith::Mul, false, true, 4);
    Fisub_m16int true => |c| arith_m(c, Arith::Sub, false, true, 2);
    Fisub_m32int true => |c| arith_m(c, Arith::Sub, false, true, 4);
    Fisubr_m16int true => |c| arith_m(c, Arith::Sub, true, true, 2);
    Fisubr_m32int true => |c| arith_m(c, Arith::Sub, true, true, 4);
    Fidiv_m16int true => |c| arith_m(c, Arith::Div, false, true, 2);
    Fidiv_m32int true => |c| arith_m(c, Arith::Div, false, true, 4);
    Fidivr_m16int true => |c| arith_m(c, Arith::Div, true, true, 2);
    Fidivr_m32int true => |c| arith_m(c, Arith::Div, true, true, 4);
    // one-operand
    Fchs true => |c| unary(c, |_, v| (v.chs(), 0, false));
    Fabs true => |c| unary(c, |_, v| (v.abs(), 0, false));
    Fsqrt true => |c| unary(c, |x, v| super::fpu::sqrt(v, x.pc_fmt(), x.rc()));
    Frndint true => |c| unary(c, |x, v| super::fpu::rndint(v, x.rc()));
    Fscale true => |c| { c.x().fscale(); Ok(()) };
    Fxtract true => |c| { c.x().fxtract(); Ok(()) };
    Fprem true => |c| { c.x().fprem(false); Ok(()) };
    Fprem1 true => |c| { c.x().fprem(true); Ok(()) };
    F2xm1 true => |c| { c.x().f2xm1(); Ok(()) };
    Fyl2x true => |c| { c.x().fyl2x(false); Ok(()) };
    Fyl2xp1 true => |c| { c.x().fyl2x(true); Ok(()) };
    Fsin true => |c| { c.x().trig(Trig::Sin); Ok(()) };
    Fcos true => |c| { c.x().trig(Trig::Cos); Ok(()) };
    Fsincos true => |c| { c.x().trig(Trig::SinCos); Ok(()) };
    Fptan true => |c| { c.x().trig(Trig::Tan); Ok(()) };
    Fpatan true => |c| { c.x().fpatan(); Ok(()) };
    // comparisons
    Fcom_st0_sti true => |c| fcom(c, None, false, 0, false);
    Fcom_st0_sti_DCD0 true => |c| fcom(c, None, false, 0, false);
    Fcomp_st0_sti true => |c| fcom(c, None, false, 1, false);
    Fcomp_st0_sti_DCD8 true => |c| fcom(c, None, false, 1, false);
    Fcomp_st0_sti_DED0 true => |c| fcom(c, None, false, 1, false);
    Fcompp true => |c| { c.i = 1; fcom(c, None, false, 2, false) };
    Fucom_st0_sti true => |c| fcom(c, None, true, 0, false);
    Fucomp_st0_sti true => |c| fcom(c, None, true, 1, false);
    Fucompp true => |c| { c.i = 1; fcom(c, None, true, 2, false) };
    Fcom_m32fp true => |c| { let (m, e) = c.mreal(4); mem_cmp(c, m, e, 0) };
    Fcom_m64fp true => |c| { let (m, e) = c.mreal(8); mem_cmp(c, m, e, 0) };
    Fcomp_m32fp true => |c| { let (m, e) = c.mreal(4); mem_cmp(c, m, e, 1) };
    Fcomp_m64fp true => |c| { let (m, e) = c.mreal(8); mem_cmp(c, m, e, 1) };
    Ficom_m16int true => |c| { let m = c.mint(2); mem_cmp(c, m, 0, 0) };
    Ficom_m32int true => |c| { let m = c.mint(4); mem_cmp(c, m, 0, 0) };
    Ficomp_m16int true => |c| { let m = c.mint(2); mem_cmp(c, m, 0, 1) };
    Ficomp_m32int true => |c| { let m = c.mint(4); mem_cmp(c, m, 0, 1) };
    Ftst true => |c| fcom(c, Some(F80::ZERO), false, 0, false);
    Fcomi_st0_sti true => |c| fcom(c, None, false, 0, true);
    Fcomip_st0_sti true => |c| fcom(c, None, false, 1, true);
    Fucomi_st0_sti true => |c| fcom(c, None, true, 0, true);
    Fucomip_st0_sti true => |c| fcom(c, None, true, 1, true);
    Fxam true => |c| { c.x().fxam(); Ok(()) };
    // conditional moves
    Fcmovb_st0_sti true => |c| fcmov(c, |f| flag(f, Flag::CF));
    Fcmove_st0_sti true => |c| fcmov(c, |f| flag(f, Flag::ZF));
    Fcmovbe_st0_sti true => |c| fcmov(c, |f| flag(f, Flag::CF) || flag(f, Flag::ZF));
    Fcmovu_st0_sti true => |c| fcmov(c, |f| flag(f, Flag::PF));
    Fcmovnb_st0_sti true => |c| fcmov(c, |f| !flag(f, Flag::CF));
    Fcmovne_st0_sti true => |c| fcmov(c, |f| !flag(f, Flag::ZF));
    Fcmovnbe_st0_sti true => |c| fcmov(c, |f| !(flag(f, Flag::CF) || flag(f, Flag::ZF)));
    Fcmovnu_st0_sti true => |c| fcmov(c, |f| !flag(f, Flag::PF));
    // control
    Fninit false => |c| { c.x().init(); Ok(()) };
    Finit true => |c| { c.x().init(); Ok(()) };
    Fldcw_m2byte true => |c| { let v = c.m16(); let x = c.x(); x.fcw = (v & 0x1f3f) | 0x40; x.update_es(); Ok(()) };
    Fnstcw_m2byte false => |c| { let v = c.x().fcw; c.store(&v.to_le_bytes()); Ok(()) };
    Fstcw_m2byte true => |c| { let v = c.x().fcw; c.store(&v.to_le_bytes()); Ok(()) };
    Fnstsw_m2byte false => |c| { let v = c.x().status_word(); c.store(&v.to_le_bytes()); Ok(()) };
    Fstsw_m2byte true => |c| { let v = c.x().status_word(); c.store(&v.to_le_bytes()); Ok(()) };
    Fnstsw_AX false => |c| { let v = c.x().status_word(); set_ax(c, v); Ok(()) };
    Fstsw_AX true => |c| { let v = c.x().status_word(); set_ax(c, v); Ok(()) };
    Fnclex false => |c| { c.x().fsw &= !0x80ff; Ok(()) };
    Fclex true => |c| { c.x().fsw &= !0x80ff; Ok(()) };
    Ffree_sti true => |c| { let i = c.i; let x = c.x(); let p = x.phys(i); x.tags &= !(1 << p); Ok(()) };
    Ffreep_sti true => |c| { let i = c.i; let x = c.x(); let p = x.phys(i); x.tags &= !(1 << p); x.pop(); Ok(()) };
    Fincstp true => |c| { let x = c.x(); x.top = (x.top + 1) & 7; x.set_c1(false); Ok(()) };
    Fdecstp true => |c| { let x = c.x(); x.top = x.top.wrapping_sub(1) & 7; x.set_c1(false); Ok(()) };
    Fnop true => |_| Ok(());
    Wait true => |_| Ok(());
    Fneni false => |_| Ok(());
    Feni true => |_| Ok(());
    Fndisi false => |_| Ok(());
    Fdisi true => |_| Ok(());
    Fnsetpm false => |_| Ok(());
    Fsetpm true => |_| Ok(());
    // environment
    Fnstenv_m28byte false => |c| fstenv(c, true);
    Fstenv_m28byte true => |c| fstenv(c, true);
    Fnstenv_m14byte false => |c| fstenv(c, false);
    Fstenv_m14byte true => |c| fstenv(c, false);
    Fldenv_m28byte true => |c| fldenv(c, true);
    Fldenv_m14byte true => |c| fldenv(c, false);
    Fnsave_m108byte false => |c| fsave(c, true);
    Fsave_m108byte true => |c| fsave(c, true);
    Fnsave_m94byte false => |c| fsave(c, false);
    Fsave_m94byte true => |c| fsave(c, false);
    Frstor_m108byte true => |c| frstor(c, true);
    Frstor_m94byte true => |c| frstor(c, false);
    Fxsave_m512byte false => fxsave;
    Fxsave64_m512byte false => fxsave;
    Fxrstor_m512byte false => fxrstor;
    Fxrstor64_m512byte false => fxrstor;
}

fn mem_cmp(c: &mut Ctx<'_>, m: F80, e: u16, pops: u8) -> Result<(), u32> {
    fcom_x(c, Some(m), e & exc::DE, false, pops, false)
}

fn set_ax(c: &mut Ctx<'_>, v: u16) {
    let g = &mut c.cpu().gpr[0];
    *g = (*g & !0xffff) | u64::from(v);
}

/// Executes one instruction: the waiting check, then the table's semantics.
/// `Err(signal)` when the run must end (SIGFPE for a pending unmasked exception,
/// SIGSEGV for FXSAVE/FXRSTOR #GP).
pub fn execute(e: Entry, c: &mut Ctx<'_>) -> Result<(), u32> {
    if e.wait && c.x().pending() {
        return Err(signal::SIGFPE);
    }
    (e.run)(c)
}
