//! Stub: not yet written.

use super::{LiftResult, Lifter};

/// Lifts this family's instructions.
pub fn lift(_l: &mut Lifter<'_>) -> LiftResult {
    Ok(false)
}
