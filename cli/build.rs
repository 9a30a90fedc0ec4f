//! Links `qvm` as a position-dependent executable: the dynamic loader then has no
//! relative relocations to apply at start (a PIE of this size has tens of
//! thousands), which is most of what a short `qvm run` spends before the guest.
fn main() {
    println!("cargo:rustc-link-arg-bins=-no-pie");
}
