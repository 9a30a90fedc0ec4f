//! The SHA extensions (SHA1RNDS4, SHA1NEXTE, SHA1MSG1, SHA1MSG2, SHA256RNDS2,
//! SHA256MSG1, SHA256MSG2): their semantics in software, as the Intel SDM defines
//! them (volume 2, "SHA1RNDS4" … "SHA256MSG2").
//!
//! These are pure functions of their operands, so the guest sees the same result
//! whether the interpreter computes it here, compiled code runs the host's own
//! instruction (the vendored Cranelift's `x86_sha*` ops, when the host has SHA), or
//! compiled code on a host without SHA calls `sha_helper`. `translator/tests/
//! isa_sha.rs` compares all three with the host CPU.
//!
//! Dword `i` of an operand is bits `32i..32i+32`; the SDM names dword 3 first
//! (`SRC[127:96]`).

use crate::ir::ShaOp;

fn dw(v: u128) -> [u32; 4] {
    let b = v.to_le_bytes();
    core::array::from_fn(|i| {
        u32::from_le_bytes([b[4 * i], b[4 * i + 1], b[4 * i + 2], b[4 * i + 3]])
    })
}

fn from_dw(d: [u32; 4]) -> u128 {
    d.iter()
        .enumerate()
        .fold(0u128, |acc, (i, x)| acc | (u128::from(*x) << (32 * i)))
}

/// SHA1RNDS4: four SHA-1 rounds of function/constant `func` (0–3).
fn sha1rnds4(src1: u128, src2: u128, func: u8) -> u128 {
    let s = dw(src1);
    let w = dw(src2);
    let (f, k): (fn(u32, u32, u32) -> u32, u32) = match func & 3 {
        0 => (|b, c, d| (b & c) ^ (!b & d), 0x5A82_7999),
        1 => (|b, c, d| b ^ c ^ d, 0x6ED9_EBA1),
        2 => (|b, c, d| (b & c) ^ (b & d) ^ (c & d), 0x8F1B_BCDC),
        _ => (|b, c, d| b ^ c ^ d, 0xCA62_C1D6),
    };
    let (mut a, mut b, mut c, mut d) = (s[3], s[2], s[1], s[0]);
    // Round 0 takes E already added into W0 (SHA1NEXTE's result); E is then 0.
    let mut e = 0u32;
    for wi in [w[3], w[2], w[1], w[0]] {
        let t = f(b, c, d)
            .wrapping_add(a.rotate_left(5))
            .wrapping_add(wi)
            .wrapping_add(e)
            .wrapping_add(k);
        e = d;
        d = c;
        c = b.rotate_left(30);
        b = a;
        a = t;
    }
    from_dw([d, c, b, a])
}

/// SHA1NEXTE: E of the next four rounds (A of `src1` rotated by 30) added to W0.
fn sha1nexte(src1: u128, src2: u128) -> u128 {
    let mut w = dw(src2);
    w[3] = w[3].wrapping_add(dw(src1)[3].rotate_left(30));
    from_dw(w)
}

/// SHA1MSG1: `W[i] ^ W[i+2]` for the message dwords W0..W5.
fn sha1msg1(src1: u128, src2: u128) -> u128 {
    let (a, b) = (dw(src1), dw(src2));
    let (w0, w1, w2, w3, w4, w5) = (a[3], a[2], a[1], a[0], b[3], b[2]);
    from_dw([w5 ^ w3, w4 ^ w2, w3 ^ w1, w2 ^ w0])
}

/// SHA1MSG2: W16..W19 from SHA1MSG1's partial results and W13..W15.
fn sha1msg2(src1: u128, src2: u128) -> u128 {
    let (a, b) = (dw(src1), dw(src2));
    let (w13, w14, w15) = (b[2], b[1], b[0]);
    let w16 = (a[3] ^ w13).rotate_left(1);
    let w17 = (a[2] ^ w14).rotate_left(1);
    let w18 = (a[1] ^ w15).rotate_left(1);
    let w19 = (a[0] ^ w16).rotate_left(1);
    from_dw([w19, w18, w17, w16])
}

/// SHA256RNDS2: two SHA-256 rounds; `src1` holds C D G H, `src2` A B E F, and the
/// low two dwords of `wk` the message-plus-constant words.
fn sha256rnds2(src1: u128, src2: u128, wk: u128) -> u128 {
    let (s1, s2, k) = (dw(src1), dw(src2), dw(wk));
    let (mut a, mut b, mut c, mut d) = (s2[3], s2[2], s1[3], s1[2]);
    let (mut e, mut f, mut g, mut h) = (s2[1], s2[0], s1[1], s1[0]);
    for wki in [k[0], k[1]] {
        let ch = (e & f) ^ (!e & g);
        let maj = (a & b) ^ (a & c) ^ (b & c);
        let sigma0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
        let sigma1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
        let t = ch.wrapping_add(sigma1).wrapping_add(wki).wrapping_add(h);
        let a1 = t.wrapping_add(maj).wrapping_add(sigma0);
        let e1 = t.wrapping_add(d);
        h = g;
        g = f;
        f = e;
        e = e1;
        d = c;
        c = b;
        b = a;
        a = a1;
    }
    from_dw([f, e, b, a])
}

fn small_sigma0(w: u32) -> u32 {
    w.rotate_right(7) ^ w.rotate_right(18) ^ (w >> 3)
}

fn small_sigma1(w: u32) -> u32 {
    w.rotate_right(17) ^ w.rotate_right(19) ^ (w >> 10)
}

/// SHA256MSG1: `W[i] + σ0(W[i+1])` for W0..W4.
fn sha256msg1(src1: u128, src2: u128) -> u128 {
    let (a, b) = (dw(src1), dw(src2));
    let (w0, w1, w2, w3, w4) = (a[0], a[1], a[2], a[3], b[0]);
    from_dw([
        w0.wrapping_add(small_sigma0(w1)),
        w1.wrapping_add(small_sigma0(w2)),
        w2.wrapping_add(small_sigma0(w3)),
        w3.wrapping_add(small_sigma0(w4)),
    ])
}

/// SHA256MSG2: W16..W19 from SHA256MSG1's partial sums and W14, W15.
fn sha256msg2(src1: u128, src2: u128) -> u128 {
    let (a, b) = (dw(src1), dw(src2));
    let (w14, w15) = (b[2], b[3]);
    let w16 = a[0].wrapping_add(small_sigma1(w14));
    let w17 = a[1].wrapping_add(small_sigma1(w15));
    let w18 = a[2].wrapping_add(small_sigma1(w16));
    let w19 = a[3].wrapping_add(small_sigma1(w17));
    from_dw([w16, w17, w18, w19])
}

/// The result of `op` on the instruction's first operand `a` (also its
/// destination), its second operand `b` and, for SHA256RNDS2, XMM0 as `k`.
pub fn sha(op: ShaOp, a: u128, b: u128, k: u128) -> u128 {
    match op {
        ShaOp::Sha1Rnds4(func) => sha1rnds4(a, b, func),
        ShaOp::Sha1Nexte => sha1nexte(a, b),
        ShaOp::Sha1Msg1 => sha1msg1(a, b),
        ShaOp::Sha1Msg2 => sha1msg2(a, b),
        ShaOp::Sha256Rnds2 => sha256rnds2(a, b, k),
        ShaOp::Sha256Msg1 => sha256msg1(a, b),
        ShaOp::Sha256Msg2 => sha256msg2(a, b),
    }
}

/// Compiled code's fallback on a host without SHA: `ops` points at the three
/// operands (`a`, `b`, `k`, 16 bytes each, little-endian) and receives the result
/// in its first 16 bytes; `code` is [`ShaOp::code`].
///
/// # Safety
/// `ops` must point at 48 readable and writable bytes (compiled code passes a
/// stack slot of its own).
pub(crate) unsafe extern "C" fn sha_helper(
    _state: *mut crate::CpuState,
    code: u64,
    ops: u64,
    _unused: u64,
) -> u64 {
    let Ok(addr) = usize::try_from(ops) else {
        return 0;
    };
    let p = addr as *mut u128;
    // SAFETY: the caller passes a 48-byte stack slot, 16-byte aligned.
    let (a, b, k) = unsafe {
        (
            p.read_unaligned(),
            p.add(1).read_unaligned(),
            p.add(2).read_unaligned(),
        )
    };
    let r = sha(ShaOp::from_code(code), a, b, k);
    // SAFETY: as above.
    unsafe { p.write_unaligned(r) };
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one padded message block of "abc", as big-endian words W0..W15.
    fn abc_words() -> Vec<u32> {
        let mut block = [0u8; 64];
        block[..3].copy_from_slice(b"abc");
        block[3] = 0x80;
        block[63] = 24;
        block
            .chunks_exact(4)
            .map(|c| u32::from_be_bytes([c[0], c[1], c[2], c[3]]))
            .collect()
    }

    /// SHA-256 of "abc" through the instructions, the way software drives them
    /// (the state packed as ABEF / CDGH, four rounds per message quad).
    #[test]
    fn sha256_of_abc_through_the_instructions() {
        const K: [u32; 64] = [
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
            0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
            0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
            0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
            0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
            0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
            0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
            0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
            0xc67178f2,
        ];
        let h0: [u32; 8] = [
            0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
            0x5be0cd19,
        ];
        let w = abc_words();
        let mut msg: Vec<u128> = (0..4)
            .map(|q| from_dw([w[4 * q], w[4 * q + 1], w[4 * q + 2], w[4 * q + 3]]))
            .collect();
        // ABEF and CDGH with A in the top dword.
        let mut abef = from_dw([h0[5], h0[4], h0[1], h0[0]]);
        let mut cdgh = from_dw([h0[7], h0[6], h0[3], h0[2]]);
        for q in 0..16 {
            if q >= 4 {
                // W[4q..4q+4] from the previous four quads.
                let m = sha256msg1(msg[q - 4], msg[q - 3]);
                let d = dw(msg[q - 1]);
                let c = dw(msg[q - 2]);
                // + W[t-7]: dwords 1..3 of quad q-2 and dword 0 of quad q-1.
                let t7 = from_dw([c[1], c[2], c[3], d[0]]);
                let sum = from_dw(core::array::from_fn(|i| dw(m)[i].wrapping_add(dw(t7)[i])));
                msg.push(sha256msg2(sum, msg[q - 1]));
            }
            let kq = dw(msg[q]);
            let wk: [u32; 4] = core::array::from_fn(|i| kq[i].wrapping_add(K[4 * q + i]));
            let lo = from_dw([wk[0], wk[1], 0, 0]);
            let hi = from_dw([wk[2], wk[3], 0, 0]);
            cdgh = sha256rnds2(cdgh, abef, lo);
            core::mem::swap(&mut cdgh, &mut abef);
            cdgh = sha256rnds2(cdgh, abef, hi);
            core::mem::swap(&mut cdgh, &mut abef);
        }
        let (x, y) = (dw(abef), dw(cdgh));
        let h = [x[3], x[2], y[3], y[2], x[1], x[0], y[1], y[0]];
        let out: Vec<u32> = h.iter().zip(h0).map(|(a, b)| a.wrapping_add(b)).collect();
        assert_eq!(
            out,
            [
                0xba7816bf, 0x8f01cfea, 0x414140de, 0x5dae2223, 0xb00361a3, 0x96177a9c, 0xb410ff61,
                0xf20015ad
            ]
        );
    }

    /// SHA-1 of "abc" through the instructions (E carried by SHA1NEXTE).
    #[test]
    fn sha1_of_abc_through_the_instructions() {
        let h0: [u32; 5] = [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0];
        let w = abc_words();
        // Quad q holds W[4q] in the top dword.
        let mut msg: Vec<u128> = (0..4)
            .map(|q| from_dw([w[4 * q + 3], w[4 * q + 2], w[4 * q + 1], w[4 * q]]))
            .collect();
        for q in 4..20 {
            let m1 = sha1msg1(msg[q - 4], msg[q - 3]);
            let x = m1 ^ msg[q - 2];
            msg.push(sha1msg2(x, msg[q - 1]));
        }
        let mut abcd = from_dw([h0[3], h0[2], h0[1], h0[0]]);
        let mut e0 = from_dw([0, 0, 0, h0[4]]);
        for (q, m) in msg.iter().enumerate() {
            let saved = abcd;
            let we = if q == 0 {
                from_dw(core::array::from_fn(|i| dw(*m)[i].wrapping_add(dw(e0)[i])))
            } else {
                sha1nexte(e0, *m)
            };
            abcd = sha1rnds4(abcd, we, u8::try_from(q / 5).unwrap_or(3));
            e0 = saved;
        }
        let e = dw(e0)[3].rotate_left(30);
        let s = dw(abcd);
        let out = [
            s[3].wrapping_add(h0[0]),
            s[2].wrapping_add(h0[1]),
            s[1].wrapping_add(h0[2]),
            s[0].wrapping_add(h0[3]),
            e.wrapping_add(h0[4]),
        ];
        assert_eq!(
            out,
            [0xA9993E36, 0x4706816A, 0xBA3E2571, 0x7850C26C, 0x9CD0D89D]
        );
    }
}
