//! Bit instruction tests: native CPU vs qvm.
