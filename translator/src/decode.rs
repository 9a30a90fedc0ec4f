//! Block discovery: fetch guest code, decode it with iced-x86, and lift it.
//!
//! A block runs from its start address to the first control transfer, `syscall`,
//! fault-raising instruction, or `max_insns` instructions. Each instruction is
//! preceded by an [`Op::Insn`] marker; the block's static gas is the schedule's
//! cost summed over its instructions and is charged by one [`Op::ChargeGas`] first.
//! An instruction that cannot be fetched (non-executable page) or decoded, or that
//! qvm does not execute, becomes a fault terminator *at that instruction*: the
//! instructions before it still run, exactly as on hardware.

use crate::builder::Builder;
use crate::ir::{Block, Op, Terminator};
use crate::lift::{self, flags_read, flags_written, LiftConfig, Lifter, Unsupported};
use crate::state::{signal, FlagSet};
use iced_x86::{Decoder, DecoderOptions, FlowControl, Instruction};

/// Where the translator reads guest code from.
pub trait CodeSource {
    /// Copies executable guest bytes starting at `addr` into `buf`; returns how many
    /// bytes were available (fewer at the end of executable memory).
    fn fetch(&self, addr: u64, buf: &mut [u8]) -> usize;
}

/// Longest x86 instruction.
const MAX_INSN_LEN: usize = 15;

/// IR ops reserved per guest instruction when lifting (most lift to fewer; the
/// vector grows for the rest).
const OPS_PER_INSN: usize = 16;

thread_local! {
    /// The builder [`lift_block`] reuses (see there).
    static SCRATCH: std::cell::Cell<Builder> = std::cell::Cell::new(Builder::default());
}

/// Bytes of guest code fetched at a time: enough for a typical block, so that one
/// fetch (a permission lookup and a copy) and one iced decoder serve the whole
/// block (a decoder per instruction was a tenth of the cold tier's lifting time).
const FETCH_WINDOW: usize = 128;

/// Decodes instructions from `addr` until a control transfer, at most `max`.
pub fn decode_block(
    src: &dyn CodeSource,
    addr: u64,
    max: usize,
) -> (Vec<Instruction>, Option<Terminator>) {
    let mut insns = Vec::with_capacity(max.min(32));
    let mut buf = [0u8; FETCH_WINDOW];
    let mut pc = addr;
    loop {
        // A window of the executable bytes from `pc`; one that came back short
        // ends where executable memory ends.
        let n = src.fetch(pc, &mut buf);
        let full = n == buf.len();
        let mut dec = Decoder::with_ip(64, &buf[..n], pc, DecoderOptions::NONE);
        loop {
            if insns.len() >= max {
                return (insns, None);
            }
            let left = n - dec.position();
            if full && left < MAX_INSN_LEN {
                // The next instruction may run past the window: fetch again from it.
                break;
            }
            if left == 0 {
                if !insns.is_empty() {
                    // End the block here; the next one starts with the fetch fault.
                    return (insns, None);
                }
                let fault = Terminator::Fault {
                    signal: signal::SIGSEGV,
                    rip: pc,
                    addr: pc,
                };
                return (insns, Some(fault));
            }
            let insn = dec.decode();
            if insn.is_invalid() {
                // Ran out of executable bytes mid-instruction: a fetch fault at the
                // first missing byte. Otherwise the bytes are not an instruction.
                if !insns.is_empty() {
                    return (insns, None);
                }
                let fault = if left < MAX_INSN_LEN
                    && dec.last_error() == iced_x86::DecoderError::NoMoreBytes
                {
                    Terminator::Fault {
                        signal: signal::SIGSEGV,
                        rip: pc,
                        addr: pc + left as u64,
                    }
                } else {
                    Terminator::Fault {
                        signal: signal::SIGILL,
                        rip: pc,
                        addr: 0,
                    }
                };
                return (insns, Some(fault));
            }
            pc = insn.next_ip();
            let ends = !matches!(insn.flow_control(), FlowControl::Next)
                || insn.mnemonic() == iced_x86::Mnemonic::Syscall;
            insns.push(insn);
            if ends {
                return (insns, None);
            }
        }
    }
}

/// Flags read by the code at `addr` before being written, looking ahead through
/// at most `budget` instructions, following direct jumps, calls and both sides of
/// conditional branches (ALL where the path is unknown: returns, indirect jumps,
/// syscalls, the end of the budget).
pub fn live_flags_at(src: &dyn CodeSource, addr: u64, budget: usize) -> FlagSet {
    let mut budget = budget;
    live_flags_rec(src, addr, &mut budget, FlagSet::NONE)
}

fn live_flags_rec(
    src: &dyn CodeSource,
    addr: u64,
    budget: &mut usize,
    defined_in: FlagSet,
) -> FlagSet {
    if *budget == 0 {
        return FlagSet::ALL.minus(defined_in);
    }
    let (insns, _) = decode_block(src, addr, (*budget).min(16));
    *budget = budget.saturating_sub(insns.len().max(1));
    let mut live = FlagSet::NONE;
    let mut defined = defined_in;
    for insn in &insns {
        live = live.union(flags_read(insn).minus(defined));
        // Flags an instruction may leave unchanged at run time (shifts by a zero
        // count, REP CMPS with RCX = 0, …) are not definitions.
        defined = defined.union(flags_written(insn).minus(crate::lift::flags_kept(insn)));
        // Once the six status flags are defined this path is done. DF (rarely
        // written, so rarely worth eliding) counts as live unless defined: waiting
        // for it would spend the budget the other paths need.
        if defined.0 & FlagSet::STATUS.0 == FlagSet::STATUS.0 {
            return live.union(FlagSet::ALL.minus(defined));
        }
        match insn.flow_control() {
            FlowControl::Next if insn.mnemonic() != iced_x86::Mnemonic::Syscall => {}
            FlowControl::UnconditionalBranch | FlowControl::Call if is_direct(insn) => {
                return live.union(live_flags_rec(
                    src,
                    insn.near_branch_target(),
                    budget,
                    defined,
                ));
            }
            FlowControl::ConditionalBranch if is_direct(insn) => {
                let a = live_flags_rec(src, insn.near_branch_target(), budget, defined);
                let b = live_flags_rec(src, insn.next_ip(), budget, defined);
                return live.union(a).union(b);
            }
            _ => return live.union(FlagSet::ALL.minus(defined)),
        }
    }
    // Fell off the decoded instructions (block cap or fetch fault).
    match insns.last() {
        Some(last) if insns.len() < 16 || *budget > 0 => {
            live.union(live_flags_rec(src, last.next_ip(), budget, defined))
        }
        _ => live.union(FlagSet::ALL.minus(defined)),
    }
}

fn is_direct(insn: &Instruction) -> bool {
    matches!(insn.op0_kind(), iced_x86::OpKind::NearBranch64)
}

/// Lifts the block at `addr`; `lookahead` computes which flags its successors
/// may read (otherwise all are taken as live).
pub fn lift_block(
    src: &dyn CodeSource,
    addr: u64,
    config: &LiftConfig,
    schedule: &qvm_gas::Schedule,
    max_insns: usize,
    lookahead: bool,
) -> Block {
    let (insns, fetch_fault) = decode_block(src, addr, max_insns);
    // Built in this thread's scratch vectors, which keep their capacity from block
    // to block, and copied out at their exact size at the end. A fresh vector grown
    // by doubling copied every block's ops several times; a generous one shrunk in
    // place had the allocator touch (fault in) memory past every block's IR and
    // left it fragments to merge. Either was most of a short run's lifting cost.
    let mut b = SCRATCH.take();
    b.ops.reserve(insns.len() * OPS_PER_INSN + 8);
    let gas: u64 = insns.iter().map(|i| schedule.insn_cost(i)).sum();
    b.push(Op::ChargeGas { cost: gas });
    let mut term = fetch_fault;
    let mut flag_source = None;
    let mut end = addr;
    let mut count = 0u32;
    for insn in &insns {
        b.push(Op::Insn {
            rip: insn.ip(),
            len: u8::try_from(insn.len()).unwrap_or(15),
        });
        let mut l = Lifter {
            b,
            insn,
            next_rip: insn.next_ip(),
            term: None,
            flag_source,
            config,
        };
        let ops_before = l.b.ops.len();
        let res = lift_one(&mut l);
        let Lifter {
            b: nb,
            term: t,
            flag_source: fs,
            ..
        } = l;
        b = nb;
        match res {
            Ok(()) => {}
            Err(Unsupported(why)) => {
                // Undo this instruction's partial IR; fault at it.
                b.ops.truncate(ops_before);
                let _ = why;
                term = Some(Terminator::Fault {
                    signal: signal::SIGILL,
                    rip: insn.ip(),
                    addr: 0,
                });
                break;
            }
        }
        // Keep the flag peephole only if this instruction set it afresh (through
        // `set_flags_sub`/`set_flags_logic`) or wrote no flag at all.
        let fresh = fs.is_some() && fs != flag_source;
        flag_source = if fresh || flags_written(insn).is_empty() {
            fs
        } else {
            None
        };
        count += 1;
        end = insn.next_ip();
        if let Some(t) = t {
            term = Some(t);
            break;
        }
    }
    let term = term.unwrap_or(Terminator::Jump(end));
    // Successor flag liveness for dead-flag elimination.
    let live_out_flags = match &term {
        _ if !lookahead => FlagSet::ALL,
        Terminator::Jump(t) => live_flags_at(src, *t, 24),
        Terminator::Branch {
            taken, not_taken, ..
        } => live_flags_at(src, *taken, 24).union(live_flags_at(src, *not_taken, 24)),
        _ => FlagSet::ALL,
    };
    // Gas: an instruction after which the block was cut by an unsupported one is
    // not executed, so its cost is not charged either.
    let gas = if count as usize == insns.len() {
        gas
    } else {
        insns[..count as usize]
            .iter()
            .map(|i| schedule.insn_cost(i))
            .sum()
    };
    if let Some(Op::ChargeGas { cost }) = b.ops.first_mut() {
        *cost = gas;
    }
    let call_return = insns
        .get(count.saturating_sub(1) as usize)
        .filter(|i| count > 0 && i.mnemonic() == iced_x86::Mnemonic::Call)
        .filter(|_| !matches!(term, Terminator::Fault { .. }))
        .map(Instruction::next_ip);
    let computed_jump = matches!(term, Terminator::Indirect(_))
        && insns
            .get(count.saturating_sub(1) as usize)
            .is_some_and(|i| count > 0 && i.mnemonic() == iced_x86::Mnemonic::Jmp);
    let ops = b.ops.as_slice().to_vec();
    let types = b.types.as_slice().to_vec();
    b.ops.clear();
    b.types.clear();
    SCRATCH.set(b);
    Block {
        start: addr,
        end,
        insns: count,
        ops,
        types,
        term,
        live_out_flags,
        gas,
        call_return,
        computed_jump,
    }
}

fn lift_one(l: &mut Lifter<'_>) -> Result<(), Unsupported> {
    for family in lift::FAMILIES {
        if family(l)? {
            return Ok(());
        }
    }
    Err(Unsupported(format!("{}", l.insn)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Executable bytes `code` at guest address `BASE`; nothing else is.
    struct Bytes(Vec<u8>);
    const BASE: u64 = 0x40_0000;

    impl CodeSource for Bytes {
        fn fetch(&self, addr: u64, buf: &mut [u8]) -> usize {
            let Some(off) = addr.checked_sub(BASE).and_then(|o| usize::try_from(o).ok()) else {
                return 0;
            };
            let rest = self.0.get(off..).unwrap_or(&[]);
            let n = rest.len().min(buf.len());
            buf[..n].copy_from_slice(&rest[..n]);
            n
        }
    }

    /// `mov rax, imm64` (10 bytes), so instructions straddle every fetch window.
    fn movabs(i: u8) -> [u8; 10] {
        [0x48, 0xb8, i, 1, 2, 3, 4, 5, 6, 7]
    }

    #[test]
    fn instructions_across_fetch_windows_decode_as_one_stream() {
        let mut code: Vec<u8> = (0..60).flat_map(movabs).collect();
        code.push(0xc3); // ret
        let src = Bytes(code.clone());
        let (insns, fault) = decode_block(&src, BASE, 256);
        assert!(fault.is_none());
        let mut dec = Decoder::with_ip(64, &code, BASE, DecoderOptions::NONE);
        let want: Vec<Instruction> = (0..61).map(|_| dec.decode()).collect();
        assert_eq!(insns, want);
        assert_eq!(
            insns.last().map(Instruction::mnemonic),
            Some(iced_x86::Mnemonic::Ret)
        );
        // The cap counts instructions, wherever the windows fall.
        let (capped, _) = decode_block(&src, BASE + 10, 13);
        assert_eq!(capped.len(), 13);
        assert_eq!(capped[0].ip(), BASE + 10);
    }

    /// What a block at `addr` decodes to when nothing there decodes: its fault.
    fn fault_at(src: &Bytes, addr: u64) -> (u32, u64, u64) {
        match decode_block(src, addr, 256) {
            (insns, Some(Terminator::Fault { signal, rip, addr })) if insns.is_empty() => {
                (signal, rip, addr)
            }
            other => panic!("no fault at {addr:#x}: {other:?}"),
        }
    }

    #[test]
    fn an_instruction_cut_by_the_end_of_executable_memory_faults_at_its_first_missing_byte() {
        // 13 whole instructions (130 bytes: past the first window), then 4 bytes of
        // a fourteenth.
        let mut code: Vec<u8> = (0..13).flat_map(movabs).collect();
        code.extend_from_slice(&movabs(13)[..4]);
        let src = Bytes(code);
        let (insns, fault) = decode_block(&src, BASE, 256);
        assert_eq!(insns.len(), 13, "the whole instructions run first");
        assert!(fault.is_none());
        let cut = BASE + 130;
        assert_eq!(fault_at(&src, cut), (signal::SIGSEGV, cut, cut + 4));
        // Nothing executable at all: the fault is at the address itself.
        let end = BASE + 134;
        assert_eq!(fault_at(&src, end), (signal::SIGSEGV, end, end));
    }

    #[test]
    fn bytes_that_are_no_instruction_raise_sigill_at_them() {
        let mut code: Vec<u8> = (0..20).flat_map(movabs).collect();
        code.extend_from_slice(&[0x0f, 0x0b]); // ud2
        code.extend_from_slice(&[0x06; 20]); // `push es`: invalid in 64-bit mode
        let src = Bytes(code);
        let (insns, _) = decode_block(&src, BASE, 256);
        assert_eq!(insns.len(), 21, "UD2 decodes (and ends the block)");
        let bad = BASE + 202;
        assert_eq!(fault_at(&src, bad), (signal::SIGILL, bad, 0));
    }
}
