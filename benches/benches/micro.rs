//! Criterion micro-benchmarks of the engine (issue 5, part 2).
//!
//! `cargo bench -p qvm-benches --bench micro [-- FILTER]`
//!
//! - `dispatch/*`: guest loops whose iterations cross block boundaries: a direct
//!   two-block chain (chained, unchained, unmetered), `call`/`ret` pairs, and
//!   indirect `jmp reg`. Throughput is guest loop iterations.
//! - `syscall/getpid`: a minimal static ELF doing getpid in a loop through the
//!   whole runtime (`qvm_runtime::run`): guest → kernel → guest round trips.
//! - `translate/*`: guest instructions compiled per second, sweeping the `.text` of
//!   real static binaries (a handmade one always; glibc and musl hellos when the
//!   compilers exist).
//! - `startup/*`: load-to-exit latency of a static hello world, in process
//!   (`qvm_runtime::run`, output captured): each iteration is cold (fresh address
//!   space and translator). A "code already cached" variant needs a shared code
//!   cache API in the runtime; it is not there yet.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use iced_x86::code_asm::*;
use qvm_translator::testing::{run_snippet_with, SnippetEnd, SNIPPET_BASE};
use qvm_translator::{CodeSource, CpuState, Translator, TranslatorConfig};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

const MEM: usize = 1 << 20;
const STACK_TOP: u64 = 0xF_0000;

fn assemble(base: u64, f: impl FnOnce(&mut CodeAssembler) -> Result<(), IcedError>) -> Vec<u8> {
    let mut a = CodeAssembler::new(64).expect("64-bit assembler");
    f(&mut a).expect("assemble");
    a.assemble(base).expect("assemble")
}

/// Two blocks per iteration joined by direct jumps.
fn direct_chain_loop(n: u64) -> Vec<u8> {
    assemble(SNIPPET_BASE, |a| {
        let mut top = a.create_label();
        let mut mid = a.create_label();
        let mut out = a.create_label();
        a.mov(rcx, n)?;
        a.xor(eax, eax)?;
        a.set_label(&mut top)?;
        a.add(rax, rcx)?;
        a.jmp(mid)?;
        a.set_label(&mut mid)?;
        a.xor(rax, 0x55)?;
        a.dec(rcx)?;
        a.jnz(top)?;
        a.jmp(out)?;
        a.set_label(&mut out)?;
        a.nop()?;
        Ok(())
    })
}

/// `call f` / `f: ret` per iteration.
fn call_ret_loop(n: u64) -> Vec<u8> {
    assemble(SNIPPET_BASE, |a| {
        let mut top = a.create_label();
        let mut func = a.create_label();
        let mut out = a.create_label();
        a.mov(rcx, n)?;
        a.xor(eax, eax)?;
        a.set_label(&mut top)?;
        a.call(func)?;
        a.dec(rcx)?;
        a.jnz(top)?;
        a.jmp(out)?;
        a.set_label(&mut func)?;
        a.add(rax, rcx)?;
        a.ret()?;
        a.set_label(&mut out)?;
        a.nop()?;
        Ok(())
    })
}

/// An indirect `jmp rdx` per iteration, alternating between two targets.
fn indirect_jump_loop(n: u64) -> Vec<u8> {
    assemble(SNIPPET_BASE, |a| {
        let mut top = a.create_label();
        let mut t1 = a.create_label();
        let mut t2 = a.create_label();
        let mut next = a.create_label();
        let mut out = a.create_label();
        a.mov(rcx, n)?;
        a.xor(eax, eax)?;
        a.set_label(&mut top)?;
        a.lea(rdx, ptr(t1))?;
        a.lea(rsi, ptr(t2))?;
        a.test(cl, 1)?;
        a.cmovnz(rdx, rsi)?;
        a.jmp(rdx)?;
        a.set_label(&mut t1)?;
        a.add(rax, 1)?;
        a.jmp(next)?;
        a.set_label(&mut t2)?;
        a.add(rax, 2)?;
        a.set_label(&mut next)?;
        a.dec(rcx)?;
        a.jnz(top)?;
        a.jmp(out)?;
        a.set_label(&mut out)?;
        a.nop()?;
        Ok(())
    })
}

fn run_loop(code: &[u8], mem: &mut [u8], config: TranslatorConfig) -> u64 {
    let init = CpuState {
        gas: u64::MAX / 4,
        gpr: {
            let mut g = [0u64; 16];
            g[4] = STACK_TOP;
            g
        },
        ..CpuState::default()
    };
    let (s, end) = run_snippet_with(code, &init, mem, config);
    assert_eq!(end, SnippetEnd::Done, "snippet did not run to its end");
    s.gpr[0]
}

fn dispatch(c: &mut Criterion) {
    const N: u64 = 200_000;
    let mut g = c.benchmark_group("dispatch");
    g.throughput(Throughput::Elements(N));
    g.measurement_time(Duration::from_secs(4));
    g.sample_size(20);
    let mut mem = vec![0u8; MEM];
    let chained = TranslatorConfig::default();
    let unchained = TranslatorConfig {
        chain: false,
        ..TranslatorConfig::default()
    };
    let unmetered = TranslatorConfig {
        metering: false,
        ..TranslatorConfig::default()
    };
    let cases: [(&str, Vec<u8>); 3] = [
        ("direct", direct_chain_loop(N)),
        ("call_ret", call_ret_loop(N)),
        ("indirect_jmp", indirect_jump_loop(N)),
    ];
    for (name, code) in &cases {
        for (cfg_name, cfg) in [
            ("chained", &chained),
            ("unchained", &unchained),
            ("unmetered", &unmetered),
        ] {
            g.bench_with_input(BenchmarkId::new(*name, cfg_name), code, |b, code| {
                b.iter(|| black_box(run_loop(code, &mut mem, cfg.clone())));
            });
        }
    }
    g.finish();
}

// ---------------------------------------------------------------------------
// Minimal static ELF images

/// One PT_LOAD (R+X) segment holding `code` at 0x400000 + 0x1000, entry at its start.
fn tiny_elf(code: &[u8]) -> Vec<u8> {
    const BASE: u64 = 0x40_0000;
    const OFF: u64 = 0x1000;
    let mut e = vec![0u8; 0x1000];
    e[..4].copy_from_slice(b"\x7fELF");
    e[4] = 2; // 64-bit
    e[5] = 1; // little endian
    e[6] = 1; // version
    let put16 =
        |e: &mut Vec<u8>, at: usize, v: u16| e[at..at + 2].copy_from_slice(&v.to_le_bytes());
    let put32 =
        |e: &mut Vec<u8>, at: usize, v: u32| e[at..at + 4].copy_from_slice(&v.to_le_bytes());
    let put64 =
        |e: &mut Vec<u8>, at: usize, v: u64| e[at..at + 8].copy_from_slice(&v.to_le_bytes());
    put16(&mut e, 16, 2); // ET_EXEC
    put16(&mut e, 18, 62); // EM_X86_64
    put32(&mut e, 20, 1);
    put64(&mut e, 24, BASE + OFF); // entry
    put64(&mut e, 32, 64); // phoff
    put64(&mut e, 40, 0); // shoff
    put16(&mut e, 52, 64); // ehsize
    put16(&mut e, 54, 56); // phentsize
    put16(&mut e, 56, 1); // phnum
    put16(&mut e, 58, 64); // shentsize
                           // Program header.
    let p = 64;
    put32(&mut e, p, 1); // PT_LOAD
    put32(&mut e, p + 4, 5); // R+X
    put64(&mut e, p + 8, 0); // offset
    put64(&mut e, p + 16, BASE); // vaddr
    put64(&mut e, p + 24, BASE); // paddr
    let size = OFF + code.len() as u64;
    put64(&mut e, p + 32, size); // filesz
    put64(&mut e, p + 40, size); // memsz
    put64(&mut e, p + 48, 0x1000); // align
    e.extend_from_slice(code);
    e
}

const TINY_ENTRY: u64 = 0x40_1000;

/// getpid `n` times, then exit(0).
fn getpid_loop_elf(n: u64) -> Vec<u8> {
    tiny_elf(&assemble(TINY_ENTRY, |a| {
        let mut top = a.create_label();
        a.mov(r12, n)?;
        a.set_label(&mut top)?;
        a.mov(eax, 39)?;
        a.syscall()?;
        a.dec(r12)?;
        a.jnz(top)?;
        a.mov(eax, 231)?;
        a.xor(edi, edi)?;
        a.syscall()?;
        Ok(())
    }))
}

/// write(1, "hello, world\n") and exit(0): the smallest possible hello.
fn tiny_hello_elf() -> Vec<u8> {
    tiny_elf(&assemble(TINY_ENTRY, |a| {
        let mut msg = a.create_label();
        a.mov(eax, 1)?;
        a.mov(edi, 1)?;
        a.lea(rsi, ptr(msg))?;
        a.mov(edx, 13)?;
        a.syscall()?;
        a.mov(eax, 231)?;
        a.xor(edi, edi)?;
        a.syscall()?;
        a.set_label(&mut msg)?;
        a.db(b"hello, world\n")?;
        Ok(())
    }))
}

fn run_elf(elf: &[u8]) -> qvm_runtime::RunResult {
    run_elf_in(elf, None)
}

/// Runs `elf` once, through `cache` (warm start) if given.
fn run_elf_in(elf: &[u8], cache: Option<&mut qvm_runtime::CodeCache>) -> qvm_runtime::RunResult {
    let cfg = qvm_runtime::RunConfig {
        elf: elf.to_vec().into(),
        exe_path: "/bench".into(),
        argv: vec![b"/bench".to_vec()],
        env: Vec::new(),
        files: Vec::new(),
        block: qvm_kernel::BlockContext::default(),
        gas_limit: 1 << 50,
        strace: false,
        capture: true,
        backend: qvm_runtime::BackendKind::Jit,
    };
    let r = match cache {
        Some(c) => {
            c.run_with(b"bench", cfg, &qvm_runtime::run::RunOptions::default())
                .expect("run")
                .0
        }
        None => qvm_runtime::run(cfg).expect("run"),
    };
    assert_eq!(
        r.outcome,
        qvm_runtime::Outcome::Exited(0),
        "guest did not exit 0"
    );
    r
}

fn syscall(c: &mut Criterion) {
    const N: u64 = 100_000;
    let elf = getpid_loop_elf(N);
    let mut g = c.benchmark_group("syscall");
    g.throughput(Throughput::Elements(N));
    g.sample_size(20);
    g.bench_function("getpid_round_trip", |b| {
        b.iter(|| black_box(run_elf(&elf).gas_used))
    });
    g.finish();
}

// ---------------------------------------------------------------------------
// Static hellos built with the system compilers (when present)

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench-corpus/bin")
}

/// Builds (if needed) and reads `hello-{glibc,musl}`; None when the compiler is missing.
fn hello_binary(libc: &str) -> Option<Vec<u8>> {
    let dir = corpus_dir();
    let out = dir.join(format!("hello-{libc}"));
    if !out.exists() {
        std::fs::create_dir_all(&dir).ok()?;
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("workloads/hello.c");
        let cc = if libc == "musl" { "musl-gcc" } else { "gcc" };
        let st = std::process::Command::new(cc)
            .args(["-O2", "-static", "-o"])
            .arg(&out)
            .arg(&src)
            .status()
            .ok()?;
        if !st.success() {
            return None;
        }
    }
    std::fs::read(&out).ok()
}

fn startup(c: &mut Criterion) {
    let mut g = c.benchmark_group("startup");
    g.sample_size(30);
    let mut cases = vec![("tiny_asm".to_owned(), tiny_hello_elf())];
    for libc in ["musl", "glibc"] {
        match hello_binary(libc) {
            Some(elf) => cases.push((format!("hello_{libc}_cold"), elf)),
            None => eprintln!("startup/hello_{libc}: no {libc} compiler, skipped"),
        }
    }
    for (name, elf) in &cases {
        let r = run_elf(elf);
        assert_eq!(r.stdout, b"hello, world\n");
        g.bench_function(name.as_str(), |b| {
            b.iter(|| black_box(run_elf(elf).gas_used))
        });
        // The same program with its code kept from earlier runs (CodeCache).
        if let Some(base) = name.strip_suffix("_cold") {
            let mut cache = qvm_runtime::CodeCache::new();
            for _ in 0..3 {
                run_elf_in(elf, Some(&mut cache));
            }
            g.bench_function(format!("{base}_warm"), |b| {
                b.iter(|| black_box(run_elf_in(elf, Some(&mut cache)).gas_used))
            });
        }
    }
    g.finish();
}

// ---------------------------------------------------------------------------
// Translation throughput

/// Guest code as a slice mapped at `addr`.
struct Text {
    addr: u64,
    bytes: Vec<u8>,
}

impl CodeSource for Text {
    fn fetch(&self, addr: u64, buf: &mut [u8]) -> usize {
        if addr < self.addr {
            return 0;
        }
        let Ok(off) = usize::try_from(addr - self.addr) else {
            return 0;
        };
        if off >= self.bytes.len() {
            return 0;
        }
        let n = buf.len().min(self.bytes.len() - off);
        buf[..n].copy_from_slice(&self.bytes[off..off + n]);
        n
    }
}

/// The `.text` section of an ELF (or its first executable segment).
fn text_of(elf: &[u8]) -> Option<Text> {
    let u16_at = |o: usize| -> Option<usize> {
        Some(usize::from(u16::from_le_bytes(
            elf.get(o..o + 2)?.try_into().ok()?,
        )))
    };
    let u64_at =
        |o: usize| -> Option<u64> { Some(u64::from_le_bytes(elf.get(o..o + 8)?.try_into().ok()?)) };
    let shoff = usize::try_from(u64_at(0x28)?).ok()?;
    let shentsize = u16_at(0x3a)?;
    let shnum = u16_at(0x3c)?;
    let shstrndx = u16_at(0x3e)?;
    let sh = |i: usize| shoff + i * shentsize;
    let strtab = usize::try_from(u64_at(sh(shstrndx) + 0x18)?).ok()?;
    for i in 0..shnum {
        let name_off = u32::from_le_bytes(elf.get(sh(i)..sh(i) + 4)?.try_into().ok()?) as usize;
        let name = elf.get(strtab + name_off..)?.split(|&b| b == 0).next()?;
        if name == b".text" {
            let addr = u64_at(sh(i) + 0x10)?;
            let off = usize::try_from(u64_at(sh(i) + 0x18)?).ok()?;
            let size = usize::try_from(u64_at(sh(i) + 0x20)?).ok()?;
            return Some(Text {
                addr,
                bytes: elf.get(off..off + size)?.to_vec(),
            });
        }
    }
    None
}

/// Translates blocks in a linear sweep from the start of `.text` until `insns`
/// guest instructions are compiled; returns how many were.
fn sweep(text: &Text, insns: u64, config: &TranslatorConfig) -> u64 {
    let mut t = Translator::new(config.clone()).expect("translator");
    let mut addr = text.addr;
    let end = text.addr + text.bytes.len() as u64;
    while t.translated_insns < insns && addr < end {
        let b = t.block(text, addr).expect("translate");
        addr = b.end.max(addr + 1);
    }
    t.translated_insns
}

/// Lifts blocks for the cold tier (the interpreter) in a linear sweep from the
/// start of `.text` until `insns` guest instructions are lifted; returns how many
/// were. This is what a short run spends translating.
fn cold_sweep(text: &Text, insns: u64, config: &TranslatorConfig) -> u64 {
    let mut t = Translator::new(config.clone()).expect("translator");
    let mut addr = text.addr;
    let end = text.addr + text.bytes.len() as u64;
    let mut n = 0;
    while n < insns && addr < end {
        let Some(b) = t.cold_block(text, addr) else {
            break;
        };
        n += u64::from(b.insns);
        addr = b.end.max(addr + 1);
    }
    n
}

fn translate(c: &mut Criterion) {
    const INSNS: u64 = 3000;
    let mut g = c.benchmark_group("translate");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(8));
    let mut cases = Vec::new();
    for libc in ["musl", "glibc"] {
        if let Some(t) = hello_binary(libc).as_deref().and_then(text_of) {
            cases.push((format!("hello_{libc}_text"), t));
        }
    }
    let cfg = TranslatorConfig::default();
    for (name, text) in &cases {
        let n = sweep(text, INSNS, &cfg);
        g.throughput(Throughput::Elements(n));
        g.bench_function(name.as_str(), |b| {
            b.iter(|| black_box(sweep(text, INSNS, &cfg)))
        });
        let n = cold_sweep(text, INSNS, &cfg);
        g.throughput(Throughput::Elements(n));
        g.bench_function(format!("{name}_cold"), |b| {
            b.iter(|| black_box(cold_sweep(text, INSNS, &cfg)))
        });
    }
    g.finish();
}

criterion_group!(benches, dispatch, syscall, translate, startup);
criterion_main!(benches);
