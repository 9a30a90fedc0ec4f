//! Entering compiled guest code, and leaving it early.
//!
//! Compiled blocks are host functions `fn(state, mem_base, g0, g1, g2, g3, gas) -> exit`
//! in Cranelift's `tail` convention (with the seventh argument register, RAX, that
//! qvm's vendored Cranelift adds), where `g0..g3` are the guest registers
//! [`PASSED_GPRS`] and `gas` the remaining gas: chained blocks hand those to each
//! other in host registers instead of through the state, and no host register is
//! pinned for the gas. They are entered through [`enter`], a small assembly
//! trampoline that loads the passed registers and the gas from the state and saves
//! the host stack pointer; compiled code stores them back wherever it returns.
//! Anything that must abandon the guest mid-block — a helper that detects #DE, a
//! host signal raised by a guest access to a protected page — jumps to
//! `qvm_unwind`, which restores that stack pointer and returns from [`enter`] as if
//! the block had returned [`ExitReason::Fault`]. Helpers therefore must not hold
//! resources that need dropping when they call [`raise_fault`].
//!
//! The guest's MXCSR is installed in the host MXCSR while guest code runs, so SSE
//! arithmetic rounds, flushes and raises exception flags exactly as the guest asked;
//! the host's MXCSR is restored afterwards.

use crate::state::{CpuState, ExitReason};
use core::arch::global_asm;
use std::cell::Cell;

/// The guest GPRs (by number: RAX = 0 … R15 = 15) that compiled code passes from
/// block to block in host argument registers (RDX, RCX, R8, R9: the `tail`
/// convention's third to sixth integer arguments, after the state and the memory
/// base). While chained code runs, the state's copies of these registers may be
/// stale: every return to the run loop and every helper call stores them first.
///
/// RSP, which nearly every block reads; RAX, which carries return values across
/// the `ret` that ends a region; RBX and RBP, the callee-saved registers compilers
/// allocate first, where guest code keeps what lives across its calls (an
/// interpreter's dispatch state). Chosen by measurement (BENCHMARKS.md): passing
/// two registers bought less, and six or nine cost more than they saved — a
/// passed register occupies a host register through every function, used or not.
pub const PASSED_GPRS: [u8; 4] = [4, 0, 3, 5];
// The trampoline below loads exactly four.
const _: () = assert!(PASSED_GPRS.len() == 4);

global_asm!(
    ".globl qvm_enter_asm",
    "qvm_enter_asm:",
    // rdi = state, rsi = mem_base, rdx = code, rcx = &saved_rsp
    "push rbp",
    "mov rbp, rsp",
    "push rbx",
    "push r12",
    "push r13",
    "push r14",
    "push r15",
    // Keeps the stack 16-byte aligned at the call.
    "push rdi",
    "mov [rcx], rsp",
    // The passed guest registers go in the third to sixth argument registers,
    // the gas in the seventh.
    "mov rax, [rdi + {gas}]",
    "mov r11, rdx",
    "mov rdx, [rdi + {g0}]",
    "mov rcx, [rdi + {g1}]",
    "mov r8, [rdi + {g2}]",
    "mov r9, [rdi + {g3}]",
    "call r11",
    "2:",
    "add rsp, 8",
    "pop r15",
    "pop r14",
    "pop r13",
    "pop r12",
    "pop rbx",
    "pop rbp",
    "ret",
    ".globl qvm_unwind_asm",
    "qvm_unwind_asm:",
    // rdi = saved rsp, rsi = return value. Nothing is stored: a helper sees the
    // state complete (the lowering stores everything before a call), and a host
    // fault ends the run with the state as last stored.
    "mov rsp, rdi",
    "mov rax, rsi",
    "jmp 2b",
    gas = const crate::state::offsets::GAS,
    g0 = const crate::state::offsets::gpr(PASSED_GPRS[0] as usize),
    g1 = const crate::state::offsets::gpr(PASSED_GPRS[1] as usize),
    g2 = const crate::state::offsets::gpr(PASSED_GPRS[2] as usize),
    g3 = const crate::state::offsets::gpr(PASSED_GPRS[3] as usize),
);

unsafe extern "C" {
    fn qvm_enter_asm(state: *mut CpuState, mem_base: u64, code: usize, saved_rsp: *mut u64) -> u64;
    fn qvm_unwind_asm(saved_rsp: u64, ret: u64) -> !;
}

/// A compiled block's entry point, as the translator hands it out. The code takes
/// the passed guest registers too (see the module docs): only [`enter`]'s
/// trampoline, which supplies them, may call it.
pub type BlockFn = unsafe extern "C" fn(state: *mut CpuState, mem_base: u64) -> u64;

/// A host signal that interrupted guest code.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HostFault {
    /// Host signal number (SIGSEGV, SIGBUS, SIGFPE, SIGILL).
    pub signal: i32,
    /// `si_addr`: the faulting data address (host address).
    pub addr: u64,
    /// Host program counter at the fault.
    pub pc: u64,
}

thread_local! {
    static SAVED_RSP: Cell<u64> = const { Cell::new(0) };
    static IN_GUEST: Cell<bool> = const { Cell::new(false) };
    static HOST_FAULT: Cell<Option<HostFault>> = const { Cell::new(None) };
}

fn read_mxcsr() -> u32 {
    let mut v: u32 = 0;
    // SAFETY: stmxcsr writes 4 bytes to the given stack slot.
    unsafe { core::arch::asm!("stmxcsr [{}]", in(reg) &mut v, options(nostack)) };
    v
}

fn write_mxcsr(v: u32) {
    // SAFETY: ldmxcsr reads 4 bytes; callers only pass values whose reserved bits
    // are clear (the guest's LDMXCSR lifting rejects reserved bits with #GP).
    unsafe { core::arch::asm!("ldmxcsr [{}]", in(reg) &v, options(nostack)) };
}

/// Runs one compiled block (and whatever it chains to) on `state`.
///
/// Returns the exit reason the code returned, or [`ExitReason::Fault`] with
/// [`take_host_fault`] describing a host signal.
///
/// # Safety
/// `code` must be a block compiled for a guest space whose host base is
/// `state.mem_base`, and signal handlers must be installed ([`install_signal_handlers`]).
pub unsafe fn enter(state: &mut CpuState, code: BlockFn) -> u64 {
    let host_mxcsr = read_mxcsr();
    write_mxcsr(state.mxcsr);
    IN_GUEST.with(|g| g.set(true));
    let slot = SAVED_RSP.with(Cell::as_ptr);
    // SAFETY: the trampoline saves callee-saved registers, records the stack
    // pointer in `slot` (a thread-local that outlives the call) and calls `code`
    // with the state and base the caller vouched for.
    let r = unsafe { qvm_enter_asm(state, state.mem_base, code as usize, slot) };
    IN_GUEST.with(|g| g.set(false));
    state.mxcsr = read_mxcsr();
    write_mxcsr(host_mxcsr);
    r
}

/// Ends the current guest execution with a fault. Only callable from helpers
/// called by compiled code (while [`enter`] is on the stack).
///
/// # Safety
/// Must be called on the thread running guest code, from a helper invoked by
/// compiled code; frames between here and [`enter`] are discarded without drops.
pub unsafe fn raise_fault(state: *mut CpuState, signal: u32, addr: u64) -> ! {
    // SAFETY: the caller guarantees `state` is the live CPU state.
    let s = unsafe { &mut *state };
    s.exit_reason = ExitReason::Fault as u32;
    s.fault_signal = signal;
    s.fault_addr = addr;
    s.fault_rip = s.rip;
    // SAFETY: see the function's contract.
    unsafe { raise_exit(ExitReason::Fault) }
}

/// Leaves guest execution with `reason` (e.g. OutOfGas from a REP helper).
///
/// # Safety
/// As for [`raise_fault`].
pub unsafe fn raise_exit(reason: ExitReason) -> ! {
    let rsp = SAVED_RSP.with(Cell::get);
    assert!(IN_GUEST.with(Cell::get), "raise_exit outside guest code");
    // SAFETY: `rsp` was saved by the active `qvm_enter_asm` frame.
    unsafe { qvm_unwind_asm(rsp, reason as u64) }
}

/// Takes the host signal that ended the last guest execution, if any.
pub fn take_host_fault() -> Option<HostFault> {
    HOST_FAULT.with(Cell::take)
}

/// Whether this thread is running guest code (for the signal handler).
fn in_guest() -> bool {
    IN_GUEST.with(Cell::get)
}

// ucontext registers are raw 64-bit machine words: the casts below reinterpret bits.
#[allow(clippy::cast_sign_loss, clippy::cast_possible_wrap)]
extern "C" fn on_signal(
    sig: libc_sig::c_int,
    info: *mut libc_sig::siginfo_t,
    uctx: *mut libc_sig::c_void,
) {
    if !in_guest() {
        // A genuine host bug: restore the default action and let it happen again.
        // SAFETY: resetting a handler to SIG_DFL is async-signal-safe.
        unsafe { libc_sig::signal(sig, libc_sig::SIG_DFL) };
        return;
    }
    // SAFETY: the kernel passes valid siginfo and ucontext pointers to SA_SIGINFO handlers.
    unsafe {
        let addr = (*info).si_addr() as u64;
        let uc = &mut *(uctx.cast::<libc_sig::ucontext_t>());
        let pc = uc.uc_mcontext.gregs[libc_sig::REG_RIP as usize] as u64;
        HOST_FAULT.with(|f| {
            f.set(Some(HostFault {
                signal: sig,
                addr,
                pc,
            }))
        });
        IN_GUEST.with(|g| g.set(false));
        let rsp = SAVED_RSP.with(Cell::get);
        uc.uc_mcontext.gregs[libc_sig::REG_RIP as usize] =
            qvm_unwind_asm as *const () as usize as i64;
        uc.uc_mcontext.gregs[libc_sig::REG_RDI as usize] = rsp as i64;
        uc.uc_mcontext.gregs[libc_sig::REG_RSI as usize] = ExitReason::Fault as i64;
    }
}

/// Installs the SIGSEGV/SIGBUS/SIGFPE/SIGILL handlers that turn host faults in
/// guest code into guest faults. Idempotent.
pub fn install_signal_handlers() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        for sig in [
            libc_sig::SIGSEGV,
            libc_sig::SIGBUS,
            libc_sig::SIGFPE,
            libc_sig::SIGILL,
        ] {
            // SAFETY: a zeroed sigaction is a valid starting point; we fill handler,
            // flags and mask before installing it.
            unsafe {
                let mut sa: libc_sig::sigaction = core::mem::zeroed();
                sa.sa_sigaction = on_signal as *const () as usize;
                sa.sa_flags = libc_sig::SA_SIGINFO | libc_sig::SA_NODEFER;
                libc_sig::sigemptyset(&mut sa.sa_mask);
                libc_sig::sigaction(sig, &sa, core::ptr::null_mut());
            }
        }
    });
}

use libc as libc_sig;
