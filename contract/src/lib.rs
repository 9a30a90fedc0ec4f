//! qvm's contract layer: static x86-64 ELF programs as smart contracts.
//!
//! Map of the crate:
//!
//! | module | holds |
//! |---|---|
//! | [`abi`] | the QAN-compatible ABI: argv, `DB_*`/`QVM_*` environment, `DBW`/`DBP`/`OUT` stdout lines, key and value rules |
//! | [`engine`] | [`Engine`]: deploy, call, query over a store; what fails a call; gas of a call |
//! | [`receipt`] | [`Receipt`]: status, output, events, writes, gas, state root; its JSON |
//! | [`store`] | the [`StateStore`] trait, [`MemoryStore`], [`RedbStore`] (crash-safe file) |
//! | [`state_root`] | the exact definition of the state root, and proofs |
//! | [`address`] | addresses, how a contract's address is derived, hex |
//! | [`schedule`] | `vm_version` and the storage and host-call gas prices |
//! | [`host_calls`] | host calls (storage, events, caller, hashes, Ed25519) in a reserved syscall range |
//! | [`testvm`] | [`TestVm`], a harness for contract tests |
//! | [`cli`] | `qvm contract deploy|call|query|state` |

#![deny(missing_docs)]

pub mod abi;
pub mod address;
pub mod cli;
pub mod engine;
pub mod host_calls;
pub mod receipt;
pub mod schedule;
pub mod state_root;
pub mod store;
pub mod testvm;

pub use address::{Address, Hash};
pub use engine::{CallRequest, ContractError, DeployRequest, Engine, EngineConfig};
pub use receipt::{DeployReceipt, Event, Receipt, Revert, RevertKind};
pub use store::{MemoryStore, RedbStore, StateStore};
pub use testvm::TestVm;
