//! Links `qvm` (with glibc) as a static, position-dependent executable: no dynamic
//! loader runs at start (it took half of `qvm --version`'s millisecond: mapping
//! libc and libgcc_s, resolving symbols) and there are no relative relocations
//! to apply (a PIE of this size has tens of thousands), which together were most
//! of what a short `qvm run` spent before the guest.
//!
//! `cargo build` applies `-C target-feature=+crt-static` to proc-macros too when
//! no `--target` is given (and they cannot be built that way), so the link is
//! made static here: `-static -no-pie` for the binaries. rustc still names the
//! shared libraries (`-Bdynamic -lgcc_s … -lm … -lc`) after its own `-Bstatic`, so
//! `OUT_DIR` holds a `lib{gcc_s,c,m}.so` for each that is a linker script naming the
//! static archive instead (`INPUT(-l:libc.a)`; the unwinder comes from
//! `libgcc_eh.a`), found first through the `-L` given to the binaries alone.
//! A build that sets `crt-static` itself (or a musl build, a static PIE that
//! relocates itself) gets no extra arguments.
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let static_crt = std::env::var("CARGO_CFG_TARGET_FEATURE")
        .is_ok_and(|f| f.split(',').any(|f| f == "crt-static"));
    if std::env::var("CARGO_CFG_TARGET_ENV").as_deref() != Ok("gnu") || static_crt {
        return;
    }
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for (lib, archive) in [("gcc_s", "libgcc_eh.a"), ("c", "libc.a"), ("m", "libm.a")] {
        let script = format!("INPUT(-l:{archive})\n");
        std::fs::write(out.join(format!("lib{lib}.so")), script).expect("write OUT_DIR");
    }
    println!("cargo:rustc-link-arg-bins=-L{}", out.display());
    println!("cargo:rustc-link-arg-bins=-static");
    println!("cargo:rustc-link-arg-bins=-no-pie");
}
