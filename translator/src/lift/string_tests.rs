//! String instruction tests: native CPU vs qvm.
