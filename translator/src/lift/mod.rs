//! Lifting: x86 instructions → qvm IR.
//!
//! [`Lifter`] holds the block under construction and offers the operand, flag and
//! condition helpers every family needs. Each family module owns a set of
//! mnemonics and exposes `lift(&mut Lifter) -> LiftResult`, answering
//! `Ok(false)` for instructions that are not its own. [`FAMILIES`] lists them; to
//! find where an instruction is defined, grep its mnemonic in this folder.
//!
//! Undefined flags (the manuals leave e.g. AF after logic ops, or SF/ZF/AF/PF after
//! MUL undefined) are defined by qvm as documented at each family: the rule is that
//! an undefined flag is **cleared to 0** unless the family says otherwise.

pub mod alu;
pub mod bits;
pub mod control;
pub mod data;
pub mod flags;
pub mod muldiv;
pub mod shift;
pub mod sse;
pub mod string;
pub mod system;
pub mod x87;

use crate::builder::Builder;
use crate::ir::{FlagsOf, IntCC, Terminator, Type, Value};
use crate::state::{signal, Flag, FlagSet};
use iced_x86::{ConditionCode, Instruction, MemorySize, OpKind, Register};

/// `Ok(true)`: lifted; `Ok(false)`: not this family's; `Err`: this family's
/// instruction in a form qvm does not execute (ends the block with SIGILL).
pub type LiftResult = Result<bool, Unsupported>;

/// An instruction qvm cannot execute; the run ends with SIGILL naming it.
#[derive(Debug, Clone)]
pub struct Unsupported(pub String);

/// A family's entry point.
pub type Family = fn(&mut Lifter<'_>) -> LiftResult;

/// Every family, tried in order.
pub const FAMILIES: &[Family] = &[
    data::lift,
    alu::lift,
    control::lift,
    shift::lift,
    muldiv::lift,
    bits::lift,
    string::lift,
    system::lift,
    sse::lift,
    x87::lift,
];

/// What a flag-setting instruction computed, so a following condition can be
/// evaluated directly (`cmp a, b; jl` → `a <s b`) instead of from flag bits.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FlagSource {
    /// Flags of `a - b` (CMP/SUB).
    Sub {
        /// Left operand.
        a: Value,
        /// Right operand.
        b: Value,
        /// Difference.
        res: Value,
    },
    /// Flags of a logic op (CF=OF=0) on `res` (TEST/AND/OR/XOR).
    Logic {
        /// Result.
        res: Value,
    },
}

/// Translation-wide settings the lifters need.
#[derive(Clone, Debug)]
pub struct LiftConfig {
    /// Size of the guest address space.
    pub mem_size: u64,
    /// Lift arithmetic flags as one [`crate::ir::Op::Flags`] each (for the
    /// interpreter) instead of one `SetFlag` per flag (see [`flags`]).
    pub compact_flags: bool,
    /// The gas schedule (REP string instructions charge per iteration).
    pub schedule: qvm_gas::Schedule,
}

/// Lifts one block's instructions.
pub struct Lifter<'a> {
    /// IR under construction.
    pub b: Builder,
    /// The instruction being lifted.
    pub insn: &'a Instruction,
    /// Address of the next instruction.
    pub next_rip: u64,
    /// Set by control-flow instructions: ends the block.
    pub term: Option<Terminator>,
    /// The last flag computation still valid, if known.
    pub flag_source: Option<FlagSource>,
    /// Settings.
    pub config: &'a LiftConfig,
}

/// Where a GPR operand lives in its 64-bit register.
#[derive(Clone, Copy, Debug)]
pub struct GprPart {
    /// 0..16.
    pub index: u8,
    /// 1, 2, 4 or 8.
    pub bytes: u32,
    /// AH, CH, DH, BH: bits 8..16.
    pub high8: bool,
}

/// Decomposes a general-purpose register.
pub fn gpr_part(reg: Register) -> Option<GprPart> {
    if !reg.is_gpr() {
        return None;
    }
    let high8 = matches!(
        reg,
        Register::AH | Register::CH | Register::DH | Register::BH
    );
    let full = reg.full_register();
    let index = (full as u32).checked_sub(Register::RAX as u32)?;
    let bytes = u32::try_from(reg.size()).ok()?;
    Some(GprPart {
        index: u8::try_from(index).ok()?,
        bytes,
        high8,
    })
}

/// XMM register number of `reg` (XMM0..XMM15), if it is one.
pub fn xmm_index(reg: Register) -> Option<u8> {
    if reg.is_xmm() {
        u8::try_from(reg as u32 - Register::XMM0 as u32).ok()
    } else {
        None
    }
}

impl<'a> Lifter<'a> {
    /// The current instruction's address.
    pub fn rip(&self) -> u64 {
        self.insn.ip()
    }

    /// Fails the current instruction as unsupported.
    pub fn unsupported<T>(&self, why: &str) -> Result<T, Unsupported> {
        Err(Unsupported(format!("{} ({why})", self.insn)))
    }

    // ----- registers --------------------------------------------------------

    /// Reads a GPR operand at its own width.
    pub fn read_gpr(&mut self, reg: Register) -> Value {
        let p = gpr_part(reg).expect("not a GPR");
        let full = self.b.get_reg(p.index);
        let v = if p.high8 {
            self.b.lshr_imm(full, 8)
        } else {
            full
        };
        let ty = Type::int_of_bytes(p.bytes);
        self.b.trunc(ty, v)
    }

    /// Writes a GPR operand with x86 rules: 32-bit writes zero the upper half,
    /// 8- and 16-bit writes keep the rest.
    pub fn write_gpr(&mut self, reg: Register, v: Value) {
        let p = gpr_part(reg).expect("not a GPR");
        match p.bytes {
            8 => self.b.set_reg(p.index, v),
            4 => {
                let z = self.b.zext(Type::I64, v);
                self.b.set_reg(p.index, z);
            }
            _ => {
                let old = self.b.get_reg(p.index);
                let width_mask = if p.bytes == 2 { 0xffffu64 } else { 0xff };
                let shift = if p.high8 { 8 } else { 0 };
                let keep = self.b.and_imm(old, !(width_mask << shift));
                let mut nv = self.b.zext(Type::I64, v);
                if shift != 0 {
                    nv = self.b.shl_imm(nv, shift);
                }
                let merged = self.b.or(keep, nv);
                self.b.set_reg(p.index, merged);
            }
        }
    }

    // ----- memory -----------------------------------------------------------

    /// Effective address of the memory operand, without segment base (LEA).
    pub fn effective_address(&mut self) -> Value {
        let insn = self.insn;
        let base = insn.memory_base();
        let index = insn.memory_index();
        let mut addr = if base == Register::RIP || base == Register::EIP {
            // iced gives the absolute target for RIP-relative operands.
            self.b.iconst(Type::I64, insn.memory_displacement64())
        } else {
            let disp = self.b.iconst(Type::I64, insn.memory_displacement64());
            if base == Register::None {
                disp
            } else {
                let r = self.read_gpr64_any(base);
                if insn.memory_displacement64() == 0 {
                    r
                } else {
                    self.b.add(r, disp)
                }
            }
        };
        if index != Register::None {
            let mut ix = self.read_gpr64_any(index);
            let scale = insn.memory_index_scale();
            if scale > 1 {
                ix = self.b.shl_imm(ix, u64::from(scale.trailing_zeros()));
            }
            addr = self.b.add(addr, ix);
        }
        if insn.memory_base().size() == 4 || insn.memory_index().size() == 4 {
            // 32-bit address size (0x67 prefix): the sum wraps at 4 GiB.
            addr = self.b.and_imm(addr, 0xffff_ffff);
        }
        addr
    }

    /// A base/index register as an I64 (32-bit address registers zero-extended).
    fn read_gpr64_any(&mut self, reg: Register) -> Value {
        let v = self.read_gpr(reg);
        self.b.zext(Type::I64, v)
    }

    /// Guest linear address of the memory operand (segment base added for FS/GS).
    pub fn mem_address(&mut self) -> Value {
        let ea = self.effective_address();
        self.add_segment_base(ea, self.insn.memory_segment())
    }

    /// Adds the FS/GS base for those segments; other segments have base 0.
    pub fn add_segment_base(&mut self, ea: Value, seg: Register) -> Value {
        match seg {
            Register::FS => {
                let b = self.b.get_special(crate::ir::Special::FsBase);
                self.b.add(ea, b)
            }
            Register::GS => {
                let b = self.b.get_special(crate::ir::Special::GsBase);
                self.b.add(ea, b)
            }
            _ => ea,
        }
    }

    // ----- operands ---------------------------------------------------------

    /// Width in bytes of operand `i` (registers, memory; immediates take the
    /// width of operand 0).
    pub fn op_bytes(&self, i: u32) -> u32 {
        match self.insn.op_kind(i) {
            OpKind::Register => u32::try_from(self.insn.op_register(i).size()).unwrap_or(8),
            OpKind::Memory => u32::try_from(self.insn.memory_size().size()).unwrap_or(8),
            _ => {
                if i == 0 {
                    8
                } else {
                    self.op_bytes(0)
                }
            }
        }
    }

    /// Reads integer operand `i` at `ty`. Immediates are sign-extended by iced
    /// according to their encoding, then truncated to `ty`.
    pub fn read_op_as(&mut self, i: u32, ty: Type) -> Value {
        match self.insn.op_kind(i) {
            OpKind::Register => {
                let r = self.insn.op_register(i);
                let v = self.read_gpr(r);
                debug_assert_eq!(self.b.ty(v), ty);
                v
            }
            OpKind::Memory => {
                let a = self.mem_address();
                self.b.load(ty, a)
            }
            OpKind::Immediate8
            | OpKind::Immediate16
            | OpKind::Immediate32
            | OpKind::Immediate64
            | OpKind::Immediate8to16
            | OpKind::Immediate8to32
            | OpKind::Immediate8to64
            | OpKind::Immediate32to64
            | OpKind::Immediate8_2nd => {
                let imm = self.insn.immediate(i);
                self.b.iconst(ty, imm)
            }
            k => panic!("read_op_as: operand kind {k:?} of {}", self.insn),
        }
    }

    /// Reads integer operand `i` at its natural width.
    pub fn read_op(&mut self, i: u32) -> Value {
        let ty = Type::int_of_bytes(self.op_bytes(i));
        self.read_op_as(i, ty)
    }

    /// Writes integer operand `i` (register with x86 merge rules, or memory).
    pub fn write_op(&mut self, i: u32, v: Value) {
        match self.insn.op_kind(i) {
            OpKind::Register => self.write_gpr(self.insn.op_register(i), v),
            OpKind::Memory => {
                let a = self.mem_address();
                self.b.store(a, v);
            }
            k => panic!("write_op: operand kind {k:?} of {}", self.insn),
        }
    }

    /// Writes operand `i` whose address was already computed (read-modify-write).
    pub fn write_op_at(&mut self, i: u32, addr: Option<Value>, v: Value) {
        match (self.insn.op_kind(i), addr) {
            (OpKind::Memory, Some(a)) => self.b.store(a, v),
            _ => self.write_op(i, v),
        }
    }

    /// For read-modify-write: the address of operand `i` if it is memory.
    pub fn op_address(&mut self, i: u32) -> Option<Value> {
        (self.insn.op_kind(i) == OpKind::Memory).then(|| self.mem_address())
    }

    /// Reads operand `i` from a precomputed address when memory.
    pub fn read_op_at(&mut self, i: u32, addr: Option<Value>, ty: Type) -> Value {
        match addr {
            Some(a) => self.b.load(ty, a),
            None => self.read_op_as(i, ty),
        }
    }

    /// The memory operand's access size in bytes.
    pub fn mem_bytes(&self) -> u32 {
        u32::try_from(self.insn.memory_size().size()).unwrap_or(0)
    }

    /// Whether the memory size is `s`.
    pub fn mem_size_is(&self, s: MemorySize) -> bool {
        self.insn.memory_size() == s
    }

    // ----- stack ------------------------------------------------------------

    /// Pushes a 64-bit (or 16-bit) value.
    pub fn push(&mut self, v: Value) {
        let bytes = self.b.ty(v).bytes();
        let sp = self.b.get_reg(4);
        let nsp = self.b.add_imm(sp, (bytes as u64).wrapping_neg());
        self.b.store(nsp, v);
        self.b.set_reg(4, nsp);
    }

    /// Pops a value of `ty`.
    pub fn pop(&mut self, ty: Type) -> Value {
        let sp = self.b.get_reg(4);
        let v = self.b.load(ty, sp);
        let nsp = self.b.add_imm(sp, u64::from(ty.bytes()));
        self.b.set_reg(4, nsp);
        v
    }

    // ----- flags ------------------------------------------------------------

    /// Records that `f` was written by something other than a tracked source.
    pub fn forget_flag_source(&mut self) {
        self.flag_source = None;
    }

    /// Sets ZF, SF and PF from a result.
    pub fn set_szp(&mut self, res: Value) {
        self.flags_of(FlagsOf::Szp, res, res, res, None);
    }

    /// Flags of a logic op: CF=OF=0, AF=0 (undefined: qvm clears it), SZP from res.
    pub fn set_flags_logic(&mut self, res: Value) {
        self.flags_of(FlagsOf::Logic, res, res, res, None);
        self.flag_source = Some(FlagSource::Logic { res });
    }

    /// Writes the flags `kind` defines, compact or expanded as configured.
    fn flags_of(&mut self, kind: FlagsOf, a: Value, b: Value, res: Value, carry: Option<Value>) {
        if self.config.compact_flags {
            self.b.push(crate::ir::Op::Flags {
                kind,
                a,
                b,
                res,
                carry,
            });
        } else {
            flags::emit(&mut self.b, kind, a, b, res, carry);
        }
    }

    /// Sign bit of `v` as I8 0/1.
    pub fn sign_bit(&mut self, v: Value) -> Value {
        self.b.icmp_imm(IntCC::Slt, v, 0)
    }

    /// Flags of `res = a + b + carry_in` (ADD, ADC, INC with `set_cf` false).
    pub fn set_flags_add(
        &mut self,
        a: Value,
        b: Value,
        res: Value,
        carry_in: Option<Value>,
        set_cf: bool,
    ) {
        let kind = if set_cf {
            FlagsOf::Add
        } else {
            FlagsOf::AddKeepCf
        };
        self.flags_of(kind, a, b, res, carry_in);
        self.flag_source = None;
    }

    /// Flags of `res = a - b - borrow_in` (SUB, SBB, CMP, NEG, DEC with `set_cf` false).
    pub fn set_flags_sub(
        &mut self,
        a: Value,
        b: Value,
        res: Value,
        borrow_in: Option<Value>,
        set_cf: bool,
    ) {
        let kind = if set_cf {
            FlagsOf::Sub
        } else {
            FlagsOf::SubKeepCf
        };
        self.flags_of(kind, a, b, res, borrow_in);
        self.flag_source = if borrow_in.is_none() && set_cf {
            Some(FlagSource::Sub { a, b, res })
        } else {
            None
        };
    }

    /// Evaluates an x86 condition code to I8 0/1.
    pub fn cond(&mut self, cc: ConditionCode) -> Value {
        use ConditionCode as C;
        if let Some(src) = self.flag_source {
            if let Some(v) = self.cond_direct(src, cc) {
                return v;
            }
        }
        match cc {
            C::o => self.b.get_flag(Flag::OF),
            C::no => self.not_flag(Flag::OF),
            C::b => self.b.get_flag(Flag::CF),
            C::ae => self.not_flag(Flag::CF),
            C::e => self.b.get_flag(Flag::ZF),
            C::ne => self.not_flag(Flag::ZF),
            C::be => {
                let c = self.b.get_flag(Flag::CF);
                let z = self.b.get_flag(Flag::ZF);
                self.b.or(c, z)
            }
            C::a => {
                let be = self.cond(C::be);
                self.invert(be)
            }
            C::s => self.b.get_flag(Flag::SF),
            C::ns => self.not_flag(Flag::SF),
            C::p => self.b.get_flag(Flag::PF),
            C::np => self.not_flag(Flag::PF),
            C::l => {
                let s = self.b.get_flag(Flag::SF);
                let o = self.b.get_flag(Flag::OF);
                self.b.xor(s, o)
            }
            C::ge => {
                let l = self.cond(C::l);
                self.invert(l)
            }
            C::le => {
                let l = self.cond(C::l);
                let z = self.b.get_flag(Flag::ZF);
                self.b.or(l, z)
            }
            C::g => {
                let le = self.cond(C::le);
                self.invert(le)
            }
            C::None => self.b.iconst(Type::I8, 1),
        }
    }

    fn cond_direct(&mut self, src: FlagSource, cc: ConditionCode) -> Option<Value> {
        use ConditionCode as C;
        match src {
            FlagSource::Sub { a, b, res } => {
                let ic = match cc {
                    C::e => IntCC::Eq,
                    C::ne => IntCC::Ne,
                    C::b => IntCC::Ult,
                    C::ae => IntCC::Uge,
                    C::be => IntCC::Ule,
                    C::a => IntCC::Ugt,
                    C::l => IntCC::Slt,
                    C::ge => IntCC::Sge,
                    C::le => IntCC::Sle,
                    C::g => IntCC::Sgt,
                    C::s => return Some(self.b.icmp_imm(IntCC::Slt, res, 0)),
                    C::ns => return Some(self.b.icmp_imm(IntCC::Sge, res, 0)),
                    _ => return None,
                };
                Some(self.b.icmp(ic, a, b))
            }
            FlagSource::Logic { res } => {
                let (ic, imm) = match cc {
                    C::e | C::be => (IntCC::Eq, 0),
                    C::ne | C::a => (IntCC::Ne, 0),
                    C::s | C::l => (IntCC::Slt, 0),
                    C::ns | C::ge => (IntCC::Sge, 0),
                    C::le => (IntCC::Sle, 0),
                    C::g => (IntCC::Sgt, 0),
                    C::b | C::o => return Some(self.b.iconst(Type::I8, 0)),
                    C::ae | C::no => return Some(self.b.iconst(Type::I8, 1)),
                    _ => return None,
                };
                Some(self.b.icmp_imm(ic, res, imm))
            }
        }
    }

    fn not_flag(&mut self, f: Flag) -> Value {
        let v = self.b.get_flag(f);
        self.invert(v)
    }

    /// 1 - v for an I8 boolean.
    pub fn invert(&mut self, v: Value) -> Value {
        let one = self.b.iconst(Type::I8, 1);
        self.b.xor(v, one)
    }

    /// Ends the block with a fault at this instruction.
    pub fn fault(&mut self, sig: u32) {
        self.term = Some(Terminator::Fault {
            signal: sig,
            rip: self.rip(),
            addr: 0,
        });
    }

    /// Ends the block with SIGILL at this instruction.
    pub fn sigill(&mut self) {
        self.fault(signal::SIGILL);
    }
}

/// Flags the instruction reads, from iced-x86's metadata.
pub fn flags_read(insn: &Instruction) -> FlagSet {
    from_rflags(insn.rflags_read())
}

/// Flags iced lists as written by `insn` that qvm may leave unchanged at run time
/// (REP CMPS with RCX = 0, shifts by a zero count, DIV, BT*…): not definitions for
/// liveness purposes.
pub fn flags_kept(insn: &Instruction) -> FlagSet {
    shift::flags_kept(insn)
        .union(muldiv::flags_kept(insn))
        .union(bits::flags_kept(insn))
        .union(string::flags_kept(insn))
}

/// Flags the instruction writes (set, cleared, modified or made undefined).
pub fn flags_written(insn: &Instruction) -> FlagSet {
    from_rflags(insn.rflags_modified())
}

fn from_rflags(bits: u32) -> FlagSet {
    use iced_x86::RflagsBits as R;
    let mut s = FlagSet::NONE;
    for (bit, f) in [
        (R::CF, Flag::CF),
        (R::PF, Flag::PF),
        (R::AF, Flag::AF),
        (R::ZF, Flag::ZF),
        (R::SF, Flag::SF),
        (R::OF, Flag::OF),
        (R::DF, Flag::DF),
    ] {
        if bits & bit != 0 {
            s = s.union(f.mask());
        }
    }
    s
}
