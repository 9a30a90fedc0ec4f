//! C++ guests (`tests/guests/cpp/`), built with g++ -static at -O0 and -O2, compared
//! with native (exceptions and unwinding, RTTI, iostreams, the STL).

use qvm_tests::*;

fn check_cpp(name: &str, variant: &Variant, case: &Case) {
    let test = format!("{name}[{}]", variant.name);
    let Some(prog) = build_c(&test, &guest_source(&format!("cpp/{name}.cpp")), variant) else {
        return;
    };
    check_case(&test, &prog, case);
}

#[test]
fn exceptions_o0() {
    check_cpp(
        "exceptions",
        &GXX_O0,
        &Case::new()
            .contains("caught: bottom reached code 7")
            .contains("dtor frame0"),
    );
}

#[test]
fn exceptions_o2() {
    check_cpp(
        "exceptions",
        &GXX_O2,
        &Case::new()
            .contains("caught: bottom reached code 7")
            .contains("outer got inner"),
    );
}

#[test]
fn stl_o0() {
    check_cpp("stl", &GXX_O0, &Case::new().contains("fib(22) 17711"));
}

#[test]
fn stl_o2() {
    check_cpp(
        "stl",
        &GXX_O2,
        &Case::new().contains("fib(22) 17711").contains("the:3"),
    );
}
