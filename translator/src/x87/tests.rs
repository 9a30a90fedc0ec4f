//! Tests of the software x87 against the host's x87.
