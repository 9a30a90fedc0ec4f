//! The KVM virtual machine: `/dev/kvm`, one VM with two memory slots (the guest space
//! at guest-physical 0, the system area at [`SYS_BASE`]) and one vCPU configured for
//! 64-bit user code at CPL3.

use super::gdt::{self, off, sel, SYS_BASE};
use super::paging;
use crate::run::RunError;
use kvm_bindings::{
    kvm_cpuid_entry2, kvm_msr_entry, kvm_regs, kvm_segment, kvm_sregs, kvm_userspace_memory_region,
    kvm_xsave, CpuId, Msrs, KVM_CPUID_FLAG_SIGNIFCANT_INDEX,
};
use kvm_ioctls::{Cap, Kvm, SyncReg, VcpuFd, VmFd};
use std::ptr::NonNull;

/// `RunError::Backend` for a failed ioctl.
pub fn ioctl_err(what: &str, e: impl std::fmt::Display) -> RunError {
    RunError::Backend(format!("kvm: {what} failed: {e}"))
}

/// The system area's host memory (an anonymous mapping, registered as slot 1).
pub struct SysMem {
    ptr: NonNull<u8>,
    len: usize,
}

impl SysMem {
    fn new(len: u64) -> Result<SysMem, RunError> {
        let len = usize::try_from(len)
            .map_err(|_| RunError::Backend("kvm: system area too large".into()))?;
        // SAFETY: a fresh anonymous private mapping at an address of the kernel's choosing.
        let p = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                len,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
                -1,
                0,
            )
        };
        if p == libc::MAP_FAILED {
            return Err(RunError::Backend(format!(
                "kvm: cannot map the {len:#x}-byte system area: {}",
                std::io::Error::last_os_error()
            )));
        }
        let ptr = NonNull::new(p.cast())
            .ok_or_else(|| RunError::Backend("kvm: mmap returned null".into()))?;
        Ok(SysMem { ptr, len })
    }

    /// Host address of the area.
    pub fn host(&self) -> *mut u8 {
        self.ptr.as_ptr()
    }

    fn at(&self, o: u64, n: usize) -> Option<*mut u8> {
        let o = usize::try_from(o).ok()?;
        (o.checked_add(n)? <= self.len).then(|| {
            // SAFETY: `o + n <= len`, inside the mapping.
            unsafe { self.ptr.as_ptr().add(o) }
        })
    }

    /// Writes a little-endian u64 at offset `o` (ignored if out of range: a bug caught by tests).
    pub fn write_u64(&mut self, o: u64, v: u64) {
        if let Some(p) = self.at(o, 8) {
            // SAFETY: in range (checked by `at`); the area holds no Rust objects.
            unsafe { std::ptr::write_unaligned(p.cast::<u64>(), v) };
        }
    }

    /// Writes a u16 at offset `o`.
    pub fn write_u16(&mut self, o: u64, v: u16) {
        if let Some(p) = self.at(o, 2) {
            // SAFETY: as in `write_u64`.
            unsafe { std::ptr::write_unaligned(p.cast::<u16>(), v) };
        }
    }

    /// Writes a byte at offset `o`.
    pub fn write_u8(&mut self, o: u64, v: u8) {
        if let Some(p) = self.at(o, 1) {
            // SAFETY: as in `write_u64`.
            unsafe { p.write(v) };
        }
    }

    /// Reads a u64 at offset `o` (None if out of range).
    pub fn read_u64(&self, o: u64) -> Option<u64> {
        let p = self.at(o, 8)?;
        // SAFETY: in range (checked by `at`).
        Some(unsafe { std::ptr::read_unaligned(p.cast::<u64>()) })
    }
}

impl Drop for SysMem {
    fn drop(&mut self) {
        // SAFETY: the mapping was created by `new` with this length and is owned by self.
        unsafe { libc::munmap(self.ptr.as_ptr().cast(), self.len) };
    }
}

/// MSR numbers.
mod msr {
    pub const STAR: u32 = 0xc000_0081;
    pub const LSTAR: u32 = 0xc000_0082;
    pub const CSTAR: u32 = 0xc000_0083;
    pub const SFMASK: u32 = 0xc000_0084;
    pub const KERNEL_GS_BASE: u32 = 0xc000_0102;
    pub const PLATFORM_INFO: u32 = 0xce;
    pub const MISC_FEATURES_ENABLES: u32 = 0x140;
}

/// Control register and EFER values.
mod cr {
    /// PE | MP | ET | NE | WP | PG (AM clear: RFLAGS.AC has no effect, as in the jit).
    pub const CR0: u64 = 1 | (1 << 1) | (1 << 4) | (1 << 5) | (1 << 16) | (1 << 31);
    /// TSD (CPL3 RDTSC/RDTSCP fault and are emulated) | PAE | OSFXSR | OSXMMEXCPT.
    /// No OSXSAVE: the CPU model does not advertise XSAVE, and OSXSAVE would show in CPUID.
    pub const CR4: u64 = (1 << 2) | (1 << 5) | (1 << 9) | (1 << 10);
    /// SCE | LME | LMA | NXE.
    pub const EFER: u64 = 1 | (1 << 8) | (1 << 10) | (1 << 11);
}

/// The VM and its single vCPU.
pub struct Vm {
    _kvm: Kvm,
    vm: VmFd,
    /// The vCPU.
    pub vcpu: VcpuFd,
    /// The system area.
    pub sys: SysMem,
    /// The system slot's registration (to drop and re-add it, which zaps the shadow MMU).
    sys_region: kvm_userspace_memory_region,
    /// Whether CPL3 CPUID faults (#GP) so the backend can answer from the model.
    pub cpuid_faulting: bool,
    /// The XSAVE image: fields CpuState does not model (x87 registers, …) live here
    /// between runs. It equals the vCPU's state unless `xsave_dirty`.
    pub xsave: kvm_xsave,
    /// Whether `xsave` was changed since the vCPU last had it.
    pub xsave_dirty: bool,
    /// Whether registers travel through `kvm_run` (KVM_CAP_SYNC_REGS) instead of
    /// KVM_{GET,SET}_{REGS,SREGS} ioctls (each ioctl costs ~10 µs on `kvm_pvm`).
    pub sync_regs: bool,
    /// The special registers for CPL3 (FS/GS bases filled in per run).
    sregs_template: kvm_sregs,
}

fn seg(selector: u16, type_: u8, dpl: u8, l: u8, db: u8) -> kvm_segment {
    kvm_segment {
        base: 0,
        limit: 0xffff_ffff,
        selector,
        type_,
        present: 1,
        dpl,
        db,
        s: 1,
        l,
        g: 1,
        avl: 0,
        unusable: 0,
        padding: 0,
    }
}

impl Vm {
    /// Opens `/dev/kvm` and builds the VM over the guest space at host `rw_base`.
    pub fn new(rw_base: *mut u8, guest_size: u64) -> Result<Vm, RunError> {
        if guest_size > SYS_BASE || guest_size == 0 || !guest_size.is_multiple_of(0x1000) {
            return Err(RunError::Backend(format!(
                "kvm: unsupported guest space size {guest_size:#x}"
            )));
        }
        let kvm = Vm::open("/dev/kvm")?;
        let vm = kvm.create_vm().map_err(|e| ioctl_err("KVM_CREATE_VM", e))?;
        let mut sys = SysMem::new(off::SIZE)?;
        paging::build_fixed(&mut sys, guest_size);
        gdt::build(&mut sys);

        let guest_region = kvm_userspace_memory_region {
            slot: 0,
            flags: 0,
            guest_phys_addr: 0,
            memory_size: guest_size,
            userspace_addr: rw_base as u64,
        };
        let sys_region = kvm_userspace_memory_region {
            slot: 1,
            flags: 0,
            guest_phys_addr: SYS_BASE,
            memory_size: off::SIZE,
            userspace_addr: sys.host() as u64,
        };
        // SAFETY: both host ranges stay mapped for the VM's lifetime: the guest space is
        // owned by the AddressSpace the run loop keeps alive past the backend (it is
        // created first and dropped last), and the system area is owned by `self`.
        unsafe {
            vm.set_user_memory_region(guest_region)
                .map_err(|e| ioctl_err("KVM_SET_USER_MEMORY_REGION (guest space)", e))?;
            vm.set_user_memory_region(sys_region)
                .map_err(|e| ioctl_err("KVM_SET_USER_MEMORY_REGION (system area)", e))?;
        }
        let vcpu = vm
            .create_vcpu(0)
            .map_err(|e| ioctl_err("KVM_CREATE_VCPU", e))?;

        // CPUID: the synthetic model, for every leaf and subleaf it defines.
        let mut entries = Vec::new();
        let (max_basic, ..) = qvm_translator::cpuid::cpuid(0, 0);
        let (max_ext, ..) = qvm_translator::cpuid::cpuid(0x8000_0000, 0);
        let leaves = (0..=max_basic).chain(0x8000_0000..=max_ext);
        for leaf in leaves {
            let subleaves: &[u32] = match leaf {
                4 => &[0, 1, 2, 3, 4],
                7 => &[0, 1],
                0xd => &[0, 1, 2],
                _ => &[0],
            };
            for &sub in subleaves {
                let (eax, ebx, ecx, edx) = qvm_translator::cpuid::cpuid(leaf, sub);
                let flags = if subleaves.len() > 1 {
                    KVM_CPUID_FLAG_SIGNIFCANT_INDEX
                } else {
                    0
                };
                entries.push(kvm_cpuid_entry2 {
                    function: leaf,
                    index: sub,
                    flags,
                    eax,
                    ebx,
                    ecx,
                    edx,
                    padding: [0; 3],
                });
            }
        }
        let cpuid = CpuId::from_entries(&entries)
            .map_err(|e| RunError::Backend(format!("kvm: CPUID table: {e:?}")))?;
        vcpu.set_cpuid2(&cpuid)
            .map_err(|e| ioctl_err("KVM_SET_CPUID2", e))?;

        let msrs = [
            (
                msr::STAR,
                (u64::from(sel::KDATA | 3) << 48) | (u64::from(sel::KCODE) << 32),
            ),
            (msr::LSTAR, gdt::SYSCALL_STUB),
            (msr::CSTAR, gdt::SYSCALL_STUB),
            (msr::SFMASK, 0x4_7700), // TF IF DF IOPL NT AC
            (msr::KERNEL_GS_BASE, 0),
        ];
        set_msrs(&vcpu, &msrs)?;
        // CPUID faulting, when the (virtual) CPU offers it (PLATFORM_INFO bit 31).
        let mut cpuid_faulting = false;
        if get_msr(&vcpu, msr::PLATFORM_INFO).is_some_and(|v| v & (1 << 31) != 0) {
            cpuid_faulting = set_msrs(&vcpu, &[(msr::MISC_FEATURES_ENABLES, 1)]).is_ok()
                && get_msr(&vcpu, msr::MISC_FEATURES_ENABLES) == Some(1);
        }

        let mut xsave = vcpu
            .get_xsave()
            .map_err(|e| ioctl_err("KVM_GET_XSAVE", e))?;
        // x87 and SSE state present in the image (XSTATE_BV bits 0 and 1).
        xsave.region[128] |= 3;
        let base = vcpu
            .get_sregs()
            .map_err(|e| ioctl_err("KVM_GET_SREGS", e))?;
        let sregs_template = user_sregs(base);
        // All register kinds KVM can sync must be supported for the fast path.
        let sync_regs = vm.check_extension_int(Cap::SyncRegs) & 0x7 == 0x7;
        let mut vm = Vm {
            _kvm: kvm,
            vm,
            vcpu,
            sys,
            sys_region,
            cpuid_faulting,
            xsave,
            xsave_dirty: true,
            sync_regs,
            sregs_template,
        };
        if sync_regs {
            vm.vcpu.set_sync_valid_reg(SyncReg::Register);
            vm.vcpu.set_sync_valid_reg(SyncReg::SystemRegister);
        }
        Ok(vm)
    }

    /// The special registers for CPL3 64-bit user code with these FS/GS bases.
    pub fn user_sregs(&self, fs_base: u64, gs_base: u64) -> kvm_sregs {
        let mut s = self.sregs_template;
        s.fs.base = fs_base;
        s.gs.base = gs_base;
        s
    }

    /// The general registers after an exit.
    pub fn regs(&self) -> Result<kvm_regs, RunError> {
        if self.sync_regs {
            return Ok(self.vcpu.sync_regs().regs);
        }
        self.vcpu
            .get_regs()
            .map_err(|e| ioctl_err("KVM_GET_REGS", e))
    }

    /// The special registers after an exit.
    pub fn sregs(&self) -> Result<kvm_sregs, RunError> {
        if self.sync_regs {
            return Ok(self.vcpu.sync_regs().sregs);
        }
        self.vcpu
            .get_sregs()
            .map_err(|e| ioctl_err("KVM_GET_SREGS", e))
    }

    /// Opens the KVM device at `path` and checks its API version.
    pub fn open(path: &str) -> Result<Kvm, RunError> {
        let c = std::ffi::CString::new(path)
            .map_err(|_| RunError::Backend(format!("kvm: bad device path {path:?}")))?;
        let kvm = Kvm::new_with_path(&c)
            .map_err(|e| RunError::Backend(format!("kvm: cannot open {path}: {e}")))?;
        let api = kvm.get_api_version();
        if api != 12 {
            return Err(RunError::Backend(format!(
                "kvm: {path}: unsupported KVM API version {api}"
            )));
        }
        Ok(kvm)
    }

    /// Enters CPL3 with these registers (set_sregs then set_regs).
    /// (With sync regs, they are applied by the next KVM_RUN.)
    pub fn set_user(&mut self, sregs: &kvm_sregs, regs: &kvm_regs) -> Result<(), RunError> {
        if self.sync_regs {
            let s = self.vcpu.sync_regs_mut();
            s.regs = *regs;
            s.sregs = *sregs;
            self.vcpu.set_sync_dirty_reg(SyncReg::Register);
            self.vcpu.set_sync_dirty_reg(SyncReg::SystemRegister);
            return Ok(());
        }
        self.vcpu
            .set_sregs(sregs)
            .map_err(|e| ioctl_err("KVM_SET_SREGS", e))?;
        self.vcpu
            .set_regs(regs)
            .map_err(|e| ioctl_err("KVM_SET_REGS", e))?;
        Ok(())
    }

    /// Writes the XSAVE image to the vCPU if it changed.
    pub fn put_xsave(&mut self) -> Result<(), RunError> {
        if !self.xsave_dirty {
            return Ok(());
        }
        // SAFETY: `self.xsave` is a plain 4 KiB kvm_xsave (no trailing `extra` data is
        // used: KVM_SET_XSAVE reads exactly 4096 bytes).
        unsafe { self.vcpu.set_xsave(&self.xsave) }.map_err(|e| ioctl_err("KVM_SET_XSAVE", e))?;
        self.xsave_dirty = false;
        Ok(())
    }

    /// Reads the XSAVE image back from the vCPU.
    pub fn fetch_xsave(&mut self) -> Result<(), RunError> {
        self.xsave = self
            .vcpu
            .get_xsave()
            .map_err(|e| ioctl_err("KVM_GET_XSAVE", e))?;
        self.xsave_dirty = false;
        Ok(())
    }

    /// Drops and re-registers the system slot. KVM then discards every shadow page
    /// built from the old page tables (this KVM shadows guest page tables in software,
    /// and writes we make from the host are invisible to its write tracking).
    pub fn flush_shadow(&self) -> Result<(), RunError> {
        let gone = kvm_userspace_memory_region {
            memory_size: 0,
            ..self.sys_region
        };
        // SAFETY: deleting our own slot, then re-adding the same live host range.
        unsafe {
            self.vm
                .set_user_memory_region(gone)
                .map_err(|e| ioctl_err("KVM_SET_USER_MEMORY_REGION (delete system area)", e))?;
            self.vm
                .set_user_memory_region(self.sys_region)
                .map_err(|e| ioctl_err("KVM_SET_USER_MEMORY_REGION (re-add system area)", e))?;
        }
        Ok(())
    }
}

/// The special registers for CPL3 64-bit user code (FS/GS bases zero), from the vCPU's
/// initial ones (for the fields not set here: APIC base, interrupt bitmap, …).
fn user_sregs(mut s: kvm_sregs) -> kvm_sregs {
    s.cs = seg(sel::UCODE, 0xb, 3, 1, 0);
    s.ss = seg(sel::UDATA, 0x3, 3, 0, 1);
    let data = seg(0, 0x3, 3, 0, 1);
    s.ds = data;
    s.es = data;
    s.fs = data;
    s.gs = data;
    s.tr = kvm_segment {
        base: SYS_BASE + off::TSS,
        limit: u32::try_from(gdt::TSS_LEN - 1).unwrap_or(103),
        selector: sel::TSS,
        type_: 0xb,
        present: 1,
        dpl: 0,
        db: 0,
        s: 0,
        l: 0,
        g: 0,
        avl: 0,
        unusable: 0,
        padding: 0,
    };
    s.ldt = kvm_segment {
        selector: 0,
        type_: 2,
        present: 0,
        unusable: 1,
        s: 0,
        ..data
    };
    s.gdt.base = SYS_BASE + off::GDT;
    s.gdt.limit = u16::try_from(gdt::GDT_LEN - 1).unwrap_or(0);
    s.idt.base = SYS_BASE + off::IDT;
    s.idt.limit = 256 * 16 - 1;
    s.cr0 = cr::CR0;
    s.cr3 = SYS_BASE + off::PML4;
    s.cr4 = cr::CR4;
    s.efer = cr::EFER;
    s
}

fn set_msrs(vcpu: &VcpuFd, list: &[(u32, u64)]) -> Result<(), RunError> {
    let entries: Vec<kvm_msr_entry> = list
        .iter()
        .map(|&(index, data)| kvm_msr_entry {
            index,
            data,
            ..Default::default()
        })
        .collect();
    let msrs = Msrs::from_entries(&entries)
        .map_err(|e| RunError::Backend(format!("kvm: MSR list: {e:?}")))?;
    let n = vcpu
        .set_msrs(&msrs)
        .map_err(|e| ioctl_err("KVM_SET_MSRS", e))?;
    if n != list.len() {
        let bad = list.get(n).map_or(0, |m| m.0);
        return Err(RunError::Backend(format!(
            "kvm: KVM_SET_MSRS rejected MSR {bad:#x}"
        )));
    }
    Ok(())
}

fn get_msr(vcpu: &VcpuFd, index: u32) -> Option<u64> {
    let mut msrs = Msrs::from_entries(&[kvm_msr_entry {
        index,
        ..Default::default()
    }])
    .ok()?;
    let n = vcpu.get_msrs(&mut msrs).ok()?;
    (n == 1).then(|| msrs.as_slice()[0].data)
}
