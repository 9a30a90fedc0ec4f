//! Not yet written.

use crate::lift::{LiftResult, Lifter};

/// Lifts this group.
pub(super) fn lift(_l: &mut Lifter<'_>) -> LiftResult {
    Ok(false)
}
