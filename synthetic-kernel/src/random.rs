//! The deterministic random stream behind `getrandom`, `/dev/urandom`, `/dev/random`
//! and the loader's `AT_RANDOM` bytes.
//!
//! Exact construction (so another implementation can reproduce it): the stream is the
//! concatenation of blocks `B_0, B_1, …` where
//!
//! ```text
//! B_i = SHA3-256( b"qvm-random-v1" || block_hash[32] || i as u64 little-endian )
//! ```
//!
//! (13 + 32 + 8 = 53 bytes of input, no length prefixes). Every consumer takes the next
//! bytes of the one stream, in the order the requests happen; no byte is ever skipped
//! or reused. For contracts the embedder folds the contract address and call index into
//! the `hash` it passes in [`crate::BlockContext`].

use sha3::{Digest, Sha3_256};

/// Domain-separation tag of stream version 1.
pub const DOMAIN_TAG: &[u8] = b"qvm-random-v1";

/// A position in the random stream.
pub struct RandomStream {
    seed: [u8; 32],
    counter: u64,
    block: [u8; 32],
    used: usize,
}

impl RandomStream {
    /// A stream seeded by a block hash, positioned at its first byte.
    pub fn new(seed: [u8; 32]) -> RandomStream {
        RandomStream {
            seed,
            counter: 0,
            block: [0; 32],
            used: 32,
        }
    }

    /// Fills `buf` with the next `buf.len()` bytes of the stream.
    pub fn fill(&mut self, buf: &mut [u8]) {
        let mut done = 0;
        while done < buf.len() {
            if self.used == self.block.len() {
                let mut h = Sha3_256::new();
                h.update(DOMAIN_TAG);
                h.update(self.seed);
                h.update(self.counter.to_le_bytes());
                self.block.copy_from_slice(&h.finalize());
                self.counter = self.counter.wrapping_add(1);
                self.used = 0;
            }
            let n = (buf.len() - done).min(self.block.len() - self.used);
            buf[done..done + n].copy_from_slice(&self.block[self.used..self.used + n]);
            self.used += n;
            done += n;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_reads_equal_one_read() {
        let mut a = RandomStream::new([7; 32]);
        let mut b = RandomStream::new([7; 32]);
        let mut one = [0u8; 100];
        a.fill(&mut one);
        let mut two = [0u8; 100];
        b.fill(&mut two[..5]);
        b.fill(&mut two[5..70]);
        b.fill(&mut two[70..]);
        assert_eq!(one, two);
        let mut h = Sha3_256::new();
        h.update(b"qvm-random-v1");
        h.update([7u8; 32]);
        h.update(0u64.to_le_bytes());
        assert_eq!(&one[..32], &h.finalize()[..]);
    }
}
