//! Account and contract addresses, hashes, and hex.
//!
//! An [`Address`] is 20 bytes, written as 40 lowercase hex digits (`0x` optional on
//! input). Accounts (deployers, callers) are whatever 20 bytes the embedder says; a
//! contract's address is derived, so every node computes the same one:
//!
//! ```text
//! contract = SHA3-256( "qvm.contract.v1" || deployer[20] || nonce as u64 big-endian || SHA3-256(code) )[0..20]
//! ```
//!
//! where `nonce` is the number of contracts `deployer` has deployed successfully
//! before (a failed deploy commits nothing, the nonce included).

use std::fmt;
use std::str::FromStr;

use sha3::{Digest, Sha3_256};

/// A 32-byte hash.
pub type Hash = [u8; 32];

/// SHA3-256 of `data`.
pub fn sha3(data: &[u8]) -> Hash {
    Sha3_256::digest(data).into()
}

/// A 20-byte account or contract address.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Address(pub [u8; 20]);

impl Address {
    /// The all-zero address (the CLI's default `--from`).
    pub const ZERO: Address = Address([0; 20]);

    /// The address of the contract `deployer` deploys as its `nonce`-th contract.
    pub fn contract(deployer: &Address, nonce: u64, code_hash: &Hash) -> Address {
        let mut h = Sha3_256::new();
        h.update(b"qvm.contract.v1");
        h.update(deployer.0);
        h.update(nonce.to_be_bytes());
        h.update(code_hash);
        let digest: Hash = h.finalize().into();
        let mut a = [0u8; 20];
        a.copy_from_slice(&digest[..20]);
        Address(a)
    }

    /// A test account named `name`: `SHA3-256("qvm.account.v1" || name)[0..20]`. Only a
    /// convenience for harnesses: the engine never derives account addresses.
    pub fn from_name(name: &str) -> Address {
        let mut h = Sha3_256::new();
        h.update(b"qvm.account.v1");
        h.update(name.as_bytes());
        let digest: Hash = h.finalize().into();
        let mut a = [0u8; 20];
        a.copy_from_slice(&digest[..20]);
        Address(a)
    }

    /// 40 lowercase hex digits, no prefix (what the guest sees in `QVM_CALLER`).
    pub fn to_hex(&self) -> String {
        to_hex(&self.0)
    }
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl fmt::Debug for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Address({})", self.to_hex())
    }
}

/// A string is not an address.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not an address (40 hex digits, optionally 0x-prefixed)")]
pub struct BadAddress(pub String);

impl FromStr for Address {
    type Err = BadAddress;
    fn from_str(s: &str) -> Result<Address, BadAddress> {
        let hex = s
            .strip_prefix("0x")
            .or_else(|| s.strip_prefix("0X"))
            .unwrap_or(s);
        let bytes = from_hex(hex).ok_or_else(|| BadAddress(s.to_string()))?;
        let a: [u8; 20] = bytes.try_into().map_err(|_| BadAddress(s.to_string()))?;
        Ok(Address(a))
    }
}

/// Lowercase hex of `bytes`.
pub fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    s
}

/// Bytes of an even-length hex string (either case), or `None`.
pub fn from_hex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trip() {
        let a = Address::from_name("alice");
        assert_eq!(a.to_hex().len(), 40);
        assert_eq!(a.to_hex().parse::<Address>().unwrap(), a);
        assert_eq!(format!("0x{}", a).parse::<Address>().unwrap(), a);
        assert!("0x12".parse::<Address>().is_err());
        assert!("zz".repeat(20).parse::<Address>().is_err());
    }

    #[test]
    fn contract_address_depends_on_every_input() {
        let d = Address::from_name("d");
        let c = sha3(b"code");
        let a = Address::contract(&d, 0, &c);
        assert_eq!(a, Address::contract(&d, 0, &c));
        assert_ne!(a, Address::contract(&d, 1, &c));
        assert_ne!(a, Address::contract(&Address::ZERO, 0, &c));
        assert_ne!(a, Address::contract(&d, 0, &sha3(b"other")));
    }
}
