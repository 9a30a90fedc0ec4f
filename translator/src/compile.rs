//! Compiling lowered IR into host code: the Cranelift settings and code modules
//! translated code is compiled with, and one function at a time
//! ([`compile_function`]) — on the run loop's thread for tier 1, on either thread
//! for regions (see [`crate::background`]).

use crate::cache::{CompiledBlock, TranslateError};
use crate::exec::BlockFn;
use crate::ir::Block;
use crate::lower::{lower_region, HotCounter, LowerConfig};
use cranelift_codegen::control::ControlPlane;
use cranelift_codegen::isa::OwnedTargetIsa;
use cranelift_codegen::settings::{self, Configurable};
use cranelift_frontend::FunctionBuilderContext;

/// Where a compiled function's host code is, and which guest instruction each
/// stretch of it belongs to (for faults in translated code).
pub(crate) struct CodeRange {
    /// Bytes of host code.
    pub(crate) len: u64,
    /// (host offset start, host offset end, guest instruction address)
    pub(crate) locs: Vec<(u32, u32, u64)>,
}

/// The blocks of one function to compile and what its code needs.
pub(crate) struct CompileJob<'a> {
    pub(crate) blocks: &'a [Block],
    pub(crate) hot: Option<HotCounter>,
    pub(crate) returns: &'a [Vec<u64>],
    pub(crate) profiles: &'a [Option<u64>],
}

/// The translator's settings a compile reads (plain data: a compile may run on
/// another thread, see [`crate::background`]).
#[derive(Clone)]
pub(crate) struct CompileSettings {
    pub(crate) mem_size: u64,
    /// The jump cache's address, or 0 when blocks do not chain.
    pub(crate) jump_cache: u64,
    pub(crate) guard: u64,
    pub(crate) host_sha: bool,
    pub(crate) dump: bool,
    pub(crate) code_dump: Option<std::path::PathBuf>,
}

/// A compiled function, before the translator files it.
pub(crate) struct Compiled {
    pub(crate) block: CompiledBlock,
    pub(crate) ptr: u64,
    pub(crate) range: CodeRange,
    pub(crate) insns: u64,
}

/// Lowers `job` into one Cranelift function and compiles it into `cm`.
pub(crate) fn compile_function(
    cm: &mut CodeModule,
    ctx: &mut cranelift_codegen::Context,
    fctx: &mut FunctionBuilderContext,
    job: &CompileJob<'_>,
    settings: &CompileSettings,
) -> Result<Compiled, TranslateError> {
    let blocks = job.blocks;
    let first = &blocks[0];
    let err = |e: &dyn std::fmt::Display| TranslateError::Compile {
        addr: first.start,
        msg: e.to_string(),
    };
    ctx.clear();
    let isa = &*cm.isa;
    let cc = isa.default_call_conv();
    let jump_cache =
        usize::try_from(settings.jump_cache).unwrap_or(0) as *const crate::chain::JumpEntry;
    let lc = LowerConfig {
        mem_size: settings.mem_size,
        call_conv: cc,
        frontend: isa.frontend_config(),
        jump_cache,
        guard: settings.guard,
        host_sha: settings.host_sha,
    };
    let rips = lower_region(
        blocks,
        &lc,
        job.hot,
        job.returns,
        job.profiles,
        &mut ctx.func,
        fctx,
    );
    ctx.set_disasm(settings.dump);
    let compiled = ctx
        .compile(isa, &mut ControlPlane::default())
        .map_err(|e| err(&format!("{:?}", e.inner)))?;
    if settings.dump {
        if let Some(d) = &compiled.vcode {
            eprintln!("{d}");
        }
    }
    // The code runs wherever it is copied: it must not depend on its own address
    // (Cranelift resolves every branch and constant-pool reference within a
    // function itself; qvm calls helpers through constant addresses, never
    // through relocations).
    if !compiled.buffer.relocs().is_empty() {
        return Err(err(&"compiled code needs relocations"));
    }
    let bytes = compiled.code_buffer();
    let len = bytes.len() as u64;
    let locs: Vec<(u32, u32, u64)> = compiled
        .buffer
        .get_srclocs_sorted()
        .iter()
        .filter(|l| !l.loc.is_default())
        .filter_map(|l| {
            rips.get(l.loc.bits() as usize)
                .map(|r| (l.start, l.end, *r))
        })
        .collect();
    let align = usize::try_from(compiled.buffer.alignment)
        .unwrap_or(16)
        .max(usize::try_from(isa.function_alignment().minimum).unwrap_or(16));
    let ptr = cm.code.write(bytes, align).map_err(|e| err(&e))?;
    if let Some(dir) = &settings.code_dump {
        let _ = std::fs::write(
            dir.join(format!("{:x}-{:x}.bin", ptr as u64, first.start)),
            bytes,
        );
    }
    // SAFETY: `ptr` runs the code just compiled, with the block signature.
    let entry: BlockFn = unsafe { core::mem::transmute::<*const u8, BlockFn>(ptr) };
    let start = blocks.iter().map(|b| b.start).min().unwrap_or(first.start);
    let end = blocks.iter().map(|b| b.end).max().unwrap_or(first.end);
    Ok(Compiled {
        block: CompiledBlock {
            entry,
            start,
            end,
            flags_in: crate::passes::live_in_flags(first),
        },
        ptr: ptr as u64,
        range: CodeRange { len, locs },
        insns: blocks.iter().map(|b| u64::from(b.insns)).sum::<u64>(),
    })
}

/// An ISA to compile for and the memory its code goes to (a module per tier:
/// regions and tier 1 differ in optimization level and code alignment).
pub(crate) struct CodeModule {
    isa: OwnedTargetIsa,
    code: crate::codemem::PackedCode,
}

impl CodeModule {
    /// Frees the module's code.
    ///
    /// # Safety
    /// None of its code may run again.
    pub(crate) unsafe fn free(mut self) {
        // SAFETY: the caller's promise.
        unsafe { self.code.free() }
    }
}

/// The host ISA with the settings translated code is compiled with, at a Cranelift
/// `opt_level` (`"none"` for tier 1, `"speed"` for regions).
pub(crate) fn host_isa(opt_level: &str) -> Result<OwnedTargetIsa, TranslateError> {
    let mut flags = settings::builder();
    let set = |f: &mut settings::Builder, k: &str, v: &str| {
        f.set(k, v).map_err(|e| TranslateError::Isa(e.to_string()))
    };
    set(&mut flags, "opt_level", opt_level)?;
    if opt_level == "none" {
        // Tier 1 runs briefly: compile it as fast as Cranelift can.
        set(&mut flags, "regalloc_algorithm", "single_pass")?;
    }
    // Cranelift's tail calls require this flag; qvm's vendored Cranelift still drops
    // the frame of a function that makes no regular call (QVM-PATCH.md).
    set(&mut flags, "preserve_frame_pointers", "true")?;
    set(&mut flags, "unwind_info", "false")?;
    set(&mut flags, "enable_verifier", "false")?;
    // No pinned register: the gas travels between chained blocks as an argument
    // (see exec.rs), so R15 is the allocator's like any other.
    set(&mut flags, "enable_pinned_reg", "false")?;
    let mut isa_builder =
        cranelift_native::builder().map_err(|e| TranslateError::Isa(e.to_string()))?;
    // cranelift-native does not detect the SHA extensions (the vendored Cranelift
    // added them; QVM-PATCH.md).
    if host_has_sha() {
        isa_builder
            .enable("has_sha")
            .map_err(|e| TranslateError::Isa(e.to_string()))?;
    }
    isa_builder
        .finish(settings::Flags::new(flags))
        .map_err(|e| TranslateError::Isa(e.to_string()))
}

/// Whether the host CPU has the SHA extensions (SHA-NI).
pub(crate) fn host_has_sha() -> bool {
    std::is_x86_feature_detected!("sha")
}

/// The module in `slot`, made (at `opt_level`) on first use; `setup` gains the
/// time that took. Modules are made lazily: a short run may never compile.
pub(crate) fn module_in<'a>(
    slot: &'a mut Option<CodeModule>,
    opt_level: &str,
    setup: &mut std::time::Duration,
) -> Result<&'a mut CodeModule, TranslateError> {
    if slot.is_none() {
        let t0 = std::time::Instant::now();
        *slot = Some(new_module(opt_level)?);
        *setup += t0.elapsed();
    }
    slot.as_mut()
        .ok_or_else(|| TranslateError::Isa("no code module".into()))
}

/// A code module for the host CPU at a Cranelift `opt_level`.
fn new_module(opt_level: &str) -> Result<CodeModule, TranslateError> {
    let isa = host_isa(opt_level)?;
    let code = crate::codemem::PackedCode::new(if opt_level == "speed" { 64 } else { 1 })
        .map_err(|e| TranslateError::Isa(format!("reserving code memory: {e}")))?;
    Ok(CodeModule { isa, code })
}
