//! Shift family tests: native CPU vs qvm.
