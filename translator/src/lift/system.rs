//! System instructions: SYSCALL, CPUID, RDTSC, RDTSCP, and the ones that end the
//! run: UD0/UD1/UD2 (SIGILL), INT3/INT1 (SIGTRAP), HLT and INT n (a #GP in user
//! mode: SIGSEGV), RDRAND/RDSEED/XGETBV (not advertised by the CPU model: SIGILL).
//!
//! RDTSC reads qvm's virtual time-stamp counter: the gas used since the start of
//! the run plus the virtual nanoseconds the guest slept (kept in `CpuState::tsc`).
//! It is deterministic and monotonic, and advances with the work done.

use super::{LiftResult, Lifter};
use crate::ir::{Terminator, Type};
use crate::state::{signal, CpuState};
use iced_x86::Mnemonic;

/// Lifts this family's instructions.
pub fn lift(l: &mut Lifter<'_>) -> LiftResult {
    use Mnemonic as M;
    match l.insn.mnemonic() {
        M::Syscall => l.term = Some(Terminator::Syscall { next: l.next_rip }),
        M::Cpuid => {
            l.b.call(crate::helper!("cpuid", cpuid_helper), &[]);
        }
        M::Rdtsc | M::Rdtscp => {
            let aux = u64::from(l.insn.mnemonic() == M::Rdtscp);
            let a = l.b.iconst(Type::I64, aux);
            l.b.call(crate::helper!("rdtsc", rdtsc_helper), &[a]);
        }
        M::Ud0
        | M::Ud1
        | M::Ud2
        | M::Rdrand
        | M::Rdseed
        | M::Xgetbv
        | M::Sysenter
        | M::Sysexit
        | M::Sysret
        | M::Rdpid => l.sigill(),
        // RDPMC with CR4.PCE clear (Linux's default) is a #GP: SIGSEGV.
        M::Rdpmc => l.fault(signal::SIGSEGV),
        M::Int3 | M::Int1 => l.fault(signal::SIGTRAP),
        M::Hlt
        | M::Int
        | M::Into
        | M::Iretq
        | M::Iret
        | M::Iretd
        | M::Cli
        | M::Sti
        | M::In
        | M::Out
        | M::Insb
        | M::Insw
        | M::Insd
        | M::Outsb
        | M::Outsw
        | M::Outsd => l.fault(signal::SIGSEGV),
        _ => return Ok(false),
    }
    Ok(true)
}

unsafe extern "C" fn cpuid_helper(state: *mut CpuState, _: u64, _: u64, _: u64) -> u64 {
    // SAFETY: called from compiled code with the live state.
    let s = unsafe { &mut *state };
    let leaf = u32::try_from(s.gpr[0] & 0xffff_ffff).unwrap_or(0);
    let sub = u32::try_from(s.gpr[1] & 0xffff_ffff).unwrap_or(0);
    let (a, b, c, d) = crate::cpuid::cpuid(leaf, sub);
    s.gpr[0] = u64::from(a);
    s.gpr[3] = u64::from(b);
    s.gpr[1] = u64::from(c);
    s.gpr[2] = u64::from(d);
    0
}

/// The virtual TSC: `tsc` (sleep time, advanced by the kernel) plus gas used.
pub fn virtual_tsc(s: &CpuState) -> u64 {
    s.tsc.wrapping_add(s.helper_scratch[0].wrapping_sub(s.gas))
}

unsafe extern "C" fn rdtsc_helper(state: *mut CpuState, rdtscp: u64, _: u64, _: u64) -> u64 {
    // SAFETY: called from compiled code with the live state.
    let s = unsafe { &mut *state };
    let t = virtual_tsc(s);
    s.gpr[0] = t & 0xffff_ffff;
    s.gpr[2] = t >> 32;
    if rdtscp != 0 {
        s.gpr[1] = 0; // IA32_TSC_AUX: CPU 0
    }
    0
}
