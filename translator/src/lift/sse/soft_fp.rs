//! Floating-point helpers: ROUNDxx in software, RCPxx/RSQRTxx by qvm's own rule,
//! and conversions rounded by the guest's MXCSR.
//!
//! Helpers run while the guest's MXCSR is installed in the host MXCSR (see
//! [`crate::exec`]), so the live register holds the guest's rounding mode, DAZ/FTZ
//! and exception flags; helpers read it with `stmxcsr` and add exception flags to it
//! with `ldmxcsr`, and an unmasked exception ends the run with SIGFPE as the
//! hardware's #XM does under Linux.

use super::soft::{byte0, byte_at, dwords, from_dwords, join, qwords, split};
use crate::exec::raise_fault;
use crate::state::{signal, CpuState};

/// MXCSR invalid-operation flag.
const IE: u32 = 1;
/// MXCSR precision flag.
const PE: u32 = 0x20;
/// MXCSR denormals-are-zero.
const DAZ: u32 = 0x40;

/// The live (guest) MXCSR.
pub(super) fn live_mxcsr() -> u32 {
    let mut v: u32 = 0;
    // SAFETY: stmxcsr writes 4 bytes to the given stack slot.
    unsafe { core::arch::asm!("stmxcsr [{}]", in(reg) &mut v, options(nostack)) };
    v
}

/// Adds exception `flags` to the live MXCSR; an unmasked one raises SIGFPE before the
/// destination is written (as #XM does).
///
/// # Safety
/// `state` must be the live state of a helper called by compiled code.
unsafe fn signal_fp(state: *mut CpuState, flags: u32) {
    if flags == 0 {
        return;
    }
    let mx = live_mxcsr() | flags;
    // SAFETY: `mx` is the live MXCSR plus exception flag bits, all valid.
    unsafe { core::arch::asm!("ldmxcsr [{}]", in(reg) &mx, options(nostack)) };
    if flags & !(mx >> 7) & 0x3f != 0 {
        // SAFETY: caller contract.
        unsafe { raise_fault(state, signal::SIGFPE, 0) }
    }
}

/// Rounds an IEEE value (`mbits` fraction bits, `ebits` exponent bits) to an integral
/// value with `mode` (0 nearest-even, 1 down, 2 up, 3 toward zero). Returns the
/// result bits and whether it was inexact / invalid (SNaN input, which is quieted).
fn round_bits(bits: u64, mbits: u32, ebits: u32, mode: u8, daz: bool) -> (u64, bool, bool) {
    let emask = (1u64 << ebits) - 1;
    let fmask = (1u64 << mbits) - 1;
    let sign_bit = 1u64 << (mbits + ebits);
    let neg = bits & sign_bit != 0;
    let exp = (bits >> mbits) & emask;
    let frac = bits & fmask;
    let quiet = 1u64 << (mbits - 1);
    if exp == emask {
        let snan = frac != 0 && frac & quiet == 0;
        return (if frac != 0 { bits | quiet } else { bits }, false, snan);
    }
    if exp == 0 && (frac == 0 || daz) {
        return (bits & sign_bit, false, false);
    }
    let bias = emask >> 1;
    let one = bias << mbits;
    if exp < bias {
        // 0 < |x| < 1.
        let half = exp == bias - 1 && frac == 0;
        let up = match mode {
            0 => exp == bias - 1 && !half,
            1 => neg,
            2 => !neg,
            _ => false,
        };
        return ((bits & sign_bit) | if up { one } else { 0 }, true, false);
    }
    let e = exp - bias;
    if e >= u64::from(mbits) {
        return (bits, false, false);
    }
    let f = u64::from(mbits) - e;
    let mant = frac | (1u64 << mbits);
    let int = mant >> f;
    let rem = mant & ((1u64 << f) - 1);
    let halfway = 1u64 << (f - 1);
    let inc = match mode {
        0 => rem > halfway || (rem == halfway && int & 1 == 1),
        1 => neg && rem != 0,
        2 => !neg && rem != 0,
        _ => false,
    };
    let mut m = (int + u64::from(inc)) << f;
    let mut exp2 = exp;
    if m >> (mbits + 1) != 0 {
        m >>= 1;
        exp2 += 1;
    }
    (
        (bits & sign_bit) | (exp2 << mbits) | (m & fmask),
        rem != 0,
        false,
    )
}

/// ROUNDSS/SD/PS/PD (`extra` 0/1/2/3): rounds the source lanes into the destination.
/// imm bit 2 selects MXCSR.RC instead of imm bits 1:0; imm bit 3 suppresses the
/// precision exception. DAZ applies to inputs; SNaN inputs are quieted (invalid).
///
/// # Safety
/// Called by compiled code only, with the live state.
pub(super) unsafe extern "C" fn h_round(state: *mut CpuState, lo: u64, hi: u64, ctl: u64) -> u64 {
    let mx = live_mxcsr();
    let imm = byte_at(ctl, 1);
    let mode = if imm & 4 != 0 {
        u8::try_from((mx >> 13) & 3).unwrap_or(0)
    } else {
        imm & 3
    };
    let daz = mx & DAZ != 0;
    let d = usize::from(byte0(ctl) & 15);
    // SAFETY: compiled code passes the live state.
    let mut dst = join(unsafe { (*state).xmm[d] });
    let src = join([lo, hi]);
    let (mut inexact, mut invalid) = (false, false);
    match byte_at(ctl, 2) {
        0 | 2 => {
            let s = dwords(src);
            let mut r = dwords(dst);
            let n = if byte_at(ctl, 2) == 0 { 1 } else { 4 };
            for i in 0..n {
                let (v, x, iv) = round_bits(u64::from(s[i]), 23, 8, mode, daz);
                r[i] = u32::try_from(v).unwrap_or(0);
                inexact |= x;
                invalid |= iv;
            }
            dst = from_dwords(r);
        }
        _ => {
            let s = qwords(src);
            let mut r = qwords(dst);
            let n = if byte_at(ctl, 2) == 1 { 1 } else { 2 };
            for i in 0..n {
                let (v, x, iv) = round_bits(s[i], 52, 11, mode, daz);
                r[i] = v;
                inexact |= x;
                invalid |= iv;
            }
            dst = join(r);
        }
    }
    let mut flags = 0;
    if invalid {
        flags |= IE;
    }
    if inexact && imm & 8 == 0 {
        flags |= PE;
    }
    // SAFETY: compiled code passes the live state.
    unsafe {
        signal_fp(state, flags);
        (*state).xmm[d] = split(dst);
    }
    0
}

/// RCPSS/RCPPS rule for one f32 (qvm's definition; see the module doc of `sse`):
/// NaN → the NaN quieted; ±0 and ±denormal → ±inf; ±inf → ±0; otherwise the exact
/// 1/x rounded to nearest-even at 12 significant bits, and ±0 if that is below the
/// smallest normal.
pub fn rcp_f32(bits: u32) -> u32 {
    let sign = bits & 0x8000_0000;
    let exp = (bits >> 23) & 0xff;
    let frac = bits & 0x7f_ffff;
    if exp == 0xff {
        return if frac != 0 { bits | 0x40_0000 } else { sign };
    }
    if exp == 0 {
        return sign | 0x7f80_0000;
    }
    let m = u64::from(frac | 0x80_0000);
    // 2^35 / m lies in (2^11, 2^12].
    let mut q = (1u64 << 35) / m;
    let r = (1u64 << 35) % m;
    if 2 * r > m || (2 * r == m && q & 1 == 1) {
        q += 1;
    }
    let mut biased = 253 - i64::from(exp);
    if q == 1 << 12 {
        q = 1 << 11;
        biased += 1;
    }
    if biased <= 0 {
        return sign;
    }
    let e = u32::try_from(biased).unwrap_or(0);
    let f = u32::try_from(q - (1 << 11)).unwrap_or(0);
    sign | (e << 23) | (f << 12)
}

/// Integer square root (floor).
fn isqrt(n: u128) -> u128 {
    if n < 2 {
        return n;
    }
    let mut x = n;
    let mut y = x.div_ceil(2);
    while y < x {
        x = y;
        y = (x + n / x) / 2;
    }
    x
}

/// RSQRTSS/RSQRTPS rule for one f32 (qvm's definition): NaN → quieted; ±0 and
/// ±denormal → ±inf; +inf → +0; negative (including -inf) → the default NaN
/// 0xFFC00000; otherwise the exact 1/sqrt(x) rounded to nearest-even at 12
/// significant bits.
pub fn rsqrt_f32(bits: u32) -> u32 {
    let sign = bits & 0x8000_0000;
    let exp = (bits >> 23) & 0xff;
    let frac = bits & 0x7f_ffff;
    if exp == 0xff && frac != 0 {
        return bits | 0x40_0000;
    }
    if exp == 0 {
        return sign | 0x7f80_0000;
    }
    if sign != 0 {
        return 0xffc0_0000;
    }
    if exp == 0xff {
        return 0;
    }
    // x = m * 2^e2 with e2 even.
    let mut m = u128::from(frac | 0x80_0000);
    let mut e2 = i64::from(exp) - 150;
    if e2 & 1 != 0 {
        m *= 2;
        e2 -= 1;
    }
    // s = floor(2^52 / sqrt(m)) = floor(sqrt(floor(2^104 / m))).
    let s = isqrt((1u128 << 104) / m);
    let exact = s * s * m == 1u128 << 104;
    let nb = 128 - s.leading_zeros();
    let sh = nb - 12;
    let mut q = s >> sh;
    let rem = s & ((1u128 << sh) - 1);
    let half = 1u128 << (sh - 1);
    if rem > half || (rem == half && (!exact || q & 1 == 1)) {
        q += 1;
    }
    let mut shift = i64::from(sh);
    if q == 1 << 12 {
        q = 1 << 11;
        shift += 1;
    }
    // value = q * 2^(shift - 52 - e2/2); q has 12 significant bits.
    let biased = 11 + shift - 52 - e2 / 2 + 127;
    let e = u32::try_from(biased).unwrap_or(0);
    let f = u32::try_from(q - (1 << 11)).unwrap_or(0);
    (e << 23) | (f << 12)
}

/// RCPSS/RCPPS/RSQRTSS/RSQRTPS (`extra` bit 0: rsqrt; bit 1: packed).
///
/// # Safety
/// Called by compiled code only, with the live state.
pub(super) unsafe extern "C" fn h_rcp(state: *mut CpuState, lo: u64, hi: u64, ctl: u64) -> u64 {
    let d = usize::from(byte0(ctl) & 15);
    let extra = byte_at(ctl, 2);
    let f: fn(u32) -> u32 = if extra & 1 != 0 { rsqrt_f32 } else { rcp_f32 };
    let n = if extra & 2 != 0 { 4 } else { 1 };
    let src = dwords(join([lo, hi]));
    // SAFETY: compiled code passes the live state.
    let s = unsafe { &mut *state };
    let mut r = dwords(join(s.xmm[d]));
    for i in 0..n {
        r[i] = f(src[i]);
    }
    s.xmm[d] = split(from_dwords(r));
    0
}

/// CVTSS2SI/CVTSD2SI, rounded by the live MXCSR (the host instruction has the same,
/// IEEE-defined result on every x86-64: NaN and out-of-range give the integer
/// indefinite). `kind`: bit 0 = 64-bit result, bit 1 = double source.
///
/// # Safety
/// Called by compiled code only.
pub(super) unsafe extern "C" fn h_cvt2si(
    _state: *mut CpuState,
    bits: u64,
    kind: u64,
    _c: u64,
) -> u64 {
    use core::arch::x86_64::{
        _mm_cvtsd_si32, _mm_cvtsd_si64, _mm_cvtss_si32, _mm_cvtss_si64, _mm_set_sd, _mm_set_ss,
    };
    let f32v = || f32::from_bits(u32::try_from(bits & 0xffff_ffff).unwrap_or(0));
    let f64v = || f64::from_bits(bits);
    // SAFETY: SSE and SSE2 are part of the x86-64 baseline every host has.
    unsafe {
        match kind & 3 {
            0 => u64::from(_mm_cvtss_si32(_mm_set_ss(f32v())).cast_unsigned()),
            1 => _mm_cvtss_si64(_mm_set_ss(f32v())).cast_unsigned(),
            2 => u64::from(_mm_cvtsd_si32(_mm_set_sd(f64v())).cast_unsigned()),
            _ => _mm_cvtsd_si64(_mm_set_sd(f64v())).cast_unsigned(),
        }
    }
}

/// CVTPS2DQ (`extra` 0) and CVTPD2DQ (`extra` 1), rounded by the live MXCSR through
/// the host instruction (IEEE-defined, identical on every x86-64).
///
/// # Safety
/// Called by compiled code only, with the live state.
pub(super) unsafe extern "C" fn h_cvt2dq(state: *mut CpuState, lo: u64, hi: u64, ctl: u64) -> u64 {
    use core::arch::x86_64::{
        __m128i, _mm_castsi128_pd, _mm_castsi128_ps, _mm_cvtpd_epi32, _mm_cvtps_epi32,
    };
    let d = usize::from(byte0(ctl) & 15);
    let src: __m128i = unsafe_transmute(join([lo, hi]));
    // SAFETY: SSE2 is part of the x86-64 baseline every host has.
    let r: __m128i = unsafe {
        if byte_at(ctl, 2) == 0 {
            _mm_cvtps_epi32(_mm_castsi128_ps(src))
        } else {
            _mm_cvtpd_epi32(_mm_castsi128_pd(src))
        }
    };
    // SAFETY: compiled code passes the live state.
    unsafe { (*state).xmm[d] = split(from_m128i(r)) };
    0
}

/// A u128 as an SSE register value.
fn unsafe_transmute(v: u128) -> core::arch::x86_64::__m128i {
    // SAFETY: both types are 16 bytes of plain bits.
    unsafe { core::mem::transmute::<u128, core::arch::x86_64::__m128i>(v) }
}

/// An SSE register value as a u128.
fn from_m128i(v: core::arch::x86_64::__m128i) -> u128 {
    // SAFETY: both types are 16 bytes of plain bits.
    unsafe { core::mem::transmute::<core::arch::x86_64::__m128i, u128>(v) }
}
