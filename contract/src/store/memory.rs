//! An in-memory [`StateStore`]: for tests and tools (nothing survives the process).

use std::collections::BTreeMap;

use super::{ChangeSet, ContractRecord, StateStore, StoreError};
use crate::address::{Address, Hash};

/// State in `BTreeMap`s.
#[derive(Clone, Debug, Default)]
pub struct MemoryStore {
    contracts: BTreeMap<Address, ContractRecord>,
    code: BTreeMap<Hash, Vec<u8>>,
    storage: BTreeMap<Address, BTreeMap<String, String>>,
    nonces: BTreeMap<Address, u64>,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> MemoryStore {
        MemoryStore::default()
    }
}

impl StateStore for MemoryStore {
    fn contract(&self, address: &Address) -> Result<Option<ContractRecord>, StoreError> {
        Ok(self.contracts.get(address).cloned())
    }
    fn code(&self, code_hash: &Hash) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self.code.get(code_hash).cloned())
    }
    fn get(&self, address: &Address, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.storage.get(address).and_then(|s| s.get(key)).cloned())
    }
    fn storage(&self, address: &Address) -> Result<BTreeMap<String, String>, StoreError> {
        Ok(self.storage.get(address).cloned().unwrap_or_default())
    }
    fn contracts(&self) -> Result<BTreeMap<Address, ContractRecord>, StoreError> {
        Ok(self.contracts.clone())
    }
    fn nonce(&self, deployer: &Address) -> Result<u64, StoreError> {
        Ok(self.nonces.get(deployer).copied().unwrap_or(0))
    }
    fn apply(&mut self, change: &ChangeSet) -> Result<(), StoreError> {
        self.contracts.insert(change.address, change.record.clone());
        if let Some(code) = &change.new_code {
            self.code.insert(change.record.code_hash, code.clone());
        }
        let storage = self.storage.entry(change.address).or_default();
        for (k, v) in &change.writes {
            match v {
                Some(v) => storage.insert(k.clone(), v.clone()),
                None => storage.remove(k),
            };
        }
        if let Some((who, n)) = change.nonce {
            self.nonces.insert(who, n);
        }
        Ok(())
    }
}
