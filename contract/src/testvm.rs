//! A TestVM-style harness for contract tests: accounts by name, a current caller and
//! block, deploy/call/query in one line, state assertions. State is in memory.

use std::collections::BTreeMap;

use qvm_kernel::BlockContext;

use crate::address::Address;
use crate::engine::{CallRequest, ContractError, DeployRequest, Engine};
use crate::receipt::{DeployReceipt, Receipt};
use crate::store::MemoryStore;

/// Default gas limit of harness calls (generous: tests check gas explicitly).
pub const TEST_GAS_LIMIT: u64 = 10_000_000_000;

/// An engine over a [`MemoryStore`] with a current caller, block and gas limit.
pub struct TestVm {
    /// The engine (for anything the shortcuts do not cover).
    pub engine: Engine<MemoryStore>,
    /// Who deploys and calls.
    pub caller: Address,
    /// The block calls run in.
    pub block: BlockContext,
    /// The gas limit of each deploy and call.
    pub gas_limit: u64,
    calls: u64,
}

impl Default for TestVm {
    fn default() -> TestVm {
        TestVm::new()
    }
}

impl TestVm {
    /// A fresh VM: empty state, caller `account("alice")`, block height 1.
    pub fn new() -> TestVm {
        TestVm {
            engine: Engine::new(MemoryStore::new()),
            caller: Address::from_name("alice"),
            block: BlockContext {
                height: 1,
                timestamp: 1_700_000_000,
                hash: [0; 32],
            },
            gas_limit: TEST_GAS_LIMIT,
            calls: 0,
        }
    }

    /// The address of the test account `name` (see [`Address::from_name`]).
    pub fn account(&self, name: &str) -> Address {
        Address::from_name(name)
    }

    /// Makes `who` the caller of what follows.
    pub fn set_caller(&mut self, who: Address) -> &mut TestVm {
        self.caller = who;
        self
    }

    /// Deploys `code` as the current caller.
    pub fn deploy(&mut self, code: &[u8], args: &[&str]) -> Result<DeployReceipt, ContractError> {
        self.engine.deploy(DeployRequest {
            code: code.to_vec(),
            deployer: self.caller,
            args: args.iter().map(|s| s.to_string()).collect(),
            gas_limit: self.gas_limit,
            block: self.block,
        })
    }

    /// A call request declaring `reads` (`None`: every key the contract holds).
    fn request(
        &self,
        contract: Address,
        args: &[&str],
        reads: Option<&[&str]>,
    ) -> Result<CallRequest, ContractError> {
        let read_keys = match reads {
            Some(r) => r.iter().map(|s| s.to_string()).collect(),
            None => self.engine.state(&contract)?.into_keys().collect(),
        };
        Ok(CallRequest {
            contract,
            caller: self.caller,
            args: args.iter().map(|s| s.to_string()).collect(),
            read_keys,
            gas_limit: self.gas_limit,
            block: self.block,
            call_index: self.calls,
        })
    }

    /// Calls `contract` declaring every key it holds as readable.
    pub fn call(&mut self, contract: Address, args: &[&str]) -> Result<Receipt, ContractError> {
        let req = self.request(contract, args, None)?;
        self.calls += 1;
        self.engine.call(req)
    }

    /// Calls `contract` declaring exactly `reads`.
    pub fn call_reading(
        &mut self,
        contract: Address,
        args: &[&str],
        reads: &[&str],
    ) -> Result<Receipt, ContractError> {
        let req = self.request(contract, args, Some(reads))?;
        self.calls += 1;
        self.engine.call(req)
    }

    /// Queries `contract` (every key readable); nothing is kept.
    pub fn query(&self, contract: Address, args: &[&str]) -> Result<Receipt, ContractError> {
        self.engine.query(self.request(contract, args, None)?)
    }

    /// The contract's state.
    pub fn state(&self, contract: Address) -> BTreeMap<String, String> {
        self.engine.state(&contract).unwrap_or_default()
    }

    /// Panics unless `contract` holds `key = value` (`None`: holds no value).
    #[track_caller]
    pub fn assert_state(&self, contract: Address, key: &str, value: Option<&str>) {
        let state = self.state(contract);
        assert_eq!(
            state.get(key).map(String::as_str),
            value,
            "state of {contract}, key {key:?}: {state:?}"
        );
    }
}
