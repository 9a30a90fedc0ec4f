//! Block chaining through a jump cache.
//!
//! Compiled blocks do not return to the run loop to find their successor: each
//! exit looks its target up in a direct-mapped table of (guest address, host code)
//! pairs and tail-calls the code on a hit. Constant targets index the table at
//! compile time; computed ones (returns, indirect jumps) hash at run time. A miss
//! returns to the run loop, which translates the target and fills its slot. Every
//! block still charges its own gas on entry, so chaining changes neither gas nor
//! behaviour — only how often control passes through Rust.

/// One slot: a guest address and the host code of its block.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct JumpEntry {
    /// Guest address, or `u64::MAX` for an empty slot.
    pub rip: u64,
    /// Host entry point of the compiled block.
    pub code: u64,
}

/// Number of slots (a power of two).
pub const SLOTS: u64 = 1 << 16;
const _: () = assert!(
    SLOTS == 1 << 16,
    "keep the table length in JumpCache::default in step"
);
/// Mask for slot indices.
pub const MASK: u64 = SLOTS - 1;
/// Size of one slot in bytes.
pub const ENTRY_BYTES: u64 = 16;

/// The slot of a guest address.
pub const fn slot(rip: u64) -> u64 {
    rip & MASK
}

/// The table. Its address is baked into compiled code, so it never moves.
pub struct JumpCache {
    entries: Box<[JumpEntry]>,
}

impl Default for JumpCache {
    fn default() -> Self {
        JumpCache {
            entries: vec![
                JumpEntry {
                    rip: u64::MAX,
                    code: 0
                };
                1 << 16
            ]
            .into_boxed_slice(),
        }
    }
}

impl JumpCache {
    /// The table's address.
    pub fn as_ptr(&self) -> *const JumpEntry {
        self.entries.as_ptr()
    }

    /// Records the code of `rip`.
    pub fn insert(&mut self, rip: u64, code: u64) {
        let i = usize::try_from(slot(rip)).unwrap_or(0);
        self.entries[i] = JumpEntry { rip, code };
    }

    /// Forgets every entry (after code was invalidated).
    pub fn clear(&mut self) {
        self.entries.fill(JumpEntry {
            rip: u64::MAX,
            code: 0,
        });
    }
}
