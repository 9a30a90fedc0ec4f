//! Saved-state layouts: FNSTENV/FLDENV (14/28 bytes), FNSAVE/FRSTOR (94/108
//! bytes) and FXSAVE/FXRSTOR (512 bytes).
//!
//! qvm-defined fields: the last-instruction pointers (FIP/FCS, FDP/FDS) and the
//! last opcode (FOP) are always stored as 0 — vendors differ (AMD stores them only
//! while an exception is pending, newer Intel CPUs zero FCS/FDS) and no libc reads
//! them. The reserved upper halves of the 28-byte environment's first three
//! dwords are stored as 0xFFFF, as Intel CPUs do. FXSAVE stores MXCSR_MASK =
//! 0xFFFF (every MXCSR bit 0..15, DAZ included, is supported) and zeros in the
//! reserved bytes of each register slot; bytes 416..512 are not written.

use super::soft::F80;
use super::X87State;

/// Bytes of the 32-bit-operand environment.
pub const ENV32: usize = 28;
/// Bytes of the 16-bit-operand environment.
pub const ENV16: usize = 14;
/// The MXCSR_MASK FXSAVE reports.
pub const MXCSR_MASK: u32 = 0xffff;

/// The environment image (`big` = 28-byte format).
pub fn store_env(x: &X87State, big: bool) -> Vec<u8> {
    let words = [x.fcw, x.status_word(), x.full_tag_word()];
    let mut out = Vec::with_capacity(ENV32);
    if big {
        for w in words {
            out.extend_from_slice(&w.to_le_bytes());
            out.extend_from_slice(&[0xff, 0xff]);
        }
        // FIP, FCS|FOP, FDP (0), FDS (0) with its reserved half 0xFFFF.
        out.extend_from_slice(&[0u8; 14]);
        out.extend_from_slice(&[0xff, 0xff]);
    } else {
        for w in words {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out.extend_from_slice(&[0u8; 8]);
    }
    out
}

/// Loads an environment image (at least 14 or 28 bytes).
pub fn load_env(x: &mut X87State, img: &[u8], big: bool) {
    let step = if big { 4 } else { 2 };
    let w = |i: usize| u16::from_le_bytes([img[i * step], img[i * step + 1]]);
    x.fcw = w(0);
    x.set_status_word(w(1));
    x.set_full_tag_word(w(2));
    x.update_es();
}

/// FNSAVE image: environment then ST(0)..ST(7), 10 bytes each.
pub fn store_save(x: &X87State, big: bool) -> Vec<u8> {
    let mut out = store_env(x, big);
    for i in 0..8u8 {
        out.extend_from_slice(&x.st(i).to_bytes());
    }
    out
}

/// FRSTOR from an image of 94 or 108 bytes.
pub fn load_save(x: &mut X87State, img: &[u8], big: bool) {
    load_env(x, img, big);
    let base = if big { ENV32 } else { ENV16 };
    for i in 0..8u8 {
        let off = base + 10 * usize::from(i);
        let mut b = [0u8; 10];
        b.copy_from_slice(&img[off..off + 10]);
        let v = F80::from_bytes(b);
        let p = x.phys(i);
        x.regs[p] = [v.sig, u64::from(v.se)];
    }
}

/// FXSAVE image bytes 0..416 (x87 part, MXCSR, XMM0–15).
pub fn store_fxsave(x: &X87State, mxcsr: u32, xmm: &[[u64; 2]; 16]) -> Vec<u8> {
    let mut out = vec![0u8; 416];
    out[0..2].copy_from_slice(&x.fcw.to_le_bytes());
    out[2..4].copy_from_slice(&x.status_word().to_le_bytes());
    out[4] = x.tags;
    out[24..28].copy_from_slice(&mxcsr.to_le_bytes());
    out[28..32].copy_from_slice(&MXCSR_MASK.to_le_bytes());
    for i in 0..8u8 {
        let off = 32 + 16 * usize::from(i);
        out[off..off + 10].copy_from_slice(&x.st(i).to_bytes());
    }
    for (j, r) in xmm.iter().enumerate() {
        let off = 160 + 16 * j;
        out[off..off + 8].copy_from_slice(&r[0].to_le_bytes());
        out[off + 8..off + 16].copy_from_slice(&r[1].to_le_bytes());
    }
    out
}

/// FXRSTOR from the first 416 bytes; returns the MXCSR to load (the caller checks
/// its reserved bits first).
pub fn load_fxsave(x: &mut X87State, img: &[u8], xmm: &mut [[u64; 2]; 16]) {
    x.fcw = u16::from_le_bytes([img[0], img[1]]);
    x.set_status_word(u16::from_le_bytes([img[2], img[3]]));
    x.tags = img[4];
    for i in 0..8u8 {
        let off = 32 + 16 * usize::from(i);
        let mut b = [0u8; 10];
        b.copy_from_slice(&img[off..off + 10]);
        let v = F80::from_bytes(b);
        let p = x.phys(i);
        x.regs[p] = [v.sig, u64::from(v.se)];
    }
    for (j, r) in xmm.iter_mut().enumerate() {
        let off = 160 + 16 * j;
        let mut a = [0u8; 8];
        a.copy_from_slice(&img[off..off + 8]);
        r[0] = u64::from_le_bytes(a);
        a.copy_from_slice(&img[off + 8..off + 16]);
        r[1] = u64::from_le_bytes(a);
    }
    x.update_es();
}

/// The MXCSR stored in an FXSAVE image.
pub fn fxsave_mxcsr(img: &[u8]) -> u32 {
    u32::from_le_bytes([img[24], img[25], img[26], img[27]])
}
