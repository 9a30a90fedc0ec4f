//! The x87 FPU: 80-bit extended precision in software (stub: state only).

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
        X87State { regs: [[0; 2]; 8], fcw: 0x037f, fsw: 0, tags: 0, top: 0, fop: 0, _pad: [0; 8] }
    }
}
