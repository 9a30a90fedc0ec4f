//! Transcendental and exponent-manipulating instructions: FSIN, FCOS, FSINCOS,
//! FPTAN, FPATAN, F2XM1, FYL2X, FYL2XP1, FSCALE, FXTRACT, FPREM, FPREM1.
//!
//! qvm's definition (identical on every host; no host x87 instruction runs):
//! - trigonometric: exact Payne–Hanek reduction of |x| by π/2 with a 640-bit 2/π
//!   ([`super::wide::reduce_pio2`]), then Taylor series for sin/cos of |r| ≤ π/4 in
//!   128-bit arithmetic; tan = sin/cos. |x| ≥ 2^63 sets C2 and leaves ST(0) alone.
//! - F2XM1: expm1(x·ln2) by Taylor series (|x| ≤ 1; larger |x| by 2^n·2^f − 1).
//! - FYL2X/FYL2XP1: log2 via ln m = 2·atanh((m−1)/(m+1)) with m in [√½, √2)
//!   (and atanh(x/(2+x)) for log2(1+x), |x| < ¼), times y in 128-bit arithmetic.
//! - FPATAN: atan of min/max ratio, reduced to |t| ≤ tan(π/8) by atan z = π/4 +
//!   atan((z−1)/(z+1)), odd Taylor series, then quadrant fix-up.
//!
//! Each result is held with ~120 correct bits and rounded once to 64 bits under the
//! rounding control (precision control does not apply, as on hardware); so results
//! are correctly rounded except when the exact value lies within about 2^-56 ulp
//! of a rounding boundary — always within 1 ulp. Tiny-argument cases (sin x ≈ x,
//! cos x ≈ 1, …) round in the direction of the neglected series tail. PE is set
//! for every inexact result and C1 says whether it was rounded up.

use super::fpu::{self, sw, Res};
use super::soft::{self, exc, Rc, Unp, EXT, F80};
use super::wide::{self, Tail, Wide};
use super::X87State;

/// Rounds a wide result to the register format.
pub fn wide_res(w: Wide, tail: Tail, rc: Rc) -> Res {
    if w.is_zero() {
        return (F80::zero(w.neg), 0, false);
    }
    let (exp, sig, sticky) = match tail {
        Tail::Exact => (w.exp, w.sig, false),
        Tail::Bigger => (w.exp, w.sig, true),
        Tail::Smaller => {
            if w.sig == 1 << 127 {
                (w.exp - 1, u128::MAX, true)
            } else {
                (w.exp, w.sig - 1, true)
            }
        }
    };
    let (r, st) = soft::round(w.neg, exp, sig, sticky, EXT, rc);
    (soft::pack80(r), st.exc, st.up)
}

/// Which trigonometric instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trig {
    /// FSIN
    Sin,
    /// FCOS
    Cos,
    /// FSINCOS
    SinCos,
    /// FPTAN
    Tan,
}

/// log2 of a positive wide value; exact when it is a power of two.
fn log2_wide(w: Wide) -> (Wide, Tail) {
    let mut e = w.exp;
    let mut m = Wide { exp: 0, ..w };
    if w.sig == 1 << 127 {
        return (Wide::from_i64(i64::from(e)), Tail::Exact);
    }
    if (w.sig >> 64) > 0xb504_f333_f9de_6484 {
        m = m.scale(-1);
        e += 1;
    }
    let s = m.minus(Wide::ONE).over(m.plus(Wide::ONE));
    let l = wide::ln_atanh_kernel(s).times(wide::LOG2_E);
    (Wide::from_i64(i64::from(e)).plus(l), Tail::Bigger)
}

fn sign_of(u: Unp) -> bool {
    match u {
        Unp::Zero(n) | Unp::Inf(n) | Unp::Fin { neg: n, .. } => n,
        _ => false,
    }
}

impl X87State {
    /// FSIN, FCOS, FSINCOS, FPTAN.
    pub fn trig(&mut self, which: Trig) {
        let pushes = matches!(which, Trig::SinCos | Trig::Tan);
        if self.is_empty(0) {
            if self.underflow() {
                self.set_st(0, F80::INDEFINITE);
                if pushes {
                    self.push_raw(F80::INDEFINITE);
                }
            }
            return;
        }
        if pushes && !self.is_empty(7) {
            if self.overflow() {
                self.set_st(0, F80::INDEFINITE);
                self.push_raw(F80::INDEFINITE);
            }
            return;
        }
        let x = self.st(0);
        let rc = self.rc();
        let ux = soft::unpack(x);
        let (first, second): (Res, Res) = match ux {
            Unp::Bad | Unp::QNaN | Unp::SNaN | Unp::Inf(_) => {
                let r = fpu::nan1(x).unwrap_or((F80::INDEFINITE, exc::IE, false));
                (r, r)
            }
            Unp::Zero(_) => match which {
                Trig::Cos => ((F80::ONE, 0, false), (F80::ONE, 0, false)),
                Trig::Tan => ((x, 0, false), (F80::ONE, 0, false)),
                _ => ((x, 0, false), (F80::ONE, 0, false)),
            },
            Unp::Fin { neg, exp, sig, den } => {
                if exp >= 63 {
                    self.fsw |= sw::C2;
                    return;
                }
                let d = if den { exc::DE } else { 0 };
                let (k, r) = wide::reduce_pio2(exp, sig);
                let (s, c) = (wide::sin_kernel(r), wide::cos_kernel(r));
                let sin_abs = [s, c, s.negate(), c.negate()][k as usize & 3];
                let cos_abs = [c, s.negate(), c.negate(), s][k as usize & 3];
                let sin = if neg { sin_abs.negate() } else { sin_abs };
                let add_d = |r: Res| (r.0, r.1 | d, r.2);
                match which {
                    Trig::Sin => {
                        let r = add_d(wide_res(sin, Tail::Smaller, rc));
                        (r, r)
                    }
                    Trig::Cos => {
                        let r = add_d(wide_res(cos_abs, Tail::Smaller, rc));
                        (r, r)
                    }
                    Trig::SinCos => (
                        add_d(wide_res(sin, Tail::Smaller, rc)),
                        wide_res(cos_abs, Tail::Smaller, rc),
                    ),
                    Trig::Tan => {
                        let t = sin.over(cos_abs);
                        let tail = if k & 1 == 0 {
                            Tail::Bigger
                        } else {
                            Tail::Smaller
                        };
                        (add_d(wide_res(t, tail, rc)), (F80::ONE, 0, false))
                    }
                }
            }
        };
        self.fsw &= !sw::C2;
        match which {
            Trig::Sin | Trig::Cos => self.deliver(0, first, false),
            Trig::SinCos | Trig::Tan => {
                // ST(0) ← sin (or tan), then push cos (or 1.0); exceptions of both.
                let (v1, e1, u1) = first;
                let (v2, e2, u2) = second;
                self.set_c1(false);
                if self.raise(e1 | e2) {
                    self.set_st(0, v1);
                    self.push_raw(v2);
                    self.set_c1((u1 && e1 & exc::PE != 0) || (u2 && e2 & exc::PE != 0));
                }
            }
        }
    }

    /// F2XM1: ST(0) ← 2^ST(0) − 1.
    pub fn f2xm1(&mut self) {
        let Some(x) = self.read(0) else { return };
        let rc = self.rc();
        let ux = soft::unpack(x);
        let r = match ux {
            Unp::Zero(_) => (x, 0, false),
            Unp::Inf(false) => (x, 0, false),
            Unp::Inf(true) => (F80::ONE.chs(), 0, false),
            Unp::Fin { neg, exp, sig, den } => {
                let d = if den { exc::DE } else { 0 };
                let xw = Wide::from_fin(neg, exp, sig);
                let tail = if neg { Tail::Smaller } else { Tail::Bigger };
                let w = if exp < 0 || (exp == 0 && sig == 1 << 63) {
                    wide::expm1_kernel(xw.times(wide::LN2))
                } else if exp >= 20 {
                    if neg {
                        Wide::ONE.negate()
                    } else {
                        Wide::ONE.scale(1 << 20)
                    }
                } else {
                    // x = n + f, |f| ≤ ½: 2^x − 1 = 2^n·(expm1(f·ln2) + 1) − 1.
                    let (_, q, _, _) = soft::to_int(neg, exp, sig, Rc::Nearest);
                    let n = i64::try_from(q).unwrap_or(0) * if neg { -1 } else { 1 };
                    let f = xw.minus(Wide::from_i64(n));
                    let p = wide::expm1_kernel(f.times(wide::LN2)).plus(Wide::ONE);
                    p.scale(i32::try_from(n).unwrap_or(0)).minus(Wide::ONE)
                };
                let (v, e, up) = wide_res(w, tail, rc);
                (v, e | d, up)
            }
            _ => fpu::nan1(x).unwrap_or((F80::INDEFINITE, exc::IE, false)),
        };
        self.deliver(0, r, false);
    }

    /// FYL2X (`p1` false) and FYL2XP1 (`p1` true): ST(1) ← ST(1)·log2(ST(0) [+1]), pop.
    pub fn fyl2x(&mut self, p1: bool) {
        if self.is_empty(0) || self.is_empty(1) {
            if self.underflow() {
                self.set_st(1, F80::INDEFINITE);
                self.pop();
            }
            return;
        }
        let (x, y) = (self.st(0), self.st(1));
        let r = self.fyl2x_value(x, y, p1);
        self.deliver(1, r, true);
    }

    fn fyl2x_value(&self, x: F80, y: F80, p1: bool) -> Res {
        if let Some(r) = fpu::nan2(x, y) {
            return r;
        }
        let rc = self.rc();
        let (ux, uy) = (soft::unpack(x), soft::unpack(y));
        let d = fpu::den(ux) | fpu::den(uy);
        let ind = (F80::INDEFINITE, exc::IE | d, false);
        // The logarithm as: Zero(sign) / NegInf (log of 0) / PosInf / finite wide.
        enum L {
            Zero(bool),
            NegInf,
            PosInf,
            W(Wide, Tail),
        }
        let l = match (ux, p1) {
            (Unp::Inf(false), _) => L::PosInf,
            (Unp::Inf(true), _) => return ind,
            (Unp::Zero(n), false) => {
                let _ = n;
                L::NegInf
            }
            (Unp::Zero(n), true) => L::Zero(n),
            (Unp::Fin { neg: true, .. }, false) => return ind,
            (Unp::Fin { neg, exp, sig, .. }, false) => {
                let _ = neg;
                let (w, t) = log2_wide(Wide::from_fin(false, exp, sig));
                if w.is_zero() {
                    L::Zero(false)
                } else {
                    L::W(w, t)
                }
            }
            (Unp::Fin { neg, exp, sig, .. }, true) => {
                let xw = Wide::from_fin(neg, exp, sig);
                let one_plus = xw.plus(Wide::ONE);
                if one_plus.is_zero() {
                    L::NegInf
                } else if one_plus.neg {
                    return ind;
                } else if exp < -2 {
                    let s = xw.over(xw.plus(Wide::ONE.scale(1)));
                    L::W(wide::ln_atanh_kernel(s).times(wide::LOG2_E), Tail::Bigger)
                } else {
                    let (w, t) = log2_wide(one_plus);
                    if w.is_zero() {
                        L::Zero(false)
                    } else {
                        L::W(w, t)
                    }
                }
            }
            _ => return ind,
        };
        let ys = sign_of(uy);
        match (l, uy) {
            (L::NegInf, Unp::Zero(_)) | (L::PosInf, Unp::Zero(_)) => ind,
            (L::Zero(_), Unp::Inf(_)) => ind,
            (L::NegInf, Unp::Inf(_)) => (F80::inf(!ys), d, false),
            (L::NegInf, _) => (F80::inf(!ys), d | exc::ZE, false),
            (L::PosInf, _) => (F80::inf(ys), d, false),
            (L::Zero(ln), _) => (F80::zero(ys != ln), d, false),
            (L::W(w, _), Unp::Inf(_)) => (F80::inf(ys != w.neg), d, false),
            (L::W(w, _), Unp::Zero(_)) => (F80::zero(ys != w.neg), d, false),
            (L::W(w, t), Unp::Fin { neg, exp, sig, .. }) => {
                let p = w.times(Wide::from_fin(neg, exp, sig));
                let (v, e, up) = wide_res(p, t, rc);
                (v, e | d, up)
            }
            _ => ind,
        }
    }

    /// FPATAN: ST(1) ← atan2(ST(1), ST(0)), pop.
    pub fn fpatan(&mut self) {
        if self.is_empty(0) || self.is_empty(1) {
            if self.underflow() {
                self.set_st(1, F80::INDEFINITE);
                self.pop();
            }
            return;
        }
        let (x, y) = (self.st(0), self.st(1));
        let rc = self.rc();
        let r = if let Some(r) = fpu::nan2(x, y) {
            r
        } else {
            let (ux, uy) = (soft::unpack(x), soft::unpack(y));
            let d = fpu::den(ux) | fpu::den(uy);
            let (xs, ys) = (sign_of(ux), sign_of(uy));
            let signed = |w: Wide| if ys { w.negate() } else { w };
            let pi_or = |w: Wide| if xs { wide::PI.minus(w) } else { w };
            let (w, tail) = match (uy, ux) {
                (Unp::Zero(_), _) => (if xs { wide::PI } else { Wide::ZERO }, Tail::Bigger),
                (Unp::Inf(_), Unp::Inf(_)) => (pi_or(wide::PI_4), Tail::Bigger),
                (Unp::Inf(_), _) | (_, Unp::Zero(_)) => (wide::PI_2, Tail::Bigger),
                (_, Unp::Inf(_)) => (if xs { wide::PI } else { Wide::ZERO }, Tail::Bigger),
                (
                    Unp::Fin {
                        exp: ey, sig: my, ..
                    },
                    Unp::Fin {
                        exp: ex, sig: mx, ..
                    },
                ) => {
                    let (a, b) = (Wide::from_fin(false, ey, my), Wide::from_fin(false, ex, mx));
                    let (t, tail) = if (ey, my) <= (ex, mx) {
                        (atan01(a.over(b)), Tail::Smaller)
                    } else {
                        (wide::PI_2.minus(atan01(b.over(a))), Tail::Bigger)
                    };
                    (pi_or(t), if xs { Tail::Bigger } else { tail })
                }
                _ => (Wide::ZERO, Tail::Exact),
            };
            if w.is_zero() {
                (F80::zero(ys), d, false)
            } else {
                let (v, e, up) = wide_res(signed(w), tail, rc);
                (v, e | d, up)
            }
        };
        self.deliver(1, r, true);
    }

    /// FSCALE: ST(0) ← ST(0)·2^trunc(ST(1)).
    pub fn fscale(&mut self) {
        if self.is_empty(0) || self.is_empty(1) {
            if self.underflow() {
                self.set_st(0, F80::INDEFINITE);
            }
            return;
        }
        let (x, y) = (self.st(0), self.st(1));
        let r = if let Some(r) = fpu::nan2(x, y) {
            r
        } else {
            let (ux, uy) = (soft::unpack(x), soft::unpack(y));
            let d = fpu::den(ux) | fpu::den(uy);
            let ind = (F80::INDEFINITE, exc::IE | d, false);
            match (ux, uy) {
                (Unp::Zero(_), Unp::Inf(false)) | (Unp::Inf(_), Unp::Inf(true)) => ind,
                (Unp::Zero(_), _) | (Unp::Inf(_), _) => (x, d, false),
                (Unp::Fin { neg, .. }, Unp::Inf(false)) => (F80::inf(neg), d, false),
                (Unp::Fin { neg, .. }, Unp::Inf(true)) => (F80::zero(neg), d, false),
                (Unp::Fin { .. }, Unp::Zero(_)) => (x, d, false),
                (
                    Unp::Fin { neg, exp, sig, .. },
                    Unp::Fin {
                        neg: yn,
                        exp: ye,
                        sig: ys,
                        ..
                    },
                ) => {
                    let n: i32 = if ye >= 30 {
                        1 << 30
                    } else {
                        let (_, q, _, _) = soft::to_int(yn, ye, ys, Rc::Zero);
                        i32::try_from(q).unwrap_or(1 << 30)
                    };
                    let n = if yn { -n } else { n };
                    let e = soft::exact(neg, u128::from(sig), exp - 63 + n, false);
                    let (v, st) = soft::finish(e, EXT, self.rc());
                    (v, st.exc | d, st.up)
                }
                _ => ind,
            }
        };
        self.deliver(0, r, false);
    }

    /// FXTRACT: ST(0) ← exponent, then push the significand.
    pub fn fxtract(&mut self) {
        if self.is_empty(0) {
            if self.underflow() {
                self.set_st(0, F80::INDEFINITE);
                self.push_raw(F80::INDEFINITE);
            }
            return;
        }
        if !self.is_empty(7) {
            if self.overflow() {
                self.set_st(0, F80::INDEFINITE);
                self.push_raw(F80::INDEFINITE);
            }
            return;
        }
        let x = self.st(0);
        let ux = soft::unpack(x);
        let (e, s, ex) = match ux {
            Unp::Zero(n) => (F80::inf(true), F80::zero(n), exc::ZE),
            Unp::Inf(n) => (F80::inf(false), F80::inf(n), 0),
            Unp::Fin { neg, exp, sig, den } => (
                soft::from_i64(i64::from(exp)),
                F80 {
                    sig,
                    se: 0x3fff | if neg { 0x8000 } else { 0 },
                },
                if den { exc::DE } else { 0 },
            ),
            _ => {
                let (v, e, _) = fpu::nan1(x).unwrap_or((F80::INDEFINITE, exc::IE, false));
                (v, v, e)
            }
        };
        self.set_c1(false);
        if self.raise(ex) {
            self.set_st(0, e);
            self.push_raw(s);
        }
    }

    /// FPREM (`ieee` false: truncating quotient) and FPREM1 (`ieee` true: nearest).
    pub fn fprem(&mut self, ieee: bool) {
        if self.is_empty(0) || self.is_empty(1) {
            if self.underflow() {
                self.set_st(0, F80::INDEFINITE);
            }
            return;
        }
        let (x, y) = (self.st(0), self.st(1));
        if let Some(r) = fpu::nan2(x, y) {
            self.deliver(0, r, false);
            return;
        }
        let (ux, uy) = (soft::unpack(x), soft::unpack(y));
        let d = fpu::den(ux) | fpu::den(uy);
        let (xn, ex, mx, ey, my) = match (ux, uy) {
            (Unp::Inf(_), _) | (_, Unp::Zero(_)) => {
                self.deliver(0, (F80::INDEFINITE, exc::IE | d, false), false);
                return;
            }
            (Unp::Zero(_), _) | (Unp::Fin { .. }, Unp::Inf(_)) => {
                if self.raise(d) {
                    self.set_cc(false, false, false, false);
                    // Exact pass-through (a denormal x is normalized only if representable).
                    self.set_st(0, x);
                }
                return;
            }
            (
                Unp::Fin { neg, exp, sig, .. },
                Unp::Fin {
                    exp: e2, sig: s2, ..
                },
            ) => (neg, exp, sig, e2, s2),
            _ => {
                self.deliver(0, (F80::INDEFINITE, exc::IE | d, false), false);
                return;
            }
        };
        let dd = ex - ey;
        let (partial, shift) = if dd >= 64 {
            (true, (dd & 31) | 32)
        } else {
            (false, dd)
        };
        let (mut q, mut r, unit);
        if shift < -1 {
            q = 0u128;
            r = u128::from(mx);
            unit = ex - 63;
        } else {
            // x/y scaled: (mx·2^(shift+1)) / (2·my), remainder in units of 2^(ey−64+dd−shift).
            let num = u128::from(mx) << u32::try_from(shift + 1).unwrap_or(0);
            let den = u128::from(my) << 1;
            q = num / den;
            r = num % den;
            unit = ey - 64 + (dd - shift);
            if ieee && !partial {
                let twice = r << 1;
                if twice > den || (twice == den && q & 1 == 1) {
                    r = den - r;
                    q += 1;
                    // Sign flips: remainder is y·(q) − x in magnitude terms.
                    let res = if r == 0 {
                        F80::zero(xn)
                    } else {
                        pack_exact(!xn, r, unit, self.rc())
                    };
                    self.finish_prem(res, d, q, partial);
                    return;
                }
            }
        }
        let res = if r == 0 {
            F80::zero(xn)
        } else {
            pack_exact(xn, r, unit, self.rc())
        };
        self.finish_prem(res, d, q, partial);
    }

    fn finish_prem(&mut self, res: F80, d: u16, q: u128, partial: bool) {
        // Denormal results are exact; UE is raised only if unmasked-tiny (not modelled).
        if self.raise(d) {
            let bit = |n: u32| (q >> n) & 1 == 1;
            if partial {
                let c = self.fsw;
                self.set_cc(c & sw::C3 != 0, true, c & sw::C1 != 0, c & sw::C0 != 0);
            } else {
                self.set_cc(bit(1), false, bit(0), bit(2));
            }
            self.set_st(0, res);
        }
    }
}

fn pack_exact(neg: bool, r: u128, lsb: i32, rc: Rc) -> F80 {
    soft::finish(soft::exact(neg, r, lsb, false), EXT, rc).0
}

/// atan z for 0 ≤ z ≤ 1.
fn atan01(z: Wide) -> Wide {
    // tan(π/8) ≈ 0.41421: above it use atan z = π/4 + atan((z−1)/(z+1)).
    let threshold = Wide::from_parts(false, -2, 0xd413_cccf_e779_9211_65f6_26cd_d52a_fa7c);
    if (z.exp, z.sig) > (threshold.exp, threshold.sig) {
        let t = z.minus(Wide::ONE).over(z.plus(Wide::ONE));
        wide::PI_4.plus(wide::atan_kernel(t))
    } else {
        wide::atan_kernel(z)
    }
}
