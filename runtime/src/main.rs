//! The `qvm` binary: a thin shell over [`qvm_runtime::cli`].

fn main() -> std::process::ExitCode {
    qvm_runtime::cli::main()
}
