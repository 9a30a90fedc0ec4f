//! String instruction tests: the host CPU vs qvm (plain and REP forms, both
//! directions, overlapping copies, segment override), plus gas, out-of-gas and
//! fault behaviour of the REP helper.

use crate::lift::shift::native::*;
use crate::testing::SnippetEnd;

const LEN: usize = 4096;
const DF: u64 = 0x400;

fn data_for(rng: &mut Rng) -> Vec<u8> {
    // Few distinct byte values so that comparisons often match.
    (0..LEN)
        .map(|_| (rng.next() % 3).to_le_bytes()[0])
        .collect()
}

type Snip = (&'static str, Vec<u8>);

fn all_forms() -> Vec<Snip> {
    vec![
        ("movsb", asm(|a| a.movsb())),
        ("movsw", asm(|a| a.movsw())),
        ("movsd", asm(|a| a.movsd())),
        ("movsq", asm(|a| a.movsq())),
        ("stosb", asm(|a| a.stosb())),
        ("stosw", asm(|a| a.stosw())),
        ("stosd", asm(|a| a.stosd())),
        ("stosq", asm(|a| a.stosq())),
        ("lodsb", asm(|a| a.lodsb())),
        ("lodsw", asm(|a| a.lodsw())),
        ("lodsd", asm(|a| a.lodsd())),
        ("lodsq", asm(|a| a.lodsq())),
        ("cmpsb", asm(|a| a.cmpsb())),
        ("cmpsw", asm(|a| a.cmpsw())),
        ("cmpsd", asm(|a| a.cmpsd())),
        ("cmpsq", asm(|a| a.cmpsq())),
        ("scasb", asm(|a| a.scasb())),
        ("scasw", asm(|a| a.scasw())),
        ("scasd", asm(|a| a.scasd())),
        ("scasq", asm(|a| a.scasq())),
        ("rep movsb", asm(|a| a.rep().movsb())),
        ("rep movsw", asm(|a| a.rep().movsw())),
        ("rep movsd", asm(|a| a.rep().movsd())),
        ("rep movsq", asm(|a| a.rep().movsq())),
        ("rep stosb", asm(|a| a.rep().stosb())),
        ("rep stosw", asm(|a| a.rep().stosw())),
        ("rep stosd", asm(|a| a.rep().stosd())),
        ("rep stosq", asm(|a| a.rep().stosq())),
        ("rep lodsb", asm(|a| a.rep().lodsb())),
        ("rep lodsq", asm(|a| a.rep().lodsq())),
        ("repe cmpsb", asm(|a| a.repe().cmpsb())),
        ("repe cmpsw", asm(|a| a.repe().cmpsw())),
        ("repne cmpsd", asm(|a| a.repne().cmpsd())),
        ("repe cmpsq", asm(|a| a.repe().cmpsq())),
        ("repne scasb", asm(|a| a.repne().scasb())),
        ("repe scasb", asm(|a| a.repe().scasb())),
        ("repne scasw", asm(|a| a.repne().scasw())),
        ("repe scasd", asm(|a| a.repe().scasd())),
        ("repne scasq", asm(|a| a.repne().scasq())),
        ("repne movsb", vec![0xf2, 0xa4]),
    ]
}

/// Random RSI/RDI inside the window (leaving room for RCX elements of 8 bytes in
/// either direction), overlapping each other often.
fn string_regs(rng: &mut Rng) -> Regs {
    let mut r = random_regs(rng);
    let lo = DATA + 1100;
    r.gpr[6] = lo + rng.next() % 1800;
    r.gpr[7] = match rng.next() % 4 {
        0 => r.gpr[6] + rng.next() % 16,
        1 => r.gpr[6] - rng.next() % 16,
        _ => lo + rng.next() % 1800,
    };
    r.gpr[1] = match rng.next() % 4 {
        0 => 0,
        1 => rng.next() % 4,
        _ => rng.next() % 130,
    };
    r.gpr[0] = rng.next() % 3 * 0x0101_0101_0101_0101;
    if rng.next().is_multiple_of(3) {
        r.rflags |= DF;
    }
    r
}

#[test]
fn string_instructions_match_the_cpu() {
    let mut rng = Rng(0x5781_4600_0000_0001);
    for (name, code) in all_forms() {
        for _ in 0..150 {
            let regs = string_regs(&mut rng);
            let data = data_for(&mut rng);
            compare(name, &code, &regs, &data, STATUS | DF);
        }
    }
}

#[test]
fn segment_override_on_the_source() {
    let mut fsb: u64 = 0;
    // SAFETY: ARCH_GET_FS writes the FS base of this thread into `fsb`.
    let rc = unsafe { libc::syscall(libc::SYS_arch_prctl, 0x1003, &raw mut fsb) };
    assert_eq!(rc, 0);
    let snippets: Vec<Snip> = vec![
        ("fs movsb", vec![0x64, 0xa4]),
        ("fs lodsq", vec![0x64, 0x48, 0xad]),
        ("fs cmpsd", vec![0x64, 0xa7]),
        ("fs rep movsq", vec![0xf3, 0x64, 0x48, 0xa5]),
        ("fs repe cmpsb", vec![0xf3, 0x64, 0xa6]),
    ];
    let mut rng = Rng(77);
    for (name, code) in snippets {
        for _ in 0..50 {
            let mut regs = string_regs(&mut rng);
            regs.rflags &= !DF;
            // Source = FS base + RSI must land in the window.
            let src = regs.gpr[6];
            regs.gpr[6] = src.wrapping_sub(fsb);
            let mut nd = data_for(&mut rng);
            let mut qd = nd.clone();
            let n = run_native(&code, &regs, &mut nd);
            let (q, _, end) = run_qvm_fs(&code, &regs, &mut qd, 1 << 40, fsb);
            assert_eq!(end, SnippetEnd::Done);
            assert_eq!(n.gpr, q.gpr, "{name}");
            assert_eq!(n.rflags, q.rflags, "{name}");
            assert!(nd == qd, "{name}: memory");
        }
    }
}

/// Gas used by a run (everything it was given minus what is left).
fn gas_used(code: &[u8], regs: &Regs, data: &mut [u8]) -> (u64, Regs) {
    let start = 1u64 << 40;
    let (r, s, end) = run_qvm_full(code, regs, data, start);
    assert_eq!(end, SnippetEnd::Done);
    (start - s.gas, r)
}

#[test]
fn rep_gas_is_per_iteration() {
    let per = qvm_gas::Schedule::V1.rep_iteration;
    let mut rng = Rng(4242);
    for (name, code) in all_forms().into_iter().filter(|f| f.0.starts_with("rep")) {
        let mut zero = string_regs(&mut rng);
        zero.gpr[1] = 0;
        let (base, _) = gas_used(&code, &zero, &mut data_for(&mut rng));
        for _ in 0..20 {
            let regs = string_regs(&mut rng);
            let (used, r) = gas_used(&code, &regs, &mut data_for(&mut rng));
            let iterations = regs.gpr[1] - r.gpr[1];
            assert_eq!(
                used - base,
                iterations * per,
                "{name}: gas for {iterations} iterations"
            );
        }
    }
}

#[test]
fn rep_out_of_gas_leaves_consistent_registers() {
    let per = qvm_gas::Schedule::V1.rep_iteration;
    assert!(per > 0);
    let mut rng = Rng(99);
    for (name, code) in all_forms().into_iter().filter(|f| f.0.starts_with("rep ")) {
        let mut regs = string_regs(&mut rng);
        regs.rflags &= !DF;
        regs.gpr[1] = 100;
        let mut zero = regs;
        zero.gpr[1] = 0;
        let (base, _) = gas_used(&code, &zero, &mut data_for(&mut rng));
        // Enough for 37 iterations and a bit.
        let data = data_for(&mut rng);
        let (mut d1, mut d2) = (data.clone(), data.clone());
        let (r, s, end) = run_qvm_full(&code, &regs, &mut d1, base + 37 * per + per / 2);
        assert_eq!(end, SnippetEnd::OutOfGas, "{name}");
        assert_eq!(r.gpr[1], 63, "{name}: RCX after 37 iterations");
        assert_eq!(s.rip, 0x1000, "{name}: RIP at the REP instruction");
        // The same as running exactly 37 iterations natively.
        let mut r37 = regs;
        r37.gpr[1] = 37;
        let n = run_native(&code, &r37, &mut d2);
        assert_eq!(r.gpr[6], n.gpr[6], "{name}: RSI");
        assert_eq!(r.gpr[7], n.gpr[7], "{name}: RDI");
        assert_eq!(r.gpr[0], n.gpr[0], "{name}: RAX");
        assert!(d1 == d2, "{name}: memory after 37 iterations");
    }
}

#[test]
fn rep_fault_mid_way_leaves_consistent_registers() {
    // The guest space ends at DATA + DATA_LEN: a copy running off it faults at the
    // first element outside, with RCX/RSI/RDI counting the elements done.
    let end_of_space = DATA + u64::try_from(DATA_LEN).unwrap();
    for (name, code, bytes) in [
        ("rep movsb (src)", asm(|a| a.rep().movsb()), 1u64),
        ("rep movsq (src)", asm(|a| a.rep().movsq()), 8),
        ("rep stosb", asm(|a| a.rep().stosb()), 1),
        ("rep stosd", asm(|a| a.rep().stosd()), 4),
    ] {
        let mut regs = Regs::default();
        regs.gpr[1] = 100;
        let stos = name.starts_with("rep stos");
        if stos {
            regs.gpr[7] = end_of_space - 10 * bytes;
        } else {
            regs.gpr[6] = end_of_space - 10 * bytes;
            regs.gpr[7] = DATA;
        }
        let mut data = vec![0u8; 64];
        let (r, s, end) = run_qvm_full(&code, &regs, &mut data, 1 << 40);
        assert_eq!(end, SnippetEnd::Fault(11), "{name}");
        assert_eq!(r.gpr[1], 90, "{name}: RCX");
        assert_eq!(s.fault_rip, 0x1000, "{name}: fault RIP");
        if stos {
            assert_eq!(r.gpr[7], end_of_space, "{name}: RDI");
        } else {
            assert_eq!(r.gpr[6], end_of_space, "{name}: RSI");
            assert_eq!(r.gpr[7], DATA + 10 * bytes, "{name}: RDI");
        }
    }
}

#[test]
fn long_overlapping_forward_copies_replicate() {
    // Page-crossing copies with every small overlap distance, both fast paths.
    let mut rng = Rng(5);
    for (name, code) in [
        ("rep movsb", asm(|a| a.rep().movsb())),
        ("rep movsq", asm(|a| a.rep().movsq())),
        ("rep stosq", asm(|a| a.rep().stosq())),
    ] {
        for delta in [0u64, 1, 2, 3, 7, 8, 9, 64, 4095, 4096, 5000] {
            let mut regs = Regs::default();
            regs.gpr[6] = DATA + 17;
            regs.gpr[7] = DATA + 17 + delta;
            regs.gpr[1] = if name.ends_with('b') { 9000 } else { 1100 };
            regs.gpr[0] = rng.next();
            let data: Vec<u8> = (0..20000).map(|_| rng.next().to_le_bytes()[0]).collect();
            compare(name, &code, &regs, &data, STATUS | DF);
        }
    }
}
