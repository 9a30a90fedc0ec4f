//! What a deploy, call or query reports: the [`Receipt`], and its JSON form (the CLI's
//! `--json` output).

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::address::{to_hex, Address, Hash};

/// Why a call failed. Whatever the kind, nothing the call wrote is kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RevertKind {
    /// The program wrote to stderr (and otherwise exited 0).
    Stderr,
    /// The program exited with a non-zero status.
    Exit(i32),
    /// The program was killed by a signal (a fault): the whole gas limit is used.
    Fault(u32),
    /// Gas ran out (running, or paying for storage): the whole gas limit is used.
    OutOfGas,
    /// The program broke the stdout protocol (see [`crate::abi`]).
    Protocol,
}

impl RevertKind {
    /// The JSON name.
    pub fn name(&self) -> &'static str {
        match self {
            RevertKind::Stderr => "stderr",
            RevertKind::Exit(_) => "exit",
            RevertKind::Fault(_) => "fault",
            RevertKind::OutOfGas => "out_of_gas",
            RevertKind::Protocol => "protocol",
        }
    }
}

/// A failed call's reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Revert {
    /// What kind of failure.
    pub kind: RevertKind,
    /// The reason: the program's stderr when it wrote one, else the engine's description.
    pub reason: String,
}

/// An event: an `OUT=` line (no topic) or an emit host call (with a topic).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// The topic, for host-call events.
    pub topic: Option<String>,
    /// The text.
    pub data: String,
}

/// The result of a deploy, call or query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Receipt {
    /// `None`: success; `Some`: the call reverted.
    pub revert: Option<Revert>,
    /// The program's non-protocol stdout (on a revert: all of its stdout, lossily decoded).
    pub output: String,
    /// Events, in order (empty on a revert).
    pub events: Vec<Event>,
    /// Each key's final effect: `Some` set, `None` deleted (empty on a revert).
    pub writes: BTreeMap<String, Option<String>>,
    /// Gas used in all: reads, execution, storage.
    pub gas_used: u64,
    /// The part of `gas_used` paid for reads, writes and events.
    pub storage_gas: u64,
    /// The gas limit.
    pub gas_limit: u64,
    /// The state root after this call (unchanged by a revert or a query).
    pub state_root: Hash,
}

impl Receipt {
    /// Whether the call succeeded.
    pub fn success(&self) -> bool {
        self.revert.is_none()
    }

    /// `"success"` or `"reverted"`.
    pub fn status(&self) -> &'static str {
        if self.success() {
            "success"
        } else {
            "reverted"
        }
    }

    /// The JSON object: `status`, `reason`, `revert_kind`, `output`, `events`, `writes`
    /// (key → value, `null` for a deletion), `gas_used`, `storage_gas`, `gas_limit`,
    /// `state_root` (64 hex digits).
    pub fn to_json(&self) -> Value {
        let writes: serde_json::Map<String, Value> = self
            .writes
            .iter()
            .map(|(k, v)| (k.clone(), v.clone().map_or(Value::Null, Value::String)))
            .collect();
        let events: Vec<Value> = self
            .events
            .iter()
            .map(|e| json!({ "topic": e.topic, "data": e.data }))
            .collect();
        json!({
            "status": self.status(),
            "revert_kind": self.revert.as_ref().map(|r| r.kind.name()),
            "reason": self.revert.as_ref().map(|r| r.reason.clone()),
            "output": self.output,
            "events": events,
            "writes": writes,
            "gas_used": self.gas_used,
            "storage_gas": self.storage_gas,
            "gas_limit": self.gas_limit,
            "state_root": to_hex(&self.state_root),
        })
    }
}

/// A deploy's result: the contract address (used only when the receipt is a success)
/// and the constructor's receipt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeployReceipt {
    /// The (new) contract's address.
    pub address: Address,
    /// The constructor run.
    pub receipt: Receipt,
}

impl DeployReceipt {
    /// The receipt's JSON plus `address` (`null` when the deploy failed).
    pub fn to_json(&self) -> Value {
        let mut v = self.receipt.to_json();
        if let Value::Object(m) = &mut v {
            let addr = self.receipt.success().then(|| self.address.to_hex());
            m.insert("address".into(), json!(addr));
        }
        v
    }
}
