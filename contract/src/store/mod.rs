//! Where contract state lives: the [`StateStore`] trait a node implements over its own
//! database, and two implementations: [`MemoryStore`] (tests, tools) and [`RedbStore`]
//! (an embedded, crash-safe file: what the CLI uses).
//!
//! The engine only ever changes a store through [`StateStore::apply`], one
//! [`ChangeSet`] per successful deploy or call, which must be atomic and durable: after a
//! crash the store holds either all of a change set or none of it.

mod memory;
mod redb_store;

use std::collections::BTreeMap;

pub use memory::MemoryStore;
pub use redb_store::RedbStore;

use crate::address::{Address, Hash};

/// What is recorded about a deployed contract.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContractRecord {
    /// The `vm_version` its calls run under.
    pub vm_version: u32,
    /// SHA3-256 of its code.
    pub code_hash: Hash,
    /// Who deployed it.
    pub deployer: Address,
    /// Root of its storage (see [`crate::state_root`]), kept so the state root is cheap.
    pub storage_root: Hash,
}

impl ContractRecord {
    /// Encoding used by stores that keep bytes: `u32be(vm_version) || code_hash ||
    /// deployer || storage_root` (88 bytes).
    pub fn encode(&self) -> Vec<u8> {
        let mut v = Vec::with_capacity(88);
        v.extend_from_slice(&self.vm_version.to_be_bytes());
        v.extend_from_slice(&self.code_hash);
        v.extend_from_slice(&self.deployer.0);
        v.extend_from_slice(&self.storage_root);
        v
    }

    /// Decodes [`ContractRecord::encode`].
    pub fn decode(b: &[u8]) -> Option<ContractRecord> {
        if b.len() != 88 {
            return None;
        }
        Some(ContractRecord {
            vm_version: u32::from_be_bytes(b[0..4].try_into().ok()?),
            code_hash: b[4..36].try_into().ok()?,
            deployer: Address(b[36..56].try_into().ok()?),
            storage_root: b[56..88].try_into().ok()?,
        })
    }
}

/// One atomic change: a successful deploy or call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangeSet {
    /// The contract changed (or created).
    pub address: Address,
    /// Its record after the change.
    pub record: ContractRecord,
    /// Its code, when the change creates it.
    pub new_code: Option<Vec<u8>>,
    /// Key effects: `Some` set, `None` delete.
    pub writes: BTreeMap<String, Option<String>>,
    /// A deployer's nonce after the change (deploys only).
    pub nonce: Option<(Address, u64)>,
}

/// A store failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The backing database failed.
    #[error("state store: {0}")]
    Backend(String),
    /// The stored data is not what this build writes.
    #[error("state store is corrupt: {0}")]
    Corrupt(String),
}

/// Contract state storage. Reads see the last applied change set.
pub trait StateStore {
    /// A contract's record.
    fn contract(&self, address: &Address) -> Result<Option<ContractRecord>, StoreError>;
    /// Code by hash.
    fn code(&self, code_hash: &Hash) -> Result<Option<Vec<u8>>, StoreError>;
    /// One key of a contract.
    fn get(&self, address: &Address, key: &str) -> Result<Option<String>, StoreError>;
    /// All of a contract's state.
    fn storage(&self, address: &Address) -> Result<BTreeMap<String, String>, StoreError>;
    /// Every contract, by address.
    fn contracts(&self) -> Result<BTreeMap<Address, ContractRecord>, StoreError>;
    /// How many contracts `deployer` has deployed.
    fn nonce(&self, deployer: &Address) -> Result<u64, StoreError>;
    /// Applies a change set atomically and durably.
    fn apply(&mut self, change: &ChangeSet) -> Result<(), StoreError>;
}
