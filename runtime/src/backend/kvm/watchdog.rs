//! The kvm backend's stand-in for gas: a wall-clock budget.
//!
//! The real CPU is not metered, so a guest that loops forever would never return to
//! the run loop. Instead, the run gets `gas_limit / KVM_GAS_PER_SECOND` seconds (at
//! least one) of wall-clock time, measured from its first `run`. When they have passed,
//! a watchdog thread interrupts `KVM_RUN` with a signal (repeatedly, until the run loop
//! has seen it) and the backend reports `Stop::OutOfGas`. The budget is generous (a
//! native CPU executes several times more instructions per second than this rate), so
//! a run that the jit finishes within its gas limit is not cut short; it is not
//! deterministic, which an oracle need not be.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// Gas the kvm backend assumes the guest uses per second of wall-clock time.
pub const KVM_GAS_PER_SECOND: u64 = 200_000_000;

/// The signal that interrupts `KVM_RUN` (its handler does nothing).
fn kick_signal() -> libc::c_int {
    libc::SIGRTMIN() + 6
}

extern "C" fn on_kick(_: libc::c_int) {}

fn install_handler() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: a zeroed sigaction with a handler that does nothing (async-signal-safe),
        // no SA_RESTART so that the interrupted KVM_RUN returns EINTR.
        unsafe {
            let mut sa: libc::sigaction = std::mem::zeroed();
            sa.sa_sigaction = on_kick as extern "C" fn(libc::c_int) as usize;
            libc::sigemptyset(&mut sa.sa_mask);
            libc::sigaction(kick_signal(), &sa, std::ptr::null_mut());
        }
    });
}

struct Shared {
    cancelled: Mutex<bool>,
    wake: Condvar,
    expired: AtomicBool,
}

/// A running watchdog for the calling thread.
pub struct Watchdog {
    shared: Arc<Shared>,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// The thread to interrupt. `pthread_t` is an integer on glibc and a pointer on
/// musl; either way it is only an identifier handed back to `pthread_kill`.
struct Target(libc::pthread_t);

// SAFETY: the value is an opaque thread id, never dereferenced by this crate;
// pthread_kill accepts it from any thread.
unsafe impl Send for Target {}

impl Target {
    /// Sends the kick signal.
    ///
    /// # Safety
    /// The thread must still exist.
    unsafe fn kick(&self) {
        // SAFETY: forwarded contract.
        unsafe { libc::pthread_kill(self.0, kick_signal()) };
    }
}

impl Watchdog {
    /// Starts a watchdog that interrupts the calling thread once `budget` has passed.
    pub fn start(budget: Duration) -> Watchdog {
        install_handler();
        let shared = Arc::new(Shared {
            cancelled: Mutex::new(false),
            wake: Condvar::new(),
            expired: AtomicBool::new(false),
        });
        // SAFETY: pthread_self has no preconditions.
        let target = Target(unsafe { libc::pthread_self() });
        let s = Arc::clone(&shared);
        let deadline = Instant::now() + budget;
        let thread = std::thread::Builder::new()
            .name("qvm-kvm-watchdog".into())
            .spawn(move || {
                let Ok(mut cancelled) = s.cancelled.lock() else {
                    return;
                };
                loop {
                    if *cancelled {
                        return;
                    }
                    let now = Instant::now();
                    if now >= deadline {
                        s.expired.store(true, Ordering::SeqCst);
                        // SAFETY: the target thread outlives this one: Watchdog::drop
                        // (on the target thread's backend) joins it before returning.
                        unsafe { target.kick() };
                    }
                    let wait = if now >= deadline {
                        Duration::from_millis(50)
                    } else {
                        deadline - now
                    };
                    cancelled = match s.wake.wait_timeout(cancelled, wait) {
                        Ok((g, _)) => g,
                        Err(_) => return,
                    };
                }
            })
            .ok();
        Watchdog { shared, thread }
    }

    /// Whether the budget is used up.
    pub fn expired(&self) -> bool {
        self.shared.expired.load(Ordering::SeqCst)
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        if let Ok(mut c) = self.shared.cancelled.lock() {
            *c = true;
        }
        self.shared.wake.notify_all();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// The wall-clock budget for a gas limit.
pub fn budget(gas_limit: u64) -> Duration {
    Duration::from_secs((gas_limit / KVM_GAS_PER_SECOND).max(1))
}
