//! Links `qvm` (with glibc) as a position-dependent executable: the dynamic loader
//! then has no relative relocations to apply at start (a PIE of this size has tens
//! of thousands), which is most of what a short `qvm run` spends before the guest.
//! A musl build is a static PIE that relocates itself; `-no-pie` would give it the
//! wrong start files.
fn main() {
    if std::env::var("CARGO_CFG_TARGET_ENV").as_deref() == Ok("gnu") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
