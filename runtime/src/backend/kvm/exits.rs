//! Decoding what a guest exception means: the Linux signal a process would get, and
//! the few instructions the backend emulates when they fault on purpose (CPUID under
//! CPUID faulting, RDTSC/RDTSCP under CR4.TSD).

use qvm_translator::state::signal;

/// What to do with an exception vector raised at CPL3.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// End the run with this signal.
    Signal(u32),
    /// Not something user code can raise: a backend error.
    Bug,
}

/// The signal Linux delivers for an exception taken in user mode.
pub fn action(vector: u8) -> Action {
    match vector {
        0 => Action::Signal(signal::SIGFPE),        // #DE
        1 | 3 => Action::Signal(signal::SIGTRAP),   // #DB, #BP
        4 | 5 => Action::Signal(signal::SIGSEGV),   // #OF, #BR
        6 => Action::Signal(signal::SIGILL),        // #UD
        7 => Action::Signal(signal::SIGFPE),        // #NM (cannot happen: CR0.TS=0)
        10..=14 => Action::Signal(signal::SIGSEGV), // #TS #NP #SS #GP #PF
        16 | 19 => Action::Signal(signal::SIGFPE),  // #MF, #XM
        17 => Action::Signal(signal::SIGBUS),       // #AC
        _ => Action::Bug,                           // NMI, #DF, #MC, reserved, external
    }
}

/// An instruction the backend emulates after it raised #GP.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Emulated {
    /// `cpuid` (0F A2), 2 bytes.
    Cpuid,
    /// `rdtsc` (0F 31), 2 bytes.
    Rdtsc,
    /// `rdtscp` (0F 01 F9), 3 bytes.
    Rdtscp,
}

impl Emulated {
    /// Recognises the instruction from its first bytes.
    pub fn decode(bytes: &[u8]) -> Option<Emulated> {
        match bytes {
            [0x0f, 0xa2, ..] => Some(Emulated::Cpuid),
            [0x0f, 0x31, ..] => Some(Emulated::Rdtsc),
            [0x0f, 0x01, 0xf9, ..] => Some(Emulated::Rdtscp),
            _ => None,
        }
    }

    /// Its length in bytes.
    pub fn len(self) -> u64 {
        match self {
            Emulated::Cpuid | Emulated::Rdtsc => 2,
            Emulated::Rdtscp => 3,
        }
    }
}
