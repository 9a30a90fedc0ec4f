//! The `qvm` command line (stub).
