//! Host calls: services a contract reaches with the `syscall` instruction, using
//! numbers in a reserved range no Linux syscall uses ([`BASE`] = `0x5156_0000`, "QV").
//! Arguments are in `rdi, rsi, rdx, r10, r8, r9`, the result in `rax`, errors as
//! `-errno`, exactly like a Linux syscall, so any language that can issue a raw syscall
//! can use them (see `sdk/c/qvm.h`, `sdk/rust`).
//!
//! | nr | name | arguments | result |
//! |---|---|---|---|
//! | BASE+0 | storage_get | key, key_len, buf, buf_len | value length (copies `min(len, buf_len)` bytes); `-ENOENT` if absent |
//! | BASE+1 | storage_set | key, key_len, value, value_len | 0 |
//! | BASE+2 | storage_remove | key, key_len | 0 |
//! | BASE+3 | emit | topic, topic_len, data, data_len | 0 |
//! | BASE+4 | caller | out\[20\] | 0 |
//! | BASE+5 | contract | out\[20\] | 0 |
//! | BASE+6 | sha3_256 | data, len, out\[32\] | 0 |
//! | BASE+7 | keccak_256 | data, len, out\[32\] | 0 |
//! | BASE+8 | ed25519_verify | public_key\[32\], msg, msg_len, signature\[64\] | 1 valid, 0 invalid |
//!
//! Keys and values follow [`crate::abi`]'s rules (`-EINVAL` otherwise); unlike
//! `DB_<KEY>`, **every** key is readable through `storage_get`, declared or not.
//! Writes through `storage_set`/`storage_remove` are seen by later `storage_get`s of the
//! same call; the stdout protocol's `DBW`/`DBP` lines apply after them, when the program
//! ends. Everything is discarded if the call fails. Gas ([`ContractSchedule`]) is paid
//! before anything happens; a call that cannot pay ends the run out of gas. Unknown
//! numbers in the range return `-ENOSYS`.
//!
//! **Wiring.** The synthetic kernel routes syscall numbers in `BASE..BASE+RANGE` to a
//! [`HostCalls`] implementation before its own table, with guest memory checked
//! against the guest's page permissions; the engine installs a [`ContractHost`]
//! for every deploy and call.

use std::collections::BTreeMap;

use qvm_kernel::{GuestMemory, SyscallOutcome};
use sha3::{Digest, Keccak256, Sha3_256};

use crate::abi::{check_key, check_value, Limits};
use crate::address::Address;
use crate::receipt::Event;
use crate::schedule::{len64, ContractSchedule};

/// First host-call number (the kernel's embedder range).
pub const BASE: u64 = qvm_kernel::HOST_CALL_BASE;
/// Size of the reserved range.
pub const RANGE: u64 = qvm_kernel::HOST_CALL_RANGE;

/// `storage_get`.
pub const STORAGE_GET: u64 = BASE;
/// `storage_set`.
pub const STORAGE_SET: u64 = BASE + 1;
/// `storage_remove`.
pub const STORAGE_REMOVE: u64 = BASE + 2;
/// `emit`.
pub const EMIT: u64 = BASE + 3;
/// `caller`.
pub const CALLER: u64 = BASE + 4;
/// `contract`.
pub const CONTRACT: u64 = BASE + 5;
/// `sha3_256`.
pub const SHA3_256: u64 = BASE + 6;
/// `keccak_256`.
pub const KECCAK_256: u64 = BASE + 7;
/// `ed25519_verify`.
pub const ED25519_VERIFY: u64 = BASE + 8;

const EINVAL: u64 = 22u64.wrapping_neg();
const ENOENT: u64 = 2u64.wrapping_neg();
const EFAULT: u64 = 14u64.wrapping_neg();
const ENOSYS: u64 = 38u64.wrapping_neg();

/// The kernel's hook for the embedder's syscall range.
pub use qvm_kernel::HostCalls;

/// A [`ContractHost`] shared between the kernel (which owns its hook for the length of
/// a run) and the engine (which takes the writes and events afterwards).
pub struct SharedHost(pub std::rc::Rc<std::cell::RefCell<ContractHost>>);

impl HostCalls for SharedHost {
    fn call(
        &mut self,
        nr: u64,
        args: [u64; 6],
        mem: &mut dyn GuestMemory,
        gas: &mut u64,
    ) -> Option<SyscallOutcome> {
        self.0.borrow_mut().call(nr, args, mem, gas)
    }
}

/// Host calls of one contract call: a view of its state, its pending writes and events.
pub struct ContractHost {
    state: BTreeMap<String, String>,
    writes: BTreeMap<String, Option<String>>,
    events: Vec<Event>,
    caller: Address,
    contract: Address,
    schedule: ContractSchedule,
    limits: Limits,
    storage_gas: u64,
}

/// Why a host call stopped.
enum Stop {
    Ret(u64),
    OutOfGas,
}

impl ContractHost {
    /// Host calls over `state` (the contract's stored state) for one call.
    pub fn new(
        state: BTreeMap<String, String>,
        caller: Address,
        contract: Address,
        schedule: ContractSchedule,
        limits: Limits,
    ) -> ContractHost {
        ContractHost {
            state,
            writes: BTreeMap::new(),
            events: Vec::new(),
            caller,
            contract,
            schedule,
            limits,
            storage_gas: 0,
        }
    }

    /// The call's writes, events and the gas they paid (to merge into the receipt).
    pub fn finish(self) -> (BTreeMap<String, Option<String>>, Vec<Event>, u64) {
        (self.writes, self.events, self.storage_gas)
    }

    /// A key's current value (pending writes first).
    fn current(&self, key: &str) -> Option<&str> {
        match self.writes.get(key) {
            Some(v) => v.as_deref(),
            None => self.state.get(key).map(String::as_str),
        }
    }

    fn charge(gas: &mut u64, amount: u64) -> Result<(), Stop> {
        if *gas < amount {
            return Err(Stop::OutOfGas);
        }
        *gas -= amount;
        Ok(())
    }

    fn read(mem: &dyn GuestMemory, addr: u64, len: u64) -> Result<Vec<u8>, Stop> {
        let n = usize::try_from(len).map_err(|_| Stop::Ret(EINVAL))?;
        let mut buf = vec![0u8; n];
        mem.read(addr, &mut buf).map_err(|_| Stop::Ret(EFAULT))?;
        Ok(buf)
    }

    fn read_text(mem: &dyn GuestMemory, addr: u64, len: u64, max: usize) -> Result<String, Stop> {
        if len > len64(max) {
            return Err(Stop::Ret(EINVAL));
        }
        String::from_utf8(Self::read(mem, addr, len)?).map_err(|_| Stop::Ret(EINVAL))
    }

    fn key(&self, mem: &dyn GuestMemory, addr: u64, len: u64) -> Result<String, Stop> {
        let key = Self::read_text(mem, addr, len, self.limits.max_key_len)?;
        check_key(&key, &self.limits, false).map_err(|_| Stop::Ret(EINVAL))?;
        Ok(key)
    }

    fn handle(
        &mut self,
        nr: u64,
        a: [u64; 6],
        mem: &mut dyn GuestMemory,
        gas: &mut u64,
    ) -> Result<u64, Stop> {
        let s = self.schedule;
        match nr {
            STORAGE_GET => {
                let key = Self::read_text(mem, a[0], a[1], self.limits.max_key_len)?;
                check_key(&key, &self.limits, true).map_err(|_| Stop::Ret(EINVAL))?;
                let value = self.current(&key).map(str::to_string);
                Self::charge(gas, s.read_cost(&key, value.as_deref()))?;
                self.storage_gas += s.read_cost(&key, value.as_deref());
                let Some(v) = value else { return Ok(ENOENT) };
                let n = v.len().min(usize::try_from(a[3]).unwrap_or(usize::MAX));
                mem.write(a[2], &v.as_bytes()[..n])
                    .map_err(|_| Stop::Ret(EFAULT))?;
                Ok(len64(v.len()))
            }
            STORAGE_SET => {
                let key = self.key(mem, a[0], a[1])?;
                let value = Self::read_text(mem, a[2], a[3], self.limits.max_value_len)?;
                check_value(&value, &self.limits).map_err(|_| Stop::Ret(EINVAL))?;
                let cost = s.write_cost(&key, Some(&value));
                Self::charge(gas, cost)?;
                self.storage_gas += cost;
                self.writes.insert(key, Some(value));
                Ok(0)
            }
            STORAGE_REMOVE => {
                let key = self.key(mem, a[0], a[1])?;
                let cost = s.write_cost(&key, None);
                Self::charge(gas, cost)?;
                self.storage_gas += cost;
                self.writes.insert(key, None);
                Ok(0)
            }
            EMIT => {
                let topic = Self::read_text(mem, a[0], a[1], self.limits.max_key_len)?;
                let data = Self::read_text(mem, a[2], a[3], self.limits.max_value_len)?;
                check_value(&data, &self.limits).map_err(|_| Stop::Ret(EINVAL))?;
                let cost = s.event_cost(topic.len() + data.len());
                Self::charge(gas, cost)?;
                self.storage_gas += cost;
                self.events.push(Event {
                    topic: Some(topic),
                    data,
                });
                Ok(0)
            }
            CALLER | CONTRACT => {
                Self::charge(gas, s.context_read)?;
                let who = if nr == CALLER {
                    self.caller
                } else {
                    self.contract
                };
                mem.write(a[0], &who.0).map_err(|_| Stop::Ret(EFAULT))?;
                Ok(0)
            }
            SHA3_256 | KECCAK_256 => {
                Self::charge(gas, s.hash_cost(a[1]))?;
                let data = Self::read(mem, a[0], a[1])?;
                let digest: [u8; 32] = if nr == SHA3_256 {
                    Sha3_256::digest(&data).into()
                } else {
                    Keccak256::digest(&data).into()
                };
                mem.write(a[2], &digest).map_err(|_| Stop::Ret(EFAULT))?;
                Ok(0)
            }
            ED25519_VERIFY => {
                Self::charge(
                    gas,
                    s.ed25519_verify
                        .saturating_add(s.ed25519_per_byte.saturating_mul(a[2])),
                )?;
                let pk: [u8; 32] = Self::read(mem, a[0], 32)?
                    .try_into()
                    .map_err(|_| Stop::Ret(EINVAL))?;
                let msg = Self::read(mem, a[1], a[2])?;
                let sig: [u8; 64] = Self::read(mem, a[3], 64)?
                    .try_into()
                    .map_err(|_| Stop::Ret(EINVAL))?;
                let Ok(key) = ed25519_dalek::VerifyingKey::from_bytes(&pk) else {
                    return Ok(0);
                };
                let sig = ed25519_dalek::Signature::from_bytes(&sig);
                Ok(u64::from(key.verify_strict(&msg, &sig).is_ok()))
            }
            _ => Ok(ENOSYS),
        }
    }
}

impl HostCalls for ContractHost {
    fn call(
        &mut self,
        nr: u64,
        args: [u64; 6],
        mem: &mut dyn GuestMemory,
        gas: &mut u64,
    ) -> Option<SyscallOutcome> {
        if !(BASE..BASE + RANGE).contains(&nr) {
            return None;
        }
        Some(match self.handle(nr, args, mem, gas) {
            Ok(v) | Err(Stop::Ret(v)) => SyscallOutcome::Return(v),
            Err(Stop::OutOfGas) => SyscallOutcome::OutOfGas,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use qvm_kernel::{OutOfRange, Prot};

    struct Mem(Vec<u8>);
    impl GuestMemory for Mem {
        fn size(&self) -> u64 {
            len64(self.0.len())
        }
        fn read(&self, addr: u64, buf: &mut [u8]) -> Result<(), OutOfRange> {
            let a = usize::try_from(addr).unwrap();
            let src = self.0.get(a..a + buf.len()).ok_or(OutOfRange {
                addr,
                len: len64(buf.len()),
            })?;
            buf.copy_from_slice(src);
            Ok(())
        }
        fn write(&mut self, addr: u64, data: &[u8]) -> Result<(), OutOfRange> {
            let a = usize::try_from(addr).unwrap();
            let dst = self.0.get_mut(a..a + data.len()).ok_or(OutOfRange {
                addr,
                len: len64(data.len()),
            })?;
            dst.copy_from_slice(data);
            Ok(())
        }
        fn zero(&mut self, _: u64, _: u64) -> Result<(), OutOfRange> {
            Ok(())
        }
        fn protect(&mut self, _: u64, _: u64, _: Prot) -> Result<(), OutOfRange> {
            Ok(())
        }
        fn invalidate_code(&mut self, _: u64, _: u64) {}
    }

    fn host() -> ContractHost {
        let state = BTreeMap::from([("a".to_string(), "hello".to_string())]);
        ContractHost::new(
            state,
            Address::from_name("c"),
            Address::from_name("k"),
            ContractSchedule::V1,
            Limits::default(),
        )
    }

    fn ret(o: Option<SyscallOutcome>) -> u64 {
        match o {
            Some(SyscallOutcome::Return(v)) => v,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn storage_round_trip_and_gas() {
        let mut h = host();
        let mut m = Mem(vec![0; 4096]);
        m.0[..1].copy_from_slice(b"a");
        m.0[16..17].copy_from_slice(b"b");
        m.0[32..35].copy_from_slice(b"xyz");
        let mut gas = 1_000_000;
        assert_eq!(
            ret(h.call(STORAGE_GET, [0, 1, 100, 3, 0, 0], &mut m, &mut gas)),
            5
        );
        assert_eq!(&m.0[100..103], b"hel");
        assert_eq!(
            gas,
            1_000_000 - ContractSchedule::V1.read_cost("a", Some("hello"))
        );
        assert_eq!(
            ret(h.call(STORAGE_GET, [16, 1, 100, 3, 0, 0], &mut m, &mut gas)),
            ENOENT
        );
        assert_eq!(
            ret(h.call(STORAGE_SET, [16, 1, 32, 3, 0, 0], &mut m, &mut gas)),
            0
        );
        assert_eq!(
            ret(h.call(STORAGE_GET, [16, 1, 200, 10, 0, 0], &mut m, &mut gas)),
            3
        );
        assert_eq!(&m.0[200..203], b"xyz");
        assert_eq!(
            ret(h.call(STORAGE_REMOVE, [0, 1, 0, 0, 0, 0], &mut m, &mut gas)),
            0
        );
        assert_eq!(
            ret(h.call(STORAGE_GET, [0, 1, 100, 3, 0, 0], &mut m, &mut gas)),
            ENOENT
        );
        // Bad key (empty), and memory outside the guest.
        assert_eq!(
            ret(h.call(STORAGE_SET, [0, 0, 32, 3, 0, 0], &mut m, &mut gas)),
            EINVAL
        );
        assert_eq!(
            ret(h.call(STORAGE_SET, [1 << 40, 1, 32, 3, 0, 0], &mut m, &mut gas)),
            EFAULT
        );
        let mut little = 10;
        assert_eq!(
            h.call(STORAGE_SET, [16, 1, 32, 3, 0, 0], &mut m, &mut little),
            Some(SyscallOutcome::OutOfGas)
        );
        assert_eq!(h.call(1, [0; 6], &mut m, &mut gas), None);
        assert_eq!(ret(h.call(BASE + 99, [0; 6], &mut m, &mut gas)), ENOSYS);
        let (writes, _, _) = h.finish();
        assert_eq!(writes.get("b"), Some(&Some("xyz".to_string())));
        assert_eq!(writes.get("a"), Some(&None));
    }

    #[test]
    fn hashes_and_signatures() {
        let mut h = host();
        let mut m = Mem(vec![0; 4096]);
        let mut gas = 1_000_000;
        m.0[..3].copy_from_slice(b"abc");
        assert_eq!(
            ret(h.call(SHA3_256, [0, 3, 64, 0, 0, 0], &mut m, &mut gas)),
            0
        );
        assert_eq!(
            crate::address::to_hex(&m.0[64..96]),
            "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532"
        );
        assert_eq!(
            ret(h.call(KECCAK_256, [0, 3, 64, 0, 0, 0], &mut m, &mut gas)),
            0
        );
        assert_eq!(
            crate::address::to_hex(&m.0[64..96]),
            "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"
        );

        let sk = ed25519_dalek::SigningKey::from_bytes(&[7; 32]);
        use ed25519_dalek::Signer;
        let sig = sk.sign(b"abc");
        m.0[1000..1032].copy_from_slice(sk.verifying_key().as_bytes());
        m.0[1100..1164].copy_from_slice(&sig.to_bytes());
        assert_eq!(
            ret(h.call(ED25519_VERIFY, [1000, 0, 3, 1100, 0, 0], &mut m, &mut gas)),
            1
        );
        m.0[0] = b'x';
        assert_eq!(
            ret(h.call(ED25519_VERIFY, [1000, 0, 3, 1100, 0, 0], &mut m, &mut gas)),
            0
        );
        assert_eq!(
            ret(h.call(CALLER, [2000, 0, 0, 0, 0, 0], &mut m, &mut gas)),
            0
        );
        assert_eq!(&m.0[2000..2020], &Address::from_name("c").0);
    }
}
