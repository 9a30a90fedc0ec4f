//! The state root: one SHA3-256 hash committing to every contract's code, `vm_version`
//! and state, recomputable by any implementation from this definition alone.
//!
//! Notation: `H` = SHA3-256; `||` concatenation; `u32be(n)` 4 bytes big-endian; keys and
//! values are their UTF-8 bytes; addresses their 20 raw bytes.
//!
//! ```text
//! storage leaf   = H( 0x02 || u32be(len key) || key || u32be(len value) || value )
//! storage_root   = merkle( storage leaves of the contract, sorted by key bytes )
//! account leaf   = H( 0x01 || address[20] || u32be(vm_version) || code_hash[32] || storage_root[32] )
//! state_root     = merkle( account leaves, sorted by address bytes )
//!
//! merkle([])        = 32 zero bytes
//! merkle([x])       = x
//! merkle(xs)        = merkle(next level), where the next level pairs xs[0],xs[1]; xs[2],xs[3]; …
//!                     into H( 0x03 || left || right ), and an odd last element is carried up unchanged
//! ```
//!
//! `code_hash = H(code)`. The engine's own key `QVM_INITIALIZED` is state like any
//! other. Distinct prefixes (leaf 0x01/0x02, node 0x03) keep a leaf from passing for a
//! node; carrying the odd element up (rather than duplicating it) keeps two different
//! leaf lists from sharing a root. Two levels let a node update the root after a call
//! by rehashing one contract's storage and the account list, and give short proofs.
//!
//! [`Proof`] proves one key's value (or one contract's account leaf) against a root.

use crate::address::{Address, Hash};
use sha3::{Digest, Sha3_256};

/// Leaf prefix of an account.
const ACCOUNT_LEAF: u8 = 0x01;
/// Leaf prefix of a storage entry.
const STORAGE_LEAF: u8 = 0x02;
/// Prefix of an inner node.
const NODE: u8 = 0x03;

/// Length prefix (u32 big-endian); ABI limits keep lengths far below 2^32.
fn u32be(n: usize) -> [u8; 4] {
    u32::try_from(n).unwrap_or(u32::MAX).to_be_bytes()
}

/// The storage leaf of `key = value`.
pub fn storage_leaf(key: &str, value: &str) -> Hash {
    let mut h = Sha3_256::new();
    h.update([STORAGE_LEAF]);
    h.update(u32be(key.len()));
    h.update(key.as_bytes());
    h.update(u32be(value.len()));
    h.update(value.as_bytes());
    h.finalize().into()
}

/// The account leaf of a contract.
pub fn account_leaf(
    address: &Address,
    vm_version: u32,
    code_hash: &Hash,
    storage_root: &Hash,
) -> Hash {
    let mut h = Sha3_256::new();
    h.update([ACCOUNT_LEAF]);
    h.update(address.0);
    h.update(vm_version.to_be_bytes());
    h.update(code_hash);
    h.update(storage_root);
    h.finalize().into()
}

/// An inner node.
fn node(left: &Hash, right: &Hash) -> Hash {
    let mut h = Sha3_256::new();
    h.update([NODE]);
    h.update(left);
    h.update(right);
    h.finalize().into()
}

/// The next level up.
fn level_up(level: &[Hash]) -> Vec<Hash> {
    level
        .chunks(2)
        .map(|pair| match pair {
            [l, r] => node(l, r),
            [x] => *x,
            _ => unreachable!("chunks(2) yields one or two"),
        })
        .collect()
}

/// The Merkle root of leaves already in order.
pub fn merkle(leaves: &[Hash]) -> Hash {
    if leaves.is_empty() {
        return [0; 32];
    }
    let mut level = leaves.to_vec();
    while level.len() > 1 {
        level = level_up(&level);
    }
    level[0]
}

/// The storage root of one contract's entries (any order; sorted here by key bytes).
pub fn storage_root<'a>(entries: impl IntoIterator<Item = (&'a str, &'a str)>) -> Hash {
    let mut e: Vec<(&str, &str)> = entries.into_iter().collect();
    e.sort_unstable_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let leaves: Vec<Hash> = e.iter().map(|(k, v)| storage_leaf(k, v)).collect();
    merkle(&leaves)
}

/// One step of a proof: a sibling hash, and whether it sits on the left.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// The sibling.
    pub sibling: Hash,
    /// The sibling is the left input of the node.
    pub left: bool,
}

/// The path from leaf `index` to the root of `leaves` (empty steps where the node is
/// carried up unchanged).
pub fn path(leaves: &[Hash], mut index: usize) -> Vec<Step> {
    let mut steps = Vec::new();
    let mut level = leaves.to_vec();
    while level.len() > 1 {
        let sib = index ^ 1;
        if sib < level.len() {
            steps.push(Step {
                sibling: level[sib],
                left: sib < index,
            });
        }
        level = level_up(&level);
        index /= 2;
    }
    steps
}

/// Folds a leaf up a path.
pub fn fold(leaf: Hash, steps: &[Step]) -> Hash {
    steps.iter().fold(leaf, |acc, s| {
        if s.left {
            node(&s.sibling, &acc)
        } else {
            node(&acc, &s.sibling)
        }
    })
}

/// A proof that a contract stores `key = value` under a state root.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proof {
    /// The contract.
    pub address: Address,
    /// Its vm_version.
    pub vm_version: u32,
    /// Its code hash.
    pub code_hash: Hash,
    /// The key.
    pub key: String,
    /// The value.
    pub value: String,
    /// Storage leaf → storage root.
    pub storage_path: Vec<Step>,
    /// Account leaf → state root.
    pub account_path: Vec<Step>,
}

impl Proof {
    /// Whether the proof holds for `state_root`.
    pub fn verify(&self, state_root: &Hash) -> bool {
        let storage_root = fold(storage_leaf(&self.key, &self.value), &self.storage_path);
        let account = account_leaf(
            &self.address,
            self.vm_version,
            &self.code_hash,
            &storage_root,
        );
        fold(account, &self.account_path) == *state_root
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_trees_by_hand() {
        assert_eq!(merkle(&[]), [0; 32]);
        let a = storage_leaf("a", "1");
        let b = storage_leaf("b", "2");
        let c = storage_leaf("c", "3");
        assert_eq!(merkle(&[a]), a);
        assert_eq!(merkle(&[a, b]), node(&a, &b));
        assert_eq!(merkle(&[a, b, c]), node(&node(&a, &b), &c));
        assert_eq!(
            storage_root([("c", "3"), ("a", "1"), ("b", "2")]),
            merkle(&[a, b, c])
        );
        // The exact bytes hashed for a leaf.
        let mut pre = vec![2u8, 0, 0, 0, 1, b'a', 0, 0, 0, 1, b'1'];
        assert_eq!(storage_leaf("a", "1"), crate::address::sha3(&pre));
        pre[0] = 1;
        assert_ne!(storage_leaf("a", "1"), crate::address::sha3(&pre));
    }

    #[test]
    fn paths_fold_to_the_root() {
        for n in 1..12 {
            let leaves: Vec<Hash> = (0..n)
                .map(|i| storage_leaf(&format!("k{i}"), "v"))
                .collect();
            let root = merkle(&leaves);
            for (i, leaf) in leaves.iter().enumerate() {
                assert_eq!(fold(*leaf, &path(&leaves, i)), root, "n={n} i={i}");
            }
        }
    }
}
