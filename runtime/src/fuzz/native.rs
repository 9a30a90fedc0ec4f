//! Running a snippet on the host CPU: code on an RWX page, the data window mapped at the
//! same address as in the guest ([`super::DATA`]), registers, flags, MXCSR, x87 and XMM
//! loaded from a context (FXRSTOR) and stored back (FXSAVE) around it.

use super::{Inputs, DATA, DATA_LEN};
use std::sync::{Mutex, OnceLock};

/// Registers as the native harness loads and stores them (layout used by the asm).
#[repr(C, align(16))]
#[derive(Clone)]
pub struct Ctx {
    /// RAX..R15.
    pub gpr: [u64; 16],
    /// RFLAGS.
    pub rflags: u64,
    /// Padding.
    pub pad: u64,
    /// FXSAVE image (x87, MXCSR, XMM).
    pub fx: [u8; 512],
}

core::arch::global_asm!(
    ".pushsection .bss",
    ".balign 64",
    "qvm_fuzz_save: .zero 64",
    ".balign 16",
    "qvm_fuzz_hostfx: .zero 512",
    ".popsection",
    ".globl qvm_fuzz_native_call",
    "qvm_fuzz_native_call:",
    "push rbp",
    "push rbx",
    "push r12",
    "push r13",
    "push r14",
    "push r15",
    "mov [rip + qvm_fuzz_save], rdi",
    "mov [rip + qvm_fuzz_save + 8], rsi",
    "mov [rip + qvm_fuzz_save + 16], rsp",
    "fxsave [rip + qvm_fuzz_hostfx]",
    "fxrstor [rdi + 144]",
    "push qword ptr [rdi + 128]",
    "popfq",
    "mov rax, [rdi]",
    "mov rcx, [rdi + 8]",
    "mov rdx, [rdi + 16]",
    "mov rbx, [rdi + 24]",
    "mov rbp, [rdi + 40]",
    "mov rsi, [rdi + 48]",
    "mov r8, [rdi + 64]",
    "mov r9, [rdi + 72]",
    "mov r10, [rdi + 80]",
    "mov r11, [rdi + 88]",
    "mov r12, [rdi + 96]",
    "mov r13, [rdi + 104]",
    "mov r14, [rdi + 112]",
    "mov r15, [rdi + 120]",
    "mov rsp, [rdi + 32]",
    "mov rdi, [rdi + 56]",
    "jmp qword ptr [rip + qvm_fuzz_save + 8]",
    ".globl qvm_fuzz_native_return",
    "qvm_fuzz_native_return:",
    "mov [rip + qvm_fuzz_save + 32], rdi",
    "mov rdi, [rip + qvm_fuzz_save]",
    "mov [rdi], rax",
    "mov [rdi + 8], rcx",
    "mov [rdi + 16], rdx",
    "mov [rdi + 24], rbx",
    "mov [rdi + 32], rsp",
    "mov [rdi + 40], rbp",
    "mov [rdi + 48], rsi",
    "mov [rdi + 64], r8",
    "mov [rdi + 72], r9",
    "mov [rdi + 80], r10",
    "mov [rdi + 88], r11",
    "mov [rdi + 96], r12",
    "mov [rdi + 104], r13",
    "mov [rdi + 112], r14",
    "mov [rdi + 120], r15",
    "mov rsp, [rip + qvm_fuzz_save + 16]",
    "pushfq",
    "pop qword ptr [rdi + 128]",
    "mov rax, [rip + qvm_fuzz_save + 32]",
    "mov [rdi + 56], rax",
    "fxsave [rdi + 144]",
    "fxrstor [rip + qvm_fuzz_hostfx]",
    "cld",
    "pop r15",
    "pop r14",
    "pop r13",
    "pop r12",
    "pop rbx",
    "pop rbp",
    "ret",
);

unsafe extern "C" {
    fn qvm_fuzz_native_call(ctx: *mut Ctx, code: *const u8);
    fn qvm_fuzz_native_return();
}

const CODE_PAGE: usize = 1 << 16;

struct Pages {
    code: usize,
    data: usize,
}

static LOCK: Mutex<()> = Mutex::new(());

fn pages() -> Result<&'static Pages, String> {
    static P: OnceLock<Result<Pages, String>> = OnceLock::new();
    P.get_or_init(|| {
        // SAFETY: fresh anonymous mappings; the data window is placed at a fixed address
        // only if nothing is mapped there (MAP_FIXED_NOREPLACE).
        unsafe {
            let code = libc::mmap(
                std::ptr::null_mut(),
                CODE_PAGE,
                libc::PROT_READ | libc::PROT_WRITE | libc::PROT_EXEC,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            );
            if code == libc::MAP_FAILED {
                return Err("cannot map an RWX page for native runs".into());
            }
            let want = DATA as usize as *mut libc::c_void;
            let data = libc::mmap(
                want,
                DATA_LEN,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_FIXED_NOREPLACE,
                -1,
                0,
            );
            if data != want {
                return Err(format!("cannot map the native data window at {DATA:#x}"));
            }
            Ok(Pages {
                code: code as usize,
                data: data as usize,
            })
        }
    })
    .as_ref()
    .map_err(Clone::clone)
}

/// Builds the FXSAVE image of `inp`'s x87 and SSE state.
pub fn fx_image(inp: &Inputs) -> [u8; 512] {
    let mut fx = [0u8; 512];
    let depth = inp.x87.len().min(8);
    let top = (8 - depth) % 8;
    fx[0..2].copy_from_slice(&inp.fcw.to_le_bytes());
    fx[2..4].copy_from_slice(&((top as u16) << 11).to_le_bytes());
    let mut tags = 0u8;
    for i in 0..depth {
        tags |= 1 << ((top + i) % 8);
    }
    fx[4] = tags;
    fx[24..28].copy_from_slice(&inp.mxcsr.to_le_bytes());
    for (i, v) in inp.x87.iter().take(8).enumerate() {
        let o = 32 + 16 * i;
        fx[o..o + 8].copy_from_slice(&v[0].to_le_bytes());
        fx[o + 8..o + 10].copy_from_slice(&(v[1] as u16).to_le_bytes());
    }
    for (i, x) in inp.xmm.iter().enumerate() {
        let o = 160 + 16 * i;
        fx[o..o + 8].copy_from_slice(&x[0].to_le_bytes());
        fx[o + 8..o + 16].copy_from_slice(&x[1].to_le_bytes());
    }
    fx
}

/// Runs `code` natively from `inp`; returns the final context and data window.
pub fn run(code: &[u8], inp: &Inputs) -> Result<(Ctx, Vec<u8>), String> {
    let p = pages()?;
    let _g = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let ret = qvm_fuzz_native_return as *const () as usize as u64;
    let mut bytes = code.to_vec();
    bytes.extend_from_slice(&[0xff, 0x25, 0, 0, 0, 0]);
    bytes.extend_from_slice(&ret.to_le_bytes());
    if bytes.len() > CODE_PAGE {
        return Err("snippet too long".into());
    }
    let mut ctx = Ctx {
        gpr: inp.gpr,
        rflags: inp.rflags,
        pad: 0,
        fx: fx_image(inp),
    };
    // SAFETY: the code page and data window are ours (mapped above, used under LOCK);
    // the snippet is generated not to fault, to address memory only inside the data
    // window and to leave RSP and R15 pointing into it; the harness saves and restores
    // every callee-saved register, RSP, MXCSR and the x87 state.
    unsafe {
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), p.code as *mut u8, bytes.len());
        std::ptr::copy_nonoverlapping(inp.mem.as_ptr(), p.data as *mut u8, DATA_LEN);
        qvm_fuzz_native_call(&mut ctx, p.code as *const u8);
        let mut mem = vec![0u8; DATA_LEN];
        std::ptr::copy_nonoverlapping(p.data as *const u8, mem.as_mut_ptr(), DATA_LEN);
        Ok((ctx, mem))
    }
}
