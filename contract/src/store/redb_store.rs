//! A [`StateStore`] in one redb file: ACID, copy-on-write B-trees, committed with
//! immediate durability (fsync), so a change set is either wholly on disk or absent
//! after a crash or `kill -9`.
//!
//! Tables (keys and values are bytes):
//!
//! | table | key | value |
//! |---|---|---|
//! | `contracts` | address[20] | [`ContractRecord::encode`] |
//! | `code` | code_hash[32] | the ELF |
//! | `storage` | address[20] \|\| key | value |
//! | `nonces` | deployer[20] | u64 big-endian |

use std::collections::BTreeMap;
use std::path::Path;

use redb::{Database, ReadableDatabase, ReadableTable, TableDefinition};

use super::{ChangeSet, ContractRecord, StateStore, StoreError};
use crate::address::{Address, Hash};

const CONTRACTS: TableDefinition<&[u8], &[u8]> = TableDefinition::new("contracts");
const CODE: TableDefinition<&[u8], &[u8]> = TableDefinition::new("code");
const STORAGE: TableDefinition<&[u8], &[u8]> = TableDefinition::new("storage");
const NONCES: TableDefinition<&[u8], &[u8]> = TableDefinition::new("nonces");

/// State in a redb database file.
pub struct RedbStore {
    db: Database,
}

/// Any redb error, as a store error.
fn backend(e: impl Into<redb::Error>) -> StoreError {
    StoreError::Backend(e.into().to_string())
}

/// Bytes stored as text that are not UTF-8.
fn text(b: &[u8], what: &str) -> Result<String, StoreError> {
    String::from_utf8(b.to_vec()).map_err(|_| StoreError::Corrupt(format!("{what} is not UTF-8")))
}

/// `address || key`.
fn storage_key(address: &Address, key: &str) -> Vec<u8> {
    let mut k = Vec::with_capacity(20 + key.len());
    k.extend_from_slice(&address.0);
    k.extend_from_slice(key.as_bytes());
    k
}

impl RedbStore {
    /// Opens (or creates) the database file at `path`; the tables are created if missing.
    pub fn open(path: &Path) -> Result<RedbStore, StoreError> {
        let db = Database::create(path).map_err(backend)?;
        let txn = db.begin_write().map_err(backend)?;
        for t in [CONTRACTS, CODE, STORAGE, NONCES] {
            txn.open_table(t).map_err(backend)?;
        }
        txn.commit().map_err(backend)?;
        Ok(RedbStore { db })
    }

    /// Reads one value of a table.
    fn read(
        &self,
        table: TableDefinition<&[u8], &[u8]>,
        key: &[u8],
    ) -> Result<Option<Vec<u8>>, StoreError> {
        let txn = self.db.begin_read().map_err(backend)?;
        let t = txn.open_table(table).map_err(backend)?;
        Ok(t.get(key).map_err(backend)?.map(|v| v.value().to_vec()))
    }
}

impl StateStore for RedbStore {
    fn contract(&self, address: &Address) -> Result<Option<ContractRecord>, StoreError> {
        self.read(CONTRACTS, &address.0)?
            .map(|b| {
                ContractRecord::decode(&b)
                    .ok_or_else(|| StoreError::Corrupt(format!("record of {address}")))
            })
            .transpose()
    }

    fn code(&self, code_hash: &Hash) -> Result<Option<Vec<u8>>, StoreError> {
        self.read(CODE, code_hash)
    }

    fn get(&self, address: &Address, key: &str) -> Result<Option<String>, StoreError> {
        self.read(STORAGE, &storage_key(address, key))?
            .map(|b| text(&b, "a value"))
            .transpose()
    }

    fn storage(&self, address: &Address) -> Result<BTreeMap<String, String>, StoreError> {
        let txn = self.db.begin_read().map_err(backend)?;
        let t = txn.open_table(STORAGE).map_err(backend)?;
        let mut out = BTreeMap::new();
        // Every key of this contract starts with its 20 address bytes.
        let start: &[u8] = &address.0;
        for item in t.range(start..).map_err(backend)? {
            let (k, v) = item.map_err(backend)?;
            let k = k.value();
            if !k.starts_with(&address.0) {
                break;
            }
            out.insert(text(&k[20..], "a key")?, text(v.value(), "a value")?);
        }
        Ok(out)
    }

    fn contracts(&self) -> Result<BTreeMap<Address, ContractRecord>, StoreError> {
        let txn = self.db.begin_read().map_err(backend)?;
        let t = txn.open_table(CONTRACTS).map_err(backend)?;
        let mut out = BTreeMap::new();
        for item in t.iter().map_err(backend)? {
            let (k, v) = item.map_err(backend)?;
            let addr: [u8; 20] = k
                .value()
                .try_into()
                .map_err(|_| StoreError::Corrupt("a contract address is not 20 bytes".into()))?;
            let rec = ContractRecord::decode(v.value())
                .ok_or_else(|| StoreError::Corrupt(format!("record of {}", Address(addr))))?;
            out.insert(Address(addr), rec);
        }
        Ok(out)
    }

    fn nonce(&self, deployer: &Address) -> Result<u64, StoreError> {
        match self.read(NONCES, &deployer.0)? {
            None => Ok(0),
            Some(b) => {
                Ok(u64::from_be_bytes(b.as_slice().try_into().map_err(
                    |_| StoreError::Corrupt(format!("nonce of {deployer}")),
                )?))
            }
        }
    }

    fn apply(&mut self, change: &ChangeSet) -> Result<(), StoreError> {
        let txn = self.db.begin_write().map_err(backend)?;
        {
            let mut contracts = txn.open_table(CONTRACTS).map_err(backend)?;
            contracts
                .insert(&change.address.0[..], &change.record.encode()[..])
                .map_err(backend)?;
            if let Some(code) = &change.new_code {
                let mut t = txn.open_table(CODE).map_err(backend)?;
                t.insert(&change.record.code_hash[..], &code[..])
                    .map_err(backend)?;
            }
            let mut storage = txn.open_table(STORAGE).map_err(backend)?;
            for (k, v) in &change.writes {
                let key = storage_key(&change.address, k);
                match v {
                    Some(v) => {
                        storage.insert(&key[..], v.as_bytes()).map_err(backend)?;
                    }
                    None => {
                        storage.remove(&key[..]).map_err(backend)?;
                    }
                }
            }
            if let Some((who, n)) = change.nonce {
                let mut t = txn.open_table(NONCES).map_err(backend)?;
                t.insert(&who.0[..], &n.to_be_bytes()[..])
                    .map_err(backend)?;
            }
        }
        txn.commit().map_err(backend)
    }
}
