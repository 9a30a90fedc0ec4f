//! Debug driver: `rawrun ELF [ARGS]` runs a guest with default settings.
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let elf = qvm_runtime::ElfBytes::open(std::path::Path::new(&args[0])).expect("read elf");
    let cfg = qvm_runtime::RunConfig {
        elf,
        exe_path: std::fs::canonicalize(&args[0])
            .map(|p| p.display().to_string())
            .unwrap_or(args[0].clone()),
        argv: args.iter().map(|a| a.as_bytes().to_vec()).collect(),
        env: vec![],
        files: vec![],
        block: qvm_kernel::BlockContext::default(),
        gas_limit: u64::MAX / 2,
        strace: std::env::var("STRACE").is_ok(),
        capture: false,
        backend: if std::env::var("KVM").is_ok() {
            qvm_runtime::BackendKind::Kvm
        } else {
            qvm_runtime::BackendKind::Jit
        },
    };
    match qvm_runtime::run(cfg) {
        Ok(r) => {
            eprintln!("outcome {:?} gas {}", r.outcome, r.gas_used);
            if let Some(f) = r.fault {
                eprintln!(
                    "fault sig {} rip {:#x} addr {:#x} insn {}",
                    f.signal, f.rip, f.addr, f.insn
                );
            }
        }
        Err(e) => eprintln!("error: {e}"),
    }
}
