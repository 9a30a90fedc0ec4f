//! Rust helpers for SSE instructions that have no short micro-op form: faults
//! (alignment, LDMXCSR), integer vector operations with widening arithmetic or
//! variable shuffles, and the common plumbing of vector helpers.
//!
//! A vector helper is called as `f(state, src_lo, src_hi, ctl)` with
//! `ctl = dst | imm << 8 | extra << 16`: it reads XMM `dst` from the state, combines
//! it with the source value and writes XMM `dst` back (the lowering writes cached
//! XMM registers back before a helper call and reloads them after).

use crate::exec::raise_fault;
use crate::state::{signal, CpuState};

/// The MXCSR bits a guest may set (MXCSR_MASK of qvm's CPU model: FZ, RC, the
/// exception masks, DAZ and the exception flags).
pub(super) const MXCSR_MASK: u32 = 0xffff;

/// LDMXCSR's check: a value with reserved bits set raises #GP (SIGSEGV, address 0).
///
/// # Safety
/// Called by compiled code only, with the live state.
pub(super) unsafe extern "C" fn check_mxcsr(state: *mut CpuState, v: u64, _b: u64, _c: u64) -> u64 {
    if v & !u64::from(MXCSR_MASK) != 0 {
        // SAFETY: called from compiled code with the live state.
        unsafe { raise_fault(state, signal::SIGSEGV, 0) }
    }
    0
}

/// Low byte of a helper argument.
pub(super) fn byte0(x: u64) -> u8 {
    x.to_le_bytes()[0]
}

/// Byte `i` of a helper argument.
pub(super) fn byte_at(x: u64, i: usize) -> u8 {
    x.to_le_bytes()[i]
}

/// Joins an XMM register's two halves.
pub(super) fn join(x: [u64; 2]) -> u128 {
    u128::from(x[0]) | (u128::from(x[1]) << 64)
}

/// Splits a 128-bit value into XMM halves.
pub(super) fn split(v: u128) -> [u64; 2] {
    let b = v.to_le_bytes();
    let mut lo = [0u8; 8];
    let mut hi = [0u8; 8];
    lo.copy_from_slice(&b[..8]);
    hi.copy_from_slice(&b[8..]);
    [u64::from_le_bytes(lo), u64::from_le_bytes(hi)]
}

/// Lanes of `N` bytes as little-endian byte arrays, then rebuilt: small adapters so
/// helpers can be written lane by lane without casts.
pub(super) fn bytes(v: u128) -> [u8; 16] {
    v.to_le_bytes()
}

/// 16-bit lanes (as i16).
pub(super) fn words(v: u128) -> [i16; 8] {
    let b = v.to_le_bytes();
    core::array::from_fn(|i| i16::from_le_bytes([b[2 * i], b[2 * i + 1]]))
}

/// Builds a vector from 16-bit lanes.
pub(super) fn from_words(w: [i16; 8]) -> u128 {
    let mut b = [0u8; 16];
    for (i, x) in w.iter().enumerate() {
        b[2 * i..2 * i + 2].copy_from_slice(&x.to_le_bytes());
    }
    u128::from_le_bytes(b)
}

/// 32-bit lanes (as u32).
pub(super) fn dwords(v: u128) -> [u32; 4] {
    let b = v.to_le_bytes();
    core::array::from_fn(|i| {
        u32::from_le_bytes([b[4 * i], b[4 * i + 1], b[4 * i + 2], b[4 * i + 3]])
    })
}

/// Builds a vector from 32-bit lanes.
pub(super) fn from_dwords(d: [u32; 4]) -> u128 {
    let mut b = [0u8; 16];
    for (i, x) in d.iter().enumerate() {
        b[4 * i..4 * i + 4].copy_from_slice(&x.to_le_bytes());
    }
    u128::from_le_bytes(b)
}

/// 64-bit lanes.
pub(super) fn qwords(v: u128) -> [u64; 2] {
    split(v)
}

/// Builds a vector from 64-bit lanes.
pub(super) fn from_qwords(q: [u64; 2]) -> u128 {
    join(q)
}

/// The body of a vector helper: `(dst, src, imm, extra) -> new dst`.
pub(super) type VecFn = fn(u128, u128, u8, u8) -> u128;

/// Runs a vector helper body on the state (see the module doc for the arguments).
///
/// # Safety
/// `state` must be the live CPU state.
pub(super) unsafe fn run_vec(state: *mut CpuState, lo: u64, hi: u64, ctl: u64, f: VecFn) -> u64 {
    // SAFETY: the caller passes the live state; nothing else aliases it during the call.
    let s = unsafe { &mut *state };
    let d = usize::from(byte0(ctl) & 15);
    let src = join([lo, hi]);
    let r = f(join(s.xmm[d]), src, byte_at(ctl, 1), byte_at(ctl, 2));
    s.xmm[d] = split(r);
    0
}

/// Declares an `extern "C"` vector helper running `$body` through [`run_vec`].
macro_rules! vec_helper {
    ($(#[$m:meta])* $name:ident => $body:path) => {
        $(#[$m])*
        ///
        /// # Safety
        /// Called by compiled code only, with the live state.
        pub(super) unsafe extern "C" fn $name(state: *mut CpuState, lo: u64, hi: u64, ctl: u64) -> u64 {
            // SAFETY: compiled code passes the live state.
            unsafe { run_vec(state, lo, hi, ctl, $body) }
        }
    };
}

/// Saturates an i32 to i16.
fn sat16(x: i32) -> i16 {
    i16::try_from(x).unwrap_or(if x < 0 { i16::MIN } else { i16::MAX })
}

/// The high 16 bits of an i32 (an exact arithmetic shift always fits).
fn hi16(x: i32) -> i16 {
    sat16(x >> 16)
}

fn pmulhw(d: u128, s: u128, _: u8, _: u8) -> u128 {
    let (a, b) = (words(d), words(s));
    from_words(core::array::from_fn(|i| {
        hi16(i32::from(a[i]) * i32::from(b[i]))
    }))
}
vec_helper!(
    /// PMULHW: high halves of signed 16-bit products.
    h_pmulhw => pmulhw
);

fn pmulhuw(d: u128, s: u128, _: u8, _: u8) -> u128 {
    let (a, b) = (words(d), words(s));
    from_words(core::array::from_fn(|i| {
        let p = u32::from(a[i].cast_unsigned()) * u32::from(b[i].cast_unsigned());
        i16::from_le_bytes([p.to_le_bytes()[2], p.to_le_bytes()[3]])
    }))
}
vec_helper!(
    /// PMULHUW: high halves of unsigned 16-bit products.
    h_pmulhuw => pmulhuw
);

fn pmulhrsw(d: u128, s: u128, _: u8, _: u8) -> u128 {
    let (a, b) = (words(d), words(s));
    // ((a*b >> 14) + 1) >> 1; the only overflow (-32768 * -32768) wraps to -32768 on hardware.
    from_words(core::array::from_fn(|i| {
        let p = ((i32::from(a[i]) * i32::from(b[i])) >> 14) + 1;
        let r = p >> 1;
        i16::from_le_bytes([r.to_le_bytes()[0], r.to_le_bytes()[1]])
    }))
}
vec_helper!(
    /// PMULHRSW: rounded, scaled high halves of signed 16-bit products.
    h_pmulhrsw => pmulhrsw
);

fn pmaddwd(d: u128, s: u128, _: u8, _: u8) -> u128 {
    let (a, b) = (words(d), words(s));
    from_dwords(core::array::from_fn(|i| {
        let p0 = i32::from(a[2 * i]) * i32::from(b[2 * i]);
        let p1 = i32::from(a[2 * i + 1]) * i32::from(b[2 * i + 1]);
        // The only overflow (all four -32768) wraps to 0x8000_0000, as on hardware.
        p0.wrapping_add(p1).cast_unsigned()
    }))
}
vec_helper!(
    /// PMADDWD: pairwise sums of signed 16-bit products.
    h_pmaddwd => pmaddwd
);

fn pmaddubsw(d: u128, s: u128, _: u8, _: u8) -> u128 {
    let (a, b) = (bytes(d), bytes(s));
    from_words(core::array::from_fn(|i| {
        let p0 = i32::from(a[2 * i]) * i32::from(b[2 * i].cast_signed());
        let p1 = i32::from(a[2 * i + 1]) * i32::from(b[2 * i + 1].cast_signed());
        sat16(p0 + p1)
    }))
}
vec_helper!(
    /// PMADDUBSW: unsigned × signed byte products, pairwise summed with saturation.
    h_pmaddubsw => pmaddubsw
);

fn psadbw(d: u128, s: u128, _: u8, _: u8) -> u128 {
    let (a, b) = (bytes(d), bytes(s));
    let sum = |r: core::ops::Range<usize>| r.map(|i| u64::from(a[i].abs_diff(b[i]))).sum::<u64>();
    from_qwords([sum(0..8), sum(8..16)])
}
vec_helper!(
    /// PSADBW: sums of absolute byte differences per 64-bit half.
    h_psadbw => psadbw
);

fn psign(d: u128, s: u128, _: u8, width: u8) -> u128 {
    match width {
        1 => {
            let (a, b) = (bytes(d), bytes(s));
            u128::from_le_bytes(core::array::from_fn(|i| {
                let (x, y) = (a[i].cast_signed(), b[i].cast_signed());
                (if y < 0 {
                    x.wrapping_neg()
                } else if y == 0 {
                    0
                } else {
                    x
                })
                .cast_unsigned()
            }))
        }
        2 => {
            let (a, b) = (words(d), words(s));
            from_words(core::array::from_fn(|i| {
                if b[i] < 0 {
                    a[i].wrapping_neg()
                } else if b[i] == 0 {
                    0
                } else {
                    a[i]
                }
            }))
        }
        _ => {
            let (a, b) = (dwords(d), dwords(s));
            from_dwords(core::array::from_fn(|i| {
                let (x, y) = (a[i].cast_signed(), b[i].cast_signed());
                (if y < 0 {
                    x.wrapping_neg()
                } else if y == 0 {
                    0
                } else {
                    x
                })
                .cast_unsigned()
            }))
        }
    }
}
vec_helper!(
    /// PSIGNB/W/D (`extra` = lane bytes): negate, zero or keep by the source's sign.
    h_psign => psign
);

fn mpsadbw(d: u128, s: u128, imm: u8, _: u8) -> u128 {
    let (a, b) = (bytes(d), bytes(s));
    let o1 = usize::from((imm >> 2) & 1) * 4;
    let o2 = usize::from(imm & 3) * 4;
    from_words(core::array::from_fn(|i| {
        let sum: u16 = (0..4)
            .map(|j| u16::from(a[o1 + i + j].abs_diff(b[o2 + j])))
            .sum();
        sum.cast_signed()
    }))
}
vec_helper!(
    /// MPSADBW: eight sums of absolute differences of 4-byte groups.
    h_mpsadbw => mpsadbw
);

fn phminposuw(_d: u128, s: u128, _: u8, _: u8) -> u128 {
    let w = words(s).map(i16::cast_unsigned);
    let (idx, min) =
        w.iter().enumerate().fold(
            (0usize, u16::MAX),
            |(bi, bm), (i, &x)| if x < bm { (i, x) } else { (bi, bm) },
        );
    // Strict `<` keeps the lowest index on ties (all u16::MAX: index 0).
    u128::from(min) | (u128::from(u8::try_from(idx).unwrap_or(0)) << 16)
}
vec_helper!(
    /// PHMINPOSUW: the minimum unsigned word and its (lowest) index.
    h_phminposuw => phminposuw
);

/// CRC32C (Castagnoli, reflected polynomial 0x82F63B78) of the low `n` bytes of
/// `data`, continuing from `crc`; no pre- or post-inversion, as the instruction.
///
/// # Safety
/// Called by compiled code only (it touches no state).
pub(super) unsafe extern "C" fn crc32c(_state: *mut CpuState, crc: u64, data: u64, n: u64) -> u64 {
    let mut c = u32::from_le_bytes([
        byte_at(crc, 0),
        byte_at(crc, 1),
        byte_at(crc, 2),
        byte_at(crc, 3),
    ]);
    for i in 0..usize::from(byte0(n)).min(8) {
        c ^= u32::from(byte_at(data, i));
        for _ in 0..8 {
            c = if c & 1 != 0 {
                (c >> 1) ^ 0x82F6_3B78
            } else {
                c >> 1
            };
        }
    }
    u64::from(c)
}
