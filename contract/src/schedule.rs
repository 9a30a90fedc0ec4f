//! `vm_version` and the contract layer's gas prices.
//!
//! Every deployed contract records the `vm_version` it was deployed under, and every
//! call runs under that version: the synthetic CPU model, the instruction gas schedule
//! (`qvm_gas::Schedule::for_version`), the syscall semantics, and the storage and
//! host-call prices below. Only version 1 exists; a contract recorded with a version
//! this build does not know is refused, never run under different rules.
//!
//! Storage gas is charged on top of the program's own gas (instructions, syscalls,
//! memory), by bytes, so that a node's storage cost tracks what a call stores:
//!
//! | what | gas |
//! |---|---|
//! | each declared read key | `read_base + read_per_byte × (len(key) + len(value))` (before the run) |
//! | each key set | `write_base + write_per_byte × (len(key) + len(value))` |
//! | each key deleted | `delete_base + delete_per_byte × len(key)` |
//! | each event | `event_base + event_per_byte × len(topic + data)` |
//!
//! Writes are charged once per key, for the call's final effect on that key.

/// The only `vm_version` this build runs.
pub const VM_VERSION: u32 = 1;

/// Storage and host-call gas prices of one `vm_version`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ContractSchedule {
    /// Per declared read key.
    pub read_base: u64,
    /// Per byte of key + value read.
    pub read_per_byte: u64,
    /// Per key set.
    pub write_base: u64,
    /// Per byte of key + value set.
    pub write_per_byte: u64,
    /// Per key deleted.
    pub delete_base: u64,
    /// Per byte of key deleted.
    pub delete_per_byte: u64,
    /// Per event.
    pub event_base: u64,
    /// Per byte of event.
    pub event_per_byte: u64,
    /// Host call: a hash (SHA3-256 or Keccak-256), base.
    pub hash_base: u64,
    /// Host call: a hash, per 32-byte word of input (rounded up).
    pub hash_per_word: u64,
    /// Host call: an Ed25519 verification, base.
    pub ed25519_verify: u64,
    /// Host call: Ed25519, per byte of message.
    pub ed25519_per_byte: u64,
    /// Host call: reading the caller or contract address.
    pub context_read: u64,
}

impl ContractSchedule {
    /// The prices of vm_version 1.
    pub const V1: ContractSchedule = ContractSchedule {
        read_base: 200,
        read_per_byte: 3,
        write_base: 5_000,
        write_per_byte: 50,
        delete_base: 2_500,
        delete_per_byte: 10,
        event_base: 1_000,
        event_per_byte: 8,
        hash_base: 30,
        hash_per_word: 6,
        ed25519_verify: 3_000,
        ed25519_per_byte: 1,
        context_read: 50,
    };

    /// The schedule for `vm_version`, if this build knows it.
    pub fn for_version(vm_version: u32) -> Option<ContractSchedule> {
        match vm_version {
            1 => Some(ContractSchedule::V1),
            _ => None,
        }
    }

    /// Gas of reading one declared key (value `None`: absent).
    pub fn read_cost(&self, key: &str, value: Option<&str>) -> u64 {
        let bytes = len64(key.len()) + value.map_or(0, |v| len64(v.len()));
        self.read_base
            .saturating_add(self.read_per_byte.saturating_mul(bytes))
    }

    /// Gas of one key's final effect (`Some`: set, `None`: deleted).
    pub fn write_cost(&self, key: &str, value: Option<&str>) -> u64 {
        match value {
            Some(v) => self.write_base.saturating_add(
                self.write_per_byte
                    .saturating_mul(len64(key.len()) + len64(v.len())),
            ),
            None => self
                .delete_base
                .saturating_add(self.delete_per_byte.saturating_mul(len64(key.len()))),
        }
    }

    /// Gas of one event of `bytes` bytes (topic + data).
    pub fn event_cost(&self, bytes: usize) -> u64 {
        self.event_base
            .saturating_add(self.event_per_byte.saturating_mul(len64(bytes)))
    }

    /// Gas of hashing `bytes` bytes.
    pub fn hash_cost(&self, bytes: u64) -> u64 {
        self.hash_base
            .saturating_add(self.hash_per_word.saturating_mul(bytes.div_ceil(32)))
    }
}

/// A length as u64 (lossless on 64-bit hosts).
pub(crate) fn len64(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn storage_gas_grows_with_bytes() {
        let s = ContractSchedule::V1;
        assert_eq!(s.write_cost("k", Some("")), 5_000 + 50);
        assert_eq!(
            s.write_cost("k", Some(&"v".repeat(100))) - s.write_cost("k", Some("")),
            100 * s.write_per_byte
        );
        assert_eq!(s.write_cost("key", None), 2_500 + 30);
        assert_eq!(s.read_cost("k", None), 203);
        assert_eq!(s.read_cost("k", Some("vv")), 209);
        assert_eq!(s.hash_cost(33), 30 + 12);
        assert!(ContractSchedule::for_version(2).is_none());
    }
}
