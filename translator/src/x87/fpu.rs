//! The x87 machine model: register stack, tags, status/control words, exception
//! signalling, and the basic instruction semantics on [`X87State`].

use super::soft::{self, exc, Fmt, Rc, Unp, EXT, F80};
use super::X87State;

/// FSW condition-code bits.
pub mod sw {
    /// C0.
    pub const C0: u16 = 1 << 8;
    /// C1.
    pub const C1: u16 = 1 << 9;
    /// C2.
    pub const C2: u16 = 1 << 10;
    /// C3.
    pub const C3: u16 = 1 << 14;
    /// Exception summary.
    pub const ES: u16 = 1 << 7;
    /// Busy (mirrors ES).
    pub const B: u16 = 1 << 15;
    /// TOP field.
    pub const TOP: u16 = 7 << 11;
}

/// A two-operand arithmetic operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arith {
    /// a + b
    Add,
    /// a − b
    Sub,
    /// a × b
    Mul,
    /// a ÷ b
    Div,
}

/// Result of an arithmetic kernel before signalling: value, exceptions, C1.
pub type Res = (F80, u16, bool);

/// Exceptions a denormal operand raises.
pub fn den(u: Unp) -> u16 {
    if matches!(u, Unp::Fin { den: true, .. }) {
        exc::DE
    } else {
        0
    }
}

fn is_nan(u: Unp) -> bool {
    matches!(u, Unp::QNaN | Unp::SNaN)
}

/// Handles NaN/unsupported operands of a two-operand operation: `Some(result)` if
/// one of them decides the result.
pub fn nan2(a: F80, b: F80) -> Option<Res> {
    let (ua, ub) = (soft::unpack(a), soft::unpack(b));
    if ua == Unp::Bad || ub == Unp::Bad {
        return Some((F80::INDEFINITE, exc::IE, false));
    }
    if is_nan(ua) || is_nan(ub) {
        let e = if ua == Unp::SNaN || ub == Unp::SNaN {
            exc::IE
        } else {
            0
        };
        return Some((soft::propagate_nan(a, b), e, false));
    }
    None
}

/// Handles a one-operand NaN/unsupported input.
pub fn nan1(a: F80) -> Option<Res> {
    match soft::unpack(a) {
        Unp::Bad => Some((F80::INDEFINITE, exc::IE, false)),
        Unp::SNaN => Some((a.quiet(), exc::IE, false)),
        Unp::QNaN => Some((a, 0, false)),
        _ => None,
    }
}

/// Rounds a finite unpacked value into `fmt` (used when an operation passes one
/// operand through, e.g. x + 0, which still rounds to the precision control).
fn pass(neg: bool, exp: i32, sig: u64, fmt: Fmt, rc: Rc) -> Res {
    let e = soft::exact(neg, u128::from(sig), exp - 63, false);
    let (v, st) = soft::finish(e, fmt, rc);
    (v, st.exc, st.up)
}

/// `a op b` with full IEEE/x87 special-case handling, rounded to `fmt`.
pub fn arith(op: Arith, a: F80, b: F80, fmt: Fmt, rc: Rc) -> Res {
    if let Some(r) = nan2(a, b) {
        return r;
    }
    let (ua, ub) = (soft::unpack(a), soft::unpack(b));
    let d = den(ua) | den(ub);
    let ind = (F80::INDEFINITE, exc::IE | d, false);
    let sign = |u: Unp| match u {
        Unp::Zero(n) | Unp::Inf(n) | Unp::Fin { neg: n, .. } => n,
        _ => false,
    };
    let (sa, sb) = (sign(ua), sign(ub));
    let out = |e: soft::Exact| {
        let (v, st) = soft::finish(e, fmt, rc);
        (v, st.exc | d, st.up)
    };
    match op {
        Arith::Add | Arith::Sub => {
            let sb = if op == Arith::Sub { !sb } else { sb };
            match (ua, ub) {
                (Unp::Inf(_), Unp::Inf(_)) => {
                    if sa == sb {
                        (F80::inf(sa), d, false)
                    } else {
                        ind
                    }
                }
                (Unp::Inf(_), _) => (F80::inf(sa), d, false),
                (_, Unp::Inf(_)) => (F80::inf(sb), d, false),
                (Unp::Zero(_), Unp::Zero(_)) => {
                    let n = if sa == sb { sa } else { rc == Rc::Down };
                    (F80::zero(n), d, false)
                }
                (Unp::Zero(_), Unp::Fin { exp, sig, .. }) => {
                    let (v, e, up) = pass(sb, exp, sig, fmt, rc);
                    (v, e | d, up)
                }
                (Unp::Fin { exp, sig, .. }, Unp::Zero(_)) => {
                    let (v, e, up) = pass(sa, exp, sig, fmt, rc);
                    (v, e | d, up)
                }
                (
                    Unp::Fin {
                        exp: ea, sig: ma, ..
                    },
                    Unp::Fin {
                        exp: eb, sig: mb, ..
                    },
                ) => out(soft::add_fin(sa, ea, ma, sb, eb, mb, rc)),
                _ => ind,
            }
        }
        Arith::Mul => {
            let n = sa != sb;
            match (ua, ub) {
                (Unp::Inf(_), Unp::Zero(_)) | (Unp::Zero(_), Unp::Inf(_)) => ind,
                (Unp::Inf(_), _) | (_, Unp::Inf(_)) => (F80::inf(n), d, false),
                (Unp::Zero(_), _) | (_, Unp::Zero(_)) => (F80::zero(n), d, false),
                (
                    Unp::Fin {
                        exp: ea, sig: ma, ..
                    },
                    Unp::Fin {
                        exp: eb, sig: mb, ..
                    },
                ) => out(soft::mul_fin(sa, ea, ma, sb, eb, mb)),
                _ => ind,
            }
        }
        Arith::Div => {
            let n = sa != sb;
            match (ua, ub) {
                (Unp::Inf(_), Unp::Inf(_)) | (Unp::Zero(_), Unp::Zero(_)) => ind,
                (Unp::Inf(_), _) => (F80::inf(n), d, false),
                (_, Unp::Inf(_)) => (F80::zero(n), d, false),
                (_, Unp::Zero(_)) => (F80::inf(n), d | exc::ZE, false),
                (Unp::Zero(_), _) => (F80::zero(n), d, false),
                (
                    Unp::Fin {
                        exp: ea, sig: ma, ..
                    },
                    Unp::Fin {
                        exp: eb, sig: mb, ..
                    },
                ) => out(soft::div_fin(sa, ea, ma, sb, eb, mb)),
                _ => ind,
            }
        }
    }
}

/// `√a` rounded to `fmt`.
pub fn sqrt(a: F80, fmt: Fmt, rc: Rc) -> Res {
    if let Some(r) = nan1(a) {
        return r;
    }
    let ua = soft::unpack(a);
    match ua {
        Unp::Zero(_) => (a, 0, false),
        Unp::Inf(false) => (a, 0, false),
        Unp::Fin {
            neg: false,
            exp,
            sig,
            ..
        } => {
            let (v, st) = soft::finish(soft::sqrt_fin(exp, sig), fmt, rc);
            (v, st.exc | den(ua), st.up)
        }
        _ => (F80::INDEFINITE, exc::IE | den(ua), false),
    }
}

/// Rounds to an integral value under `rc` (FRNDINT).
pub fn rndint(a: F80, rc: Rc) -> Res {
    if let Some(r) = nan1(a) {
        return r;
    }
    match soft::unpack(a) {
        Unp::Fin {
            neg,
            exp,
            sig,
            den: dn,
        } => {
            if exp >= 63 {
                return (a, 0, false);
            }
            let (_, q, inexact, up) = soft::to_int(neg, exp, sig, rc);
            let d = if dn { exc::DE } else { 0 };
            let e = if inexact { exc::PE } else { 0 } | d;
            if q == 0 {
                return (F80::zero(neg), e, false);
            }
            let (v, _) = soft::finish(soft::exact(neg, q, 0, false), EXT, rc);
            (v, e, up)
        }
        _ => (a, 0, false),
    }
}

/// Integer conversion for FIST/FISTP/FISTTP into `bits` (16, 32, 64): the value
/// to store (two's complement, low `bits` bits) and the exceptions.
pub fn to_int(a: F80, bits: u32, rc: Rc) -> (u64, u16, bool) {
    let indefinite = 1u64 << (bits - 1);
    match soft::unpack(a) {
        Unp::Zero(_) => (0, 0, false),
        Unp::Fin { neg, exp, sig, .. } => {
            // Integer stores never raise DE (checked against hardware).
            let d = 0;
            let (_, q, inexact, up) = soft::to_int(neg, exp, sig, rc);
            let limit = 1u128 << (bits - 1);
            if (!neg && q >= limit) || (neg && q > limit) {
                return (indefinite, exc::IE | d, false);
            }
            let mag = u64::try_from(q).unwrap_or(0);
            let v = if neg { mag.wrapping_neg() } else { mag };
            let mask = if bits == 64 {
                u64::MAX
            } else {
                (1u64 << bits) - 1
            };
            (v & mask, d | if inexact { exc::PE } else { 0 }, up)
        }
        _ => (indefinite, exc::IE, false),
    }
}

/// Stores to an IEEE single/double: the raw bits and the exceptions.
pub fn to_ieee(a: F80, fmt: Fmt, rc: Rc) -> (u64, u16, bool) {
    let mbits = fmt.prec - 1;
    let ebits = if fmt.prec == 24 { 8 } else { 11 };
    let sign = if a.is_neg() {
        1u64 << (mbits + ebits)
    } else {
        0
    };
    let emask = ((1u64 << ebits) - 1) << mbits;
    match soft::unpack(a) {
        Unp::Zero(n) => (soft::pack_ieee(soft::Rounded::Zero(n), fmt), 0, false),
        Unp::Inf(n) => (soft::pack_ieee(soft::Rounded::Inf(n), fmt), 0, false),
        Unp::QNaN | Unp::SNaN => {
            let e = if a.is_snan() { exc::IE } else { 0 };
            let m = (a.sig << 1) >> (64 - mbits);
            (sign | emask | m | (1 << (mbits - 1)), e, false)
        }
        Unp::Bad => (
            emask | (3u64 << (mbits - 1)) | (1u64 << (mbits + ebits)),
            exc::IE,
            false,
        ),
        Unp::Fin {
            neg,
            exp,
            sig,
            den: dn,
        } => {
            let (r, st) = soft::round(neg, exp, u128::from(sig) << 64, false, fmt, rc);
            // Stores never raise DE (checked against hardware).
            let _ = dn;
            (soft::pack_ieee(r, fmt), st.exc, st.up)
        }
    }
}

/// Result of a comparison: greater, less, equal, unordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cmp {
    /// a > b
    Gt,
    /// a < b
    Lt,
    /// a = b
    Eq,
    /// unordered
    Un,
}

/// Compares; `quiet` = FUCOM rules (only SNaN raises IE).
pub fn compare(a: F80, b: F80, quiet: bool) -> (Cmp, u16) {
    let (ua, ub) = (soft::unpack(a), soft::unpack(b));
    if ua == Unp::Bad || ub == Unp::Bad {
        return (Cmp::Un, exc::IE);
    }
    if is_nan(ua) || is_nan(ub) {
        let sn = ua == Unp::SNaN || ub == Unp::SNaN;
        return (Cmp::Un, if sn || !quiet { exc::IE } else { 0 });
    }
    let c = match soft::compare(ua, ub) {
        1 => Cmp::Gt,
        -1 => Cmp::Lt,
        _ => Cmp::Eq,
    };
    (c, den(ua) | den(ub))
}

impl X87State {
    /// Physical register of ST(i).
    pub fn phys(&self, i: u8) -> usize {
        usize::from((self.top.wrapping_add(i)) & 7)
    }
    /// Whether ST(i) is empty.
    pub fn is_empty(&self, i: u8) -> bool {
        self.tags & (1 << self.phys(i)) == 0
    }
    /// Reads ST(i) (whatever its tag).
    pub fn st(&self, i: u8) -> F80 {
        let r = self.regs[self.phys(i)];
        F80 {
            sig: r[0],
            se: u16::try_from(r[1] & 0xffff).unwrap_or(0),
        }
    }
    /// Writes ST(i) and marks it valid.
    pub fn set_st(&mut self, i: u8, v: F80) {
        let p = self.phys(i);
        self.regs[p] = [v.sig, u64::from(v.se)];
        self.tags |= 1 << p;
    }
    /// Pops the stack (marks ST(0) empty, TOP+1).
    pub fn pop(&mut self) {
        let p = self.phys(0);
        self.tags &= !(1 << p);
        self.top = (self.top + 1) & 7;
    }
    /// Decrements TOP and writes the new ST(0).
    pub fn push_raw(&mut self, v: F80) {
        self.top = self.top.wrapping_sub(1) & 7;
        self.set_st(0, v);
    }
    /// The FSW with TOP merged in.
    pub fn status_word(&self) -> u16 {
        (self.fsw & !sw::TOP) | (u16::from(self.top & 7) << 11)
    }
    /// Sets the FSW (TOP included).
    pub fn set_status_word(&mut self, v: u16) {
        self.top = u8::try_from((v >> 11) & 7).unwrap_or(0);
        self.fsw = v & !sw::TOP;
        self.update_es();
    }
    /// Recomputes ES and B from the flags and masks.
    pub fn update_es(&mut self) {
        if self.fsw & !self.fcw & 0x3f != 0 {
            self.fsw |= sw::ES | sw::B;
        } else {
            self.fsw &= !(sw::ES | sw::B);
        }
    }
    /// Whether an exception is pending (a waiting instruction would raise #MF).
    pub fn pending(&self) -> bool {
        self.fsw & sw::ES != 0
    }
    /// Sets or clears C1.
    pub fn set_c1(&mut self, v: bool) {
        if v {
            self.fsw |= sw::C1
        } else {
            self.fsw &= !sw::C1
        }
    }
    /// Sets C3, C2, C1, C0.
    pub fn set_cc(&mut self, c3: bool, c2: bool, c1: bool, c0: bool) {
        self.fsw &= !(sw::C0 | sw::C1 | sw::C2 | sw::C3);
        for (b, m) in [(c3, sw::C3), (c2, sw::C2), (c1, sw::C1), (c0, sw::C0)] {
            if b {
                self.fsw |= m;
            }
        }
    }
    /// Records exceptions; returns whether the result is delivered (no unmasked
    /// IE, DE or ZE among them — for those the destination stays unchanged).
    pub fn raise(&mut self, e: u16) -> bool {
        // Pre-computation priority: invalid and zero-divide hide a denormal operand.
        let e = if e & (exc::IE | exc::ZE) != 0 {
            e & !exc::DE
        } else {
            e
        };
        self.fsw |= e & 0x7f;
        self.update_es();
        e & (exc::IE | exc::DE | exc::ZE) & !self.fcw == 0
    }
    /// Rounding control.
    pub fn rc(&self) -> Rc {
        Rc::from_fcw(self.fcw)
    }
    /// Register format under the precision control.
    pub fn pc_fmt(&self) -> Fmt {
        Fmt::from_pc(self.fcw)
    }
    /// Stack underflow on a read of an empty register: IE+SF, C1=0; returns whether
    /// the masked response (QNaN indefinite as the value) applies.
    pub fn underflow(&mut self) -> bool {
        self.set_c1(false);
        self.raise(exc::IE | exc::SF)
    }
    /// Stack overflow on a push onto a full stack: IE+SF, C1=1.
    pub fn overflow(&mut self) -> bool {
        self.set_c1(true);
        self.raise(exc::IE | exc::SF)
    }
    /// Delivers a computed result into ST(i) (exceptions, C1, write), optionally popping.
    pub fn deliver(&mut self, i: u8, r: Res, pop: bool) {
        let (v, e, up) = r;
        self.set_c1(false);
        if self.raise(e) {
            self.set_c1(up && e & exc::PE != 0);
            self.set_st(i, v);
            if pop {
                self.pop();
            }
        }
    }
    /// Pushes a computed value (with stack-overflow handling).
    pub fn push(&mut self, r: Res) {
        if !self.is_empty(7) {
            if self.overflow() {
                self.push_raw(F80::INDEFINITE);
            }
            return;
        }
        let (v, e, up) = r;
        self.set_c1(false);
        if self.raise(e) {
            self.set_c1(up && e & exc::PE != 0);
            self.push_raw(v);
        }
    }
    /// Reads ST(i), handling an empty register as stack underflow: `None` if the
    /// instruction must stop (unmasked), else the value (indefinite when empty).
    pub fn read(&mut self, i: u8) -> Option<F80> {
        if self.is_empty(i) {
            if self.underflow() {
                Some(F80::INDEFINITE)
            } else {
                None
            }
        } else {
            Some(self.st(i))
        }
    }
    /// Two-register arithmetic: ST(dst) = ST(x) op ST(y) (register operands),
    /// popping when asked. On underflow the masked response writes the indefinite.
    pub fn arith_regs(&mut self, op: Arith, dst: u8, x: u8, y: u8, pop: bool) {
        if self.is_empty(x) || self.is_empty(y) {
            if self.underflow() {
                self.set_st(dst, F80::INDEFINITE);
                if pop {
                    self.pop();
                }
            }
            return;
        }
        let r = arith(op, self.st(x), self.st(y), self.pc_fmt(), self.rc());
        self.deliver(dst, r, pop);
    }
    /// ST(0) = ST(0) op m (or m op ST(0) when `rev`); `m` came from memory with
    /// the conversion exceptions `me` (DE for denormal singles/doubles).
    pub fn arith_mem(&mut self, op: Arith, m: F80, me: u16, rev: bool) {
        if self.is_empty(0) {
            if self.underflow() {
                self.set_st(0, F80::INDEFINITE);
            }
            return;
        }
        let a = self.st(0);
        let (x, y) = if rev { (m, a) } else { (a, m) };
        // With a NaN operand the memory operand's DE is not reported (as on hardware).
        let me = if nan2(x, y).is_some() { 0 } else { me };
        let (v, e, up) = arith(op, x, y, self.pc_fmt(), self.rc());
        // A signalling NaN from memory raises IE even though it was converted.
        self.deliver(0, (v, e | me, up), false);
    }
    /// Sets C3/C2/C0 from a comparison (C1 cleared).
    pub fn set_compare_cc(&mut self, c: Cmp) {
        let (c3, c2, c0) = match c {
            Cmp::Gt => (false, false, false),
            Cmp::Lt => (false, false, true),
            Cmp::Eq => (true, false, false),
            Cmp::Un => (true, true, true),
        };
        self.set_cc(c3, c2, false, c0);
    }
    /// FNINIT.
    pub fn init(&mut self) {
        *self = X87State {
            regs: self.regs,
            ..X87State::default()
        };
    }
    /// FXAM classification into C3..C0.
    pub fn fxam(&mut self) {
        let v = self.st(0);
        let c1 = v.is_neg();
        let (c3, c2, c0) = if self.is_empty(0) {
            (true, false, true)
        } else {
            match soft::unpack(v) {
                Unp::Bad => (false, false, false),
                Unp::QNaN | Unp::SNaN => (false, false, true),
                Unp::Inf(_) => (false, true, true),
                Unp::Zero(_) => (true, false, false),
                Unp::Fin { den: true, .. } => (true, true, false),
                Unp::Fin { .. } => (false, true, false),
            }
        };
        self.set_cc(c3, c2, c1, c0);
    }
    /// The full (2 bits per physical register) tag word FNSTENV/FNSAVE store.
    pub fn full_tag_word(&self) -> u16 {
        let mut t = 0u16;
        for p in 0..8u8 {
            let r = self.regs[usize::from(p)];
            let v = F80 {
                sig: r[0],
                se: u16::try_from(r[1] & 0xffff).unwrap_or(0),
            };
            let tag = if self.tags & (1 << p) == 0 {
                3
            } else {
                match soft::unpack(v) {
                    Unp::Zero(_) => 1,
                    Unp::Fin { den: false, .. } => 0,
                    _ => 2,
                }
            };
            t |= tag << (2 * p);
        }
        t
    }
    /// Loads a full tag word (any tag but 11 means valid).
    pub fn set_full_tag_word(&mut self, t: u16) {
        self.tags = 0;
        for p in 0..8u16 {
            if (t >> (2 * p)) & 3 != 3 {
                self.tags |= 1 << p;
            }
        }
    }
}
