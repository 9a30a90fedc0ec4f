//! SSE, SSE2, SSE3, SSSE3, SSE4.1 and SSE4.2 (legacy, non-VEX encodings).
//!
//! Submodules by concept: `mov` (moves, MOVMSK, MXCSR), `int` (integer lane
//! arithmetic, logic, compares, shifts), `shuffle` (unpack, pack, shuffles, lane
//! inserts/extracts, widening moves, blends), `fp` (float arithmetic, compares,
//! COMISS, rounding, reciprocal estimates), `convert` (CVT*), `strings`
//! (PCMPxSTRx, CRC32), `sha` (the SHA extensions). Helpers in Rust live in `soft`, `soft_fp` and
//! `strings`. MMX forms (an `mm` register operand) are not this family's.
//!
//! # qvm definitions (part of the determinism contract)
//!
//! - **Alignment**: a 16-byte memory operand of a legacy SSE instruction must be
//!   16-byte aligned, except MOVUPS/MOVUPD/MOVDQU/LDDQU, PCMPxSTRx and the SHA
//!   extensions; otherwise the run ends with SIGSEGV (Linux reports #GP so), fault
//!   address 0. (SHA operands: an AMD Zen host takes them misaligned, measured; Intel
//!   lists them under exception class 4. qvm takes the permissive answer, which no
//!   correct program can tell from the other.)
//! - **LDMXCSR** with any bit outside MXCSR_MASK = 0xFFFF set: SIGSEGV (#GP), address 0.
//! - **Non-temporal stores** (MOVNTI/MOVNTPS/MOVNTPD/MOVNTDQ) are plain stores;
//!   MOVNTDQA is a plain aligned load.
//! - **RCPSS/RCPPS**: per lane, NaN → the NaN quieted (bit 22 set); ±0 and ±denormal
//!   (any DAZ setting) → ±inf; ±inf → ±0; otherwise the exact reciprocal 1/x rounded
//!   to nearest-even at 12 significant bits (11 fraction bits, the low 12 fraction
//!   bits zero), flushed to ±0 if the result is below 2^-126. Relative error ≤ 2^-12
//!   (within Intel's 1.5·2^-12). No MXCSR flags are changed.
//! - **RSQRTSS/RSQRTPS**: per lane, NaN → quieted; ±0 and ±denormal → ±inf; +inf →
//!   +0; any other negative input (including -inf) → 0xFFC00000; otherwise the exact
//!   1/sqrt(x) rounded to nearest-even at 12 significant bits. No flags change.
//! - **ROUNDxx** is computed in software with the SDM's semantics (imm bit 2: use
//!   MXCSR.RC; bit 3: suppress precision), DAZ applied to inputs, SNaN quieted with
//!   the invalid flag; results are exact integers so FTZ never applies.
//! - **Flags**: COMISS/COMISD/UCOMISS/UCOMISD set ZF, PF, CF (unordered: 1,1,1;
//!   greater: 0,0,0; less: 0,0,1; equal: 1,0,0) and clear OF, SF, AF. PTEST sets ZF
//!   and CF and clears OF, SF, AF, PF. PCMPxSTRx set CF, ZF, SF, OF by the SDM and
//!   clear AF and PF. No SSE instruction leaves a flag undefined.
//! - **DPPS** sums the selected products per half: lanes 0–1 get (p0+p1)+(p2+p3),
//!   lanes 2–3 get (p2+p3)+(p0+p1) (as measured on Intel hosts; it only decides
//!   which NaN propagates); masked-out products are +0·+0 (no flags).
//! - **CMPSS/CMPSD and COMISS/COMISD** use the host's packed compare on zero-padded
//!   scalars where needed so the MXCSR flags (invalid on QNaN for the signaling
//!   predicates and COMIS) match the hardware.
//! - MXCSR exception flags raised by IR float ops are the host's (the guest MXCSR is
//!   live while guest code runs); helpers computing in software add the flags the
//!   SDM lists and raise SIGFPE when such an exception is unmasked.

mod convert;
mod fp;
mod int;
mod mov;
mod operand;
mod sha;
mod shuffle;
mod soft;
mod soft_fp;
mod strings;

pub use soft_fp::{rcp_f32, rsqrt_f32};

use super::{LiftResult, Lifter};

/// Lifts this family's instructions.
pub fn lift(l: &mut Lifter<'_>) -> LiftResult {
    if operand::uses_mmx(l) {
        return Ok(false);
    }
    for f in [
        mov::lift,
        int::lift,
        shuffle::lift,
        fp::lift,
        convert::lift,
        strings::lift,
        sha::lift,
    ] {
        if f(l)? {
            return Ok(true);
        }
    }
    Ok(false)
}
