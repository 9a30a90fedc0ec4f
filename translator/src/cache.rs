//! The code cache: compiles blocks once and finds them again by guest address.
//!
//! [`Translator`] owns a Cranelift JIT module. [`Translator::block`] returns the
//! compiled block at a guest address, translating it on first use. Host code ranges
//! are recorded with their source locations so that a host fault address maps back
//! to the guest instruction ([`Translator::guest_rip_of`]). Self-modifying code and
//! unmapped code invalidate the blocks overlapping a range
//! ([`Translator::invalidate`]); their host code is leaked until the translator is
//! dropped (cranelift-jit frees whole modules only).

use crate::decode::{lift_block, CodeSource};
use crate::exec::BlockFn;
use crate::ir::Block;
use crate::lift::LiftConfig;
use crate::lower::{block_signature, lower_block, LowerConfig};
use crate::chain::JumpCache;
use cranelift_codegen::isa::CallConv;
use cranelift_codegen::settings::{self, Configurable};
use cranelift_frontend::FunctionBuilderContext;
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::Module;
use std::collections::{BTreeMap, HashMap};

/// Why a block could not be translated.
#[derive(Debug, thiserror::Error)]
pub enum TranslateError {
    /// Cranelift rejected the generated code (a translator bug).
    #[error("compiling the block at {addr:#x} failed: {msg}")]
    Compile {
        /// Guest address.
        addr: u64,
        /// Cranelift's message.
        msg: String,
    },
    /// The host ISA could not be set up.
    #[error("host code generator unavailable: {0}")]
    Isa(String),
}

/// Translation settings.
#[derive(Clone, Debug)]
pub struct TranslatorConfig {
    /// Guest address space size.
    pub mem_size: u64,
    /// Most guest instructions per block.
    pub max_block_insns: usize,
    /// Gas schedule.
    pub schedule: qvm_gas::Schedule,
    /// Run the IR passes (dead flags, dead code). Off only for testing.
    pub optimize: bool,
    /// Chain blocks through the jump cache (off: every block returns to the run loop).
    pub chain: bool,
    /// Charge and check gas in compiled code. Off only to measure what metering costs:
    /// a run without metering has no gas semantics.
    pub metering: bool,
}

impl Default for TranslatorConfig {
    fn default() -> Self {
        TranslatorConfig { mem_size: 1 << 32, max_block_insns: 64, schedule: qvm_gas::Schedule::V1, optimize: true, chain: true, metering: true }
    }
}

/// A compiled block.
#[derive(Clone, Copy, Debug)]
pub struct CompiledBlock {
    /// Host entry point.
    pub entry: BlockFn,
    /// Guest start address.
    pub start: u64,
    /// Guest end address (exclusive).
    pub end: u64,
}

struct CodeRange {
    len: u64,
    guest_start: u64,
    /// (host offset start, host offset end, guest offset from block start)
    locs: Vec<(u32, u32, u32)>,
}

/// Translates and caches guest blocks.
pub struct Translator {
    module: JITModule,
    fctx: FunctionBuilderContext,
    ctx: cranelift_codegen::Context,
    config: TranslatorConfig,
    blocks: HashMap<u64, CompiledBlock>,
    ranges: BTreeMap<u64, CodeRange>,
    jump_cache: JumpCache,
    /// Print every lifted block and its host code to stderr (env `QVM_DUMP=1`).
    dump: bool,
    /// Guest instructions translated so far (for statistics).
    pub translated_insns: u64,
}

impl Translator {
    /// Creates a translator for the host CPU.
    pub fn new(config: TranslatorConfig) -> Result<Translator, TranslateError> {
        let mut flags = settings::builder();
        let set = |f: &mut settings::Builder, k: &str, v: &str| f.set(k, v).map_err(|e| TranslateError::Isa(e.to_string()));
        set(&mut flags, "opt_level", &std::env::var("QVM_OPT").unwrap_or("speed".into()))?;
        set(&mut flags, "preserve_frame_pointers", "true")?;
        set(&mut flags, "unwind_info", "false")?;
        set(&mut flags, "enable_verifier", "false")?;
        let isa_builder = cranelift_native::builder().map_err(|e| TranslateError::Isa(e.to_string()))?;
        let isa = isa_builder.finish(settings::Flags::new(flags)).map_err(|e| TranslateError::Isa(e.to_string()))?;
        let module = JITModule::new(JITBuilder::with_isa(isa, cranelift_module::default_libcall_names()));
        let ctx = module.make_context();
        Ok(Translator {
            module,
            fctx: FunctionBuilderContext::new(),
            ctx,
            config,
            blocks: HashMap::new(),
            ranges: BTreeMap::new(),
            jump_cache: JumpCache::default(),
            dump: std::env::var_os("QVM_DUMP").is_some(),
            translated_insns: 0,
        })
    }

    /// The configuration.
    pub fn config(&self) -> &TranslatorConfig {
        &self.config
    }

    /// Lifts (and optimizes) the block at `addr` without compiling it.
    pub fn lift(&self, src: &dyn CodeSource, addr: u64) -> Block {
        let lc = LiftConfig { mem_size: self.config.mem_size, schedule: self.config.schedule };
        let mut block = lift_block(src, addr, &lc, &self.config.schedule, self.config.max_block_insns);
        if self.config.optimize {
            crate::passes::optimize(&mut block);
        }
        if !self.config.metering {
            block.ops.retain(|op| !matches!(op, crate::ir::Op::ChargeGas { .. }));
        }
        block
    }

    /// The compiled block at `addr`, translating it if needed.
    pub fn block(&mut self, src: &dyn CodeSource, addr: u64) -> Result<CompiledBlock, TranslateError> {
        if let Some(b) = self.blocks.get(&addr) {
            return Ok(*b);
        }
        let block = self.lift(src, addr);
        if self.dump {
            eprintln!("{}", crate::print::block_to_string(&block));
        }
        let compiled = self.compile(&block)?;
        self.blocks.insert(addr, compiled);
        self.jump_cache.insert(addr, compiled.entry as usize as u64);
        Ok(compiled)
    }

    fn compile(&mut self, block: &Block) -> Result<CompiledBlock, TranslateError> {
        let err = |e: &dyn std::fmt::Display| TranslateError::Compile { addr: block.start, msg: e.to_string() };
        self.module.clear_context(&mut self.ctx);
        let cc = self.module.isa().default_call_conv();
        let jump_cache = if self.config.chain { self.jump_cache.as_ptr() } else { core::ptr::null() };
        let lc = LowerConfig { mem_size: self.config.mem_size, call_conv: cc, frontend: self.module.isa().frontend_config(), jump_cache };
        lower_block(block, &lc, &mut self.ctx.func, &mut self.fctx);
        self.ctx.set_disasm(self.dump);
        let id = self.module.declare_anonymous_function(&block_signature(CallConv::Tail)).map_err(|e| err(&e))?;
        self.module.define_function(id, &mut self.ctx).map_err(|e| err(&format!("{e:?}")))?;
        let compiled = self.ctx.compiled_code().ok_or_else(|| err(&"no code"))?;
        if self.dump {
            if let Some(d) = &compiled.vcode {
                eprintln!("{d}");
            }
        }
        let len = compiled.code_buffer().len() as u64;
        let locs: Vec<(u32, u32, u32)> = compiled
            .buffer
            .get_srclocs_sorted()
            .iter()
            .filter(|l| !l.loc.is_default())
            .map(|l| (l.start, l.end, l.loc.bits()))
            .collect();
        self.module.finalize_definitions().map_err(|e| err(&e))?;
        let ptr = self.module.get_finalized_function(id);
        self.ranges.insert(ptr as u64, CodeRange { len, guest_start: block.start, locs });
        self.translated_insns += u64::from(block.insns);
        // SAFETY: the module compiled this function with the block signature.
        let entry: BlockFn = unsafe { core::mem::transmute::<*const u8, BlockFn>(ptr) };
        Ok(CompiledBlock { entry, start: block.start, end: block.end })
    }

    /// The guest instruction whose host code contains `pc`, if `pc` is in
    /// translated code.
    pub fn guest_rip_of(&self, pc: u64) -> Option<u64> {
        let (start, r) = self.ranges.range(..=pc).next_back()?;
        let off = pc - start;
        if off >= r.len {
            return None;
        }
        let off = u32::try_from(off).ok()?;
        let loc = r.locs.iter().find(|(s, e, _)| *s <= off && off < *e)?;
        Some(r.guest_start + u64::from(loc.2))
    }

    /// Drops every cached block overlapping `[addr, addr+len)`.
    pub fn invalidate(&mut self, addr: u64, len: u64) {
        let end = addr.saturating_add(len);
        let before = self.blocks.len();
        self.blocks.retain(|_, b| b.end <= addr || b.start >= end);
        if self.blocks.len() != before {
            self.jump_cache.clear();
            for b in self.blocks.values() {
                self.jump_cache.insert(b.start, b.entry as usize as u64);
            }
        }
    }

    /// Number of cached blocks.
    pub fn cached_blocks(&self) -> usize {
        self.blocks.len()
    }
}
