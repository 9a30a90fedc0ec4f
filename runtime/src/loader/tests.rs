//! Loader tests: hand-made ELFs for every rejection, real static binaries built with the
//! host's compilers, a mutation loop that must never panic, and the stack read back.

use std::collections::HashMap;
use std::process::Command;

use qvm_kernel::layout::{GUEST_SPACE_SIZE, MIN_MAP_ADDR, PIE_BASE, STACK_LIMIT, STACK_TOP};
use qvm_kernel::{GuestMemory, Prot};

use super::mock::MockKernel;
use super::*;
use crate::memory::AddressSpace;

// ---------------------------------------------------------------- hand-made ELFs

#[derive(Clone, Copy)]
struct Seg {
    ty: u32,
    flags: u32,
    offset: u64,
    vaddr: u64,
    filesz: u64,
    memsz: u64,
}

const R: u32 = 4;
const W: u32 = 2;
const X: u32 = 1;

fn load(offset: u64, vaddr: u64, filesz: u64, memsz: u64, flags: u32) -> Seg {
    Seg {
        ty: 1,
        flags,
        offset,
        vaddr,
        filesz,
        memsz,
    }
}

/// Byte `i` of the file body (after the headers): recognisable, position-dependent.
fn pattern(i: usize) -> u8 {
    u8::try_from((i * 7 + 3) % 251).unwrap()
}

/// An ELF64 x86-64 file of `len` bytes: header, program headers at 64, pattern bytes after.
fn elf(e_type: u16, entry: u64, segs: &[Seg], len: usize) -> Vec<u8> {
    let mut b: Vec<u8> = (0..len).map(pattern).collect();
    let mut h = Vec::new();
    h.extend(b"\x7fELF");
    h.extend([2, 1, 1, 0]);
    h.extend([0; 8]);
    h.extend(e_type.to_le_bytes());
    h.extend(62u16.to_le_bytes());
    h.extend(1u32.to_le_bytes());
    h.extend(entry.to_le_bytes());
    h.extend(64u64.to_le_bytes()); // e_phoff
    h.extend(0u64.to_le_bytes()); // e_shoff
    h.extend(0u32.to_le_bytes());
    h.extend(64u16.to_le_bytes());
    h.extend(56u16.to_le_bytes());
    h.extend(u16::try_from(segs.len()).unwrap().to_le_bytes());
    h.extend(64u16.to_le_bytes());
    h.extend([0; 4]);
    for s in segs {
        h.extend(s.ty.to_le_bytes());
        h.extend(s.flags.to_le_bytes());
        for v in [s.offset, s.vaddr, s.vaddr, s.filesz, s.memsz, 0x1000] {
            h.extend(v.to_le_bytes());
        }
    }
    b[..h.len()].copy_from_slice(&h);
    b
}

/// Text at 0x400000 (file 0..0x1000, RX), data at 0x401f00 (file 0x1f00..0x2100, RW) with
/// bss to 0x403010.
fn tiny_exec() -> Vec<u8> {
    elf(
        2,
        0x400100,
        &[
            load(0, 0x400000, 0x1000, 0x1000, R | X),
            load(0x1f00, 0x401f00, 0x200, 0x1110, R | W),
        ],
        0x2100,
    )
}

fn space() -> AddressSpace {
    AddressSpace::new(GUEST_SPACE_SIZE).unwrap()
}

fn read(s: &AddressSpace, addr: u64, len: usize) -> Vec<u8> {
    let mut v = vec![0; len];
    s.read(addr, &mut v).unwrap();
    v
}

fn read_u64(s: &AddressSpace, addr: u64) -> u64 {
    u64::from_le_bytes(read(s, addr, 8).try_into().unwrap())
}

fn err(bytes: &[u8]) -> LoadError {
    match elf::parse(bytes) {
        Ok(_) => panic!("accepted"),
        Err(e) => e,
    }
}

#[test]
fn tiny_exec_loads_like_linux() {
    let bytes = tiny_exec();
    let mut s = space();
    let mut k = MockKernel::default();
    let img = load_elf(&bytes, &mut s, &mut k).unwrap();
    assert_eq!(img.entry, 0x400100);
    assert_eq!(img.load_bias, 0);
    assert!(!img.pie);
    assert_eq!(img.phdr_addr, 0x400040, "e_phoff inside the first PT_LOAD");
    assert_eq!((img.phent, img.phnum), (56, 2));
    assert_eq!(img.brk_base, 0x404000);
    assert_eq!(k.brk, Some(0x404000));
    assert_eq!(
        k.maps,
        vec![
            (0x400000, 0x1000, Prot::RX, "[exe]".to_string()),
            (0x401000, 0x3000, Prot::RW, "[exe]".to_string()),
        ]
    );
    assert_eq!(read(&s, 0x400000, 0x1000), bytes[..0x1000]);
    // The data segment's first page holds the file page it starts in (bytes before
    // p_vaddr included), then the file bytes, then zeros.
    assert_eq!(read(&s, 0x401000, 0x1000), bytes[0x1000..0x2000]);
    assert_eq!(read(&s, 0x402000, 0x100), bytes[0x2000..0x2100]);
    assert!(read(&s, 0x402100, 0x1f00).iter().all(|&b| b == 0));
}

#[test]
fn tail_of_last_file_page_is_file_bytes_without_bss() {
    // filesz == memsz ending mid-page: the rest of the page is what follows in the file.
    let bytes = elf(2, 0x400000, &[load(0, 0x400000, 0x800, 0x800, R)], 0x1800);
    let mut s = space();
    load_elf(&bytes, &mut s, &mut MockKernel::default()).unwrap();
    assert_eq!(read(&s, 0x400000, 0x1000), bytes[..0x1000]);
    // ... and it is zero beyond the end of the file.
    let bytes = elf(2, 0x400000, &[load(0, 0x400000, 0x800, 0x800, R)], 0x900);
    let mut s = space();
    load_elf(&bytes, &mut s, &mut MockKernel::default()).unwrap();
    assert_eq!(read(&s, 0x400000, 0x900), bytes[..0x900]);
    assert!(read(&s, 0x400900, 0x700).iter().all(|&b| b == 0));
}

#[test]
fn pt_phdr_wins_and_pie_is_relocated() {
    let segs = [
        Seg {
            ty: 6,
            flags: R,
            offset: 64,
            vaddr: 64,
            filesz: 112,
            memsz: 112,
        },
        load(0, 0, 0x1000, 0x1000, R | X),
        load(0x1000, 0x2000, 0x10, 0x20, R | W),
    ];
    let bytes = elf(3, 0x123, &segs, 0x1010);
    let mut s = space();
    let mut k = MockKernel::default();
    let img = load_elf(&bytes, &mut s, &mut k).unwrap();
    assert!(img.pie);
    assert_eq!(img.load_bias, PIE_BASE);
    assert_eq!(img.entry, PIE_BASE + 0x123);
    assert_eq!(img.phdr_addr, PIE_BASE + 64);
    assert_eq!(img.brk_base, PIE_BASE + 0x3000);
    assert_eq!(k.maps[0].0, PIE_BASE);
    assert_eq!(k.maps[1].0, PIE_BASE + 0x2000);
    assert_eq!(read(&s, PIE_BASE + 0x2000, 0x10), bytes[0x1000..0x1010]);
    // A static-pie linked at a non-zero base still has its lowest page at PIE_BASE.
    let bytes = elf(
        3,
        0x10_0123,
        &[load(0, 0x10_0000, 0x1000, 0x1000, R | X)],
        0x1000,
    );
    let img = elf::parse(&bytes).unwrap().image;
    assert_eq!(img.entry, PIE_BASE + 0x123);
}

#[test]
fn rejections_name_the_problem() {
    let good = tiny_exec();
    let with = |off: usize, val: &[u8]| {
        let mut b = good.clone();
        b[off..off + val.len()].copy_from_slice(val);
        b
    };
    assert!(matches!(err(b""), LoadError::NotElf));
    assert!(matches!(err(b"#!/bin/sh\n"), LoadError::NotElf));
    assert!(matches!(err(b"\x7fELF"), LoadError::Truncated { .. }));
    assert!(matches!(err(&with(4, &[1])), LoadError::Elf32));
    assert!(matches!(err(&with(4, &[9])), LoadError::BadClass(9)));
    assert!(matches!(err(&with(5, &[2])), LoadError::BigEndian));
    assert!(matches!(err(&good[..40]), LoadError::Truncated { .. }));
    let e = err(&with(18, &183u16.to_le_bytes()));
    assert!(matches!(e, LoadError::WrongMachine { machine: 183, .. }));
    assert!(e.to_string().contains("AARCH64"), "{e}");
    assert!(matches!(
        err(&with(16, &[1, 0])),
        LoadError::NotExecutable { .. }
    ));
    assert!(matches!(
        err(&with(16, &[4, 0])),
        LoadError::NotExecutable { .. }
    ));
    assert!(matches!(
        err(&with(54, &[32, 0])),
        LoadError::BadPhentsize(32)
    ));
    assert!(matches!(err(&with(56, &[0, 0])), LoadError::BadPhnum(0)));
    assert!(matches!(
        err(&with(56, &[0xff, 0xff])),
        LoadError::BadPhnum(0xffff)
    ));
    assert!(matches!(
        err(&with(56, &[200, 0])),
        LoadError::Truncated { .. }
    ));
    assert!(matches!(
        err(&with(32, &0xffff_ffff_ffff_fff0u64.to_le_bytes())),
        LoadError::Truncated { .. }
    ));
    // Segment data beyond the end of the file.
    assert!(matches!(err(&good[..0x20ff]), LoadError::Truncated { .. }));

    let one = |s: Seg| err(&elf(2, 0, &[s], 0x2000));
    assert!(matches!(
        one(load(0, 0x400000, 0x2000, 0x1000, R)),
        LoadError::FileszExceedsMemsz { .. }
    ));
    assert!(matches!(
        one(load(0x10, 0x400000, 0x10, 0x10, R)),
        LoadError::Misaligned { .. }
    ));
    assert!(matches!(
        one(load(0, 0x400000, 0x10, 0, R)),
        LoadError::FileszExceedsMemsz { .. }
    ));
    assert!(matches!(
        one(load(0, 0x400000, 0, 0, R)),
        LoadError::NoLoadSegment
    ));
    assert!(matches!(
        one(Seg {
            ty: 4,
            ..load(0, 0x400000, 0x10, 0x10, R)
        }),
        LoadError::NoLoadSegment
    ));
    assert!(matches!(
        one(load(0, 0, 0x10, 0x10, R)),
        LoadError::OutOfSpace { .. }
    ));
    assert!(matches!(
        one(load(0, MIN_MAP_ADDR - 0x1000, 0x10, 0x10, R)),
        LoadError::OutOfSpace { .. }
    ));
    assert!(matches!(
        one(load(0, qvm_kernel::layout::MMAP_TOP, 0x10, 0x10, R)),
        LoadError::OutOfSpace { .. }
    ));
    assert!(matches!(
        one(load(0, 0x4000_0000_0000, 0x10, 0x10, R)),
        LoadError::OutOfSpace { .. }
    ));
    assert!(matches!(
        one(load(0, 0xffff_ffff_ffff_f000, 0x10, 0x10, R)),
        LoadError::OutOfSpace { .. }
    ));
    assert!(matches!(
        one(load(0, 0x400000, 0x10, u64::MAX, R)),
        LoadError::OutOfSpace { .. }
    ));

    let e = err(&elf(
        2,
        0,
        &[
            load(0, 0x400000, 0x1000, 0x1000, R),
            load(0x1800, 0x400800, 0x10, 0x10, R),
        ],
        0x2000,
    ));
    assert!(matches!(e, LoadError::Overlap { a: 0, b: 1 }), "{e}");

    let mut dynamic = elf(
        2,
        0,
        &[
            Seg {
                ty: 3,
                flags: R,
                offset: 0x100,
                vaddr: 0x400100,
                filesz: 28,
                memsz: 28,
            },
            load(0, 0x400000, 0x1000, 0x1000, R),
        ],
        0x1000,
    );
    dynamic[0x100..0x11c].copy_from_slice(b"/lib64/ld-linux-x86-64.so.2\0");
    let e = err(&dynamic);
    assert_eq!(e.to_string().lines().count(), 1);
    assert!(
        e.to_string().contains("\"/lib64/ld-linux-x86-64.so.2\""),
        "{e}"
    );
}

#[test]
fn kernel_refusal_is_an_error() {
    let mut k = MockKernel {
        fail_maps: true,
        ..MockKernel::default()
    };
    let e = load_elf(&tiny_exec(), &mut space(), &mut k).unwrap_err();
    assert!(matches!(e, LoadError::Map { .. }), "{e}");
}

// ---------------------------------------------------------------- mutation loop

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n as u64).max(1)).unwrap()
    }
}

/// Interesting values to drop into header fields.
const SPECIAL: [u64; 10] = [
    0,
    1,
    0x38,
    0xfff,
    0x1000,
    0x40_0000,
    0xffff_0000,
    0x1_0000_0000,
    u64::MAX,
    u64::MAX - 0xfff,
];

fn mutate(rng: &mut Rng, base: &[u8]) -> Vec<u8> {
    let mut b = base.to_vec();
    let hot = b.len().min(64 + 56 * 12); // the header and program headers
    for _ in 0..=rng.below(4) {
        match rng.below(6) {
            0 => b.truncate(rng.below(b.len() + 1)),
            1 | 2 if hot > 0 && !b.is_empty() => {
                let i = rng.below(hot.min(b.len()));
                b[i] ^= 1 << rng.below(8);
            }
            3 if b.len() >= 8 => {
                let i = rng.below(hot.min(b.len()) - 7) & !7;
                let v = SPECIAL[rng.below(SPECIAL.len())].wrapping_add(rng.below(3) as u64);
                b[i..i + 8].copy_from_slice(&v.to_le_bytes());
            }
            4 if !b.is_empty() => {
                let i = rng.below(hot.min(b.len()));
                b[i] = u8::try_from(rng.below(256)).unwrap();
            }
            _ => b.extend((0..rng.below(64)).map(|_| u8::try_from(rng.below(256)).unwrap())),
        }
    }
    b
}

#[test]
fn mutated_elves_never_panic() {
    let mut corpus = vec![
        tiny_exec(),
        elf(3, 0x10, &[load(0, 0, 0x1000, 0x3000, R | X)], 0x1000),
    ];
    if let Some(bytes) = build_guest("musl-gcc", &["-static"], "fuzz_musl") {
        corpus.push(bytes);
    }
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut ok, mut rejected) = (0, 0);
    for i in 0..4000 {
        let base = &corpus[i % corpus.len()];
        let bytes = mutate(&mut rng, base);
        let mut s = space();
        let mut k = MockKernel::default();
        match load_elf(&bytes, &mut s, &mut k) {
            Ok(img) => {
                ok += 1;
                let _ = build_stack(
                    &mut s,
                    &mut k,
                    &img,
                    &StackArgs::new(vec![b"p".to_vec()], vec![], "/p".into()),
                );
            }
            Err(e) => {
                rejected += 1;
                let msg = e.to_string();
                assert!(!msg.is_empty() && !msg.contains('\n'), "{msg:?}");
            }
        }
    }
    assert!(ok > 100 && rejected > 100, "ok {ok} rejected {rejected}");
}

// ---------------------------------------------------------------- real binaries

const HELLO_C: &str = r#"
#include <stdio.h>
int counter = 5;
char big[100000];
int main(int argc, char **argv) { printf("hello %d %s\n", argc + counter + big[7], argv[0]); return 0; }
"#;

/// Compiles `HELLO_C` with `cc flags` and reads the result; `None` (and a note) when
/// the compiler is missing. The scratch directory is removed either way.
fn build_guest(cc: &str, flags: &[&str], name: &str) -> Option<Vec<u8>> {
    let dir = std::env::temp_dir().join(format!("qvm-loader-test-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).ok()?;
    let src = dir.join(format!("{name}.c"));
    let out = dir.join(name);
    std::fs::write(&src, HELLO_C).ok()?;
    let status = Command::new(cc)
        .args(flags)
        .arg("-O1")
        .arg("-o")
        .arg(&out)
        .arg(&src)
        .status();
    let built = match status {
        Ok(s) if s.success() => Some(std::fs::read(&out).expect("read the built guest")),
        other => {
            eprintln!("skipping {name}: {cc} unavailable or failed ({other:?})");
            None
        }
    };
    let _ = std::fs::remove_dir_all(&dir);
    built
}

/// Checks a real binary against goblin's own full parse: entry, phdr, every segment's
/// bytes and zeroed bss, the brk base.
fn check_real(bytes: &[u8], want_pie: bool) {
    let g = goblin::elf::Elf::parse(bytes).unwrap();
    let mut s = space();
    let mut k = MockKernel::default();
    let img = load_elf(bytes, &mut s, &mut k).unwrap();
    assert_eq!(img.pie, want_pie);
    let bias = if want_pie { PIE_BASE } else { 0 };
    assert_eq!(img.load_bias, bias);
    assert_eq!(img.entry, g.entry + bias);
    assert_eq!(img.phnum, g.program_headers.len() as u64);
    // AT_PHDR must point at a copy of the program headers.
    let table = read(&s, img.phdr_addr, 56 * g.program_headers.len());
    let phoff = usize::try_from(g.header.e_phoff).unwrap();
    assert_eq!(table, bytes[phoff..phoff + table.len()]);
    let mut top = 0;
    for p in g
        .program_headers
        .iter()
        .filter(|p| p.p_type == 1 && p.p_memsz > 0)
    {
        let start = p.p_vaddr + bias;
        let (off, fsz) = (
            usize::try_from(p.p_offset).unwrap(),
            usize::try_from(p.p_filesz).unwrap(),
        );
        assert_eq!(
            read(&s, start, fsz),
            bytes[off..off + fsz],
            "segment at {start:#x}"
        );
        let bss = usize::try_from(p.p_memsz - p.p_filesz).unwrap();
        assert!(read(&s, start + p.p_filesz, bss).iter().all(|&b| b == 0));
        top = top.max(start + p.p_memsz);
        let prot = img.segments.iter().find(|l| l.start == start).unwrap().prot;
        assert_eq!(prot.executable(), p.is_executable());
        assert_eq!(prot.writable(), p.is_write());
    }
    assert_eq!(img.brk_base, qvm_kernel::layout::page_up(top).unwrap());
    let rsp = build_stack(
        &mut s,
        &mut k,
        &img,
        &StackArgs::new(vec![b"prog".to_vec()], vec![], "/prog".into()),
    )
    .unwrap();
    assert_eq!(rsp % 16, 0);
}

#[test]
fn real_static_binaries_load() {
    let mut built = 0;
    for (cc, flags, name, pie) in [
        ("gcc", &["-static"][..], "glibc_static", false),
        (
            "gcc",
            &["-static-pie", "-fPIE"][..],
            "glibc_static_pie",
            true,
        ),
        ("musl-gcc", &["-static"][..], "musl_static", false),
        // (musl-gcc's wrapper cannot link static-pie: it emits a PT_INTERP.)
    ] {
        if let Some(bytes) = build_guest(cc, flags, name) {
            check_real(&bytes, pie);
            built += 1;
        }
    }
    if let Some(bytes) = build_guest("gcc", &[], "glibc_dynamic") {
        let e = elf::parse(&bytes).err().expect("dynamic binary accepted");
        assert!(matches!(e, LoadError::Dynamic { .. }), "{e}");
        built += 1;
    }
    if let Some(bytes) = build_guest("gcc", &["-c"], "object.o") {
        let e = elf::parse(&bytes).err().expect("object accepted");
        assert!(matches!(e, LoadError::NotExecutable { .. }), "{e}");
    }
    eprintln!("{built} real binaries checked");
}

// ---------------------------------------------------------------- the stack

/// Reads a NUL-terminated string from guest memory.
fn cstr(s: &AddressSpace, mut addr: u64) -> Vec<u8> {
    let mut v = Vec::new();
    loop {
        let b = read(s, addr, 1)[0];
        if b == 0 {
            return v;
        }
        v.push(b);
        addr += 1;
    }
}

#[test]
fn stack_layout_reads_back() {
    let mut s = space();
    let mut k = MockKernel::default();
    let img = load_elf(&tiny_exec(), &mut s, &mut k).unwrap();
    for argc in 0..4usize {
        let argv: Vec<Vec<u8>> = (0..argc)
            .map(|i| format!("arg{i}{}", "x".repeat(i * 5)).into_bytes())
            .collect();
        let env = vec![b"A=1".to_vec(), b"PATH=/bin:/usr/bin".to_vec()];
        let mut args = StackArgs::new(argv.clone(), env.clone(), "/bin/prog".into());
        args.hwcap = 0x178bfbff;
        args.hwcap2 = 2;
        let mut k = MockKernel::default();
        let rsp = build_stack(&mut s, &mut k, &img, &args).unwrap();
        assert_eq!(
            k.maps,
            vec![(
                STACK_TOP - STACK_LIMIT,
                STACK_LIMIT,
                Prot::RW,
                "[stack]".to_string()
            )]
        );
        assert_eq!(rsp % 16, 0);
        assert!(rsp > STACK_TOP - 4096 && rsp < STACK_TOP);

        let mut p = rsp;
        let mut word = || {
            let w = read_u64(&s, p);
            p += 8;
            w
        };
        assert_eq!(word(), argc as u64);
        let argv_ptrs: Vec<u64> = (0..argc).map(|_| word()).collect();
        assert_eq!(word(), 0);
        let env_ptrs: Vec<u64> = (0..env.len()).map(|_| word()).collect();
        assert_eq!(word(), 0);
        let mut auxv = Vec::new();
        loop {
            let (k, v) = (word(), word());
            auxv.push((k, v));
            if k == 0 {
                break;
            }
        }
        let end_of_table = p;
        for (ptr, want) in argv_ptrs.iter().zip(&argv) {
            assert_eq!(&cstr(&s, *ptr), want);
        }
        for (ptr, want) in env_ptrs.iter().zip(&env) {
            assert_eq!(&cstr(&s, *ptr), want);
        }
        let keys: Vec<u64> = auxv.iter().map(|e| e.0).collect();
        assert_eq!(
            keys,
            [16, 6, 17, 3, 4, 5, 7, 8, 9, 11, 12, 13, 14, 23, 25, 26, 31, 15, 0]
        );
        let a: HashMap<u64, u64> = auxv.into_iter().collect();
        assert_eq!(a[&at::PHDR], img.phdr_addr);
        assert_eq!(a[&at::PHENT], 56);
        assert_eq!(a[&at::PHNUM], 2);
        assert_eq!(a[&at::PAGESZ], 4096);
        assert_eq!(a[&at::ENTRY], img.entry);
        assert_eq!(a[&at::CLKTCK], 100);
        assert_eq!(
            (a[&at::UID], a[&at::EUID], a[&at::GID], a[&at::EGID]),
            (1, 2, 3, 4)
        );
        assert_eq!((a[&at::SECURE], a[&at::BASE], a[&at::FLAGS]), (0, 0, 0));
        assert_eq!((a[&at::HWCAP], a[&at::HWCAP2]), (0x178bfbff, 2));
        assert_eq!(cstr(&s, a[&at::EXECFN]), b"/bin/prog");
        assert_eq!(cstr(&s, a[&at::PLATFORM]), b"x86_64");
        let rnd = read(&s, a[&at::RANDOM], 16);
        assert_eq!(rnd, (0..16).map(|i| 0xa0 + i).collect::<Vec<u8>>());
        // Linux's order above the table: random bytes, platform, (align 16), argv
        // strings, envp strings, execfn, 8 zero bytes, STACK_TOP.
        assert!(end_of_table <= a[&at::RANDOM] && a[&at::RANDOM] - end_of_table < 16);
        assert_eq!(a[&at::PLATFORM], a[&at::RANDOM] + 16);
        let strings_start = argv_ptrs.first().copied().unwrap_or(env_ptrs[0]);
        assert!(strings_start - (a[&at::PLATFORM] + 7) < 16);
        assert_eq!(a[&at::EXECFN], STACK_TOP - 8 - 10);
        assert_eq!(read_u64(&s, STACK_TOP - 8), 0);
        assert_eq!(env_ptrs[1] + 19, a[&at::EXECFN]);
    }
}

#[test]
fn stack_rejects_bad_strings_and_huge_args() {
    let mut s = space();
    let mut k = MockKernel::default();
    let img = load_elf(&tiny_exec(), &mut s, &mut k).unwrap();
    let nul = StackArgs::new(vec![b"a\0b".to_vec()], vec![], "/p".into());
    assert!(matches!(
        build_stack(&mut s, &mut k, &img, &nul),
        Err(LoadError::NulInString { .. })
    ));
    let nul = StackArgs::new(vec![], vec![b"X=\0".to_vec()], "/p".into());
    assert!(matches!(
        build_stack(&mut s, &mut k, &img, &nul),
        Err(LoadError::NulInString { .. })
    ));
    let huge = StackArgs::new(vec![vec![b'a'; 3 << 20]], vec![], "/p".into());
    assert!(matches!(
        build_stack(&mut s, &mut k, &img, &huge),
        Err(LoadError::ArgsTooLarge { .. })
    ));
}
