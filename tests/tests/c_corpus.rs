//! The C guest corpus: every program in `tests/guests/c/` built five ways
//! (gcc -static -O0/-O2, musl-gcc -static -O0/-O2, gcc -static-pie -O2), run natively
//! and under qvm, compared byte for byte (stdout, stderr, exit status); plus one
//! `--json` comparison per program (gcc -O2).

use qvm_tests::*;

/// Generates one module per guest program with one test per build variant.
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
                fn check(variant: &Variant, json: bool) {
                    check_c(stringify!($name), corpus!(@src $name $($src)?), variant, &case(), json)
                }
                #[test]
                fn gcc_o0() {
                    check(&GCC_O0, false)
                }
                #[test]
                fn gcc_o2() {
                    check(&GCC_O2, false)
                }
                #[test]
                fn musl_o0() {
                    check(&MUSL_O0, false)
                }
                #[test]
                fn musl_o2() {
                    check(&MUSL_O2, false)
                }
                #[test]
                fn gcc_static_pie_o2() {
                    check(&GCC_PIE_O2, false)
                }
                #[test]
                fn json_gcc_o2() {
                    check(&GCC_O2, true)
                }
            }
        )*
    };
}

corpus! {
    printf_ints => Case::new().contains("printf returned 14");
    printf_floats => Case::new().contains("inf").contains("nan").contains("-0");
    malloc_churn => Case::new().contains("ops ");
    qsort_bsearch => Case::new().contains("bsearch found");
    string_funcs => Case::new().contains("checksum").contains("[alpha][beta][gamma][delta]");
    recursion => Case::new().contains("depth_sum(100000)").contains("ackermann(3, 5) = 253");
    setjmp_longjmp => Case::new().contains("target 4900 returned 4901").contains("sigsetjmp loop ran 5 times");
    int_edge => Case::new().contains("34! = 295232799039604140847618609643520000000");
    div_by_zero => Case::new().signal(8).contains("about to divide 42 by 0");
    int_min_div => Case::new().signal(8).contains("dividing");
    wc_stdin => Case::new().stdin(generated_text(7, 40_000)).contains(" hist ");
    wc_stdin_empty ("wc_stdin") => Case::new().exit(3).contains("0 0 0 longest 0");
    argv_env => Case::new()
        .args(["one", "", "two words", "ünï", "--flag=x", "a\tb"])
        .env("HOME", "/home/guest")
        .env("PATH", "/bin:/usr/bin")
        .env("QVM_A", "1")
        .env("QVM_EMPTY", "")
        .env("QVM_EQ", "a=b=c")
        .contains("argc = 7")
        .contains("getenv(QVM_EQ) = \"a=b=c\"");
    tmp_fileio => Case::new()
        .arg(format!("/tmp/{}", unique_name("qvm-fileio")))
        .contains("hole zeros 5000").contains("renamed.txt(1399) sub(dir)")
        .contains("rmdir 0");
    mmap_anon => Case::new().contains("200 mappings ok 1").contains("grown keeps data 1");
    write_readonly => Case::new().signal(11).contains("now writing");
    stack_overflow => Case::new().signal(11).contains("recursing forever");
    libm => Case::new().env("GLIBC_TUNABLES", BASELINE_TUNABLES).contains("sweep");
    strtod_strtol => Case::new().contains("round trips ok").contains("bad 0");
    sprintf_sscanf => Case::new().contains("n=9 a=42");
    time_checks => Case::new().contains("time positive 1 consistent 1").contains("gettimeofday rc 0 usec in range 1").contains("gmtime(1700000000) = 2023-11-14 22:13:20");
    getrandom_count => Case::new().contains("getrandom 64 -> 64").contains("non-zero 1");
    sha256 => Case::new().contains("abc ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    sha_ni => Case::new().contains("sha1 abc a9993e364706816aba3e25717850c26c9cd0d89d").contains("extensions agree with portable code: 1");
    bignum => Case::new().contains("450! =");
    hashtable_sort => Case::new().contains("sorted 1");
    structs_unions => Case::new().contains("flex sum 328350");
    switch_fnptr => Case::new().contains("bytecode 20! = 2432902008176640000").contains("bytecode loop = 300000");
    dispatch_loop => Case::new().contains("round 2 table threaded");
    late_paths => Case::new().contains("late paths ");
    variadic => Case::new().contains("6001");
    bits => Case::new().contains("edge 64 63 63 0");
    fp_conversions => Case::new().env("GLIBC_TUNABLES", BASELINE_TUNABLES).contains("mode 3");
    long_double => Case::new().contains("sqrtl(2) = 1.4142135623730950487");
    atomics => Case::new().contains("flag 0 1").contains("flag after clear 0");
    exit3 => Case::new().exit(3).contains("handler 2\nhandler 1");
    return42 => Case::new().exit(42).contains("returning 42");
    return42_args ("return42") => Case::new().arg("x").exit(43).contains("returning 43");
    abort_signal => Case::new().signal(6).contains("stdout line");
    stderr_mix => Case::new().contains("line 1999 of");
}
