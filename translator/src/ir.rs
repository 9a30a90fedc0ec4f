//! qvm IR: a small, typed, straight-line micro-op IR for one guest block.
//!
//! A block is a list of [`Op`]s in SSA form (every [`Value`] is defined once, before
//! use) followed by one [`Terminator`]. There is no control flow inside a block
//! except exits: anything that loops (REP string instructions) or is too complex for
//! micro-ops (division, x87, CPUID) is an [`Op::Call`] to a Rust [`Helper`]. That keeps
//! lowering mechanical and lets an interpreter execute the same ops.
//!
//! Guest registers, flags and XMM registers are read and written through explicit
//! ops; the lowering decides whether they live in host registers or in
//! [`crate::CpuState`]. Guest memory is reached only through [`Op::Load`] and
//! [`Op::Store`], which take a guest linear address and are confined by the
//! lowering (an address outside the guest space ends the run with SIGSEGV).

use crate::state::{CpuState, Flag};

/// An SSA value defined by one op of the block.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Value(pub u32);

/// The type of a [`Value`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Type {
    /// 8-bit integer (also booleans: 0 or 1).
    I8,
    /// 16-bit integer.
    I16,
    /// 32-bit integer.
    I32,
    /// 64-bit integer.
    I64,
    /// IEEE single.
    F32,
    /// IEEE double.
    F64,
    /// 128-bit vector, lane-agnostic (lanes are given per op).
    V128,
}

impl Type {
    /// Width in bits.
    pub const fn bits(self) -> u32 {
        match self {
            Type::I8 => 8,
            Type::I16 => 16,
            Type::I32 | Type::F32 => 32,
            Type::I64 | Type::F64 => 64,
            Type::V128 => 128,
        }
    }
    /// Width in bytes.
    pub const fn bytes(self) -> u32 {
        self.bits() / 8
    }
    /// The integer type of `bytes` bytes (1, 2, 4, 8).
    pub fn int_of_bytes(bytes: u32) -> Type {
        match bytes {
            1 => Type::I8,
            2 => Type::I16,
            4 => Type::I32,
            8 => Type::I64,
            _ => panic!("no integer type of {bytes} bytes"),
        }
    }
    /// Whether this is an integer type.
    pub const fn is_int(self) -> bool {
        matches!(self, Type::I8 | Type::I16 | Type::I32 | Type::I64)
    }
}

/// Lane shape of a vector op.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lanes {
    /// 16 × i8.
    I8x16,
    /// 8 × i16.
    I16x8,
    /// 4 × i32.
    I32x4,
    /// 2 × i64.
    I64x2,
    /// 4 × f32.
    F32x4,
    /// 2 × f64.
    F64x2,
}

impl Lanes {
    /// Number of lanes.
    pub const fn count(self) -> u32 {
        match self {
            Lanes::I8x16 => 16,
            Lanes::I16x8 => 8,
            Lanes::I32x4 | Lanes::F32x4 => 4,
            Lanes::I64x2 | Lanes::F64x2 => 2,
        }
    }
    /// The scalar type of one lane.
    pub const fn lane_type(self) -> Type {
        match self {
            Lanes::I8x16 => Type::I8,
            Lanes::I16x8 => Type::I16,
            Lanes::I32x4 => Type::I32,
            Lanes::I64x2 => Type::I64,
            Lanes::F32x4 => Type::F32,
            Lanes::F64x2 => Type::F64,
        }
    }
}

/// One-operand operations. The result has the operand's type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnOp {
    /// Bitwise not.
    Not,
    /// Two's complement negation.
    Neg,
    /// Population count.
    Popcnt,
    /// Count leading zeros (defined for 0: the width).
    Clz,
    /// Count trailing zeros (defined for 0: the width).
    Ctz,
    /// Byte swap (I16, I32, I64).
    Bswap,
    /// Even parity of the low 8 bits as 0/1 (x86 PF), result type I8.
    Parity,
    /// IEEE square root (F32/F64), under the current MXCSR rounding mode.
    FSqrt,
    /// Flip the sign bit (F32/F64).
    FNeg,
    /// Clear the sign bit (F32/F64).
    FAbs,
}

/// Two-operand operations. Operands and result share one type unless noted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    /// Wrapping add.
    Add,
    /// Wrapping subtract.
    Sub,
    /// Wrapping multiply (low half).
    Mul,
    /// High half of the unsigned double-width product.
    UMulHi,
    /// High half of the signed double-width product.
    SMulHi,
    /// Bitwise and.
    And,
    /// Bitwise or.
    Or,
    /// Bitwise xor.
    Xor,
    /// Shift left; the count (second operand, any int type) is taken modulo the width.
    Shl,
    /// Logical shift right; count modulo the width.
    LShr,
    /// Arithmetic shift right; count modulo the width.
    AShr,
    /// Rotate left; count modulo the width.
    Rotl,
    /// Rotate right; count modulo the width.
    Rotr,
    /// IEEE add (F32/F64) under the current MXCSR rounding.
    FAdd,
    /// IEEE subtract.
    FSub,
    /// IEEE multiply.
    FMul,
    /// IEEE divide.
    FDiv,
    /// x86 MIN: `a < b ? a : b` (so NaN or equal operands give `b`).
    FMinX86,
    /// x86 MAX: `a > b ? a : b` (so NaN or equal operands give `b`).
    FMaxX86,
}

/// Integer comparison conditions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IntCC {
    /// ==
    Eq,
    /// !=
    Ne,
    /// signed <
    Slt,
    /// signed <=
    Sle,
    /// signed >
    Sgt,
    /// signed >=
    Sge,
    /// unsigned <
    Ult,
    /// unsigned <=
    Ule,
    /// unsigned >
    Ugt,
    /// unsigned >=
    Uge,
}

/// Floating-point comparison conditions (ordered unless named otherwise).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FloatCC {
    /// ordered and equal
    Eq,
    /// ordered and less
    Lt,
    /// ordered and less or equal
    Le,
    /// unordered (either is NaN)
    Uno,
    /// unordered or not equal
    UneOrUno,
    /// unordered or not less (x86 NLT)
    UnoOrGe,
    /// unordered or not less-or-equal (x86 NLE)
    UnoOrGt,
    /// ordered (neither is NaN)
    Ord,
    /// unordered or equal
    UnoOrEq,
    /// unordered or less
    UnoOrLt,
}

/// Lane-wise vector operations on two V128 operands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VecOp {
    /// Wrapping add.
    Add,
    /// Wrapping subtract.
    Sub,
    /// Signed saturating add.
    AddSatS,
    /// Unsigned saturating add.
    AddSatU,
    /// Signed saturating subtract.
    SubSatS,
    /// Unsigned saturating subtract.
    SubSatU,
    /// Low half of the lane product.
    Mul,
    /// Signed minimum.
    MinS,
    /// Unsigned minimum.
    MinU,
    /// Signed maximum.
    MaxS,
    /// Unsigned maximum.
    MaxU,
    /// Lane equality → all ones / zero.
    CmpEq,
    /// Signed greater-than → all ones / zero.
    CmpGtS,
    /// Unsigned rounding average `(a + b + 1) >> 1`.
    AvgU,
    /// Bitwise and (lanes ignored).
    And,
    /// Bitwise or (lanes ignored).
    Or,
    /// Bitwise xor (lanes ignored).
    Xor,
    /// `!a & b` (x86 PANDN/ANDNPS operand order).
    AndNot,
    /// IEEE add per lane.
    FAdd,
    /// IEEE subtract per lane.
    FSub,
    /// IEEE multiply per lane.
    FMul,
    /// IEEE divide per lane.
    FDiv,
    /// x86 MIN per lane (`a < b ? a : b`).
    FMinX86,
    /// x86 MAX per lane (`a > b ? a : b`).
    FMaxX86,
    /// Narrow two vectors of `lanes` into one of half-width lanes, signed saturation
    /// (`a` gives the low half of the result).
    NarrowSatS,
    /// Narrow with unsigned saturation of signed input (PACKUSWB/PACKUSDW).
    NarrowSatU,
    /// PSHUFB: byte `i` of the result is 0 if bit 7 of `b[i]` is set, else
    /// `a[b[i] & 15]` (lanes ignored).
    ShuffleBytes,
}

/// The SHA extensions' instructions (semantics in [`crate::sha`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShaOp {
    /// SHA1RNDS4 with its round function (imm8 & 3).
    Sha1Rnds4(u8),
    /// SHA1NEXTE.
    Sha1Nexte,
    /// SHA1MSG1.
    Sha1Msg1,
    /// SHA1MSG2.
    Sha1Msg2,
    /// SHA256RNDS2 (reads XMM0 as its third operand).
    Sha256Rnds2,
    /// SHA256MSG1.
    Sha256Msg1,
    /// SHA256MSG2.
    Sha256Msg2,
}

impl ShaOp {
    /// A small integer naming the op (and SHA1RNDS4's function), for helper calls.
    pub fn code(self) -> u64 {
        match self {
            ShaOp::Sha1Rnds4(f) => u64::from(f & 3),
            ShaOp::Sha1Nexte => 4,
            ShaOp::Sha1Msg1 => 5,
            ShaOp::Sha1Msg2 => 6,
            ShaOp::Sha256Rnds2 => 7,
            ShaOp::Sha256Msg1 => 8,
            ShaOp::Sha256Msg2 => 9,
        }
    }

    /// The inverse of [`ShaOp::code`] (codes above 9 read as SHA256MSG2).
    pub fn from_code(code: u64) -> Self {
        match code {
            0..=3 => ShaOp::Sha1Rnds4(u8::try_from(code).unwrap_or(0)),
            4 => ShaOp::Sha1Nexte,
            5 => ShaOp::Sha1Msg1,
            6 => ShaOp::Sha1Msg2,
            7 => ShaOp::Sha256Rnds2,
            8 => ShaOp::Sha256Msg1,
            _ => ShaOp::Sha256Msg2,
        }
    }
}

/// Vector shifts by a scalar count (I64 operand), x86 semantics: counts ≥ the lane
/// width give 0 (logical) or sign fill (arithmetic).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VecShift {
    /// Logical left.
    Shl,
    /// Logical right.
    LShr,
    /// Arithmetic right.
    AShr,
}

/// How [`Op::Convert`] changes a value's type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Conv {
    /// Zero-extend an integer to a wider integer.
    Zext,
    /// Sign-extend an integer to a wider integer.
    Sext,
    /// Keep the low bits of an integer.
    Trunc,
    /// Reinterpret bits: I32↔F32, I64↔F64.
    Bitcast,
    /// Signed integer → float, rounded by MXCSR.
    SIntToFloat,
    /// Float → float (F32↔F64), rounded by MXCSR.
    FloatToFloat,
    /// Float → signed integer truncating toward zero; NaN and out-of-range give the
    /// x86 "integer indefinite" (MIN of the type).
    FloatToSIntTrunc,
}

/// A guest-state slot that is not a GPR, flag or XMM register.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Special {
    /// FS base (I64).
    FsBase,
    /// GS base (I64).
    GsBase,
    /// MXCSR (I32).
    Mxcsr,
}

/// A Rust function compiled code may call. Helpers receive the CPU state and up to
/// three integer arguments and return one integer. A helper may read and write any
/// part of the state (the lowering writes cached registers back before the call and
/// reloads them after), and may end the run by calling [`crate::exec::raise_fault`].
#[derive(Clone, Copy)]
pub struct Helper {
    /// Name, for IR dumps and traces.
    pub name: &'static str,
    /// The function.
    pub func: HelperFn,
    /// The guest state it reads or writes (besides memory).
    pub state: HelperState,
}

/// Which guest state a helper reads or writes, besides guest memory: what compiled
/// code stores before calling it and loads again after.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HelperState {
    /// Anything: every cached slot is stored before the call and reloaded after.
    All,
    /// Only these are read and written (and reloaded after the call).
    Only {
        /// GPRs, one bit each (RAX = bit 0 … R15 = bit 15).
        gprs: u16,
        /// The status flags and DF.
        flags: bool,
        /// The remaining gas.
        gas: bool,
        /// The helper may end the run (a fault, out of gas), which reports the
        /// whole state: every cached slot is stored before the call all the same.
        may_end: bool,
    },
}

/// `&'static Helper` for a helper function: `helper!("name", func)` (a constant
/// the compiler promotes, which [`Op::Call`] keeps by reference).
#[macro_export]
macro_rules! helper {
    ($name:expr, $func:expr) => {
        &$crate::ir::Helper {
            name: $name,
            func: $func,
            state: $crate::ir::HelperState::All,
        }
    };
}

/// The signature every helper has.
pub type HelperFn = unsafe extern "C" fn(state: *mut CpuState, a: u64, b: u64, c: u64) -> u64;

impl core::fmt::Debug for Helper {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.name)
    }
}

impl PartialEq for Helper {
    fn eq(&self, other: &Self) -> bool {
        core::ptr::fn_addr_eq(self.func, other.func)
    }
}

/// The operation behind an [`Op::Flags`]: which flags it writes and how (see
/// `lift::flags` for the definitions).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlagsOf {
    /// `res = a + b (+ carry)`: CF, OF, AF, ZF, SF, PF.
    Add,
    /// INC: as `Add` but CF is left alone.
    AddKeepCf,
    /// `res = a - b (- borrow)`: CF, OF, AF, ZF, SF, PF.
    Sub,
    /// DEC: as `Sub` but CF is left alone.
    SubKeepCf,
    /// AND, OR, XOR, TEST: CF = OF = AF = 0; ZF, SF, PF from `res`.
    Logic,
    /// ZF, SF and PF from `res` only.
    Szp,
}

/// One micro-op.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Op {
    /// Marks the start of a guest instruction: everything until the next marker
    /// belongs to it (faults report this `rip`).
    Insn {
        /// Guest address of the instruction.
        rip: u64,
        /// Its length in bytes.
        len: u8,
    },
    /// Charge the block's static gas cost; if the remaining gas is lower, exit with
    /// OutOfGas before anything else runs. Always the first op of a block.
    ChargeGas {
        /// Gas units.
        cost: u64,
    },
    /// A constant; for V128 the full 128 bits, otherwise the low bits of `bits`.
    Const {
        /// Result.
        dst: Value,
        /// Its type.
        ty: Type,
        /// The bits.
        bits: u128,
    },
    /// Read a 64-bit GPR.
    GetReg {
        /// Result (I64).
        dst: Value,
        /// Register number 0..16.
        reg: u8,
    },
    /// Write a 64-bit GPR.
    SetReg {
        /// Register number 0..16.
        reg: u8,
        /// I64 value.
        src: Value,
    },
    /// Read a flag as I8 0/1.
    GetFlag {
        /// Result (I8).
        dst: Value,
        /// The flag.
        flag: Flag,
    },
    /// Write a flag from an I8 that is 0 or 1.
    SetFlag {
        /// The flag.
        flag: Flag,
        /// I8 0/1.
        src: Value,
    },
    /// Write the flags of an arithmetic or logic result at once (the cold tier's
    /// spelling of what the compiled tiers lift as one `SetFlag` per flag; see
    /// `lift::flags`).
    Flags {
        /// Which operation produced `res`.
        kind: FlagsOf,
        /// First operand (unused by `Logic` and `Szp`).
        a: Value,
        /// Second operand (unused by `Logic` and `Szp`).
        b: Value,
        /// The result; its type is the operation's width.
        res: Value,
        /// Carry (ADC) or borrow (SBB) in, I8 0/1.
        carry: Option<Value>,
    },
    /// Read XMM register as V128.
    GetXmm {
        /// Result (V128).
        dst: Value,
        /// 0..16.
        reg: u8,
    },
    /// Write XMM register.
    SetXmm {
        /// 0..16.
        reg: u8,
        /// V128 value.
        src: Value,
    },
    /// Read a special slot.
    GetSpecial {
        /// Result.
        dst: Value,
        /// Which.
        which: Special,
    },
    /// Write a special slot.
    SetSpecial {
        /// Which.
        which: Special,
        /// Value of the slot's type.
        src: Value,
    },
    /// Load `ty` from guest address `addr` (I64).
    Load {
        /// Result.
        dst: Value,
        /// Type loaded.
        ty: Type,
        /// Guest linear address.
        addr: Value,
    },
    /// Store `src` to guest address `addr`.
    Store {
        /// Guest linear address (I64).
        addr: Value,
        /// Value stored (its type gives the width).
        src: Value,
    },
    /// One-operand op.
    Unary {
        /// Result.
        dst: Value,
        /// Operation.
        op: UnOp,
        /// Operand.
        a: Value,
    },
    /// Two-operand op.
    Binary {
        /// Result.
        dst: Value,
        /// Operation.
        op: BinOp,
        /// Left.
        a: Value,
        /// Right.
        b: Value,
    },
    /// Integer compare → I8 0/1.
    Icmp {
        /// Result (I8).
        dst: Value,
        /// Condition.
        cc: IntCC,
        /// Left.
        a: Value,
        /// Right.
        b: Value,
    },
    /// Float compare (F32/F64) → I8 0/1.
    Fcmp {
        /// Result (I8).
        dst: Value,
        /// Condition.
        cc: FloatCC,
        /// Left.
        a: Value,
        /// Right.
        b: Value,
    },
    /// `cond != 0 ? a : b`.
    Select {
        /// Result.
        dst: Value,
        /// I8 condition.
        cond: Value,
        /// If true.
        a: Value,
        /// If false.
        b: Value,
    },
    /// Type conversion.
    Convert {
        /// Result.
        dst: Value,
        /// Kind.
        conv: Conv,
        /// Result type.
        to: Type,
        /// Operand.
        a: Value,
    },
    /// Lane-wise vector op.
    Vector {
        /// Result (V128).
        dst: Value,
        /// Operation.
        op: VecOp,
        /// Lane shape.
        lanes: Lanes,
        /// Left.
        a: Value,
        /// Right.
        b: Value,
    },
    /// Vector lane-wise float compare → all-ones/zero lanes.
    VectorFcmp {
        /// Result (V128).
        dst: Value,
        /// Condition.
        cc: FloatCC,
        /// F32x4 or F64x2.
        lanes: Lanes,
        /// Left.
        a: Value,
        /// Right.
        b: Value,
    },
    /// Vector shift by an I64 count.
    VectorShift {
        /// Result (V128).
        dst: Value,
        /// Kind.
        op: VecShift,
        /// I16x8, I32x4 or I64x2.
        lanes: Lanes,
        /// Vector.
        a: Value,
        /// Count (I64).
        count: Value,
    },
    /// Byte shuffle of the 32 bytes `a ++ b`: result byte i = byte `mask[i]` (0..32).
    Shuffle {
        /// Result (V128).
        dst: Value,
        /// Low 16 bytes of the source.
        a: Value,
        /// High 16 bytes of the source.
        b: Value,
        /// Indices.
        mask: [u8; 16],
    },
    /// Collect the top bit of every lane into an I32 (PMOVMSKB, MOVMSKPS/PD).
    MoveMask {
        /// Result (I32).
        dst: Value,
        /// Lane shape.
        lanes: Lanes,
        /// Vector.
        a: Value,
    },
    /// Read lane `idx` (result of the lane type).
    ExtractLane {
        /// Result.
        dst: Value,
        /// Lane shape.
        lanes: Lanes,
        /// Vector.
        a: Value,
        /// Lane index.
        idx: u8,
    },
    /// Replace lane `idx` with `val`.
    InsertLane {
        /// Result (V128).
        dst: Value,
        /// Lane shape.
        lanes: Lanes,
        /// Vector.
        a: Value,
        /// New lane value (lane type).
        val: Value,
        /// Lane index.
        idx: u8,
    },
    /// Broadcast a scalar to every lane.
    Splat {
        /// Result (V128).
        dst: Value,
        /// Lane shape.
        lanes: Lanes,
        /// Scalar (lane type).
        a: Value,
    },
    /// One instruction of the SHA extensions on V128 operands: `a` is its first
    /// operand (and destination), `b` its second, `k` XMM0 for SHA256RNDS2 (the
    /// other ops ignore `k`; the lifter passes `b`).
    Sha {
        /// Result (V128).
        dst: Value,
        /// Which instruction.
        op: ShaOp,
        /// First operand.
        a: Value,
        /// Second operand.
        b: Value,
        /// XMM0 (SHA256RNDS2 only).
        k: Value,
    },
    /// End the run with `signal` (fault address 0) at the current instruction when
    /// `cond` (I8) is non-zero — alignment checks and other rare faults.
    Trap {
        /// I8 condition.
        cond: Value,
        /// Linux signal number.
        signal: u32,
    },
    /// A software prefetch of the line holding guest address `addr` (I64): a hint
    /// with no architectural effect — the interpreter skips it; compiled code
    /// issues the host's PREFETCH for the host address, clamped into the guest
    /// space (an address outside prefetches guest address 0 instead).
    Prefetch {
        /// Guest address.
        addr: Value,
        /// PREFETCHNTA (non-temporal); else PREFETCHT0.
        nta: bool,
    },
    /// Call a Rust helper; all arguments and the result are I64.
    Call {
        /// Result, if used.
        dst: Option<Value>,
        /// The function.
        helper: &'static Helper,
        /// Up to three I64 arguments (missing ones are passed as 0).
        args: HelperArgs,
    },
}

// Every lifted instruction costs about ten ops, and a short run's time is mostly
// the first touch of the memory they take (each new page costs microseconds on a
// virtual machine): `Call` keeps its helper by reference and its arguments
// inline so that no op is larger than a 128-bit constant.
const _: () = assert!(core::mem::size_of::<Op>() == 32);

/// The arguments of an [`Op::Call`], inline (a helper takes at most three);
/// unused places hold `HelperArgs::NONE`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HelperArgs([Value; 3]);

impl HelperArgs {
    /// The value number that marks an unused place (no block has that many).
    const NONE: Value = Value(u32::MAX);

    /// `args`, which must be at most three.
    pub fn new(args: &[Value]) -> HelperArgs {
        assert!(args.len() <= 3, "helpers take at most three arguments");
        let mut vals = [Self::NONE; 3];
        vals[..args.len()].copy_from_slice(args);
        HelperArgs(vals)
    }
}

impl core::ops::Deref for HelperArgs {
    type Target = [Value];
    fn deref(&self) -> &[Value] {
        let len = self.0.iter().take_while(|v| **v != Self::NONE).count();
        &self.0[..len]
    }
}

/// How a block ends.
#[derive(Clone, Debug, PartialEq)]
pub enum Terminator {
    /// Continue at a fixed address.
    Jump(u64),
    /// `cond != 0` (I8) → `taken`, else `not_taken`.
    Branch {
        /// Condition.
        cond: Value,
        /// Target when true.
        taken: u64,
        /// Target when false.
        not_taken: u64,
    },
    /// Continue at a computed address (I64): `ret`, `jmp reg`, `call [mem]`.
    Indirect(Value),
    /// Exit to the kernel; `next` is the instruction after `syscall`.
    Syscall {
        /// Address after the syscall instruction.
        next: u64,
    },
    /// End the run with a fault at `rip` (ud2, int3, hlt, unsupported or
    /// undecodable instructions, non-executable code).
    Fault {
        /// Linux signal number.
        signal: u32,
        /// The faulting instruction.
        rip: u64,
        /// Data address for SIGSEGV, else 0.
        addr: u64,
    },
}

impl Terminator {
    /// The constant targets of a jump or a branch; none for the other kinds.
    pub fn direct_targets(&self) -> impl Iterator<Item = u64> {
        let (a, b) = match *self {
            Terminator::Jump(t) => (Some(t), None),
            Terminator::Branch {
                taken, not_taken, ..
            } => (Some(taken), Some(not_taken)),
            _ => (None, None),
        };
        a.into_iter().chain(b)
    }
}

/// A lifted guest block.
#[derive(Clone, Debug)]
pub struct Block {
    /// Guest address of the first instruction.
    pub start: u64,
    /// Guest address just past the last instruction.
    pub end: u64,
    /// Number of guest instructions.
    pub insns: u32,
    /// The ops, in order.
    pub ops: Vec<Op>,
    /// Type of each value, indexed by `Value.0`.
    pub types: Vec<Type>,
    /// How the block ends.
    pub term: Terminator,
    /// Flags the successors may read (for dead-flag elimination).
    pub live_out_flags: crate::state::FlagSet,
    /// Static gas cost of the block.
    pub gas: u64,
    /// If the block ends with a call: the return address (where the callee's
    /// `ret` normally goes). Regions use it to keep calls and returns inside.
    pub call_return: Option<u64>,
    /// The block ends with a `jmp` through a register or memory (a jump table,
    /// an interpreter's dispatch): regions may continue at the targets it was
    /// seen to take ([`crate::Translator::observe_computed_jump`]).
    pub computed_jump: bool,
}

impl Block {
    /// The type of `v`.
    pub fn ty(&self, v: Value) -> Type {
        self.types[v.0 as usize]
    }

    /// A one-instruction block of `b`'s ops at `start` (unit tests of the
    /// region analyses).
    #[cfg(test)]
    pub(crate) fn for_test(
        start: u64,
        b: crate::builder::Builder,
        term: Terminator,
        gas: u64,
    ) -> Block {
        Block {
            start,
            end: start + 4,
            insns: 1,
            ops: b.ops,
            types: b.types,
            term,
            live_out_flags: crate::FlagSet::ALL,
            gas,
            call_return: None,
            computed_jump: false,
        }
    }
}
