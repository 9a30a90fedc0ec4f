// qvm: software prefetches (not in upstream cranelift-assembler-x64-meta 0.135.8; see
// vendor/cranelift-codegen/QVM-PATCH.md).
use crate::dsl::{Feature::*, Inst, Location::*};
use crate::dsl::{fmt, inst, r, rex};

#[rustfmt::skip] // Keeps instructions on a single line.
pub fn list() -> Vec<Inst> {
    vec![
        inst("prefetchnta", fmt("M", [r(m8)]), rex([0x0F, 0x18]).digit(0), _64b | compat),
        inst("prefetcht0", fmt("M", [r(m8)]), rex([0x0F, 0x18]).digit(1), _64b | compat),
    ]
}
