//! A 128-bit-significand soft float for the transcendental instructions.
//!
//! Values are `sig × 2^(exp−127)` with `sig` normalized (bit 127 set) or zero.
//! Every operation rounds to nearest at 128 bits (errors of about 2^-127 relative
//! per operation), so a kernel of a few dozen operations keeps well over 100
//! correct bits before the one final rounding to the 64-bit x87 format.

/// A wide value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Wide {
    /// Sign.
    pub neg: bool,
    /// Exponent of bit 127.
    pub exp: i32,
    /// Significand (bit 127 set) or 0 for zero.
    pub sig: u128,
}

fn i32_of(v: u32) -> i32 {
    i32::try_from(v).unwrap_or(i32::MAX)
}

/// π.
pub const PI: Wide = Wide::from_parts(false, 1, 0xc90fdaa22168c234c4c6628b80dc1cd1);
/// π/2.
pub const PI_2: Wide = Wide::from_parts(false, 0, 0xc90fdaa22168c234c4c6628b80dc1cd1);
/// π/4.
pub const PI_4: Wide = Wide::from_parts(false, -1, 0xc90fdaa22168c234c4c6628b80dc1cd1);
/// ln 2.
pub const LN2: Wide = Wide::from_parts(false, -1, 0xb17217f7d1cf79abc9e3b39803f2f6af);
/// log2 e.
pub const LOG2_E: Wide = Wide::from_parts(false, 0, 0xb8aa3b295c17f0bbbe87fed0691d3e89);
/// log2 10.
pub const LOG2_10: Wide = Wide::from_parts(false, 1, 0xd49a784bcd1b8afe492bf6ff4dafdb4d);
/// log10 2.
pub const LOG10_2: Wide = Wide::from_parts(false, -2, 0x9a209a84fbcff7988f8959ac0b7c9178);
/// 2/π as a 640-bit binary fraction, most significant word first (computed with
/// mpmath at 1200 bits; used for Payne–Hanek argument reduction).
pub const TWO_OVER_PI: [u64; 10] = [
    0xa2f9836e4e441529,
    0xfc2757d1f534ddc0,
    0xdb6295993c439041,
    0xfe5163abdebbc561,
    0xb7246e3a424dd2e0,
    0x06492eea09d1921c,
    0xfe1deb1cb129a73e,
    0xe88235f52ebb4484,
    0xe99c7026b45f7e41,
    0x3991d639835339f4,
];

impl Wide {
    /// Builds a value from its parts.
    pub const fn from_parts(neg: bool, exp: i32, sig: u128) -> Wide {
        Wide { neg, exp, sig }
    }
    /// Zero.
    pub const ZERO: Wide = Wide {
        neg: false,
        exp: 0,
        sig: 0,
    };
    /// One.
    pub const ONE: Wide = Wide {
        neg: false,
        exp: 0,
        sig: 1 << 127,
    };

    /// From a nonzero or zero `s × 2^lsb`.
    pub fn from_int(neg: bool, s: u128, lsb: i32) -> Wide {
        if s == 0 {
            return Wide::ZERO;
        }
        let lz = s.leading_zeros();
        Wide {
            neg,
            exp: lsb + 127 - i32_of(lz),
            sig: s << lz,
        }
    }
    /// From a small signed integer.
    pub fn from_i64(v: i64) -> Wide {
        Wide::from_int(v < 0, u128::from(v.unsigned_abs()), 0)
    }
    /// From an unpacked finite x87 value `sig × 2^(exp−63)`.
    pub fn from_fin(neg: bool, exp: i32, sig: u64) -> Wide {
        Wide::from_int(neg, u128::from(sig), exp - 63)
    }
    /// Whether zero.
    pub fn is_zero(self) -> bool {
        self.sig == 0
    }
    /// Negation.
    pub fn negate(self) -> Wide {
        Wide {
            neg: !self.neg,
            ..self
        }
    }
    /// Absolute value.
    pub fn abs(self) -> Wide {
        Wide { neg: false, ..self }
    }
    /// Multiplies by 2^n.
    pub fn scale(self, n: i32) -> Wide {
        if self.is_zero() {
            self
        } else {
            Wide {
                exp: self.exp + n,
                ..self
            }
        }
    }

    /// Rounds a 129-bit-or-more result held as (hi: top 128 bits, round bit) into a Wide.
    fn rounded(neg: bool, exp: i32, sig: u128, round_bit: bool) -> Wide {
        if round_bit {
            match sig.checked_add(1) {
                Some(s) => Wide { neg, exp, sig: s },
                None => Wide {
                    neg,
                    exp: exp + 1,
                    sig: 1 << 127,
                },
            }
        } else {
            Wide { neg, exp, sig }
        }
    }

    /// Sum.
    pub fn plus(self, o: Wide) -> Wide {
        if self.is_zero() {
            return o;
        }
        if o.is_zero() {
            return self;
        }
        let (x, y) = if (self.exp, self.sig) >= (o.exp, o.sig) {
            (self, o)
        } else {
            (o, self)
        };
        let d = u32::try_from(x.exp - y.exp).unwrap_or(u32::MAX);
        if d > 129 {
            return x;
        }
        // Work with 2 guard bits: x and y as 130-bit numbers held in (u128 value, guard).
        let (ys, yg) = if d == 0 {
            (y.sig, 0u8)
        } else if d >= 128 {
            (0, 0)
        } else {
            (y.sig >> d, u8::from((y.sig >> (d - 1)) & 1 == 1))
        };
        if x.neg == y.neg {
            let (s, carry) = x.sig.overflowing_add(ys);
            if carry {
                Wide::rounded(x.neg, x.exp + 1, (s >> 1) | (1 << 127), s & 1 == 1)
            } else {
                Wide::rounded(x.neg, x.exp, s, yg == 1)
            }
        } else {
            // x - y with y's guard bit: compute on (value << 1 | guard).
            let mut s = x.sig - ys;
            let mut g = 0u8;
            if yg == 1 {
                // Borrow half an ulp: s - 0.5 = (s - 1) + 0.5.
                s -= 1;
                g = 1;
            }
            if s == 0 && g == 0 {
                return Wide::ZERO;
            }
            if s == 0 {
                return Wide {
                    neg: x.neg,
                    exp: x.exp - 128,
                    sig: 1 << 127,
                };
            }
            let lz = s.leading_zeros();
            if lz == 0 {
                return Wide::rounded(x.neg, x.exp, s, g == 1 && s & 1 == 1);
            }
            let sig = (s << lz) | (u128::from(g) << (lz - 1));
            Wide {
                neg: x.neg,
                exp: x.exp - i32_of(lz),
                sig,
            }
        }
    }
    /// Difference.
    pub fn minus(self, o: Wide) -> Wide {
        self.plus(o.negate())
    }
    /// Product.
    pub fn times(self, o: Wide) -> Wide {
        if self.is_zero() || o.is_zero() {
            return Wide::ZERO;
        }
        let m = u128::from(u64::MAX);
        let (a1, a0, b1, b0) = (self.sig >> 64, self.sig & m, o.sig >> 64, o.sig & m);
        let (p00, p01, p10, p11) = (a0 * b0, a0 * b1, a1 * b0, a1 * b1);
        let mid = (p00 >> 64) + (p01 & m) + (p10 & m);
        let lo = (p00 & m) | ((mid & m) << 64);
        let hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
        let neg = self.neg != o.neg;
        let exp = self.exp + o.exp + 1;
        if hi >> 127 == 1 {
            Wide::rounded(neg, exp, hi, lo >> 127 == 1)
        } else {
            Wide::rounded(neg, exp - 1, (hi << 1) | (lo >> 127), (lo >> 126) & 1 == 1)
        }
    }
    /// Quotient (restoring division, 129 quotient bits).
    pub fn over(self, o: Wide) -> Wide {
        if self.is_zero() || o.is_zero() {
            return Wide::ZERO;
        }
        let (mut r, d) = (self.sig, o.sig);
        let mut q: u128 = 0;
        let mut exp = self.exp - o.exp;
        if r < d {
            exp -= 1;
        }
        // Long division producing 128 bits then a round bit.
        let mut first = true;
        let mut bits = 0;
        let mut round_bit = false;
        while bits < 129 {
            if !first || r < d {
                // shift r left by one (with carry out)
                let carry = r >> 127 == 1;
                r <<= 1;
                if carry || r >= d {
                    r = r.wrapping_sub(d);
                    if bits < 128 {
                        q = (q << 1) | 1
                    } else {
                        round_bit = true
                    }
                } else if bits < 128 {
                    q <<= 1;
                }
            } else {
                r -= d;
                q = 1;
            }
            first = false;
            bits += 1;
        }
        Wide::rounded(self.neg != o.neg, exp, q, round_bit)
    }
    /// Quotient by a small positive integer.
    pub fn div_small(self, d: u64) -> Wide {
        self.over(Wide::from_int(false, u128::from(d), 0))
    }
    /// Whether |self| is below 2^e (zero included).
    pub fn below(self, e: i32) -> bool {
        self.is_zero() || self.exp < e
    }
}

/// The direction of a kernel's neglected tail, in magnitude, for the final rounding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tail {
    /// The value is exact.
    Exact,
    /// The true magnitude is slightly larger than the computed one.
    Bigger,
    /// The true magnitude is slightly smaller.
    Smaller,
}

/// Sums a power series `Σ c_k` where `next(term, k)` gives term k+1 from term k,
/// stopping once a term is below 2^-132 of the first one.
fn series(first: Wide, mut next: impl FnMut(Wide, u64) -> Wide) -> Wide {
    let mut sum = first;
    let mut term = first;
    let mut k = 0u64;
    while k < 400 {
        term = next(term, k);
        k += 1;
        if term.is_zero() || term.exp < first.exp - 132 {
            break;
        }
        sum = sum.plus(term);
    }
    sum
}

/// sin r for |r| ≤ π/4 (Taylor series).
pub fn sin_kernel(r: Wide) -> Wide {
    let r2 = r.times(r);
    series(r, |t, k| {
        t.times(r2).div_small((2 * k + 2) * (2 * k + 3)).negate()
    })
}

/// cos r for |r| ≤ π/4 (Taylor series).
pub fn cos_kernel(r: Wide) -> Wide {
    let r2 = r.times(r);
    series(Wide::ONE, |t, k| {
        t.times(r2).div_small((2 * k + 1) * (2 * k + 2)).negate()
    })
}

/// e^t − 1 (Taylor series; |t| ≤ 1).
pub fn expm1_kernel(t: Wide) -> Wide {
    series(t, |term, k| term.times(t).div_small(k + 2))
}

/// 2·atanh(s) = ln((1+s)/(1−s)) (odd series; |s| ≤ 0.2).
pub fn ln_atanh_kernel(s: Wide) -> Wide {
    let s2 = s.times(s);
    // Terms s^(2k+1)/(2k+1) from the powers; track powers separately.
    let mut pow = s;
    let mut sum = s;
    for k in 1..200u64 {
        pow = pow.times(s2);
        let term = pow.div_small(2 * k + 1);
        if term.is_zero() || term.exp < s.exp - 132 {
            break;
        }
        sum = sum.plus(term);
    }
    sum.scale(1)
}

/// atan z for |z| ≤ 0.42 (odd series).
pub fn atan_kernel(z: Wide) -> Wide {
    let z2 = z.times(z);
    let mut pow = z;
    let mut sum = z;
    for k in 1..400u64 {
        pow = pow.times(z2).negate();
        let term = pow.div_small(2 * k + 1);
        if term.is_zero() || term.exp < z.exp - 132 {
            break;
        }
        sum = sum.plus(term);
    }
    sum
}

/// ln x for finite x > 0 given as `sig × 2^(exp−63)`: x = m·2^e with m in
/// [√½, √2), ln x = e·ln2 + 2·atanh((m−1)/(m+1)). Returns (ln x as log2 x, exact?):
/// the result is log2 x directly (e + ln m · log2 e).
pub fn log2_fin(exp: i32, sig: u64) -> (Wide, bool) {
    let mut e = exp;
    let mut m = Wide::from_fin(false, 0, sig); // in [1, 2)
                                               // √2 ≈ 1.6A09E667F3BCC908B2FB1366EA957D3E
    if sig > 0xb504_f333_f9de_6484 {
        m = m.scale(-1);
        e += 1;
    }
    if sig == 1 << 63 {
        return (Wide::from_i64(i64::from(e)), true);
    }
    let s = m.minus(Wide::ONE).over(m.plus(Wide::ONE));
    let l = ln_atanh_kernel(s).times(LOG2_E);
    (Wide::from_i64(i64::from(e)).plus(l), false)
}

/// Payne–Hanek reduction of |x| = `sig × 2^(exp−63)` (exp ≤ 62) by π/2: returns
/// (k mod 4, r) with |x| = k·π/2 + r, |r| ≤ π/4.
pub fn reduce_pio2(exp: i32, sig: u64) -> (u32, Wide) {
    if exp < -1 {
        return (0, Wide::from_fin(false, exp, sig));
    }
    // P = sig × C (C = 2/π × 2^640), little-endian 64-bit words.
    let mut p = [0u64; 11];
    for (i, &c) in TWO_OVER_PI.iter().rev().enumerate() {
        let prod = u128::from(sig) * u128::from(c) + u128::from(p[i]);
        p[i] = low64(prod);
        p[i + 1] = low64(prod >> 64);
    }
    // x·2/π = P × 2^(exp−703): the binary point sits at bit 703−exp.
    let point = u32::try_from(703 - exp).unwrap_or(0);
    let bit_window = |lo: u32| -> u128 {
        // 128 bits of P starting at bit `lo`.
        let mut v: u128 = 0;
        for j in 0..128u32 {
            let pos = lo + j;
            let w = usize::try_from(pos / 64).unwrap_or(0);
            if w < p.len() && (p[w] >> (pos % 64)) & 1 == 1 {
                v |= 1u128 << j;
            }
        }
        v
    };
    let int = bit_window(point) & 3;
    let fhi = bit_window(point - 128);
    let flo = bit_window(point - 256);
    let mut k = u32::try_from(int).unwrap_or(0);
    // f = (fhi, flo) / 2^256 in [0, 1); if f ≥ ½ use f − 1 and k + 1.
    let (neg, hi, lo) = if fhi >> 127 == 1 {
        k += 1;
        let (l, borrow) = 0u128.overflowing_sub(flo);
        let h = 0u128.wrapping_sub(fhi).wrapping_sub(u128::from(borrow));
        (true, h, l)
    } else {
        (false, fhi, flo)
    };
    let f = if hi != 0 {
        let lz = hi.leading_zeros();
        let sig = if lz == 0 {
            hi
        } else {
            (hi << lz) | (lo >> (128 - lz))
        };
        Wide {
            neg,
            exp: -1 - i32_of(lz),
            sig,
        }
    } else {
        Wide::from_int(neg, lo, -256)
    };
    (k & 3, f.times(PI_2))
}

#[allow(clippy::cast_possible_truncation)]
fn low64(v: u128) -> u64 {
    v as u64 // keeping the low half is the point
}
