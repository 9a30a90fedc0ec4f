//! `qvm contract …`: deploy, call, query and inspect contracts in a state directory.
//!
//! ```text
//! qvm contract deploy [--state DIR] [--from ADDR] [--gas-limit N] [--json] [BLOCK] CONTRACT.elf [ARGS]...
//! qvm contract call   [--state DIR] [--from ADDR] [--gas-limit N] [-r KEY1,KEY2]... [--json] [BLOCK] ADDRESS [ARGS]...
//! qvm contract query  (as call; nothing is kept)
//! qvm contract state  [--state DIR] [--json] ADDRESS
//! BLOCK: [--block-height N] [--block-timestamp SECS] [--block-hash 0xHEX64] [--call-index N]
//! ```
//!
//! State lives in `DIR/state.redb` (default `DIR` = `./qvm-state`, created on first use).
//! Exit status: 0 success; 1 the contract reverted (the reason on stderr, or in the JSON);
//! 2 the request could not run (usage, unknown contract, bad ELF, store error).
//!
//! Plain output: `deploy` prints the address, `call`/`query` the contract's output
//! (events go to stderr as `event: TEXT`), `state` one `KEY=VALUE` per line. `--json`
//! prints one object: the receipt (see [`crate::Receipt::to_json`]; deploy adds
//! `address`), or for `state` `{address, vm_version, code_hash, state, state_root}`.
//!
//! The qvm binary hands `qvm contract …` here (see [`main`]); the runtime's CLI knows
//! only that the subcommand exists.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};
use qvm_kernel::BlockContext;
use serde_json::json;

use crate::address::{to_hex, Address};
use crate::engine::{CallRequest, DeployRequest, Engine};
use crate::receipt::Receipt;
use crate::store::RedbStore;

/// Default `--gas-limit` (as `qvm run`).
pub const DEFAULT_GAS_LIMIT: u64 = 10_000_000_000;
/// Default `--state`.
pub const DEFAULT_STATE_DIR: &str = "qvm-state";
/// The database file inside the state directory.
pub const STATE_FILE: &str = "state.redb";

/// Exit status of a reverted call.
const REVERTED: u8 = 1;
/// Exit status of a request that could not run.
const ERROR: u8 = 2;

/// `qvm contract`: deploy, call and inspect contracts.
#[derive(Parser, Debug)]
#[command(name = "qvm contract")]
pub struct ContractCli {
    /// What to do.
    #[command(subcommand)]
    pub command: ContractCommand,
}

/// The `qvm contract` subcommands.
#[derive(Subcommand, Debug)]
pub enum ContractCommand {
    /// Deploy a contract: run its constructor and record it.
    Deploy(DeployArgs),
    /// Call a contract; its writes are kept if it succeeds.
    Call(CallArgs),
    /// Call a contract and report what it would do; nothing is kept.
    Query(CallArgs),
    /// Print a contract's state and the state root.
    State(StateArgs),
}

/// Options every subcommand has.
#[derive(Args, Debug)]
pub struct Common {
    /// The state directory.
    #[arg(long, value_name = "DIR", default_value = DEFAULT_STATE_DIR)]
    pub state: PathBuf,
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
}

/// The block and gas of a run.
#[derive(Args, Debug)]
pub struct RunOpts {
    /// The caller (deployer) address: 40 hex digits.
    #[arg(
        long,
        value_name = "ADDR",
        default_value = "0x0000000000000000000000000000000000000000"
    )]
    pub from: Address,
    /// Gas limit.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_GAS_LIMIT, value_parser = parse_u64)]
    pub gas_limit: u64,
    /// Block height.
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = parse_u64)]
    pub block_height: u64,
    /// Block timestamp (unix seconds).
    #[arg(long, value_name = "SECS", default_value_t = 1_700_000_000, value_parser = parse_u64)]
    pub block_timestamp: u64,
    /// Block hash: 64 hex digits, optionally 0x-prefixed [default: zeros].
    #[arg(long, value_name = "0xHEX64", value_parser = parse_hash)]
    pub block_hash: Option<[u8; 32]>,
    /// The call's index in its block (seeds randomness).
    #[arg(long, value_name = "N", default_value_t = 0, value_parser = parse_u64)]
    pub call_index: u64,
}

impl RunOpts {
    fn block(&self) -> BlockContext {
        BlockContext {
            height: self.block_height,
            timestamp: self.block_timestamp,
            hash: self.block_hash.unwrap_or([0; 32]),
        }
    }
}

/// `qvm contract deploy`.
#[derive(Args, Debug)]
pub struct DeployArgs {
    #[command(flatten)]
    #[allow(missing_docs)]
    pub common: Common,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub run: RunOpts,
    /// The contract ELF, then constructor arguments (after `construct`).
    #[arg(value_name = "CONTRACT.elf [ARGS]", required = true, num_args = 1.., trailing_var_arg = true, allow_hyphen_values = true)]
    pub program: Vec<OsString>,
}

/// `qvm contract call` / `query`.
#[derive(Args, Debug)]
pub struct CallArgs {
    #[command(flatten)]
    #[allow(missing_docs)]
    pub common: Common,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub run: RunOpts,
    /// Keys the contract may read (comma-separated; repeatable): each reaches it as `DB_<KEY>`.
    #[arg(
        short = 'r',
        long = "read",
        value_name = "KEY1,KEY2",
        value_delimiter = ','
    )]
    pub read: Vec<String>,
    /// The contract address, then the call's arguments.
    #[arg(value_name = "ADDRESS [ARGS]", required = true, num_args = 1.., trailing_var_arg = true, allow_hyphen_values = true)]
    pub target: Vec<OsString>,
}

/// `qvm contract state`.
#[derive(Args, Debug)]
pub struct StateArgs {
    #[command(flatten)]
    #[allow(missing_docs)]
    pub common: Common,
    /// The contract address.
    pub address: Address,
}

/// Parses a decimal u64, allowing `_` separators.
fn parse_u64(s: &str) -> Result<u64, String> {
    let digits: String = s.chars().filter(|&c| c != '_').collect();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("{s:?} is not a non-negative decimal integer"));
    }
    digits.parse().map_err(|_| format!("{s} is too large"))
}

/// Parses 64 hex digits, optionally 0x-prefixed.
fn parse_hash(s: &str) -> Result<[u8; 32], String> {
    let hex = s
        .strip_prefix("0x")
        .or_else(|| s.strip_prefix("0X"))
        .unwrap_or(s);
    crate::address::from_hex(hex)
        .and_then(|b| <[u8; 32]>::try_from(b).ok())
        .ok_or_else(|| format!("{s:?} is not 32 bytes written as 64 hex digits"))
}

/// Arguments as UTF-8 strings.
fn utf8_args(args: &[OsString]) -> Result<Vec<String>> {
    args.iter()
        .enumerate()
        .map(|(i, a)| {
            a.to_str()
                .map(str::to_string)
                .with_context(|| format!("contract argument {} is not UTF-8", i + 1))
        })
        .collect()
}

/// Opens the store in `dir`, creating the directory.
fn open_store(dir: &Path) -> Result<Engine<RedbStore>> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create state directory {}", dir.display()))?;
    let path = dir.join(STATE_FILE);
    let store =
        RedbStore::open(&path).with_context(|| format!("cannot open {}", path.display()))?;
    Ok(Engine::new(store))
}

/// Prints a line on stdout, ignoring failures.
fn out(line: &str) {
    let _ = writeln!(std::io::stdout().lock(), "{line}");
}

/// Prints a receipt (plain or JSON) and returns the exit status.
fn report(receipt: &Receipt, json: Option<serde_json::Value>) -> ExitCode {
    if let Some(j) = json {
        out(&j.to_string());
    } else {
        let _ = std::io::stdout()
            .lock()
            .write_all(receipt.output.as_bytes());
        for e in &receipt.events {
            match &e.topic {
                Some(t) => eprintln!("event [{t}]: {}", e.data),
                None => eprintln!("event: {}", e.data),
            }
        }
    }
    match &receipt.revert {
        None => ExitCode::SUCCESS,
        Some(r) => {
            let reason = r.reason.trim_end();
            eprintln!("qvm: contract reverted ({}): {reason}", r.kind.name());
            ExitCode::from(REVERTED)
        }
    }
}

/// `deploy`.
fn deploy(a: &DeployArgs) -> Result<ExitCode> {
    let (path, args) = a.program.split_first().context("missing CONTRACT.elf")?;
    let code = std::fs::read(path)
        .with_context(|| format!("cannot read contract {}", Path::new(path).display()))?;
    let args = utf8_args(args)?;
    let mut engine = open_store(&a.common.state)?;
    let r = engine.deploy(DeployRequest {
        code,
        deployer: a.run.from,
        args,
        gas_limit: a.run.gas_limit,
        block: a.run.block(),
    })?;
    if !a.common.json && r.receipt.success() {
        out(&r.address.to_hex());
    }
    Ok(report(&r.receipt, a.common.json.then(|| r.to_json())))
}

/// `call` and `query`.
fn call(a: &CallArgs, keep: bool) -> Result<ExitCode> {
    let (addr, args) = a.target.split_first().context("missing ADDRESS")?;
    let contract: Address = addr.to_str().context("the address is not UTF-8")?.parse()?;
    let req = CallRequest {
        contract,
        caller: a.run.from,
        args: utf8_args(args)?,
        read_keys: a.read.iter().filter(|k| !k.is_empty()).cloned().collect(),
        gas_limit: a.run.gas_limit,
        block: a.run.block(),
        call_index: a.run.call_index,
    };
    let mut engine = open_store(&a.common.state)?;
    let receipt = if keep {
        engine.call(req)?
    } else {
        engine.query(req)?
    };
    Ok(report(&receipt, a.common.json.then(|| receipt.to_json())))
}

/// `state`.
fn state(a: &StateArgs) -> Result<ExitCode> {
    let engine = open_store(&a.common.state)?;
    let record = engine.record(&a.address)?;
    let state = engine.state(&a.address)?;
    let root = engine.state_root()?;
    if a.common.json {
        out(&json!({
            "address": a.address.to_hex(),
            "vm_version": record.vm_version,
            "code_hash": to_hex(&record.code_hash),
            "state": state,
            "state_root": to_hex(&root),
        })
        .to_string());
    } else {
        for (k, v) in &state {
            out(&format!("{k}={v}"));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs `qvm contract ARGS…` (`args` excludes `qvm contract`), printing errors as
/// `qvm: error: …` (and a JSON error object with `--json`).
pub fn main(args: &[OsString]) -> ExitCode {
    let argv = std::iter::once(OsString::from("qvm contract")).chain(args.iter().cloned());
    let cli = match ContractCli::try_parse_from(argv) {
        Ok(c) => c,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(
                e.kind(),
                ErrorKind::DisplayHelp
                    | ErrorKind::DisplayVersion
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) {
                let _ = e.print();
                return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(ERROR));
            }
            let text = e.render().to_string();
            let first = text.lines().next().unwrap_or("invalid arguments");
            let first = first.strip_prefix("error: ").unwrap_or(first);
            eprintln!("qvm: error: {first} (see qvm contract --help)");
            return ExitCode::from(ERROR);
        }
    };
    let json = match &cli.command {
        ContractCommand::Deploy(a) => a.common.json,
        ContractCommand::Call(a) | ContractCommand::Query(a) => a.common.json,
        ContractCommand::State(a) => a.common.json,
    };
    let result = match &cli.command {
        ContractCommand::Deploy(a) => deploy(a),
        ContractCommand::Call(a) => call(a, true),
        ContractCommand::Query(a) => call(a, false),
        ContractCommand::State(a) => state(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            let msg = format!("{e:#}");
            if json {
                out(&json!({ "status": "error", "error": msg }).to_string());
            }
            eprintln!("qvm: error: {msg}");
            ExitCode::from(ERROR)
        }
    }
}
