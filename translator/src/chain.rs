//! Block chaining through a jump cache.
//!
//! Compiled blocks do not return to the run loop to find their successor: each
//! exit looks its target up in a direct-mapped table of (guest address, host code)
//! pairs and tail-calls the code on a hit. Constant targets index the table at
//! compile time; computed ones (returns, indirect jumps) hash at run time. A miss
//! returns to the run loop, which translates the target and fills its slot. Every
//! block still charges its own gas on entry, so chaining changes neither gas nor
//! behaviour — only how often control passes through Rust.

/// One slot: a guest address, the host code of its block, and the status flags
/// that block may read before writing them.
///
/// An exit whose target does not read the status flags skips storing them: at a
/// `ret` or an interpreter's dispatch all six are formally live (the target is
/// unknown when the block is compiled), and at a direct jump the look-ahead keeps
/// those the next block might read; computing and storing them was a large part
/// of short blocks. The flags skipped are dead — the target
/// overwrites them before anything observes them — except in the register dump of
/// a fault inside the target before that write, which reports registers as of the
/// last store (as every fault does).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct JumpEntry {
    /// Guest address, or 0 for an empty slot (no guest code lives at address 0).
    pub rip: u64,
    /// Host entry point of the compiled block.
    pub code: u64,
    /// [`crate::FlagSet`] bits of the status flags the block may read first.
    pub flags_in: u64,
    /// Padding to a power-of-two slot size.
    pub reserved: u64,
}

/// Number of slots (a power of two): 2^20, 16 MiB of address space whose pages the
/// host only materializes where guest code lands, so large programs (a shell, a
/// database) rarely see two hot blocks share a slot.
pub const SLOTS: u64 = 1 << 20;
/// Mask for slot indices.
pub const MASK: u64 = SLOTS - 1;
/// `log2(SLOTS)`: the hash folds the address bits above the index into it.
pub const SHIFT: u32 = 20;
/// Size of one slot in bytes.
pub const ENTRY_BYTES: u64 = 32;
/// Words per slot.
const ENTRY_WORDS: usize = 4;

/// The slot of a guest address: low bits xor the bits just above them.
pub const fn slot(rip: u64) -> u64 {
    (rip ^ (rip >> SHIFT)) & MASK
}

/// The table. Its address is baked into compiled code, so it never moves.
pub struct JumpCache {
    /// Pairs of u64 (rip, code): allocated zeroed, so untouched pages cost nothing.
    words: Box<[u64]>,
}

impl Default for JumpCache {
    fn default() -> Self {
        // `vec![0u64; n]` allocates zeroed memory without touching it.
        JumpCache {
            words: vec![0u64; ENTRY_WORDS << SHIFT].into_boxed_slice(),
        }
    }
}

impl JumpCache {
    /// The table's address.
    pub fn as_ptr(&self) -> *const JumpEntry {
        self.words.as_ptr().cast()
    }

    /// Records the code of `rip` and the flags it may read first.
    pub fn insert(&mut self, rip: u64, code: u64, flags_in: crate::FlagSet) {
        let i = usize::try_from(slot(rip)).unwrap_or(0) * ENTRY_WORDS;
        self.words[i] = rip;
        self.words[i + 1] = code;
        self.words[i + 2] = u64::from(flags_in.0 & crate::FlagSet::STATUS.0);
    }

    /// Forgets `rip` if its slot still holds this code.
    pub fn remove(&mut self, rip: u64, code: u64) {
        let i = usize::try_from(slot(rip)).unwrap_or(0) * ENTRY_WORDS;
        if self.words[i] == rip && self.words[i + 1] == code {
            self.words[i..i + ENTRY_WORDS].fill(0);
        }
    }
}
