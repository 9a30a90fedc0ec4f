//! A convenience API for emitting IR ops: every method appends one op and returns
//! its result value, with the type recorded. Lifters use this, never `Op` directly.

use crate::ir::{
    BinOp, Conv, FloatCC, Helper, IntCC, Lanes, Op, Special, Type, UnOp, Value, VecOp, VecShift,
};
use crate::state::Flag;

/// Appends ops to a block under construction.
#[derive(Default)]
pub struct Builder {
    /// The ops so far.
    pub ops: Vec<Op>,
    /// Type of every value.
    pub types: Vec<Type>,
}

impl Builder {
    /// A builder with room for `ops` ops (and as many values) before it grows.
    pub fn with_capacity(ops: usize) -> Builder {
        Builder {
            ops: Vec::with_capacity(ops),
            types: Vec::with_capacity(ops),
        }
    }

    fn new_value(&mut self, ty: Type) -> Value {
        let v = Value(u32::try_from(self.types.len()).expect("too many IR values"));
        self.types.push(ty);
        v
    }

    /// Type of a value.
    pub fn ty(&self, v: Value) -> Type {
        self.types[v.0 as usize]
    }

    /// Appends a raw op (for ops without results).
    pub fn push(&mut self, op: Op) {
        self.ops.push(op);
    }

    /// Integer constant of type `ty` (the low bits of `v`).
    pub fn iconst(&mut self, ty: Type, v: u64) -> Value {
        let dst = self.new_value(ty);
        let mask = if ty.bits() >= 64 {
            u64::MAX
        } else {
            (1u64 << ty.bits()) - 1
        };
        self.ops.push(Op::Const {
            dst,
            ty,
            bits: u128::from(v & mask),
        });
        dst
    }

    /// 128-bit vector constant.
    pub fn vconst(&mut self, v: u128) -> Value {
        let dst = self.new_value(Type::V128);
        self.ops.push(Op::Const {
            dst,
            ty: Type::V128,
            bits: v,
        });
        dst
    }

    /// F64 constant from its bits.
    pub fn f64const(&mut self, bits: u64) -> Value {
        let dst = self.new_value(Type::F64);
        self.ops.push(Op::Const {
            dst,
            ty: Type::F64,
            bits: u128::from(bits),
        });
        dst
    }

    /// F32 constant from its bits.
    pub fn f32const(&mut self, bits: u32) -> Value {
        let dst = self.new_value(Type::F32);
        self.ops.push(Op::Const {
            dst,
            ty: Type::F32,
            bits: u128::from(bits),
        });
        dst
    }

    /// Reads a full 64-bit GPR.
    pub fn get_reg(&mut self, reg: u8) -> Value {
        let dst = self.new_value(Type::I64);
        self.ops.push(Op::GetReg { dst, reg });
        dst
    }

    /// Writes a full 64-bit GPR.
    pub fn set_reg(&mut self, reg: u8, src: Value) {
        debug_assert_eq!(self.ty(src), Type::I64);
        self.ops.push(Op::SetReg { reg, src });
    }

    /// Reads a flag (I8 0/1).
    pub fn get_flag(&mut self, flag: Flag) -> Value {
        let dst = self.new_value(Type::I8);
        self.ops.push(Op::GetFlag { dst, flag });
        dst
    }

    /// Writes a flag from an I8 0/1.
    pub fn set_flag(&mut self, flag: Flag, src: Value) {
        debug_assert_eq!(self.ty(src), Type::I8);
        self.ops.push(Op::SetFlag { flag, src });
    }

    /// Sets a flag to a constant.
    pub fn set_flag_const(&mut self, flag: Flag, v: bool) {
        let c = self.iconst(Type::I8, u64::from(v));
        self.set_flag(flag, c);
    }

    /// Reads an XMM register.
    pub fn get_xmm(&mut self, reg: u8) -> Value {
        let dst = self.new_value(Type::V128);
        self.ops.push(Op::GetXmm { dst, reg });
        dst
    }

    /// Writes an XMM register.
    pub fn set_xmm(&mut self, reg: u8, src: Value) {
        debug_assert_eq!(self.ty(src), Type::V128);
        self.ops.push(Op::SetXmm { reg, src });
    }

    /// Reads a special slot.
    pub fn get_special(&mut self, which: Special) -> Value {
        let ty = match which {
            Special::Mxcsr => Type::I32,
            _ => Type::I64,
        };
        let dst = self.new_value(ty);
        self.ops.push(Op::GetSpecial { dst, which });
        dst
    }

    /// Writes a special slot.
    pub fn set_special(&mut self, which: Special, src: Value) {
        self.ops.push(Op::SetSpecial { which, src });
    }

    /// Loads `ty` from a guest address.
    pub fn load(&mut self, ty: Type, addr: Value) -> Value {
        let dst = self.new_value(ty);
        self.ops.push(Op::Load { dst, ty, addr });
        dst
    }

    /// Stores to a guest address.
    pub fn store(&mut self, addr: Value, src: Value) {
        self.ops.push(Op::Store { addr, src });
    }

    /// One-operand op.
    pub fn unary(&mut self, op: UnOp, a: Value) -> Value {
        let ty = if op == UnOp::Parity {
            Type::I8
        } else {
            self.ty(a)
        };
        let dst = self.new_value(ty);
        self.ops.push(Op::Unary { dst, op, a });
        dst
    }

    /// Two-operand op; the result has `a`'s type.
    pub fn binary(&mut self, op: BinOp, a: Value, b: Value) -> Value {
        let dst = self.new_value(self.ty(a));
        self.ops.push(Op::Binary { dst, op, a, b });
        dst
    }

    /// a + b
    pub fn add(&mut self, a: Value, b: Value) -> Value {
        self.binary(BinOp::Add, a, b)
    }
    /// a - b
    pub fn sub(&mut self, a: Value, b: Value) -> Value {
        self.binary(BinOp::Sub, a, b)
    }
    /// a & b
    pub fn and(&mut self, a: Value, b: Value) -> Value {
        self.binary(BinOp::And, a, b)
    }
    /// a | b
    pub fn or(&mut self, a: Value, b: Value) -> Value {
        self.binary(BinOp::Or, a, b)
    }
    /// a ^ b
    pub fn xor(&mut self, a: Value, b: Value) -> Value {
        self.binary(BinOp::Xor, a, b)
    }
    /// !a
    pub fn not(&mut self, a: Value) -> Value {
        self.unary(UnOp::Not, a)
    }
    /// a << b (count modulo width)
    pub fn shl(&mut self, a: Value, b: Value) -> Value {
        self.binary(BinOp::Shl, a, b)
    }
    /// a >> b logical (count modulo width)
    pub fn lshr(&mut self, a: Value, b: Value) -> Value {
        self.binary(BinOp::LShr, a, b)
    }
    /// a >> b arithmetic (count modulo width)
    pub fn ashr(&mut self, a: Value, b: Value) -> Value {
        self.binary(BinOp::AShr, a, b)
    }
    /// a + constant
    pub fn add_imm(&mut self, a: Value, imm: u64) -> Value {
        let c = self.iconst(self.ty(a), imm);
        self.add(a, c)
    }
    /// a & constant
    pub fn and_imm(&mut self, a: Value, imm: u64) -> Value {
        let c = self.iconst(self.ty(a), imm);
        self.and(a, c)
    }
    /// a << constant
    pub fn shl_imm(&mut self, a: Value, imm: u64) -> Value {
        let c = self.iconst(self.ty(a), imm);
        self.shl(a, c)
    }
    /// a >> constant (logical)
    pub fn lshr_imm(&mut self, a: Value, imm: u64) -> Value {
        let c = self.iconst(self.ty(a), imm);
        self.lshr(a, c)
    }

    /// Integer compare → I8 0/1.
    pub fn icmp(&mut self, cc: IntCC, a: Value, b: Value) -> Value {
        let dst = self.new_value(Type::I8);
        self.ops.push(Op::Icmp { dst, cc, a, b });
        dst
    }

    /// Integer compare with a constant → I8 0/1.
    pub fn icmp_imm(&mut self, cc: IntCC, a: Value, imm: u64) -> Value {
        let c = self.iconst(self.ty(a), imm);
        self.icmp(cc, a, c)
    }

    /// Float compare → I8 0/1.
    pub fn fcmp(&mut self, cc: FloatCC, a: Value, b: Value) -> Value {
        let dst = self.new_value(Type::I8);
        self.ops.push(Op::Fcmp { dst, cc, a, b });
        dst
    }

    /// cond ? a : b
    pub fn select(&mut self, cond: Value, a: Value, b: Value) -> Value {
        let dst = self.new_value(self.ty(a));
        self.ops.push(Op::Select { dst, cond, a, b });
        dst
    }

    /// Type conversion.
    pub fn convert(&mut self, conv: Conv, to: Type, a: Value) -> Value {
        if self.ty(a) == to && matches!(conv, Conv::Zext | Conv::Sext | Conv::Trunc) {
            return a;
        }
        let dst = self.new_value(to);
        self.ops.push(Op::Convert { dst, conv, to, a });
        dst
    }
    /// Zero-extend (or no-op when already `to`).
    pub fn zext(&mut self, to: Type, a: Value) -> Value {
        self.convert(Conv::Zext, to, a)
    }
    /// Sign-extend (or no-op when already `to`).
    pub fn sext(&mut self, to: Type, a: Value) -> Value {
        self.convert(Conv::Sext, to, a)
    }
    /// Truncate (or no-op when already `to`).
    pub fn trunc(&mut self, to: Type, a: Value) -> Value {
        self.convert(Conv::Trunc, to, a)
    }
    /// Reinterpret bits.
    pub fn bitcast(&mut self, to: Type, a: Value) -> Value {
        self.convert(Conv::Bitcast, to, a)
    }

    /// Lane-wise vector op.
    pub fn vector(&mut self, op: VecOp, lanes: Lanes, a: Value, b: Value) -> Value {
        let dst = self.new_value(Type::V128);
        self.ops.push(Op::Vector {
            dst,
            op,
            lanes,
            a,
            b,
        });
        dst
    }

    /// Lane-wise float compare → mask lanes.
    pub fn vector_fcmp(&mut self, cc: FloatCC, lanes: Lanes, a: Value, b: Value) -> Value {
        let dst = self.new_value(Type::V128);
        self.ops.push(Op::VectorFcmp {
            dst,
            cc,
            lanes,
            a,
            b,
        });
        dst
    }

    /// Vector shift by an I64 count.
    pub fn vector_shift(&mut self, op: VecShift, lanes: Lanes, a: Value, count: Value) -> Value {
        let dst = self.new_value(Type::V128);
        self.ops.push(Op::VectorShift {
            dst,
            op,
            lanes,
            a,
            count,
        });
        dst
    }

    /// Byte shuffle of `a ++ b`.
    pub fn shuffle(&mut self, a: Value, b: Value, mask: [u8; 16]) -> Value {
        let dst = self.new_value(Type::V128);
        self.ops.push(Op::Shuffle { dst, a, b, mask });
        dst
    }

    /// Top bit of each lane → I32.
    pub fn move_mask(&mut self, lanes: Lanes, a: Value) -> Value {
        let dst = self.new_value(Type::I32);
        self.ops.push(Op::MoveMask { dst, lanes, a });
        dst
    }

    /// Read one lane.
    pub fn extract_lane(&mut self, lanes: Lanes, a: Value, idx: u8) -> Value {
        let dst = self.new_value(lanes.lane_type());
        self.ops.push(Op::ExtractLane { dst, lanes, a, idx });
        dst
    }

    /// Replace one lane.
    pub fn insert_lane(&mut self, lanes: Lanes, a: Value, val: Value, idx: u8) -> Value {
        let dst = self.new_value(Type::V128);
        self.ops.push(Op::InsertLane {
            dst,
            lanes,
            a,
            val,
            idx,
        });
        dst
    }

    /// Broadcast.
    pub fn splat(&mut self, lanes: Lanes, a: Value) -> Value {
        let dst = self.new_value(Type::V128);
        self.ops.push(Op::Splat { dst, lanes, a });
        dst
    }

    /// One instruction of the SHA extensions (`k` is read by SHA256RNDS2 only).
    pub fn sha(&mut self, op: crate::ir::ShaOp, a: Value, b: Value, k: Value) -> Value {
        let dst = self.new_value(Type::V128);
        self.ops.push(Op::Sha { dst, op, a, b, k });
        dst
    }

    /// Faults with `signal` when `cond` (I8) is non-zero.
    pub fn trap_if(&mut self, cond: Value, signal: u32) {
        self.ops.push(Op::Trap { cond, signal });
    }

    /// Calls a helper with up to three I64 args; returns its I64 result.
    pub fn call(&mut self, helper: &'static Helper, args: &[Value]) -> Value {
        let dst = self.new_value(Type::I64);
        self.ops.push(Op::Call {
            dst: Some(dst),
            helper,
            args: crate::ir::HelperArgs::new(args),
        });
        dst
    }
}
