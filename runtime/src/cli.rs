//! The `qvm` command line. `main.rs` only calls [`main`].
//!
//! ```text
//! qvm run [--gas-limit N] [--block-hash 0xHEX64] [--block-timestamp SECS]
//!         [--block-height N] [--env KEY=VALUE]... [--file GUEST_PATH=HOST_PATH]...
//!         [--json] [--strace] [--backend jit|kvm] <ELF> [ARGS]...
//! qvm diff [run's flags] [--lockstep] <ELF> [ARGS]...
//! qvm fuzz [--seconds N] [--cases N] [--seed S] [--max-insns N]
//! qvm contract …   (handled by the qvm-contract crate: see [`main_with`])
//! ```
//!
//! `qvm diff` runs the program on the `jit` backend and on the `kvm` oracle (stdin is read
//! once and given to both) and compares them ([`crate::diff`]); with `--lockstep`, the
//! register state at every block boundary and the gas ([`crate::lockstep`]). It prints
//! `same: …` and exits 0, or the first difference and exits 1; 2 is an error (no KVM, a
//! bad ELF, a usage error). `qvm fuzz` runs the differential instruction fuzzer
//! ([`crate::fuzz`]) and exits 1 when it found a divergence.
//!
//! Everything after `<ELF>` goes to the guest untouched, dashes and `--` included
//! (`qvm run prog --json` passes `--json` to `prog`); qvm's own flags come before it.
//! An unknown option before `<ELF>` is a usage error (name a program starting with `-`
//! as `./-name`, or put `--` before it).
//!
//! What the guest sees, and why:
//! - `argv[0]` is the ELF path exactly as given on the command line (as a shell does).
//! - The executable's guest path (`AT_EXECFN`, `readlink("/proc/self/exe")`) is `/` + the
//!   file's name: absolute, as Linux reports it, but independent of where the file sits on
//!   the host, so moving a program between directories does not change what it sees there.
//! - The environment is exactly the `--env` entries, in order: the host's environment never
//!   leaks in (determinism).
//! - `--file` makes a host file's contents readable at an absolute guest path; it is read
//!   once, before the run.
//!
//! Defaults: gas limit [`DEFAULT_GAS_LIMIT`] (10 billion, roughly several seconds of guest
//! work), block hash all zeros, timestamp [`DEFAULT_TIMESTAMP`] (2023-11-14), height 1.
//! Exit statuses are described in [`crate::report`].

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::{Args, Parser, Subcommand};

use crate::report::{self, JsonReport, ERROR_STATUS};
use crate::run::{BackendKind, Outcome, RunConfig, RunResult};

/// Default `--gas-limit`.
pub use crate::run::DEFAULT_GAS_LIMIT;

/// Default `--block-timestamp` (unix seconds).
pub const DEFAULT_TIMESTAMP: u64 = 1_700_000_000;
/// Default `--block-height`.
pub const DEFAULT_HEIGHT: u64 = 1;

/// qvm: run statically linked x86-64 Linux programs deterministically, with gas metering.
#[derive(Parser, Debug)]
#[command(name = "qvm", version, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run a statically linked x86-64 Linux ELF program.
    Run(RunArgs),
    /// Run a program on the jit and on the KVM oracle and compare (exit 0 same, 1 different, 2 error).
    Diff(DiffArgs),
    /// Differential instruction fuzzer: random snippets on the jit and the host CPU.
    Fuzz(FuzzArgs),
    /// Deploy, call, query and inspect contracts (`qvm contract --help`).
    #[command(disable_help_flag = true)]
    Contract(ContractArgs),
}

/// The command line `qvm run …` alone: [`Cli`] with only its `run` subcommand,
/// which [`Cli::parse_args`] uses when the first argument is `run`. clap builds
/// every subcommand and argument of the command it parses, and `qvm diff` and
/// `qvm fuzz` cost a run's start-up about 0.1 ms that a contract call never uses.
/// `qvm run --help`, `--version` and usage errors read the same either way (a test
/// renders both).
#[derive(Parser, Debug)]
#[command(name = "qvm", version, propagate_version = true)]
struct RunCli {
    #[command(subcommand)]
    command: RunOnly,
}

#[derive(Subcommand, Debug)]
enum RunOnly {
    /// Run a statically linked x86-64 Linux ELF program.
    Run(RunArgs),
}

/// `qvm contract …`: its arguments, passed untouched to the contract layer (the
/// `qvm-contract` crate parses them, so its grammar lives with its implementation and
/// this crate does not depend on it; see [`main_with`]).
#[derive(Args, Debug)]
pub struct ContractArgs {
    /// Everything after `contract`.
    #[arg(value_name = "ARGS", num_args = 0.., trailing_var_arg = true, allow_hyphen_values = true)]
    pub args: Vec<OsString>,
}

/// Handles `qvm contract …` (given the arguments after `contract`).
pub type ContractHandler = fn(&[OsString]) -> ExitCode;

/// `qvm run` arguments.
#[derive(Args, Debug)]
pub struct RunArgs {
    /// Gas limit: the run ends as out-of-gas when it would use more.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_GAS_LIMIT, value_parser = parse_u64)]
    pub gas_limit: u64,
    /// Block hash (seeds all randomness): 64 hex digits, optionally 0x-prefixed [default: zeros].
    #[arg(long, value_name = "0xHEX64", value_parser = parse_hash)]
    pub block_hash: Option<[u8; 32]>,
    /// Block timestamp in unix seconds: what the guest's clocks read.
    #[arg(long, value_name = "SECS", default_value_t = DEFAULT_TIMESTAMP, value_parser = parse_u64)]
    pub block_timestamp: u64,
    /// Block height.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_HEIGHT, value_parser = parse_u64)]
    pub block_height: u64,
    /// Add KEY=VALUE to the guest's environment (which is otherwise empty).
    #[arg(long = "env", value_name = "KEY=VALUE", value_parser = parse_env)]
    pub env: Vec<String>,
    /// Provide the host file HOST_PATH, read-only, at the absolute guest path GUEST_PATH.
    #[arg(long = "file", value_name = "GUEST_PATH=HOST_PATH", value_parser = parse_file_spec)]
    pub files: Vec<FileSpec>,
    /// Print one JSON object describing the run (with captured stdout/stderr) on stdout.
    #[arg(long)]
    pub json: bool,
    /// Trace syscalls to stderr.
    #[arg(long)]
    pub strace: bool,
    /// Execution engine: `jit` (the translator) or `kvm` (the real CPU, for differential testing).
    #[arg(long, value_name = "jit|kvm", default_value = "jit", value_parser = parse_backend)]
    pub backend: BackendKind,
    /// Run every block on both tiers (compiled and IR interpreter) and stop at the
    /// first difference in registers, flags, gas or stored memory.
    #[arg(long)]
    pub crosscheck: bool,
    /// Benchmarking only: run without charging instruction gas (syscalls still pay);
    /// the run then has no gas semantics.
    #[arg(long)]
    pub no_metering: bool,
    /// The ELF program, then the arguments passed to it (argv[1..], dashes included).
    #[arg(value_name = "ELF [ARGS]", required = true, num_args = 1.., trailing_var_arg = true, allow_hyphen_values = true)]
    pub program: Vec<OsString>,
}

/// `qvm diff` arguments: those of `qvm run` (`--backend` and `--json` are ignored) plus
/// `--lockstep`.
#[derive(Args, Debug)]
pub struct DiffArgs {
    /// Compare the register state at every block boundary and the gas, single-stepping the oracle.
    #[arg(long)]
    pub lockstep: bool,
    /// With --lockstep: the jit's block size limit (1 compares after every instruction).
    #[arg(long, value_name = "N", default_value_t = 64, value_parser = parse_u64)]
    pub block_insns: u64,
    /// The run's flags and program.
    #[command(flatten)]
    pub run: RunArgs,
}

/// `qvm fuzz` arguments.
#[derive(Args, Debug)]
pub struct FuzzArgs {
    /// Stop after this many seconds.
    #[arg(long, value_name = "N", value_parser = parse_u64)]
    pub seconds: Option<u64>,
    /// Stop after this many cases [default: 10000 when --seconds is not given].
    #[arg(long, value_name = "N", value_parser = parse_u64)]
    pub cases: Option<u64>,
    /// Random seed [default: from the clock].
    #[arg(long, value_name = "S", value_parser = parse_u64)]
    pub seed: Option<u64>,
    /// Most instructions per snippet.
    #[arg(long, value_name = "N", default_value_t = 20, value_parser = parse_u64)]
    pub max_insns: u64,
    /// Stop at the first divergence (otherwise report each distinct one and go on).
    #[arg(long)]
    pub stop_on_first: bool,
}

/// One `--file GUEST_PATH=HOST_PATH`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileSpec {
    /// Absolute guest path.
    pub guest: String,
    /// Host path to read.
    pub host: PathBuf,
}

/// Parses a decimal u64, allowing `_` separators (`10_000_000`).
fn parse_u64(s: &str) -> Result<u64, String> {
    let digits: String = s.chars().filter(|&c| c != '_').collect();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("{s:?} is not a non-negative decimal integer"));
    }
    digits
        .parse()
        .map_err(|_| format!("{s} is too large (the maximum is {})", u64::MAX))
}

/// Parses a 32-byte hash written as 64 hex digits, optionally `0x`-prefixed.
fn parse_hash(s: &str) -> Result<[u8; 32], String> {
    let hex = s
        .strip_prefix("0x")
        .or_else(|| s.strip_prefix("0X"))
        .unwrap_or(s);
    let bad = || format!("{s:?} is not 32 bytes written as 64 hex digits (optionally 0x-prefixed)");
    if hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(bad());
    }
    let mut out = [0u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).map_err(|_| bad())?;
    }
    Ok(out)
}

/// Parses a backend name.
fn parse_backend(s: &str) -> Result<BackendKind, String> {
    match s {
        "jit" => Ok(BackendKind::Jit),
        "kvm" => Ok(BackendKind::Kvm),
        _ => Err(format!("unknown backend {s:?} (expected jit or kvm)")),
    }
}

/// Checks a `KEY=VALUE` environment entry.
fn parse_env(s: &str) -> Result<String, String> {
    match s.split_once('=') {
        Some((key, _)) if !key.is_empty() && !s.contains('\0') => Ok(s.to_string()),
        _ => Err(format!("{s:?} is not of the form KEY=VALUE")),
    }
}

/// Parses `GUEST_PATH=HOST_PATH` (split at the first `=`; the guest path must be absolute).
fn parse_file_spec(s: &str) -> Result<FileSpec, String> {
    let Some((guest, host)) = s.split_once('=') else {
        return Err(format!("{s:?} is not of the form GUEST_PATH=HOST_PATH"));
    };
    if !guest.starts_with('/') {
        return Err(format!(
            "guest path {guest:?} must be absolute (start with /)"
        ));
    }
    if host.is_empty() {
        return Err(format!("{s:?} has an empty host path"));
    }
    Ok(FileSpec {
        guest: guest.to_string(),
        host: PathBuf::from(host),
    })
}

/// The guest path of the executable: `/` + its file name (see the module documentation).
pub fn guest_exe_path(elf: &Path) -> String {
    match elf.file_name() {
        Some(name) => format!("/{}", name.to_string_lossy()),
        None => "/prog".to_string(),
    }
}

impl RunArgs {
    /// Reads the files and builds the run configuration.
    pub fn to_config(&self) -> Result<RunConfig> {
        let (elf_path, guest_args) = self.program.split_first().context("missing ELF argument")?;
        let elf_path = Path::new(elf_path);
        let elf = crate::ElfBytes::open(elf_path)
            .with_context(|| format!("cannot read ELF file {}", elf_path.display()))?;
        let mut argv = vec![os_bytes(elf_path.as_os_str())];
        argv.extend(guest_args.iter().map(|a| os_bytes(a)));
        if let Some(i) = argv.iter().position(|a| a.contains(&0)) {
            bail!("argument {i} contains a NUL byte");
        }
        let mut files = Vec::with_capacity(self.files.len());
        for f in &self.files {
            let data = std::fs::read(&f.host)
                .with_context(|| format!("--file {}: cannot read {}", f.guest, f.host.display()))?;
            files.push((f.guest.clone(), data));
        }
        Ok(RunConfig {
            elf,
            exe_path: guest_exe_path(elf_path),
            argv,
            env: self.env.iter().map(|e| e.clone().into_bytes()).collect(),
            files,
            block: qvm_kernel::BlockContext {
                height: self.block_height,
                timestamp: self.block_timestamp,
                hash: self.block_hash.unwrap_or([0; 32]),
            },
            gas_limit: self.gas_limit,
            strace: self.strace,
            capture: self.json,
            backend: if self.crosscheck {
                BackendKind::Crosscheck
            } else {
                self.backend
            },
        })
    }
}

/// An OS string's bytes (Unix: exact).
fn os_bytes(s: &std::ffi::OsStr) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    s.as_bytes().to_vec()
}

/// Writes a line to stderr, ignoring failures (nothing better can be done with them).
fn eprint_line(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// Prints a `qvm: error:` line (and the JSON error object in `--json` mode); status 2.
fn fail(err: &anyhow::Error, json: bool) -> ExitCode {
    // `{:#}` joins the context chain on one line: "cannot read ELF file x: No such file…".
    let msg = format!("{err:#}");
    if json {
        let _ = writeln!(std::io::stdout().lock(), "{}", report::error_json(&msg));
    }
    eprint_line(&format!("qvm: error: {msg}"));
    ExitCode::from(ERROR_STATUS)
}

/// Reports a finished run: the `--json` object or the stderr line, and the exit status.
fn finish(result: &RunResult, json: bool) -> ExitCode {
    if json {
        let text = JsonReport::new(result).to_json();
        let _ = writeln!(std::io::stdout().lock(), "{text}");
    }
    match (&result.outcome, &result.fault) {
        (Outcome::Exited(_), _) => {}
        (Outcome::Signaled(_), Some(f)) => eprint_line(&report::fault_line(f)),
        (Outcome::Signaled(sig), None) => eprint_line(&report::signal_line(*sig)),
        (Outcome::OutOfGas, _) => eprint_line(&report::out_of_gas_line(result.gas_limit)),
    }
    ExitCode::from(report::exit_status(&result.outcome))
}

/// Reads all of stdin unless it is a terminal (then: none).
fn read_stdin() -> std::io::Result<Vec<u8>> {
    use std::io::{IsTerminal, Read};
    let mut buf = Vec::new();
    if !std::io::stdin().is_terminal() {
        std::io::stdin().lock().read_to_end(&mut buf)?;
    }
    Ok(buf)
}

/// `qvm diff`.
fn diff_command(args: &DiffArgs) -> ExitCode {
    let make = || args.run.to_config();
    if let Err(e) = make() {
        return fail(&e, false);
    }
    let stdin = match read_stdin() {
        Ok(b) => b,
        Err(e) => return fail(&anyhow::Error::new(e).context("cannot read stdin"), false),
    };
    let factory = || make().expect("configuration checked above");
    if args.lockstep {
        let block_insns = usize::try_from(args.block_insns.clamp(1, 4096)).unwrap_or(64);
        let opts = crate::lockstep::LockstepOptions {
            max_block_insns: block_insns,
            stdin: stdin.clone(),
            ..Default::default()
        };
        match crate::lockstep::lockstep(factory, &opts) {
            Ok(rep) if rep.same() => {
                let _ = writeln!(std::io::stdout().lock(), "{rep}");
                ExitCode::SUCCESS
            }
            Ok(rep) => {
                let _ = writeln!(std::io::stdout().lock(), "{rep}");
                if rep.divergence.is_some() && block_insns > 1 {
                    // Narrow it down to one instruction.
                    let one = crate::lockstep::LockstepOptions {
                        max_block_insns: 1,
                        ..opts
                    };
                    if let Ok(r1) = crate::lockstep::lockstep(factory, &one) {
                        if r1.divergence.is_some() {
                            let _ = writeln!(
                                std::io::stdout().lock(),
                                "\nwith one instruction per block:\n{r1}"
                            );
                        }
                    }
                }
                ExitCode::from(1)
            }
            Err(e) => fail(&anyhow::Error::new(e), false),
        }
    } else {
        match crate::diff::diff_with(factory, &stdin) {
            Ok(rep) => {
                let _ = writeln!(std::io::stdout().lock(), "{rep}");
                ExitCode::from(if rep.same() { 0 } else { 1 })
            }
            Err(e) => fail(&anyhow::Error::new(e), false),
        }
    }
}

/// `qvm fuzz`.
fn fuzz_command(args: &FuzzArgs) -> ExitCode {
    let seed = args.seed.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| {
                u64::try_from(d.as_nanos() & u128::from(u64::MAX)).unwrap_or(1)
            })
    });
    let cases = match (args.cases, args.seconds) {
        (Some(c), _) => c,
        (None, Some(_)) => u64::MAX,
        (None, None) => 10_000,
    };
    let opts = crate::fuzz::FuzzOptions {
        seed,
        cases,
        duration: args.seconds.map(std::time::Duration::from_secs),
        max_insns: usize::try_from(args.max_insns.clamp(1, 200)).unwrap_or(20),
        stop_on_first: args.stop_on_first,
        log: true,
    };
    let rep = crate::fuzz::fuzz(&opts);
    let _ = writeln!(std::io::stdout().lock(), "{rep}");
    ExitCode::from(if rep.findings.is_empty() { 0 } else { 1 })
}

/// `qvm run`.
fn run_command(args: &RunArgs) -> ExitCode {
    let config = match args.to_config() {
        Ok(c) => c,
        Err(e) => return fail(&e, args.json),
    };
    // `--json` prints a fault's registers: record the stdin the guest reads so
    // that a faulting run can be replayed for a deterministic dump.
    let replayable = args.json && config.backend == BackendKind::Jit;
    let opts = crate::run::RunOptions {
        translator: args.no_metering.then(|| qvm_translator::TranslatorConfig {
            metering: false,
            ..Default::default()
        }),
        record_stdin: replayable,
        ..Default::default()
    };
    match crate::run::run_with(config, &opts) {
        Ok((mut result, record)) => {
            if replayable && result.fault.is_some() {
                deterministic_fault(args, &opts, &mut result, record.stdin);
            }
            finish(&result, args.json)
        }
        Err(e) => fail(&anyhow::Error::new(e), args.json),
    }
}

/// Replaces a fault's register dump by that of a replay with synchronous
/// compilation ([`crate::run::replay_fault`]), which does not depend on the
/// compile thread's timing. Should the replay fail or fault elsewhere (a qvm
/// bug), the run's own dump stays and a warning says so.
fn deterministic_fault(
    args: &RunArgs,
    opts: &crate::run::RunOptions,
    result: &mut RunResult,
    stdin: Vec<u8>,
) {
    let Some(orig) = &result.fault else {
        return;
    };
    let replay = args
        .to_config()
        .map_err(|e| e.to_string())
        .and_then(|c| crate::run::replay_fault(c, opts, Some(stdin)).map_err(|e| e.to_string()));
    match replay {
        Ok(Some(f)) if (f.signal, f.addr, f.rip) == (orig.signal, orig.addr, orig.rip) => {
            result.fault = Some(f);
        }
        Ok(_) => eprint_line("qvm: warning: the replay of the faulting run ended differently; registers as first seen"),
        Err(e) => eprint_line(&format!("qvm: warning: cannot replay the faulting run ({e}); registers as first seen")),
    }
}

impl Cli {
    /// Parses a command line (`args[0]` is the program name). Beyond clap's own checks,
    /// an ELF argument starting with `-` is rejected as an unknown option: the guest
    /// arguments are a trailing list that starts at the ELF, so a mistyped qvm flag
    /// would otherwise be taken for the program.
    pub fn parse_args<I, T>(args: I) -> Result<Cli, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<OsString> + Clone,
    {
        let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
        let cli = if args.get(1).is_some_and(|a| a == "run") {
            let RunOnly::Run(run) = RunCli::try_parse_from(&args)?.command;
            Cli {
                command: Command::Run(run),
            }
        } else {
            Cli::try_parse_from(&args)?
        };
        let first = match &cli.command {
            Command::Run(run) => run.program.first(),
            Command::Diff(d) => d.run.program.first(),
            Command::Contract(_) | Command::Fuzz(_) => None,
        };
        if let Some(first) = first {
            let dashed = first.to_string_lossy().starts_with('-');
            // `qvm run -- -prog` names a program starting with '-' on purpose.
            let pos = args.iter().position(|a| a == first).unwrap_or(0);
            let after_double_dash = args[..pos].iter().any(|a| a == "--");
            if dashed && !after_double_dash {
                let msg = format!(
                    "unexpected argument '{}' (qvm's options come before the ELF; use ./{0} for a file of that name)",
                    first.to_string_lossy()
                );
                let mut cmd = <Cli as clap::CommandFactory>::command();
                cmd.build();
                let kind = clap::error::ErrorKind::UnknownArgument;
                let sub = if matches!(cli.command, Command::Diff(_)) {
                    "diff"
                } else {
                    "run"
                };
                return Err(match cmd.find_subcommand_mut(sub) {
                    Some(run) => run.error(kind, msg),
                    None => cmd.error(kind, msg),
                });
            }
        }
        Ok(cli)
    }
}

/// The whole `qvm` program without the contract layer (`qvm contract` is an error).
pub fn main() -> ExitCode {
    main_with(None)
}

/// The whole `qvm` program: parses `std::env::args_os()` and runs the subcommand;
/// `qvm contract …` goes to `contract` (the binary passes the contract layer's handler).
/// Usage errors print clap's message and exit with status 2; `--help`/`--version` exit 0.
pub fn main_with(contract: Option<ContractHandler>) -> ExitCode {
    let cli = match Cli::parse_args(std::env::args_os()) {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(
                e.kind(),
                ErrorKind::DisplayHelp
                    | ErrorKind::DisplayVersion
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) {
                let _ = e.print();
                return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(ERROR_STATUS));
            }
            // A usage error is one line naming what and why (clap's own text adds
            // a usage block and a hint on further lines).
            let text = e.render().to_string();
            let first = text.lines().next().unwrap_or("invalid arguments");
            let first = first.strip_prefix("error: ").unwrap_or(first);
            eprintln!("qvm: error: {first} (see qvm run --help)");
            return ExitCode::from(ERROR_STATUS);
        }
    };
    match &cli.command {
        Command::Run(args) => run_command(args),
        Command::Diff(args) => diff_command(args),
        Command::Fuzz(args) => fuzz_command(args),
        Command::Contract(args) => match contract {
            Some(handler) => handler(&args.args),
            None => {
                eprint_line("qvm: error: this qvm was built without the contract layer");
                ExitCode::from(ERROR_STATUS)
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<RunArgs, clap::Error> {
        let cli = Cli::parse_args(std::iter::once("qvm").chain(args.iter().copied()))?;
        match cli.command {
            Command::Run(r) => Ok(r),
            _ => panic!("not a run command: {args:?}"),
        }
    }

    fn program(r: &RunArgs) -> Vec<String> {
        r.program
            .iter()
            .map(|s| s.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn defaults() {
        let r = parse(&["run", "prog"]).unwrap();
        assert_eq!(r.gas_limit, 10_000_000_000);
        assert_eq!(r.block_hash, None);
        assert_eq!((r.block_timestamp, r.block_height), (1_700_000_000, 1));
        assert!(!r.json && !r.strace && r.env.is_empty() && r.files.is_empty());
        assert_eq!(r.backend, BackendKind::Jit);
        assert_eq!(program(&r), ["prog"]);
    }

    #[test]
    fn guest_arguments_keep_their_dashes() {
        let r = parse(&["run", "--json", "prog", "-x", "--json", "--gas-limit", "5"]).unwrap();
        assert!(r.json);
        assert_eq!(r.gas_limit, DEFAULT_GAS_LIMIT);
        assert_eq!(program(&r), ["prog", "-x", "--json", "--gas-limit", "5"]);
        let r = parse(&["run", "prog", "--", "-y"]).unwrap();
        assert_eq!(program(&r), ["prog", "--", "-y"]);
        let r = parse(&["run", "prog", "--json"]).unwrap();
        assert!(!r.json);
        assert_eq!(program(&r), ["prog", "--json"]);
        let r = parse(&["run", "--", "prog", "a", "--", "-y"]).unwrap();
        assert_eq!(program(&r), ["prog", "a", "--", "-y"]);
        let r = parse(&["run", "prog", "-h"]).unwrap();
        assert_eq!(program(&r), ["prog", "-h"]);
        let r = parse(&["run", "--", "-prog", "-h"]).unwrap();
        assert_eq!(program(&r), ["-prog", "-h"]);
    }

    #[test]
    fn all_flags() {
        let hash = format!("0x{}", "ab".repeat(32));
        let r = parse(&[
            "run",
            "--gas-limit",
            "1_000",
            "--block-hash",
            &hash,
            "--block-timestamp",
            "5",
            "--block-height",
            "7",
            "--env",
            "A=1",
            "--env",
            "B==2",
            "--file",
            "/data/x=/etc/hostname",
            "--strace",
            "--backend",
            "kvm",
            "prog",
            "a",
        ])
        .unwrap();
        assert_eq!(r.gas_limit, 1000);
        assert_eq!(r.block_hash, Some([0xab; 32]));
        assert_eq!((r.block_timestamp, r.block_height), (5, 7));
        assert_eq!(r.env, ["A=1", "B==2"]);
        assert_eq!(
            r.files,
            [FileSpec {
                guest: "/data/x".into(),
                host: "/etc/hostname".into()
            }]
        );
        assert!(r.strace);
        assert_eq!(r.backend, BackendKind::Kvm);
    }

    #[test]
    fn bad_values_are_usage_errors() {
        for args in [
            &["run"][..],
            &["run", "--gas-limit", "-1", "p"],
            &["run", "--gas-limit", "1e9", "p"],
            &["run", "--gas-limit", "99999999999999999999", "p"],
            &["run", "--block-hash", "0x12", "p"],
            &["run", "--block-hash", &"zz".repeat(32), "p"],
            &["run", "--env", "NOEQUALS", "p"],
            &["run", "--env", "=x", "p"],
            &["run", "--file", "relative=/etc/hostname", "p"],
            &["run", "--file", "/x", "p"],
            &["run", "--bogus", "p"],
            &["run", "--bogus", "p", "--", "x"],
            &["run", "--gas-limt", "5", "p"],
            &["run", "--backend", "qemu", "p"],
            &["frobnicate"],
        ] {
            let e = parse(args)
                .err()
                .unwrap_or_else(|| panic!("accepted {args:?}"));
            assert_eq!(e.exit_code(), 2, "{args:?}");
        }
    }

    #[test]
    fn config_from_args() {
        let dir = std::env::temp_dir().join(format!("qvm-cli-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let elf = dir.join("hello");
        std::fs::write(&elf, b"\x7fELF").unwrap();
        let data = dir.join("data.txt");
        std::fs::write(&data, b"payload").unwrap();
        let elf_s = elf.to_string_lossy().into_owned();
        let spec = format!("/in.txt={}", data.display());
        let r = parse(&[
            "run", "--json", "--env", "K=V", "--file", &spec, &elf_s, "-v",
        ])
        .unwrap();
        let c = r.to_config().unwrap();
        assert_eq!(&c.elf[..], b"\x7fELF");
        assert_eq!(c.exe_path, "/hello");
        assert_eq!(c.argv, [elf_s.as_bytes().to_vec(), b"-v".to_vec()]);
        assert_eq!(c.env, [b"K=V".to_vec()]);
        assert_eq!(c.files, [("/in.txt".to_string(), b"payload".to_vec())]);
        assert!(c.capture && !c.strace);
        assert_eq!(c.block.hash, [0; 32]);

        let missing = dir.join("nope").to_string_lossy().into_owned();
        let e = parse(&["run", &missing])
            .unwrap()
            .to_config()
            .err()
            .unwrap();
        let msg = format!("{e:#}");
        assert!(
            msg.starts_with("cannot read ELF file") && !msg.contains('\n'),
            "{msg}"
        );
        let spec = format!("/in.txt={missing}");
        let e = parse(&["run", "--file", &spec, &elf_s])
            .unwrap()
            .to_config()
            .err()
            .unwrap();
        assert!(
            format!("{e:#}").starts_with("--file /in.txt: cannot read"),
            "{e:#}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn diff_and_fuzz_arguments() {
        let cli = Cli::parse_args([
            "qvm",
            "diff",
            "--lockstep",
            "--gas-limit",
            "5",
            "prog",
            "-x",
        ])
        .unwrap();
        match cli.command {
            Command::Diff(d) => {
                assert!(d.lockstep);
                assert_eq!(d.run.gas_limit, 5);
                assert_eq!(program(&d.run), ["prog", "-x"]);
            }
            other => panic!("{other:?}"),
        }
        let cli = Cli::parse_args(["qvm", "diff", "prog"]).unwrap();
        assert!(matches!(cli.command, Command::Diff(ref d) if !d.lockstep));
        assert!(Cli::parse_args(["qvm", "diff", "--bogus", "prog"]).is_err());
        assert!(Cli::parse_args(["qvm", "diff"]).is_err());
        let cli = Cli::parse_args(["qvm", "fuzz", "--seconds", "3", "--seed", "7"]).unwrap();
        match cli.command {
            Command::Fuzz(f) => assert_eq!((f.seconds, f.seed, f.cases), (Some(3), Some(7), None)),
            other => panic!("{other:?}"),
        }
    }

    /// `qvm run …` is parsed by a command with only that subcommand; what a user
    /// sees must not tell the two apart.
    #[test]
    fn run_alone_parses_and_reads_like_the_whole_command_line() {
        use clap::CommandFactory;
        let mut whole = Cli::command();
        whole.build();
        let mut alone = RunCli::command();
        alone.build();
        let help = |c: &mut clap::Command| {
            let run = c.find_subcommand_mut("run").expect("run subcommand");
            (
                run.render_help().to_string(),
                run.render_long_help().to_string(),
            )
        };
        assert_eq!(help(&mut whole), help(&mut alone));
        let error = |r: Result<Cli, clap::Error>| match r {
            Ok(cli) => format!("{cli:?}"),
            Err(e) => format!("{:?} {}", e.kind(), e.render()),
        };
        for line in [
            &["qvm", "run", "--gas-limit", "7", "--json", "prog", "-x"][..],
            &["qvm", "run", "--help"],
            &["qvm", "run", "--version"],
            &["qvm", "run"],
            &["qvm", "run", "--gas-limit"],
            &["qvm", "run", "--gas-limit", "lots", "prog"],
            &["qvm", "run", "--env", "novalue", "prog"],
            &["qvm", "run", "--backend", "qemu", "prog"],
        ] {
            let args = line.iter().map(OsString::from).collect::<Vec<_>>();
            assert_eq!(
                error(Cli::parse_args(&args)),
                error(Cli::try_parse_from(&args)),
                "{line:?}"
            );
        }
    }

    #[test]
    fn exe_path_is_absolute_file_name() {
        assert_eq!(guest_exe_path(Path::new("./build/hello")), "/hello");
        assert_eq!(guest_exe_path(Path::new("hello")), "/hello");
        assert_eq!(guest_exe_path(Path::new("/")), "/prog");
    }
}
