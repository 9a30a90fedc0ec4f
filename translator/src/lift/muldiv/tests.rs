//! Multiply/divide tests: native CPU vs qvm.
