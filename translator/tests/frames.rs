//! The frames of translated code: qvm's vendored Cranelift
//! (`vendor/cranelift-codegen/QVM-PATCH.md`) gives a `tail` function that makes no
//! regular call no frame pointer, and keeps RSP 16-byte aligned below its spill
//! area. These tests compile small functions with the translator's own ISA settings and
//! read the prologue bytes: they fail if the patch is lost in a Cranelift upgrade or
//! applied to a function that calls out. Further tests check the third change (the
//! seventh integer argument, the gas, arrives in RAX) and the fourth (a scalar float op
//! on lane 0 of a vector written back into it is one SSE scalar instruction).

use cranelift_codegen::ir::{
    types, AbiParam, Function, InstBuilder, MemFlagsData, Signature, UserFuncName, Value,
};
use cranelift_codegen::isa::CallConv;
use cranelift_codegen::Context;
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};

/// `fn(state, mem_base, passed guest registers…) -> u64` in the `tail` convention, as
/// every compiled block.
fn block_sig() -> Signature {
    qvm_translator::lower::block_signature(CallConv::Tail)
}

/// Builds and compiles a `tail` function; `body` receives the builder and the
/// parameter values (the state, the memory base, the passed guest registers) and
/// must terminate the block.
fn compile_with(body: impl FnOnce(&mut FunctionBuilder, &[Value])) -> Vec<u8> {
    let isa = qvm_translator::testing::region_isa();
    let mut func = Function::with_name_signature(UserFuncName::user(0, 0), block_sig());
    let mut fctx = FunctionBuilderContext::new();
    {
        let mut b = FunctionBuilder::new(&mut func, &mut fctx);
        let entry = b.create_block();
        b.append_block_params_for_function_params(entry);
        b.switch_to_block(entry);
        b.seal_block(entry);
        let params = b.block_params(entry).to_vec();
        body(&mut b, &params);
        b.finalize(isa.frontend_config());
    }
    let mut ctx = Context::for_function(func);
    let code = ctx
        .compile(&*isa, &mut Default::default())
        .expect("compiles");
    code.code_buffer().to_vec()
}

const PUSH_RBP: u8 = 0x55;
const MOV_RBP_RSP: [u8; 3] = [0x48, 0x89, 0xe5];

fn has_frame_setup(code: &[u8]) -> bool {
    code.first() == Some(&PUSH_RBP) && code.get(1..4) == Some(&MOV_RBP_RSP[..])
}

/// The stack adjustment a prologue starts with (`sub rsp, imm8` or `sub rsp, imm32`).
fn leading_sub_rsp(code: &[u8]) -> Option<u32> {
    match code {
        [0x48, 0x83, 0xec, n, ..] => Some(u32::from(*n)),
        [0x48, 0x81, 0xec, a, b, c, d, ..] => Some(u32::from_le_bytes([*a, *b, *c, *d])),
        _ => None,
    }
}

#[test]
fn a_chaining_function_keeps_no_frame() {
    // Loads a target from the state and tail-calls it: a region's computed exit.
    let code = compile_with(|b, params| {
        let state = params[0];
        let target = b.ins().load(types::I64, MemFlagsData::trusted(), state, 8);
        let sig = b.import_signature(block_sig());
        b.ins().return_call_indirect(sig, target, params);
    });
    assert!(!has_frame_setup(&code), "prologue: {:02x?}", &code[..8]);
    assert!(
        !code.windows(3).any(|w| w == MOV_RBP_RSP),
        "no frame pointer anywhere: {code:02x?}"
    );
}

#[test]
fn a_function_that_calls_out_keeps_its_frame() {
    // A helper call in the platform convention, as for DIV or CPUID.
    let code = compile_with(|b, params| {
        let (state, base) = (params[0], params[1]);
        let helper = b.ins().load(types::I64, MemFlagsData::trusted(), state, 8);
        let mut hsig = Signature::new(CallConv::SystemV);
        hsig.params.push(AbiParam::new(types::I64));
        hsig.returns.push(AbiParam::new(types::I64));
        let hsig = b.import_signature(hsig);
        let call = b.ins().call_indirect(hsig, helper, &[state]);
        let r = b.inst_results(call)[0];
        let r = b.ins().iadd(r, base);
        b.ins().return_(&[r]);
    });
    assert!(has_frame_setup(&code), "prologue: {:02x?}", &code[..8]);
}

#[test]
fn a_spilling_frameless_function_keeps_the_stack_aligned() {
    // Forty values live at once: more than the registers, so some are spilled.
    let code = compile_with(|b, params| {
        let (state, base) = (params[0], params[1]);
        let vals: Vec<_> = (0..40)
            .map(|i| {
                b.ins()
                    .load(types::I64, MemFlagsData::trusted(), state, i * 8)
            })
            .collect();
        // Store them back in reverse, each plus the base, so all stay live until here.
        for (i, v) in vals.iter().enumerate().rev() {
            let x = b.ins().iadd(*v, base);
            let off = i32::try_from(i * 8 + 512).expect("offset");
            b.ins().store(MemFlagsData::trusted(), x, state, off);
        }
        let target = b
            .ins()
            .load(types::I64, MemFlagsData::trusted(), state, 1024);
        let sig = b.import_signature(block_sig());
        b.ins().return_call_indirect(sig, target, params);
    });
    assert!(!has_frame_setup(&code), "prologue: {:02x?}", &code[..8]);
    let n = leading_sub_rsp(&code).expect("a spill area");
    // Entry RSP is 8 mod 16 (just below the return address): the area must be too.
    assert_eq!(n % 16, 8, "spill area of {n} bytes");
}

#[test]
fn the_seventh_argument_arrives_in_rax() {
    // Returns the gas argument: with the third change (RAX is `tail`'s seventh
    // integer argument register, where the return value goes too) that is a bare
    // `ret`; upstream passes it on the stack, which needs a frame and a load.
    let code = compile_with(|b, params| {
        assert_eq!(params.len(), 7, "state, base, four guest registers, gas");
        b.ins().return_(&[params[6]]);
    });
    assert_eq!(code, [0xc3], "code: {code:02x?}");
}

/// Mnemonics of x86-64 code.
fn mnemonics(code: &[u8]) -> Vec<iced_x86::Mnemonic> {
    iced_x86::Decoder::new(64, code, iced_x86::DecoderOptions::NONE)
        .into_iter()
        .map(|i| i.mnemonic())
        .collect()
}

#[test]
fn a_scalar_op_written_back_into_its_vector_is_one_instruction() {
    use cranelift_codegen::ir::Endianness;
    use iced_x86::Mnemonic::{Addsd, Movsd, Sqrtsd, Vaddsd, Vmovsd, Vsqrtsd};
    // xmm0.lo = xmm0.lo + xmm1.lo; xmm2.lo = sqrt(xmm1.lo), upper lanes kept: what
    // the lowering makes of ADDSD and SQRTSD. Upstream adds (or takes the root)
    // into a scratch register and merges it back with a MOVSD.
    let code = compile_with(|b, params| {
        let flags = MemFlagsData::trusted();
        let st = params[0];
        let v = |b: &mut FunctionBuilder, off: i32| {
            let x = b.ins().load(types::I8X16, flags, st, off);
            let little = MemFlagsData::new().with_endianness(Endianness::Little);
            b.ins().bitcast(types::F64X2, little, x)
        };
        let (x0, x1, x2) = (v(b, 0), v(b, 16), v(b, 32));
        let a = b.ins().extractlane(x0, 0);
        let c = b.ins().extractlane(x1, 0);
        let s = b.ins().fadd(a, c);
        let r0 = b.ins().insertlane(x0, s, 0);
        let q = b.ins().sqrt(c);
        let r2 = b.ins().insertlane(x2, q, 0);
        b.ins().store(flags, r0, st, 0);
        b.ins().store(flags, r2, st, 32);
        b.ins().return_(&[params[6]]);
    });
    let m = mnemonics(&code);
    assert!(m.iter().any(|x| matches!(x, Addsd | Vaddsd)), "{m:?}");
    assert!(m.iter().any(|x| matches!(x, Sqrtsd | Vsqrtsd)), "{m:?}");
    assert!(!m.iter().any(|x| matches!(x, Movsd | Vmovsd)), "{m:?}");
}
