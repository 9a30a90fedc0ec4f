//! The SHA extensions (SHA1RNDS4, SHA1NEXTE, SHA1MSG1, SHA1MSG2, SHA256RNDS2,
//! SHA256MSG1, SHA256MSG2): one [`crate::ir::Op::Sha`] each, `dst = op(dst, src)`
//! (SHA256RNDS2 also reads XMM0). Memory operands are 16 bytes and need no
//! alignment (see the definitions in [`super`]).

use super::operand::{dst_xmm, read_v};
use crate::ir::ShaOp;
use crate::lift::{LiftResult, Lifter};
use iced_x86::Mnemonic as M;

/// Lifts this family's instructions.
pub(super) fn lift(l: &mut Lifter<'_>) -> LiftResult {
    let op = match l.insn.mnemonic() {
        M::Sha1rnds4 => ShaOp::Sha1Rnds4(l.insn.immediate8() & 3),
        M::Sha1nexte => ShaOp::Sha1Nexte,
        M::Sha1msg1 => ShaOp::Sha1Msg1,
        M::Sha1msg2 => ShaOp::Sha1Msg2,
        M::Sha256rnds2 => ShaOp::Sha256Rnds2,
        M::Sha256msg1 => ShaOp::Sha256Msg1,
        M::Sha256msg2 => ShaOp::Sha256Msg2,
        _ => return Ok(false),
    };
    let d = dst_xmm(l)?;
    let s = read_v(l, 1)?;
    let a = l.b.get_xmm(d);
    let k = if op == ShaOp::Sha256Rnds2 {
        l.b.get_xmm(0)
    } else {
        s
    };
    let r = l.b.sha(op, a, s, k);
    l.b.set_xmm(d, r);
    Ok(true)
}
