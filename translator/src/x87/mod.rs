//! The x87 FPU, entirely in software: no host x87 instruction ever runs, so
//! results are bit-identical on every host.
//!
//! - [`soft`]: the exact-then-round-once 80-bit soft float (qvm's own; precision
//!   control, C1 rounding indicator, DE/UE/PE semantics);
//! - [`wide`]: a 128-bit-significand float for the transcendentals, and the constants;
//! - [`fpu`]: the stack/tag/status model and exception signalling;
//! - [`trans`]: transcendentals, FSCALE, FXTRACT, FPREM/FPREM1;
//! - [`env`](mod@env): FNSTENV/FNSAVE/FXSAVE layouts;
//! - [`insns`]: the per-instruction table the lifter dispatches through.
//!
//! Exceptions: flags are always recorded. For a *masked* exception the default
//! response of the manual is delivered (QNaN indefinite, ±∞, denormals, …). For an
//! *unmasked* exception qvm records the flag and sets ES/B; with IE, DE or ZE the
//! destination and stack are left unchanged, while OE, UE and PE still deliver
//! the masked-response value (qvm does not model the exponent-wrapped results of
//! unmasked OE/UE — no handler can observe them, see next). The next *waiting*
//! x87 instruction (every one but FNINIT, FNCLEX, FNSTCW, FNSTSW, FNSTENV,
//! FNSAVE, FXSAVE, FXRSTOR) then ends the run with SIGFPE, as Linux delivers
//! SIGFPE for #MF at that point.

pub mod env;
pub mod fpu;
pub mod insns;
pub mod soft;
#[cfg(test)]
mod tests;
pub mod trans;
pub mod wide;

/// The x87 register file and control/status words, as FXSAVE lays them out
/// conceptually (registers by physical number; `top` is the stack pointer).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct X87State {
    /// Physical registers R0..R7: significand (bits 0..64) and sign+exponent (bits 64..80).
    pub regs: [[u64; 2]; 8],
    /// Control word (FCW); 0x037F after FNINIT.
    pub fcw: u16,
    /// Status word without TOP (FSW with bits 11..13 clear); TOP lives in `top`.
    pub fsw: u16,
    /// Tag word, abridged: bit i set = physical register i is valid (non-empty).
    pub tags: u8,
    /// Stack top (0..8).
    pub top: u8,
    /// Last opcode (FOP), kept for FXSAVE.
    pub fop: u16,
    /// Padding.
    pub _pad: [u8; 8],
}

impl Default for X87State {
    fn default() -> Self {
        X87State {
            regs: [[0; 2]; 8],
            fcw: 0x037f,
            fsw: 0,
            tags: 0,
            top: 0,
            fop: 0,
            _pad: [0; 8],
        }
    }
}
