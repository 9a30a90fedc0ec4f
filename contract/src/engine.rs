//! The embedding API: [`Engine`] deploys, calls and queries contracts over a
//! [`StateStore`], and reports a [`Receipt`] with the state root after each.
//!
//! One call = one run of the contract's ELF under the runtime (see [`crate::abi`] for
//! what it sees and says), then, on success only, one atomic [`ChangeSet`]. Gas: the
//! declared reads are paid before the run (the run gets what is left), the program's
//! own gas during it, its writes and events after it; if the total passes the limit the
//! call is out of gas. Out of gas and faults use the whole limit, as in `qvm run`.
//!
//! Randomness: the kernel's random stream is seeded, per call, with
//! `SHA3-256("qvm.contract.random.v1" || block_hash || contract[20] || u64be(call_index))`,
//! so two calls in one block see different streams; the guest still reads the real block
//! hash in `QVM_BLOCK_HASH`.

use std::collections::BTreeMap;

use qvm_kernel::BlockContext;
use qvm_runtime::{BackendKind, Outcome, RunConfig, RunError};
use sha3::{Digest, Sha3_256};

use crate::abi::{self, EnvInputs, Limits, INITIALIZED_KEY};
use crate::address::{sha3, Address, Hash};
use crate::host_calls::{ContractHost, SharedHost};
use crate::receipt::{DeployReceipt, Event, Receipt, Revert, RevertKind};
use crate::schedule::{ContractSchedule, VM_VERSION};
use crate::state_root::{self, Proof};
use crate::store::{ChangeSet, ContractRecord, StateStore, StoreError};

/// Engine settings.
#[derive(Clone, Copy, Debug, Default)]
pub struct EngineConfig {
    /// ABI size limits.
    pub limits: Limits,
    /// Execution backend.
    pub backend: BackendKind,
}

/// Deploy a contract.
#[derive(Clone, Debug)]
pub struct DeployRequest {
    /// The static x86-64 ELF.
    pub code: Vec<u8>,
    /// Who deploys it (its caller during the constructor).
    pub deployer: Address,
    /// Constructor arguments (after `construct`).
    pub args: Vec<String>,
    /// Gas limit.
    pub gas_limit: u64,
    /// The block.
    pub block: BlockContext,
}

/// Call (or query) a contract.
#[derive(Clone, Debug)]
pub struct CallRequest {
    /// The contract.
    pub contract: Address,
    /// Who calls.
    pub caller: Address,
    /// Arguments (argv[1..]).
    pub args: Vec<String>,
    /// Keys the contract may read (each reaches it as `DB_<KEY>`; paid per byte).
    pub read_keys: Vec<String>,
    /// Gas limit.
    pub gas_limit: u64,
    /// The block.
    pub block: BlockContext,
    /// The call's index in its block (seeds the random stream).
    pub call_index: u64,
}

/// Errors that keep a request from running at all (a contract that runs and fails
/// gives a reverted [`Receipt`] instead).
#[derive(Debug, thiserror::Error)]
pub enum ContractError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// No contract at the address.
    #[error("no contract at address {0}")]
    NoSuchContract(Address),
    /// The contract's code is missing from the store.
    #[error("the code of contract {0} is missing from the state store")]
    MissingCode(Address),
    /// The contract was deployed under a vm_version this build does not run.
    #[error(
        "contract {address} needs vm_version {version}; this qvm runs vm_version {VM_VERSION} only"
    )]
    UnsupportedVmVersion {
        /// The contract.
        address: Address,
        /// Its vm_version.
        version: u32,
    },
    /// A declared read key breaks the key rules.
    #[error("read key {key:?}: {reason}")]
    BadReadKey {
        /// The key.
        key: String,
        /// Why.
        reason: String,
    },
    /// An argument contains a NUL byte.
    #[error("argument {0} contains a NUL byte")]
    NulInArgument(usize),
    /// The runtime could not run the program (e.g. the code is not a valid ELF).
    #[error(transparent)]
    Run(#[from] RunError),
}

/// Deploys, calls and queries contracts over a state store.
pub struct Engine<S: StateStore> {
    store: S,
    config: EngineConfig,
    /// Translated code kept between calls of the same contract (warm starts),
    /// keyed by contract address: the address is derived from the code's SHA3
    /// hash ([`Address::contract`]), so one address always names the same code.
    code_cache: std::cell::RefCell<qvm_runtime::CodeCache>,
}

/// One run's result before anything is committed.
struct Execution {
    receipt: Receipt,
}

/// What to run.
struct Job<'a> {
    code: &'a [u8],
    address: Address,
    caller: Address,
    argv: Vec<Vec<u8>>,
    reads: Vec<(String, Option<String>)>,
    initialized: bool,
    gas_limit: u64,
    block: BlockContext,
    call_index: u64,
    schedule: ContractSchedule,
    /// The contract's whole storage, for host-call reads of any key.
    storage: BTreeMap<String, String>,
}

impl<S: StateStore> Engine<S> {
    /// An engine with default settings.
    pub fn new(store: S) -> Engine<S> {
        Engine::with_config(store, EngineConfig::default())
    }

    /// An engine with `config`.
    pub fn with_config(store: S, config: EngineConfig) -> Engine<S> {
        Engine {
            store,
            config,
            code_cache: std::cell::RefCell::new(qvm_runtime::CodeCache::new()),
        }
    }

    /// The store.
    pub fn store(&self) -> &S {
        &self.store
    }

    /// Gives the store back.
    pub fn into_store(self) -> S {
        self.store
    }

    /// The settings.
    pub fn config(&self) -> &EngineConfig {
        &self.config
    }

    /// Deploys `req.code`: runs the constructor (`[NAME, "construct", ARGS...]`) and, if
    /// it succeeds, records the contract (under [`VM_VERSION`]), its writes and
    /// `QVM_INITIALIZED=true`. A failed constructor commits nothing.
    pub fn deploy(&mut self, req: DeployRequest) -> Result<DeployReceipt, ContractError> {
        let code_hash = sha3(&req.code);
        let nonce = self.store.nonce(&req.deployer)?;
        let address = Address::contract(&req.deployer, nonce, &code_hash);
        let mut argv = vec![address.to_hex().into_bytes(), b"construct".to_vec()];
        argv.extend(args_bytes(&req.args, 2)?);
        let exec = self.execute(Job {
            code: &req.code,
            address,
            caller: req.deployer,
            argv,
            reads: Vec::new(),
            initialized: false,
            gas_limit: req.gas_limit,
            block: req.block,
            call_index: 0,
            schedule: ContractSchedule::V1,
            storage: BTreeMap::new(),
        })?;
        let mut receipt = exec.receipt;
        if receipt.success() {
            let mut writes = receipt.writes.clone();
            writes.insert(INITIALIZED_KEY.to_string(), Some("true".to_string()));
            let record = ContractRecord {
                vm_version: VM_VERSION,
                code_hash,
                deployer: req.deployer,
                storage_root: [0; 32],
            };
            self.commit(
                address,
                record,
                Some(req.code),
                writes,
                Some((req.deployer, nonce + 1)),
            )?;
        }
        receipt.state_root = self.state_root()?;
        Ok(DeployReceipt { address, receipt })
    }

    /// Calls a contract; its writes are kept only if it succeeds.
    pub fn call(&mut self, req: CallRequest) -> Result<Receipt, ContractError> {
        let (record, mut receipt) = self.run_call(&req)?;
        if receipt.success() {
            self.commit(req.contract, record, None, receipt.writes.clone(), None)?;
        }
        receipt.state_root = self.state_root()?;
        Ok(receipt)
    }

    /// Runs a call and reports what it would do; nothing is kept.
    pub fn query(&self, req: CallRequest) -> Result<Receipt, ContractError> {
        let (_, mut receipt) = self.run_call(&req)?;
        receipt.state_root = self.state_root()?;
        Ok(receipt)
    }

    /// A contract's whole state.
    pub fn state(&self, address: &Address) -> Result<BTreeMap<String, String>, ContractError> {
        self.record(address)?;
        Ok(self.store.storage(address)?)
    }

    /// A contract's record.
    pub fn record(&self, address: &Address) -> Result<ContractRecord, ContractError> {
        self.store
            .contract(address)?
            .ok_or(ContractError::NoSuchContract(*address))
    }

    /// The state root (see [`crate::state_root`]).
    pub fn state_root(&self) -> Result<Hash, ContractError> {
        let leaves: Vec<Hash> = self
            .store
            .contracts()?
            .iter()
            .map(|(a, r)| state_root::account_leaf(a, r.vm_version, &r.code_hash, &r.storage_root))
            .collect();
        Ok(state_root::merkle(&leaves))
    }

    /// A proof of `key`'s value in `address` under the current state root (`None` if the
    /// key has no value).
    pub fn prove(&self, address: &Address, key: &str) -> Result<Option<Proof>, ContractError> {
        let record = self.record(address)?;
        let storage = self.store.storage(address)?;
        let Some(value) = storage.get(key).cloned() else {
            return Ok(None);
        };
        // BTreeMap<String, _> iterates in byte order of the keys: the leaf order.
        let leaves: Vec<Hash> = storage
            .iter()
            .map(|(k, v)| state_root::storage_leaf(k, v))
            .collect();
        let index = storage.keys().position(|k| k == key).unwrap_or(0);
        let contracts = self.store.contracts()?;
        let accounts: Vec<Hash> = contracts
            .iter()
            .map(|(a, r)| state_root::account_leaf(a, r.vm_version, &r.code_hash, &r.storage_root))
            .collect();
        let account_index = contracts.keys().position(|a| a == address).unwrap_or(0);
        Ok(Some(Proof {
            address: *address,
            vm_version: record.vm_version,
            code_hash: record.code_hash,
            key: key.to_string(),
            value,
            storage_path: state_root::path(&leaves, index),
            account_path: state_root::path(&accounts, account_index),
        }))
    }

    /// Runs a call without committing; returns the contract's record and the receipt.
    fn run_call(&self, req: &CallRequest) -> Result<(ContractRecord, Receipt), ContractError> {
        let record = self.record(&req.contract)?;
        let schedule = ContractSchedule::for_version(record.vm_version).ok_or(
            ContractError::UnsupportedVmVersion {
                address: req.contract,
                version: record.vm_version,
            },
        )?;
        let code = self
            .store
            .code(&record.code_hash)?
            .ok_or(ContractError::MissingCode(req.contract))?;
        let mut reads = Vec::with_capacity(req.read_keys.len());
        for key in &req.read_keys {
            abi::check_key(key, &self.config.limits, true).map_err(|reason| {
                ContractError::BadReadKey {
                    key: key.clone(),
                    reason,
                }
            })?;
            if reads
                .iter()
                .any(|(k, _): &(String, Option<String>)| k == key)
            {
                continue;
            }
            reads.push((key.clone(), self.store.get(&req.contract, key)?));
        }
        let initialized = self.store.get(&req.contract, INITIALIZED_KEY)?.is_some();
        let mut argv = vec![req.contract.to_hex().into_bytes()];
        argv.extend(args_bytes(&req.args, 1)?);
        let exec = self.execute(Job {
            code: &code,
            address: req.contract,
            caller: req.caller,
            argv,
            reads,
            initialized,
            gas_limit: req.gas_limit,
            block: req.block,
            call_index: req.call_index,
            schedule,
            storage: self.store.storage(&req.contract)?,
        })?;
        Ok((record, exec.receipt))
    }

    /// Applies writes to a contract and recomputes its storage root, atomically.
    fn commit(
        &mut self,
        address: Address,
        mut record: ContractRecord,
        new_code: Option<Vec<u8>>,
        writes: BTreeMap<String, Option<String>>,
        nonce: Option<(Address, u64)>,
    ) -> Result<(), ContractError> {
        let mut storage = self.store.storage(&address)?;
        for (k, v) in &writes {
            match v {
                Some(v) => storage.insert(k.clone(), v.clone()),
                None => storage.remove(k),
            };
        }
        record.storage_root =
            state_root::storage_root(storage.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        self.store.apply(&ChangeSet {
            address,
            record,
            new_code,
            writes,
            nonce,
        })?;
        Ok(())
    }

    /// Runs one job and judges it (nothing is committed here).
    fn execute(&self, job: Job<'_>) -> Result<Execution, ContractError> {
        let limit = job.gas_limit;
        let read_gas = job.reads.iter().fold(0u64, |acc, (k, v)| {
            acc.saturating_add(job.schedule.read_cost(k, v.as_deref()))
        });
        let reverted =
            |kind: RevertKind, reason: String, gas_used: u64, storage_gas: u64, output: String| {
                Execution {
                    receipt: Receipt {
                        revert: Some(Revert { kind, reason }),
                        output,
                        events: Vec::new(),
                        writes: BTreeMap::new(),
                        gas_used,
                        storage_gas,
                        gas_limit: limit,
                        state_root: [0; 32],
                    },
                }
            };
        if read_gas > limit {
            return Ok(reverted(
                RevertKind::OutOfGas,
                format!("out of gas: the declared reads cost {read_gas} (limit {limit})"),
                limit,
                read_gas.min(limit),
                String::new(),
            ));
        }
        let env = abi::build_env(&EnvInputs {
            reads: &job.reads,
            initialized: job.initialized,
            caller: job.caller.to_hex(),
            contract: job.address.to_hex(),
            block: job.block,
        });
        let mut seed = Sha3_256::new();
        seed.update(b"qvm.contract.random.v1");
        seed.update(job.block.hash);
        seed.update(job.address.0);
        seed.update(job.call_index.to_be_bytes());
        let host = std::rc::Rc::new(std::cell::RefCell::new(ContractHost::new(
            job.storage.clone(),
            job.caller,
            job.address,
            job.schedule,
            self.config.limits,
        )));
        let (result, _) = self.code_cache.borrow_mut().run_with_host_calls(
            &job.address.0,
            RunConfig {
                elf: job.code.to_vec().into(),
                exe_path: "/contract".to_string(),
                argv: job.argv,
                env,
                files: Vec::new(),
                block: BlockContext {
                    hash: seed.finalize().into(),
                    ..job.block
                },
                gas_limit: limit - read_gas,
                strace: false,
                capture: true,
                backend: self.config.backend,
            },
            &qvm_runtime::run::RunOptions::default(),
            Some(Box::new(SharedHost(host.clone()))),
        )?;
        let (host_writes, host_events, _host_gas) = match std::rc::Rc::try_unwrap(host) {
            Ok(h) => h.into_inner().finish(),
            Err(_) => (BTreeMap::new(), Vec::new(), 0),
        };
        let stderr = String::from_utf8_lossy(&result.stderr).into_owned();
        let raw_out = String::from_utf8_lossy(&result.stdout).into_owned();
        let ran_gas = read_gas.saturating_add(result.gas_used);
        match result.outcome {
            Outcome::OutOfGas => {
                let reason = reason_or(&stderr, qvm_runtime::report::out_of_gas_line(limit));
                return Ok(reverted(
                    RevertKind::OutOfGas,
                    reason,
                    limit,
                    read_gas,
                    raw_out,
                ));
            }
            Outcome::Signaled(sig) => {
                let line = match &result.fault {
                    Some(f) => qvm_runtime::report::fault_line(f),
                    None => qvm_runtime::report::signal_line(sig),
                };
                let reason = if stderr.is_empty() {
                    line
                } else {
                    format!("{stderr}{line}")
                };
                return Ok(reverted(
                    RevertKind::Fault(sig),
                    reason,
                    limit,
                    read_gas,
                    raw_out,
                ));
            }
            Outcome::Exited(code) if code != 0 => {
                let reason = reason_or(&stderr, format!("exited with status {code}"));
                return Ok(reverted(
                    RevertKind::Exit(code),
                    reason,
                    ran_gas,
                    read_gas,
                    raw_out,
                ));
            }
            Outcome::Exited(_) if !stderr.is_empty() => {
                return Ok(reverted(
                    RevertKind::Stderr,
                    stderr,
                    ran_gas,
                    read_gas,
                    raw_out,
                ));
            }
            Outcome::Exited(_) => {}
        }
        let decoded = match abi::decode_stdout(&result.stdout, &self.config.limits) {
            Ok(d) => d,
            Err(e) => {
                return Ok(reverted(
                    RevertKind::Protocol,
                    e.to_string(),
                    ran_gas,
                    read_gas,
                    raw_out,
                ))
            }
        };
        // Host-call writes happened during the run (and paid for then); the stdout
        // protocol's lines apply after them, so they win on the same key.
        let mut writes = host_writes;
        let stdout_writes = decoded.writes.clone();
        writes.extend(stdout_writes);
        let write_gas = decoded.writes.iter().fold(0u64, |acc, (k, v)| {
            acc.saturating_add(job.schedule.write_cost(k, v.as_deref()))
        });
        let event_gas = decoded.events.iter().fold(0u64, |acc, e| {
            acc.saturating_add(job.schedule.event_cost(e.len()))
        });
        let storage_gas = read_gas.saturating_add(write_gas).saturating_add(event_gas);
        let total = ran_gas.saturating_add(write_gas).saturating_add(event_gas);
        if total > limit {
            let reason = format!(
                "out of gas: storing the call's writes and events needs {total} (limit {limit})"
            );
            return Ok(reverted(
                RevertKind::OutOfGas,
                reason,
                limit,
                storage_gas.min(limit),
                raw_out,
            ));
        }
        Ok(Execution {
            receipt: Receipt {
                revert: None,
                output: decoded.output,
                events: host_events
                    .into_iter()
                    .chain(
                        decoded
                            .events
                            .into_iter()
                            .map(|data| Event { topic: None, data }),
                    )
                    .collect(),
                writes,
                gas_used: total,
                storage_gas,
                gas_limit: limit,
                state_root: [0; 32],
            },
        })
    }
}

/// `stderr` if the program wrote any, else `fallback`.
fn reason_or(stderr: &str, fallback: String) -> String {
    if stderr.is_empty() {
        fallback
    } else {
        stderr.to_string()
    }
}

/// Arguments as argv entries (`first`: the argv index of the first, for messages).
fn args_bytes(args: &[String], first: usize) -> Result<Vec<Vec<u8>>, ContractError> {
    args.iter()
        .enumerate()
        .map(|(i, a)| {
            if a.contains('\0') {
                Err(ContractError::NulInArgument(first + i))
            } else {
                Ok(a.clone().into_bytes())
            }
        })
        .collect()
}
