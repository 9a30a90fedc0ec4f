//! The `qvm` binary: the runtime's command line, with `qvm contract …` handed to the
//! contract layer. It lives in its own crate so that the runtime does not depend on
//! the contract layer (which depends on the runtime).

fn main() -> std::process::ExitCode {
    qvm_runtime::cli::main_with(Some(qvm_contract::cli::main))
}
