//! The soft-float core: IEEE arithmetic on the x87 80-bit format, written for qvm
//! (not `rustc_apfloat`, which has no precision control, no square root and no
//! x87 flag semantics such as the C1 "rounded up" bit or the denormal-operand
//! exception).
//!
//! Every operation is exact-then-round-once: operands are unpacked into an integer
//! significand and an unbounded exponent, the exact result (or a result with enough
//! guard bits plus a sticky bit) is formed in `u128`, and [`round`] rounds it once to
//! the destination [`Fmt`] (precision 24/53/64 bits with the x87 register exponent
//! range, or the IEEE single/double formats for stores) under the rounding control.
//! Tininess is detected *after* rounding (as on x86); a masked underflow is flagged
//! only when the tiny result is also inexact.

/// Exception bits, as in the FSW and the FCW mask field.
pub mod exc {
    /// Invalid operation.
    pub const IE: u16 = 0x01;
    /// Denormal operand.
    pub const DE: u16 = 0x02;
    /// Zero divide.
    pub const ZE: u16 = 0x04;
    /// Overflow.
    pub const OE: u16 = 0x08;
    /// Underflow.
    pub const UE: u16 = 0x10;
    /// Precision (inexact).
    pub const PE: u16 = 0x20;
    /// Stack fault (with IE).
    pub const SF: u16 = 0x40;
}

/// An 80-bit extended value as stored: explicit-integer-bit significand and
/// sign/exponent word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct F80 {
    /// Significand, bit 63 is the integer bit.
    pub sig: u64,
    /// Sign (bit 15) and biased exponent (bits 0..15).
    pub se: u16,
}

impl F80 {
    /// +0.
    pub const ZERO: F80 = F80 { sig: 0, se: 0 };
    /// +1.
    pub const ONE: F80 = F80 {
        sig: 1 << 63,
        se: 0x3fff,
    };
    /// The "real indefinite" QNaN produced by masked invalid operations.
    pub const INDEFINITE: F80 = F80 {
        sig: 0xc000_0000_0000_0000,
        se: 0xffff,
    };

    /// Sign bit.
    pub fn is_neg(self) -> bool {
        self.se & 0x8000 != 0
    }
    /// Biased exponent.
    pub fn bexp(self) -> u16 {
        self.se & 0x7fff
    }
    /// The value with the sign flipped.
    pub fn chs(self) -> F80 {
        F80 {
            sig: self.sig,
            se: self.se ^ 0x8000,
        }
    }
    /// The value with the sign cleared.
    pub fn abs(self) -> F80 {
        F80 {
            sig: self.sig,
            se: self.se & 0x7fff,
        }
    }
    /// From the 10 little-endian bytes of memory.
    pub fn from_bytes(b: [u8; 10]) -> F80 {
        let mut s = [0u8; 8];
        s.copy_from_slice(&b[..8]);
        F80 {
            sig: u64::from_le_bytes(s),
            se: u16::from_le_bytes([b[8], b[9]]),
        }
    }
    /// To 10 little-endian bytes.
    pub fn to_bytes(self) -> [u8; 10] {
        let mut b = [0u8; 10];
        b[..8].copy_from_slice(&self.sig.to_le_bytes());
        b[8..].copy_from_slice(&self.se.to_le_bytes());
        b
    }
    /// Signed zero.
    pub fn zero(neg: bool) -> F80 {
        F80 {
            sig: 0,
            se: if neg { 0x8000 } else { 0 },
        }
    }
    /// Signed infinity.
    pub fn inf(neg: bool) -> F80 {
        F80 {
            sig: 1 << 63,
            se: if neg { 0xffff } else { 0x7fff },
        }
    }
    /// Whether this is a signalling NaN.
    pub fn is_snan(self) -> bool {
        matches!(unpack(self), Unp::SNaN)
    }
    /// The NaN quieted (bit 62 set).
    pub fn quiet(self) -> F80 {
        F80 {
            sig: self.sig | (1 << 62),
            se: self.se,
        }
    }
}

/// Rounding control (FCW bits 10..12, same encoding).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rc {
    /// To nearest, ties to even.
    Nearest,
    /// Toward −∞.
    Down,
    /// Toward +∞.
    Up,
    /// Toward zero.
    Zero,
}

impl Rc {
    /// From the FCW.
    pub fn from_fcw(fcw: u16) -> Rc {
        match (fcw >> 10) & 3 {
            0 => Rc::Nearest,
            1 => Rc::Down,
            2 => Rc::Up,
            _ => Rc::Zero,
        }
    }
}

/// A destination format: significand precision and normal exponent range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fmt {
    /// Significand bits including the integer bit (24, 53 or 64).
    pub prec: u32,
    /// Smallest normal exponent.
    pub emin: i32,
    /// Largest exponent.
    pub emax: i32,
}

/// The x87 register format at 64-bit precision.
pub const EXT: Fmt = Fmt {
    prec: 64,
    emin: -16382,
    emax: 16383,
};
/// IEEE single.
pub const SINGLE: Fmt = Fmt {
    prec: 24,
    emin: -126,
    emax: 127,
};
/// IEEE double.
pub const DOUBLE: Fmt = Fmt {
    prec: 53,
    emin: -1022,
    emax: 1023,
};

impl Fmt {
    /// The register format under precision control `pc` (FCW bits 8..10).
    pub fn from_pc(fcw: u16) -> Fmt {
        let prec = match (fcw >> 8) & 3 {
            0 => 24,
            2 => 53,
            _ => 64, // 1 is reserved; qvm treats it as 64-bit precision
        };
        Fmt { prec, ..EXT }
    }
}

/// An unpacked operand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unp {
    /// ±0.
    Zero(bool),
    /// A finite nonzero value `sig × 2^(exp−63)`, `sig` normalized (bit 63 set).
    Fin {
        /// Sign.
        neg: bool,
        /// Exponent of the leading bit.
        exp: i32,
        /// Significand.
        sig: u64,
        /// The encoding was denormal or pseudo-denormal (raises DE when used).
        den: bool,
    },
    /// ±∞.
    Inf(bool),
    /// Quiet NaN.
    QNaN,
    /// Signalling NaN.
    SNaN,
    /// Unsupported encoding (unnormal, pseudo-NaN, pseudo-infinity): invalid.
    Bad,
}

fn i32_of(v: u16) -> i32 {
    i32::from(v)
}

/// Classifies and unpacks an 80-bit value.
pub fn unpack(v: F80) -> Unp {
    let neg = v.is_neg();
    let e = v.bexp();
    let int = v.sig >> 63 != 0;
    match e {
        0 => {
            if v.sig == 0 {
                Unp::Zero(neg)
            } else {
                // Denormal (or pseudo-denormal, integer bit set): weight of bit 63 is 2^-16382.
                let lz = v.sig.leading_zeros();
                Unp::Fin {
                    neg,
                    exp: -16382 - i32_from_u32(lz),
                    sig: v.sig << lz,
                    den: true,
                }
            }
        }
        0x7fff => {
            if !int {
                Unp::Bad
            } else if v.sig << 1 == 0 {
                Unp::Inf(neg)
            } else if v.sig & (1 << 62) != 0 {
                Unp::QNaN
            } else {
                Unp::SNaN
            }
        }
        _ if !int => Unp::Bad,
        _ => Unp::Fin {
            neg,
            exp: i32_of(e) - 16383,
            sig: v.sig,
            den: false,
        },
    }
}

fn i32_from_u32(v: u32) -> i32 {
    i32::try_from(v).unwrap_or(i32::MAX)
}

/// The result of rounding: a value ready to pack into a format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rounded {
    /// ±0.
    Zero(bool),
    /// `q × 2^lsb` with `q < 2^prec` (normalized unless denormal).
    Fin {
        /// Sign.
        neg: bool,
        /// Integer significand.
        q: u64,
        /// Weight of its lowest bit.
        lsb: i32,
    },
    /// ±∞ (overflow).
    Inf(bool),
}

/// Exception flags and the C1 rounding indicator of one rounding.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Status {
    /// Exception bits ([`exc`]).
    pub exc: u16,
    /// The result was rounded up in magnitude (x87 C1).
    pub up: bool,
}

/// Rounds `sig` (a `u128` integer) right by `shift` bits under `rc`; `sticky` says
/// nonzero bits exist below `sig`. Returns (quotient, inexact, rounded up).
pub fn round_shift(sig: u128, shift: u32, sticky: bool, neg: bool, rc: Rc) -> (u128, bool, bool) {
    let (q, above, half, below) = if shift == 0 {
        (sig, false, false, sticky)
    } else if shift > 128 {
        (0, false, false, sig != 0 || sticky)
    } else {
        let q = if shift == 128 { 0 } else { sig >> shift };
        let r = if shift == 128 {
            sig
        } else {
            sig & ((1u128 << shift) - 1)
        };
        let h = 1u128 << (shift - 1);
        (
            q,
            r > h || (r == h && sticky),
            r == h && !sticky,
            r != 0 || sticky,
        )
    };
    let inexact = above || half || below;
    let up = match rc {
        Rc::Nearest => above || (half && q & 1 == 1),
        Rc::Up => inexact && !neg,
        Rc::Down => inexact && neg,
        Rc::Zero => false,
    };
    (q + u128::from(up), inexact, up)
}

/// Rounds the exact value `sig × 2^(exp−127)` (`sig` normalized, bit 127 set;
/// `sticky` = nonzero bits below) to `fmt` under `rc`.
pub fn round(neg: bool, exp: i32, sig: u128, sticky: bool, fmt: Fmt, rc: Rc) -> (Rounded, Status) {
    debug_assert!(sig >> 127 == 1);
    let base = 128 - fmt.prec;
    let extra = u32::try_from(fmt.emin.saturating_sub(exp)).unwrap_or(0);
    let shift = base.saturating_add(extra);
    let (mut q, inexact, up) = round_shift(sig, shift, sticky, neg, rc);
    let mut lsb = if extra > 0 {
        fmt.emin - i32_from_u32(fmt.prec) + 1
    } else {
        exp - 127 + i32_from_u32(base)
    };
    if q >> fmt.prec != 0 {
        q >>= 1;
        lsb += 1;
    }
    let mut st = Status {
        exc: if inexact { exc::PE } else { 0 },
        up,
    };
    // Tininess after rounding: the result rounded with an unbounded exponent is below 2^emin.
    let tiny = exp < fmt.emin - 1
        || (exp == fmt.emin - 1 && round_shift(sig, base, sticky, neg, rc).0 >> fmt.prec == 0);
    if tiny && inexact {
        st.exc |= exc::UE;
    }
    if q == 0 {
        return (Rounded::Zero(neg), st);
    }
    let top = lsb + 127 - i32_from_u32(q.leading_zeros());
    if top > fmt.emax {
        st.exc |= exc::OE | exc::PE;
        let to_inf = match rc {
            Rc::Nearest => true,
            Rc::Zero => false,
            Rc::Up => !neg,
            Rc::Down => neg,
        };
        st.up = to_inf;
        if to_inf {
            return (Rounded::Inf(neg), st);
        }
        let q = if fmt.prec >= 64 {
            u64::MAX
        } else {
            (1u64 << fmt.prec) - 1
        };
        return (
            Rounded::Fin {
                neg,
                q,
                lsb: fmt.emax - i32_from_u32(fmt.prec) + 1,
            },
            st,
        );
    }
    (
        Rounded::Fin {
            neg,
            q: u64::try_from(q).unwrap_or(u64::MAX),
            lsb,
        },
        st,
    )
}

/// Packs a rounded value into the 80-bit format.
pub fn pack80(r: Rounded) -> F80 {
    match r {
        Rounded::Zero(n) => F80::zero(n),
        Rounded::Inf(n) => F80::inf(n),
        Rounded::Fin { neg, q, lsb } => {
            let s = if neg { 0x8000 } else { 0 };
            let lead = 63 - i32_from_u32(q.leading_zeros());
            let top = lsb + lead;
            if top >= EXT.emin {
                let sig = q << (63 - lead);
                F80 {
                    sig,
                    se: s | u16::try_from(top + 16383).unwrap_or(0x7ffe),
                }
            } else {
                // Denormal: bit 63 weighs 2^emin, so bit 0 weighs 2^(emin-63).
                let sh = u32::try_from(lsb - (EXT.emin - 63)).unwrap_or(0);
                F80 {
                    sig: q << sh,
                    se: s,
                }
            }
        }
    }
}

/// Packs a rounded value into an IEEE format of `fmt` (single or double) as raw bits.
pub fn pack_ieee(r: Rounded, fmt: Fmt) -> u64 {
    let mbits = fmt.prec - 1;
    let ebits = if fmt.prec == 24 { 8 } else { 11 };
    let sign_bit = 1u64 << (mbits + ebits);
    let emask = (1u64 << ebits) - 1;
    match r {
        Rounded::Zero(n) => {
            if n {
                sign_bit
            } else {
                0
            }
        }
        Rounded::Inf(n) => (if n { sign_bit } else { 0 }) | (emask << mbits),
        Rounded::Fin { neg, q, lsb } => {
            let s = if neg { sign_bit } else { 0 };
            let lead = 63 - i32_from_u32(q.leading_zeros());
            let top = lsb + lead;
            if top >= fmt.emin {
                let m = (q << (i32_from_u32(mbits) - lead).max(0)) & ((1u64 << mbits) - 1);
                let be = u64::try_from(top - fmt.emin + 1).unwrap_or(0);
                s | (be << mbits) | m
            } else {
                let sh = u32::try_from(lsb - (fmt.emin - i32_from_u32(mbits))).unwrap_or(0);
                s | (q << sh)
            }
        }
    }
}

/// Unpacks an IEEE single/double (raw bits) exactly; NaNs keep their payload.
/// Returns the 80-bit value and whether the source was denormal / a signalling NaN.
pub fn from_ieee(bits: u64, fmt: Fmt) -> (F80, bool, bool) {
    let mbits = fmt.prec - 1;
    let ebits = if fmt.prec == 24 { 8 } else { 11 };
    let neg = bits >> (mbits + ebits) & 1 != 0;
    let emask = (1u64 << ebits) - 1;
    let be = (bits >> mbits) & emask;
    let m = bits & ((1u64 << mbits) - 1);
    let s: u16 = if neg { 0x8000 } else { 0 };
    if be == emask {
        if m == 0 {
            return (F80::inf(neg), false, false);
        }
        let snan = m >> (mbits - 1) == 0;
        let sig = (1u64 << 63) | (m << (63 - mbits)) | (1 << 62);
        return (
            F80 {
                sig,
                se: s | 0x7fff,
            },
            false,
            snan,
        );
    }
    if be == 0 && m == 0 {
        return (F80::zero(neg), false, false);
    }
    let (q, lsb, den) = if be == 0 {
        (m, fmt.emin - i32_from_u32(mbits), true)
    } else {
        (
            m | (1 << mbits),
            i32::try_from(be).unwrap_or(0) + fmt.emin - 1 - i32_from_u32(mbits),
            false,
        )
    };
    (pack80(Rounded::Fin { neg, q, lsb }), den, false)
}

/// Converts a signed integer exactly.
pub fn from_i64(v: i64) -> F80 {
    if v == 0 {
        return F80::ZERO;
    }
    pack80(Rounded::Fin {
        neg: v < 0,
        q: v.unsigned_abs(),
        lsb: 0,
    })
}

/// Rounds a finite unpacked value to an integer under `rc`: returns (neg, |int| as
/// u128 saturating beyond 2^64, inexact, rounded up).
pub fn to_int(neg: bool, exp: i32, sig: u64, rc: Rc) -> (bool, u128, bool, bool) {
    if exp >= 63 {
        // Already an integer; magnitude ≥ 2^63: saturate above 2^64 for range checks.
        let v = if exp >= 64 {
            u128::MAX
        } else {
            u128::from(sig) << u32::try_from(exp - 63).unwrap_or(0)
        };
        return (neg, v, false, false);
    }
    let shift = u32::try_from(63 - exp).unwrap_or(200);
    let (q, inexact, up) = round_shift(u128::from(sig), shift, false, neg, rc);
    (neg, q, inexact, up)
}

/// The NaN result of an operation on two operands at least one of which is a NaN
/// (x87 rule, checked against hardware: a QNaN beats an SNaN; between two NaNs of
/// the same kind the larger significand wins, and on a tie the positive one).
pub fn propagate_nan(a: F80, b: F80) -> F80 {
    let (ua, ub) = (unpack(a), unpack(b));
    let an = matches!(ua, Unp::QNaN | Unp::SNaN);
    let bn = matches!(ub, Unp::QNaN | Unp::SNaN);
    match (an, bn) {
        (true, false) => a.quiet(),
        (false, true) => b.quiet(),
        _ if ua == Unp::QNaN && ub == Unp::SNaN => a,
        _ if ua == Unp::SNaN && ub == Unp::QNaN => b,
        _ => {
            let (ma, mb) = (a.sig | (1 << 62), b.sig | (1 << 62));
            if ma > mb {
                a.quiet()
            } else if mb > ma {
                b.quiet()
            } else if a.se <= b.se {
                a.quiet()
            } else {
                b.quiet()
            }
        }
    }
}

/// An exact intermediate `sig × 2^(exp−127)` with a sticky bit, or a special.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exact {
    /// A finite nonzero value (sig normalized).
    Fin {
        /// Sign.
        neg: bool,
        /// Exponent of bit 127.
        exp: i32,
        /// Significand.
        sig: u128,
        /// Nonzero bits below `sig`.
        sticky: bool,
    },
    /// A ready result (zero, infinity, NaN).
    Ready(F80),
}

/// Normalizes a nonzero `s` whose bit 0 weighs 2^`lsb` into an [`Exact`].
pub fn exact(neg: bool, s: u128, lsb: i32, sticky: bool) -> Exact {
    let lz = s.leading_zeros();
    Exact::Fin {
        neg,
        exp: lsb + 127 - i32_from_u32(lz),
        sig: s << lz,
        sticky,
    }
}

/// `a + b` for finite nonzero operands (`sub` negates b first). `rc` decides the
/// sign of an exact zero sum.
pub fn add_fin(an: bool, ae: i32, asig: u64, bn: bool, be: i32, bsig: u64, rc: Rc) -> Exact {
    // Order by magnitude: x is the larger.
    let a_big = (ae, asig) >= (be, bsig);
    let ((xn, xe, xs), (yn, ye, ys)) = if a_big {
        ((an, ae, asig), (bn, be, bsig))
    } else {
        ((bn, be, bsig), (an, ae, asig))
    };
    let x = u128::from(xs) << 62;
    let d = u32::try_from(xe - ye).unwrap_or(u32::MAX);
    let y0 = u128::from(ys) << 62;
    let y = if d >= 127 {
        1 // entirely sticky (jammed)
    } else {
        let v = y0 >> d;
        v | u128::from(v << d != y0)
    };
    let s = if xn == yn { x + y } else { x - y };
    if s == 0 {
        return Exact::Ready(F80::zero(rc == Rc::Down));
    }
    // Bit 0 of `s` weighs 2^(xe-125); the jammed bit acts as sticky in bit 0.
    exact(xn, s, xe - 125, false)
}

/// `a × b` for finite nonzero operands (exact).
pub fn mul_fin(an: bool, ae: i32, asig: u64, bn: bool, be: i32, bsig: u64) -> Exact {
    let p = u128::from(asig) * u128::from(bsig);
    exact(an != bn, p, ae + be - 126, false)
}

/// `a ÷ b` for finite nonzero operands (128 quotient bits plus sticky).
pub fn div_fin(an: bool, ae: i32, asig: u64, bn: bool, be: i32, bsig: u64) -> Exact {
    let (b, a) = (u128::from(bsig), u128::from(asig));
    let (first, lsb) = if asig >= bsig {
        (a << 63, ae - be - 127)
    } else {
        (a << 64, ae - be - 128)
    };
    let q1 = first / b;
    let r1 = first % b;
    let q2 = (r1 << 64) / b;
    let r2 = (r1 << 64) % b;
    let q = (q1 << 64) | q2;
    exact(an != bn, q, lsb, r2 != 0)
}

/// `√a` for finite positive `a` (96 root bits plus sticky).
pub fn sqrt_fin(ae: i32, asig: u64) -> Exact {
    // Radicand N = asig << t with (ae - 63 - t) even, N < 2^192.
    let t: u32 = if (ae - 63 - 128).rem_euclid(2) == 0 {
        128
    } else {
        127
    };
    let words: [u64; 3] = if t == 128 {
        [0, 0, asig]
    } else {
        [0, (asig & 1) << 63, asig >> 1]
    };
    let bit = |i: u32| -> u128 {
        let w = words[usize::try_from(i / 64).unwrap_or(0)];
        u128::from((w >> (i % 64)) & 1)
    };
    let (mut rem, mut root) = (0u128, 0u128);
    for k in (0..96u32).rev() {
        rem = (rem << 2) | (bit(2 * k + 1) << 1) | bit(2 * k);
        let trial = (root << 2) | 1;
        if rem >= trial {
            rem -= trial;
            root = (root << 1) | 1;
        } else {
            root <<= 1;
        }
    }
    let half = (ae - 63 - i32_from_u32(t)) / 2;
    exact(false, root, half, rem != 0)
}

/// Rounds an [`Exact`] into the register format `fmt`.
pub fn finish(e: Exact, fmt: Fmt, rc: Rc) -> (F80, Status) {
    match e {
        Exact::Ready(v) => (v, Status::default()),
        Exact::Fin {
            neg,
            exp,
            sig,
            sticky,
        } => {
            let (r, st) = round(neg, exp, sig, sticky, fmt, rc);
            (pack80(r), st)
        }
    }
}

/// Total order compare of two non-NaN operands: -1, 0, 1.
pub fn compare(a: Unp, b: Unp) -> i8 {
    fn key(u: Unp) -> (i8, i32, u64) {
        // Magnitude key: zero < finite < infinity.
        match u {
            Unp::Zero(_) => (0, 0, 0),
            Unp::Fin { exp, sig, .. } => (1, exp, sig),
            _ => (2, 0, 0),
        }
    }
    fn sign(u: Unp) -> bool {
        match u {
            Unp::Zero(_) => false,
            Unp::Fin { neg, .. } | Unp::Inf(neg) => neg,
            _ => false,
        }
    }
    let (ka, kb) = (key(a), key(b));
    if ka.0 == 0 && kb.0 == 0 {
        return 0;
    }
    let (sa, sb) = (sign(a), sign(b));
    if sa != sb {
        return if sa { -1 } else { 1 };
    }
    let c = match ka.cmp(&kb) {
        core::cmp::Ordering::Less => -1,
        core::cmp::Ordering::Equal => 0,
        core::cmp::Ordering::Greater => 1,
    };
    if sa {
        -c
    } else {
        c
    }
}
