//! The synthetic CPU model of vm_version 1: what CPUID answers, whatever the host.
//!
//! Only features the translator executes exactly are advertised:
//!
//! | leaf | answer |
//! |---|---|
//! | 0 | max basic leaf 0xd, vendor "GenuineIntel" (so libcs take their best-tested paths) |
//! | 1 | family 6, model 0x55 (stepping 4); EDX: FPU TSC CX8 CMOV MMX FXSR SSE SSE2; ECX: CX16 POPCNT; EBX: CLFLUSH line 8 (64 bytes), 1 logical CPU |
//! | 2 | 0x00ff01 in EAX: "see leaf 4" |
//! | 4 | caches: L1d 32 KiB 8-way, L1i 32 KiB 8-way, L2 1 MiB 16-way, L3 8 MiB 16-way, 64-byte lines, 1 core |
//! | 7 | no extended features |
//! | 0xd | nothing (XSAVE is not advertised) |
//! | 0x80000000 | max extended leaf 0x80000008 |
//! | 0x80000001 | ECX: LAHF/SAHF; EDX: SYSCALL, NX, LM |
//! | 0x80000002–4 | brand "qvm virtual CPU (vm_version 1)" |
//! | 0x80000008 | 48-bit virtual, 39-bit physical addresses |
//!
//! Every other leaf, and subleaves beyond those listed, answer zeros — which is what
//! CPUID returns on real hardware for an unsupported leaf at or below the maximum.
//! MMX is advertised because glibc's baseline ISA check requires the bit; MMX
//! instructions themselves end the run with SIGILL (documented deviation).

/// AT_HWCAP for this model: the leaf 1 EDX bits, as Linux reports them on x86.
pub const HWCAP: u64 = LEAF1_EDX as u64;
/// AT_HWCAP2: no bits (Linux uses it for ring3mwait and fsgsbase, neither offered).
pub const HWCAP2: u64 = 0;

const LEAF1_EDX: u32 = (1 << 0) | (1 << 4) | (1 << 8) | (1 << 15) | (1 << 19) | (1 << 23) | (1 << 24) | (1 << 25) | (1 << 26);
const LEAF1_ECX: u32 = (1 << 13) | (1 << 23);

fn brand_words() -> [u32; 12] {
    let mut bytes = [0u8; 48];
    let s = b"qvm virtual CPU (vm_version 1)";
    bytes[..s.len()].copy_from_slice(s);
    let mut w = [0u32; 12];
    for (i, c) in bytes.chunks_exact(4).enumerate() {
        w[i] = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
    }
    w
}

/// CPUID(leaf, subleaf) → (EAX, EBX, ECX, EDX).
pub fn cpuid(leaf: u32, subleaf: u32) -> (u32, u32, u32, u32) {
    match leaf {
        0 => (0xd, u32::from_le_bytes(*b"Genu"), u32::from_le_bytes(*b"ntel"), u32::from_le_bytes(*b"ineI")),
        1 => (0x0005_0654, (1 << 16) | (8 << 8), LEAF1_ECX, LEAF1_EDX),
        2 => (0x00ff_0001, 0, 0, 0),
        4 => {
            // EAX: type (1 data, 2 instruction, 3 unified), level << 5, self-init bit 8.
            // EBX: ways-1 << 22 | partitions-1 << 12 | line-1. ECX: sets-1.
            let cache = |ty: u32, level: u32, ways: u32, size: u32| {
                let sets = size / (ways * 64);
                (ty | (level << 5) | (1 << 8), ((ways - 1) << 22) | 63, sets - 1, 0)
            };
            match subleaf {
                0 => cache(1, 1, 8, 32 << 10),
                1 => cache(2, 1, 8, 32 << 10),
                2 => cache(3, 2, 16, 1 << 20),
                3 => cache(3, 3, 16, 8 << 20),
                _ => (0, 0, 0, 0),
            }
        }
        0x8000_0000 => (0x8000_0008, 0, 0, 0),
        0x8000_0001 => (0, 0, 1, (1 << 11) | (1 << 20) | (1 << 29)),
        0x8000_0002..=0x8000_0004 => {
            let w = brand_words();
            let i = usize::try_from(leaf - 0x8000_0002).unwrap_or(0) * 4;
            (w[i], w[i + 1], w[i + 2], w[i + 3])
        }
        0x8000_0008 => (0x0000_3027, 0, 0, 0),
        _ => (0, 0, 0, 0),
    }
}
