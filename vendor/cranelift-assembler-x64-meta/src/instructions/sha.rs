// qvm: the SHA extensions (not in upstream cranelift-assembler-x64-meta 0.135.8; see
// vendor/cranelift-codegen/QVM-PATCH.md).
use crate::dsl::{Feature::*, Inst, Location::*};
use crate::dsl::{align, fmt, inst, r, rex, rw};

#[rustfmt::skip] // Keeps instructions on a single line.
pub fn list() -> Vec<Inst> {
    vec![
        inst("sha1rnds4", fmt("A", [rw(xmm1), r(align(xmm_m128)), r(imm8)]), rex([0x0F, 0x3A, 0xCC]).r().ib(), (_64b | compat) & sha),
        inst("sha1nexte", fmt("A", [rw(xmm1), r(align(xmm_m128))]), rex([0x0F, 0x38, 0xC8]).r(), (_64b | compat) & sha),
        inst("sha1msg1", fmt("A", [rw(xmm1), r(align(xmm_m128))]), rex([0x0F, 0x38, 0xC9]).r(), (_64b | compat) & sha),
        inst("sha1msg2", fmt("A", [rw(xmm1), r(align(xmm_m128))]), rex([0x0F, 0x38, 0xCA]).r(), (_64b | compat) & sha),
        inst("sha256rnds2", fmt("RM0", [rw(xmm1), r(align(xmm_m128)), r(xmm0)]), rex([0x0F, 0x38, 0xCB]).r(), (_64b | compat) & sha),
        inst("sha256msg1", fmt("A", [rw(xmm1), r(align(xmm_m128))]), rex([0x0F, 0x38, 0xCC]).r(), (_64b | compat) & sha),
        inst("sha256msg2", fmt("A", [rw(xmm1), r(align(xmm_m128))]), rex([0x0F, 0x38, 0xCD]).r(), (_64b | compat) & sha),
    ]
}
