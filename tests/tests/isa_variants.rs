//! The C corpus (`guests/c/*.c`) built the ways that make compilers use the CPU
//! model's extensions — `gcc -O3 -march=x86-64-v2`, `gcc -O3 -ffast-math` (which also
//! sets MXCSR.FTZ/DAZ at startup), gcc with every advertised extension
//! (`-march=x86-64-v2 -mbmi -mbmi2 -mlzcnt -mmovbe -madx`), `musl-gcc -O3
//! -march=x86-64-v2`, and clang (`-O2`, `-O3 -march=x86-64-v2`) when installed — plus
//! `guests/c_isa/*.c`, programs written against the extensions' intrinsics. Each run
//! natively and under qvm, compared byte for byte: no SIGILL, same output.

use qvm_tests::*;
use std::path::{Path, PathBuf};
use std::process::Command;

/// `gcc -static -O3 -march=x86-64-v2`.
const GCC_V2: Variant = Variant {
    name: "gcc-O3-v2",
    compiler: Compiler::Gcc,
    flags: &["-static", "-O3", "-march=x86-64-v2"],
};
/// `gcc -static -O3 -ffast-math`.
const GCC_FAST: Variant = Variant {
    name: "gcc-O3-fast-math",
    compiler: Compiler::Gcc,
    flags: &["-static", "-O3", "-ffast-math"],
};
/// gcc with every integer extension the model advertises.
const GCC_MODEL: Variant = Variant {
    name: "gcc-O3-model",
    compiler: Compiler::Gcc,
    flags: &[
        "-static",
        "-O3",
        "-march=x86-64-v2",
        "-mbmi",
        "-mbmi2",
        "-mlzcnt",
        "-mmovbe",
        "-madx",
    ],
};
/// `musl-gcc -static -O3 -march=x86-64-v2`.
const MUSL_V2: Variant = Variant {
    name: "musl-O3-v2",
    compiler: Compiler::MuslGcc,
    flags: &["-static", "-O3", "-march=x86-64-v2"],
};

const CLANG_O2: &[&str] = &["-static", "-O2"];
const CLANG_V2: &[&str] = &[
    "-static",
    "-O3",
    "-march=x86-64-v2",
    "-mbmi",
    "-mbmi2",
    "-mlzcnt",
    "-mmovbe",
];

/// Builds `source` with clang (cached under the corpus directory by flags and
/// source), or `None` after a skip message when clang is not installed.
fn build_clang(test: &str, source: &Path, flags: &[&str]) -> Option<PathBuf> {
    let cc = require_tool(test, "clang", "clang")?;
    let src = std::fs::read(source).unwrap_or_else(|e| panic!("read {}: {e}", source.display()));
    let version = Command::new(&cc)
        .arg("--version")
        .output()
        .map(|o| o.stdout)
        .unwrap_or_default();
    // FNV-1a over the tool version, the flags and the source.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [&version[..], flags.join(" ").as_bytes(), &src[..]] {
        for &b in part.iter().chain(&(part.len() as u64).to_le_bytes()) {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    let dir = corpus_dir().join(format!("clang-{h:016x}"));
    let out = dir.join(source.file_stem().unwrap());
    if out.exists() {
        return Some(out);
    }
    std::fs::create_dir_all(&dir).expect("create corpus dir");
    let tmp = dir.join(unique_name(".clang"));
    let o = Command::new(&cc)
        .args(flags)
        .args(["-g0", "-w", "-fno-stack-protector", "-o"])
        .arg(&tmp)
        .arg(source)
        .arg("-lm")
        .output()
        .expect("run clang");
    assert!(
        o.status.success(),
        "clang {flags:?} {} failed:\n{}",
        source.display(),
        String::from_utf8_lossy(&o.stderr)
    );
    std::fs::rename(&tmp, &out).expect("rename built artifact");
    Some(out)
}

fn check_gcc(name: &str, source: &str, variant: &Variant, case: &Case) {
    check_c(name, source, variant, case, false);
}

/// Guests clang does not compile (GCC-only builtins on `_Atomic` objects).
const CLANG_UNSUPPORTED: &[&str] = &["atomics"];

fn check_clang(name: &str, source: &str, flags: &[&str], case: &Case) {
    let test = format!("{name}[clang {}]", flags.join(" "));
    if CLANG_UNSUPPORTED.contains(&source) {
        skip(&test, "the guest uses GCC-only builtins");
        return;
    }
    let src = guest_source(&format!("c/{source}.c"));
    let Some(prog) = build_clang(&test, &src, flags) else {
        return;
    };
    check_case(&test, &prog, case);
}

macro_rules! corpus {
    (@src $name:ident) => { stringify!($name) };
    (@src $name:ident $src:literal) => { $src };
    ($($name:ident $(($src:literal))? => $case:expr;)*) => {
        $(
            mod $name {
                use super::*;
                fn case() -> Case {
                    $case
                }
                const SRC: &str = corpus!(@src $name $($src)?);
                #[test]
                fn gcc_o3_v2() {
                    check_gcc(stringify!($name), SRC, &GCC_V2, &case())
                }
                #[test]
                fn gcc_o3_fast_math() {
                    check_gcc(stringify!($name), SRC, &GCC_FAST, &case())
                }
                #[test]
                fn gcc_o3_model() {
                    check_gcc(stringify!($name), SRC, &GCC_MODEL, &case())
                }
                #[test]
                fn musl_o3_v2() {
                    check_gcc(stringify!($name), SRC, &MUSL_V2, &case())
                }
                #[test]
                fn clang_o2() {
                    check_clang(stringify!($name), SRC, CLANG_O2, &case())
                }
                #[test]
                fn clang_o3_model() {
                    check_clang(stringify!($name), SRC, CLANG_V2, &case())
                }
            }
        )*
    };
}

fn text(seed: u64, words: usize) -> Vec<u8> {
    let r = pseudo_random_bytes(seed, words * 2);
    let mut out = Vec::new();
    for i in 0..words {
        for k in 0..1 + usize::from(r[2 * i] % 7) {
            out.push(b'a' + (r[2 * i + 1].wrapping_add(k as u8 * 5)) % 26);
        }
        out.push(if r[2 * i].is_multiple_of(11) {
            b'\n'
        } else {
            b' '
        });
    }
    out
}

corpus! {
    printf_ints => Case::new().contains("printf returned 14");
    printf_floats => Case::new().contains("inf");
    malloc_churn => Case::new().contains("ops ");
    qsort_bsearch => Case::new().contains("bsearch found");
    string_funcs => Case::new().contains("checksum");
    recursion => Case::new().contains("ackermann(3, 5) = 253");
    setjmp_longjmp => Case::new().contains("sigsetjmp loop ran 5 times");
    int_edge => Case::new().contains("34! = 295232799039604140847618609643520000000");
    div_by_zero => Case::new().signal(8);
    wc_stdin => Case::new().stdin(text(11, 30_000)).contains(" hist ");
    libm => Case::new().env("GLIBC_TUNABLES", BASELINE_TUNABLES).contains("sweep");
    // -ffast-math breaks the guest's own NaN self-check (natively too): only "bad ".
    strtod_strtol => Case::new().contains("bad ");
    sprintf_sscanf => Case::new().contains("n=9 a=42");
    sha256 => Case::new().contains("abc ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    bignum => Case::new().contains("450! =");
    hashtable_sort => Case::new().contains("sorted 1");
    structs_unions => Case::new().contains("flex sum 328350");
    switch_fnptr => Case::new().contains("bytecode 20! = 2432902008176640000");
    variadic => Case::new().contains("6001");
    bits => Case::new().contains("edge 64 63 63 0");
    fp_conversions => Case::new().env("GLIBC_TUNABLES", BASELINE_TUNABLES).contains("mode 3");
    long_double => Case::new().contains("sqrtl(2) = 1.4142135623730950487");
    atomics => Case::new().contains("flag after clear 0");
    stderr_mix => Case::new().contains("line 1999 of");
}

/// `guests/c_isa/intrinsics.c`: every advertised extension through intrinsics.
mod intrinsics {
    use super::*;

    fn case() -> Case {
        Case::new()
            .env("GLIBC_TUNABLES", BASELINE_TUNABLES)
            .contains("cpu supports x86-64-v2 1 bmi/bmi2/adx 1 lahf/lzcnt 1 movbe 1")
            .contains("bits hash")
    }

    fn build_and_check(variant: &Variant) {
        let test = format!("intrinsics[{}]", variant.name);
        let src = guest_source("c_isa/intrinsics.c");
        let Some(prog) = build_c(&test, &src, variant) else {
            return;
        };
        check_case(&test, &prog, &case());
    }

    #[test]
    fn gcc_o2_model() {
        build_and_check(&Variant {
            name: "gcc-O2-model",
            compiler: Compiler::Gcc,
            flags: &[
                "-static",
                "-O2",
                "-march=x86-64-v2",
                "-mbmi",
                "-mbmi2",
                "-mlzcnt",
                "-mmovbe",
                "-madx",
            ],
        });
    }

    #[test]
    fn gcc_o0_model() {
        build_and_check(&Variant {
            name: "gcc-O0-model",
            compiler: Compiler::Gcc,
            flags: &[
                "-static",
                "-O0",
                "-march=x86-64-v2",
                "-mbmi",
                "-mbmi2",
                "-mlzcnt",
                "-mmovbe",
                "-madx",
            ],
        });
    }

    #[test]
    fn musl_o2_model() {
        build_and_check(&Variant {
            name: "musl-O2-model",
            compiler: Compiler::MuslGcc,
            flags: &[
                "-static",
                "-O2",
                "-march=x86-64-v2",
                "-mbmi",
                "-mbmi2",
                "-mlzcnt",
                "-mmovbe",
                "-madx",
            ],
        });
    }

    #[test]
    fn clang_o2_model() {
        let test = "intrinsics[clang]";
        let src = guest_source("c_isa/intrinsics.c");
        let flags = &[
            "-static",
            "-O2",
            "-march=x86-64-v2",
            "-mbmi",
            "-mbmi2",
            "-mlzcnt",
            "-mmovbe",
            "-madx",
        ];
        let Some(prog) = build_clang(test, &src, flags) else {
            return;
        };
        check_case(test, &prog, &case());
    }
}
