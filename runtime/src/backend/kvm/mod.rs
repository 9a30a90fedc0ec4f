//! The `kvm` backend: the oracle. The same guest memory runs on the real CPU under
//! KVM, between the same synthetic kernel's syscalls.
//!
//! # How the guest is set up
//!
//! - **Memory.** Slot 0 is the guest space itself: guest-physical
//!   `[0, GUEST_SPACE_SIZE)` is the [`AddressSpace`]'s always read-write view (`rw_base`), so the guest, the kernel and
//!   the loader share every byte. Slot 1, at guest-physical 4 GiB, is the *system area*
//!   (an anonymous mapping owned by the backend): page tables, GDT, IDT, TSS, the CPL0
//!   stubs and a kernel stack. Its virtual mapping is supervisor-only.
//! - **Paging.** Long mode, 4 KiB pages, guest-virtual = guest-physical. Each guest page
//!   carries the kernel's VMA permissions (present iff mapped, writable iff
//!   `PROT_WRITE`, NX unless `PROT_EXEC`); see the `paging` module. After every syscall the VMA
//!   table is compared with the one the tables were built from and changed PTEs are
//!   rewritten. When a page *lost* a permission, the system slot is then dropped and
//!   re-added, which makes KVM discard its shadow page tables: this KVM (`kvm_pvm`)
//!   shadows guest page tables in software and cannot see writes the host makes to them
//!   (without the flush, a page made read-only stays writable — measured). A gained
//!   permission needs no flush: the access faults, and KVM's fault path walks the guest
//!   tables afresh.
//! - **CPL3.** User code runs at CPL3 with a 64-bit code segment; FS/GS bases come from
//!   [`CpuState`]. Each [`Backend::run`] loads the whole state (registers and segments
//!   through `kvm_run`'s sync-regs area when KVM offers KVM_CAP_SYNC_REGS, else
//!   KVM_SET_SREGS/KVM_SET_REGS; KVM_SET_XSAVE only when the FPU/SSE state changed)
//!   because the run loop changes registers between runs. Every ioctl costs ~10 µs on
//!   this machine's `kvm_pvm`, hence the economy.
//! - **syscall.** EFER.SCE=1; LSTAR points at a stub `mov [doorbell], al; hlt` whose
//!   store hits a guest-physical page outside every memory slot and exits as
//!   `KVM_EXIT_MMIO`; RCX and R11 then hold the return address and RFLAGS, as SYSCALL
//!   left them. On `kvm_pvm`, SYSCALL from CPL3 reaches LSTAR *still at CPL3* (measured),
//!   so the stub page and the doorbell page are user-accessible (they live above the
//!   guest space, where the jit would fault; a guest that jumps there on purpose
//!   is taken to have made a syscall). The MMIO exit is ~1.5× cheaper than routing the
//!   syscall through an exception (see `gdt::SYSCALL_STUB`).
//! - **Exceptions.** All 256 IDT gates are DPL0 interrupt gates on IST1 (#BP is DPL3,
//!   so `int3` raises #BP, not #GP) pointing at per-vector `hlt` stubs; the exit RIP
//!   names the vector and the frame on the kernel stack gives the error code, the
//!   faulting RIP, RSP and RFLAGS; CR2 gives the #PF address. Signals follow Linux
//!   (`exits::action`).
//! - **CPUID.** KVM_SET_CPUID2 installs the synthetic model
//!   ([`qvm_translator::cpuid::cpuid`]) for every leaf and subleaf it defines, and CPUID
//!   faulting (MSR 0x140, advertised by MSR 0xCE) is turned on when the vCPU offers it
//!   (it does here): CPL3 `cpuid` then raises #GP and is answered from the model, bit
//!   for bit (KVM would otherwise patch the APIC ID and OSXSAVE bits, and answer
//!   out-of-range leaves with the highest basic leaf). [`KvmBackend::cpuid_faulting`]
//!   says which; without faulting, answers come from the installed table.
//! - **RDTSC/RDTSCP.** CR4.TSD=1 is set, but `kvm_pvm` runs guest user code on the host
//!   CPU under the *host's* CR4, so the backend also sets the vCPU thread's own
//!   TSC-faulting mode (`prctl(PR_SET_TSC, PR_TSC_SIGSEGV)`) around each `KVM_RUN`
//!   (measured: without it the guest reads the host TSC). Both make CPL3 RDTSC/RDTSCP
//!   raise #GP; they are emulated with `virtual_tsc(cpu) + KVM_TSC_STEP × (earlier
//!   reads)`. The kvm backend does not meter instructions, so `virtual_tsc` only moves
//!   with syscall gas and sleeps; the step keeps the counter strictly increasing so wait
//!   loops end. **The TSC under `--backend kvm` therefore differs from the jit's.**
//! - **Diagnostics.** `QVM_KVM_DEBUG=1` prints every exception that ends a run or is
//!   not a syscall (vector, error code, RIP, CS, RFLAGS, RSP, CR2) to stderr.
//!
//! # What differs from the jit (documented deviations of the oracle)
//!
//! - **Gas is not metered.** `cpu.gas` only changes by what the synthetic kernel charges
//!   for syscalls. In its place the run gets a wall-clock budget of
//!   `gas_limit / KVM_GAS_PER_SECOND` seconds (at least 1; see the `watchdog` module), after which
//!   it stops as out of gas — so an infinite loop ends as it does under the jit, but
//!   *when* a long run is cut off is not deterministic.
//! - **State carried across runs.** GPRs, RIP, the arithmetic flags and DF, FS/GS base,
//!   XMM0–15, MXCSR and the x87 state (registers, FCW, FSW with TOP, abridged tags, FOP)
//!   are loaded from and stored to [`CpuState`] (the `fpu` module). Not carried: the x87
//!   instruction/data pointers (kept in the backend's XSAVE image), YMM upper halves
//!   (AVX is not advertised), and RFLAGS bits other than the arithmetic flags and DF
//!   (TF, AC, ID are dropped, as `CpuState` has no place for them).
//! - Instructions run as the host CPU runs them: features the model hides (AVX,
//!   RDRAND, …) may still execute instead of raising #UD when the host has them;
//!   `rdpmc` raises #GP → SIGSEGV (as on Linux) where the jit says SIGILL.
//! - `int n` reaches a DPL0 gate → SIGSEGV, as in the jit (`kvm_pvm` reports some
//!   vectors, e.g. 0x80, as #UD; an #UD at a `CD ib` is mapped to SIGSEGV too). Real
//!   Linux would run `int 0x80` as a 32-bit syscall.

mod exits;
mod fpu;
mod gdt;
mod paging;
mod vm;
mod watchdog;

#[cfg(test)]
mod tests;

use super::{Backend, Stop};
use crate::memory::AddressSpace;
use crate::run::RunError;
use exits::{Action, Emulated};
use gdt::{off, StubExit, SYS_BASE};
use kvm_bindings::{kvm_regs, kvm_sregs};
use kvm_ioctls::VcpuExit;
use paging::Span;
use qvm_kernel::{GuestMemory, Kernel};
use qvm_translator::state::gpr;
use qvm_translator::CpuState;
use vm::{ioctl_err, Vm};
pub use watchdog::KVM_GAS_PER_SECOND;

/// How far the kvm backend's virtual TSC advances per RDTSC/RDTSCP read.
pub const KVM_TSC_STEP: u64 = 1000;

/// Counters of what the backend did (for tests and benchmarks).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KvmStats {
    /// `KVM_RUN` calls.
    pub runs: u64,
    /// Syscall exits.
    pub syscalls: u64,
    /// Instructions emulated after a #GP (CPUID, RDTSC, RDTSCP).
    pub emulated: u64,
    /// Page-table resyncs that changed at least one page.
    pub resyncs: u64,
    /// Resyncs that took a permission away and so dropped KVM's shadow page tables.
    pub shadow_flushes: u64,
    /// PTEs rewritten in total.
    pub ptes_written: u64,
}

/// The KVM backend.
pub struct KvmBackend {
    vm: Vm,
    guest_size: u64,
    /// The VMA table the page tables currently reflect.
    spans: Vec<Span>,
    /// Whether the page tables must be compared with the kernel's VMAs before running.
    dirty: bool,
    /// Whether the tables were ever written (no shadow to drop before the first run).
    built: bool,
    /// RDTSC/RDTSCP reads so far.
    tsc_reads: u64,
    stats: KvmStats,
    /// The wall-clock budget standing in for gas (started by the first `run`).
    watchdog: Option<watchdog::Watchdog>,
}

/// The kernel stack frame of an exception taken at CPL3.
struct Frame {
    error: u64,
    rip: u64,
    cs: u64,
    rflags: u64,
    rsp: u64,
}

impl KvmBackend {
    /// Opens `/dev/kvm` and builds a VM over `space`.
    pub fn new(space: &AddressSpace) -> Result<KvmBackend, RunError> {
        let vm = Vm::new(space.rw_base(), space.size())?;
        Ok(KvmBackend {
            vm,
            guest_size: space.size(),
            spans: Vec::new(),
            dirty: true,
            built: false,
            tsc_reads: 0,
            stats: KvmStats::default(),
            watchdog: None,
        })
    }

    /// Whether CPL3 CPUID is trapped and answered from the model (CPUID faulting), rather
    /// than answered by KVM from the installed table.
    pub fn cpuid_faulting(&self) -> bool {
        self.vm.cpuid_faulting
    }

    /// Whether registers travel through `kvm_run` (KVM_CAP_SYNC_REGS) rather than
    /// separate ioctls.
    pub fn sync_regs(&self) -> bool {
        self.vm.sync_regs
    }

    /// What the backend has done so far.
    pub fn stats(&self) -> KvmStats {
        self.stats
    }

    /// Brings the page tables in line with the kernel's VMAs.
    fn sync(&mut self, kernel: &Kernel) -> Result<(), RunError> {
        let new = paging::snapshot(kernel, self.guest_size);
        if new == self.spans {
            return Ok(());
        }
        let done = paging::apply(&mut self.vm.sys, &self.spans, &new);
        self.spans = new;
        if done.pages > 0 {
            self.stats.ptes_written += done.pages;
            self.stats.resyncs += 1;
        }
        if done.revoked && self.built {
            self.stats.shadow_flushes += 1;
            self.vm.flush_shadow()?;
        }
        self.built = true;
        Ok(())
    }

    /// Loads `cpu` into the vCPU (CPL3).
    fn load(&mut self, cpu: &CpuState, step: bool) -> Result<kvm_sregs, RunError> {
        let sregs = self.vm.user_sregs(cpu.fs_base, cpu.gs_base);
        let mut regs = to_kvm_regs(cpu);
        if step {
            regs.rflags |= 0x100; // TF: #DB after the next instruction
        }
        let mut img = self.vm.xsave.region;
        fpu::put(&mut img, cpu);
        if img != self.vm.xsave.region {
            self.vm.xsave.region = img;
            self.vm.xsave_dirty = true;
        }
        self.vm.put_xsave()?;
        self.vm.set_user(&sregs, &regs)?;
        Ok(sregs)
    }

    /// Stores the vCPU's user state into `cpu` (GPRs from `regs`, then `rip`/`rflags`).
    fn store(
        &mut self,
        cpu: &mut CpuState,
        regs: &kvm_regs,
        rip: u64,
        rflags: u64,
        rsp: u64,
    ) -> Result<(), RunError> {
        from_kvm_regs(cpu, regs);
        cpu.gpr[gpr::RSP] = rsp;
        cpu.rip = rip;
        cpu.set_rflags(rflags);
        self.vm.fetch_xsave()?;
        fpu::get(&self.vm.xsave.region, cpu);
        Ok(())
    }

    /// Reads the exception frame at kernel `rsp`.
    fn frame(&self, vector: u8, rsp: u64) -> Option<Frame> {
        let mut o = rsp.checked_sub(SYS_BASE)?;
        if !(off::STACK..off::STACK_TOP).contains(&o) {
            return None;
        }
        let error = if gdt::has_error_code(vector) {
            let e = self.vm.sys.read_u64(o)?;
            o += 8;
            e
        } else {
            0
        };
        Some(Frame {
            error,
            rip: self.vm.sys.read_u64(o)?,
            cs: self.vm.sys.read_u64(o + 8)?,
            rflags: self.vm.sys.read_u64(o + 16)?,
            rsp: self.vm.sys.read_u64(o + 24)?,
        })
    }

    /// Emulates the instruction at the frame's RIP if it is one the backend traps on
    /// purpose; returns the registers to resume with.
    fn emulate(
        &mut self,
        cpu: &CpuState,
        space: &AddressSpace,
        regs: &kvm_regs,
        f: &Frame,
    ) -> Option<kvm_regs> {
        let mut bytes = [0u8; 3];
        space.read(f.rip, &mut bytes).ok()?;
        let insn = Emulated::decode(&bytes)?;
        if insn == Emulated::Cpuid && !self.vm.cpuid_faulting {
            return None;
        }
        let mut r = *regs;
        r.rip = f.rip + insn.len();
        r.rsp = f.rsp;
        r.rflags = f.rflags;
        match insn {
            Emulated::Cpuid => {
                let leaf = lo32(regs.rax);
                let sub = lo32(regs.rcx);
                let (a, b, c, d) = qvm_translator::cpuid::cpuid(leaf, sub);
                r.rax = u64::from(a);
                r.rbx = u64::from(b);
                r.rcx = u64::from(c);
                r.rdx = u64::from(d);
            }
            Emulated::Rdtsc | Emulated::Rdtscp => {
                let t = qvm_translator::lift::system::virtual_tsc(cpu)
                    .wrapping_add(self.tsc_reads.wrapping_mul(KVM_TSC_STEP));
                self.tsc_reads += 1;
                r.rax = t & 0xffff_ffff;
                r.rdx = t >> 32;
                if insn == Emulated::Rdtscp {
                    r.rcx = 0; // IA32_TSC_AUX: CPU 0
                }
            }
        }
        self.stats.emulated += 1;
        Some(r)
    }
}

/// Makes RDTSC/RDTSCP fault for the calling thread while alive (`prctl(PR_SET_TSC)`).
///
/// `kvm_pvm` runs guest user code on the host CPU at CPL3 with the host's CR4, so the
/// guest's CR4.TSD alone does not trap RDTSC; the host thread's TSC-faulting mode does
/// (it sets the real CR4.TSD while this thread runs). It is switched on only around
/// `KVM_RUN`, because the host's own vDSO clock reads use RDTSC.
struct TscFaulting;

impl TscFaulting {
    fn on() -> TscFaulting {
        // SAFETY: plain prctl on the calling thread; no memory is passed.
        unsafe { libc::prctl(libc::PR_SET_TSC, libc::PR_TSC_SIGSEGV, 0, 0, 0) };
        TscFaulting
    }
}

impl Drop for TscFaulting {
    fn drop(&mut self) {
        // SAFETY: as in `on`.
        unsafe { libc::prctl(libc::PR_SET_TSC, libc::PR_TSC_ENABLE, 0, 0, 0) };
    }
}

fn lo32(v: u64) -> u32 {
    (v & 0xffff_ffff) as u32
}

fn to_kvm_regs(cpu: &CpuState) -> kvm_regs {
    let g = &cpu.gpr;
    kvm_regs {
        rax: g[0],
        rcx: g[1],
        rdx: g[2],
        rbx: g[3],
        rsp: g[4],
        rbp: g[5],
        rsi: g[6],
        rdi: g[7],
        r8: g[8],
        r9: g[9],
        r10: g[10],
        r11: g[11],
        r12: g[12],
        r13: g[13],
        r14: g[14],
        r15: g[15],
        rip: cpu.rip,
        rflags: cpu.rflags(),
    }
}

fn from_kvm_regs(cpu: &mut CpuState, r: &kvm_regs) {
    cpu.gpr = [
        r.rax, r.rcx, r.rdx, r.rbx, r.rsp, r.rbp, r.rsi, r.rdi, r.r8, r.r9, r.r10, r.r11, r.r12,
        r.r13, r.r14, r.r15,
    ];
}

impl Backend for KvmBackend {
    fn run(
        &mut self,
        cpu: &mut CpuState,
        space: &mut AddressSpace,
        kernel: &Kernel,
    ) -> Result<Stop, RunError> {
        match self.execute(cpu, space, kernel, false)? {
            Exit::Stop(s) => Ok(s),
            // Only single-stepping produces Stepped.
            Exit::Stepped => Err(RunError::Backend("kvm: unexpected single-step trap".into())),
        }
    }

    fn after_syscall(
        &mut self,
        _kernel: &Kernel,
        _space: &AddressSpace,
        _invalidated: &[(u64, u64)],
    ) {
        // Compared with the kernel's VMAs on the next run (errors are reported there).
        self.dirty = true;
    }

    fn name(&self) -> &'static str {
        "kvm"
    }
}

/// What [`KvmBackend::execute`] stopped for.
enum Exit {
    Stop(Stop),
    Stepped,
}

/// The result of [`KvmBackend::step`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepOutcome {
    /// One instruction executed; `cpu` holds the state after it.
    Stepped,
    /// What [`Backend::run`] would have stopped for (a `syscall` counts as the step).
    Stop(Stop),
}

impl KvmBackend {
    /// Executes exactly one guest instruction (RFLAGS.TF: the #DB trap after it is the
    /// exit), for lockstep comparison with another backend. A `syscall` returns
    /// `StepOutcome::Stop(Stop::Syscall)` like [`Backend::run`] (the run loop then calls
    /// the kernel and `after_syscall`); CPUID/RDTSC/RDTSCP (emulated) count as one step.
    /// About 15–20 thousand steps per second on this machine.
    pub fn step(
        &mut self,
        cpu: &mut CpuState,
        space: &mut AddressSpace,
        kernel: &Kernel,
    ) -> Result<StepOutcome, RunError> {
        Ok(match self.execute(cpu, space, kernel, true)? {
            Exit::Stop(s) => StepOutcome::Stop(s),
            Exit::Stepped => StepOutcome::Stepped,
        })
    }

    fn execute(
        &mut self,
        cpu: &mut CpuState,
        space: &mut AddressSpace,
        kernel: &Kernel,
        step: bool,
    ) -> Result<Exit, RunError> {
        if self.dirty {
            self.sync(kernel)?;
            self.dirty = false;
        }
        let budget = watchdog::budget(cpu.gas);
        let dog = self
            .watchdog
            .get_or_insert_with(|| watchdog::Watchdog::start(budget));
        if dog.expired() {
            return Ok(Exit::Stop(Stop::OutOfGas));
        }
        let sregs = self.load(cpu, step)?;
        loop {
            self.stats.runs += 1;
            let r = {
                let _tsd = TscFaulting::on();
                self.vm.vcpu.run()
            };
            let exit = match r {
                Ok(VcpuExit::MmioWrite(gdt::DOORBELL_GPA, _)) => {
                    let regs = self.vm.regs()?;
                    self.stats.syscalls += 1;
                    // SYSCALL: RCX = the next instruction, R11 = RFLAGS; RSP is the user's.
                    let (rip, rflags, rsp) = (regs.rcx, regs.r11, regs.rsp);
                    self.store(cpu, &regs, rip, rflags, rsp)?;
                    return Ok(Exit::Stop(Stop::Syscall));
                }
                Ok(VcpuExit::Hlt) => None,
                Ok(other) => Some(format!("{other:?}")),
                Err(e) if e.errno() == libc::EINTR || e.errno() == libc::EAGAIN => {
                    if self.watchdog.as_ref().is_some_and(|d| d.expired()) {
                        return Ok(Exit::Stop(Stop::OutOfGas));
                    }
                    continue;
                }
                Err(e) => return Err(ioctl_err("KVM_RUN", e)),
            };
            let regs = self.vm.regs()?;
            if let Some(what) = exit {
                return Err(RunError::Backend(format!(
                    "kvm: unexpected exit {what} at rip {:#x}",
                    regs.rip
                )));
            }
            match gdt::stub_exit(regs.rip) {
                Some(StubExit::Syscall) => {
                    self.stats.syscalls += 1;
                    // SYSCALL: RCX = the next instruction, R11 = RFLAGS; RSP is the user's.
                    let (rip, rflags, rsp) = (regs.rcx, regs.r11, regs.rsp);
                    self.store(cpu, &regs, rip, rflags, rsp)?;
                    return Ok(Exit::Stop(Stop::Syscall));
                }
                Some(StubExit::Exception(v)) => {
                    let f = self.frame(v, regs.rsp).ok_or_else(|| {
                        RunError::Backend(format!(
                            "kvm: exception {v} with a bad kernel stack (rsp {:#x})",
                            regs.rsp
                        ))
                    })?;
                    if v == 13 && f.rip == gdt::SYSCALL_STUB + gdt::SYSCALL_HLT {
                        // SYSCALL reached the stub at CPL3 (see gdt::SYSCALL_STUB).
                        self.stats.syscalls += 1;
                        let (rip, rflags, rsp) = (regs.rcx, regs.r11, f.rsp);
                        self.store(cpu, &regs, rip, rflags, rsp)?;
                        return Ok(Exit::Stop(Stop::Syscall));
                    }
                    if std::env::var_os("QVM_KVM_DEBUG").is_some() {
                        let sr = self.vm.sregs().ok();
                        eprintln!(
                            "kvm exc {v} err {:#x} rip {:#x} cs {:#x} rflags {:#x} rsp {:#x} cr2 {:#x?} kcs {:?}",
                            f.error, f.rip, f.cs, f.rflags, f.rsp, sr.map(|s| s.cr2), sr.map(|s| (s.cs.selector, s.cs.dpl, s.ss.selector))
                        );
                    }
                    if f.cs & 3 != 3 {
                        return Err(RunError::Backend(format!(
                            "kvm: exception {v} at CPL0 (rip {:#x}, error {:#x})",
                            f.rip, f.error
                        )));
                    }
                    if step && v == 1 {
                        self.store(cpu, &regs, f.rip, f.rflags, f.rsp)?;
                        return Ok(Exit::Stepped);
                    }
                    if v == 13 {
                        if let Some(r) = self.emulate(cpu, space, &regs, &f) {
                            if step {
                                self.store(cpu, &r, r.rip, r.rflags, r.rsp)?;
                                return Ok(Exit::Stepped);
                            }
                            self.vm.set_user(&sregs, &r)?;
                            continue;
                        }
                    }
                    let signal = match exits::action(v) {
                        Action::Signal(s) => s,
                        Action::Bug => {
                            return Err(RunError::Backend(format!(
                                "kvm: unexpected exception vector {v} at rip {:#x} (error {:#x})",
                                f.rip, f.error
                            )))
                        }
                    };
                    // `int n` (CD ib) at CPL3 through a DPL0 gate is #GP → SIGSEGV; kvm_pvm
                    // reports some vectors (e.g. 0x80) as #UD instead.
                    let mut signal = signal;
                    if v == 6 {
                        let mut b = [0u8; 1];
                        if space.read(f.rip, &mut b).is_ok() && b[0] == 0xcd {
                            signal = qvm_translator::state::signal::SIGSEGV;
                        }
                    }
                    let addr = if v == 14 { self.vm.sregs()?.cr2 } else { 0 };
                    // #DB and #BP are traps: the frame's RIP is after the instruction.
                    let mut fault_rip = f.rip;
                    if v == 3 {
                        let mut b = [0u8; 2];
                        if space.read(f.rip.wrapping_sub(1), &mut b[..1]).is_ok() && b[0] == 0xcc {
                            fault_rip = f.rip - 1;
                        } else if space.read(f.rip.wrapping_sub(2), &mut b).is_ok()
                            && b == [0xcd, 0x03]
                        {
                            fault_rip = f.rip - 2;
                        }
                    }
                    self.store(cpu, &regs, fault_rip, f.rflags, f.rsp)?;
                    cpu.fault_signal = signal;
                    cpu.fault_addr = addr;
                    cpu.fault_rip = fault_rip;
                    return Ok(Exit::Stop(Stop::Fault));
                }
                None => {
                    return Err(RunError::Backend(format!(
                        "kvm: hlt exit outside the stubs at rip {:#x}",
                        regs.rip
                    )));
                }
            }
        }
    }
}
