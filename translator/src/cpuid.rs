//! The synthetic CPU model of vm_version 1: what CPUID answers, whatever the host.
//!
//! The model is x86-64-v2 plus the integer extensions the translator executes
//! exactly (BMI1, BMI2, ADX, LZCNT, MOVBE) and the SHA extensions. Only features the translator executes
//! exactly are advertised; every advertised instruction is compared with a real CPU
//! by `translator/tests/isa_*.rs`. Bits by leaf:
//!
//! | leaf | answer |
//! |---|---|
//! | 0 | max basic leaf 0xd, vendor "GenuineIntel" (so libcs take their best-tested paths) |
//! | 1 | EAX: family 6, model 0x55, stepping 4. EBX: CLFLUSH line 8 (64 bytes), 1 logical CPU, APIC id 0. ECX: SSE3 (0), SSSE3 (9), CX16 (13), SSE4.1 (19), SSE4.2 (20), MOVBE (22), POPCNT (23). EDX: FPU (0) TSC (4) CX8 (8) CMOV (15) CLFSH (19) FXSR (24) SSE (25) SSE2 (26) |
//! | 2 | 0x00ff01 in EAX: "see leaf 4" |
//! | 4 | caches: L1d 32 KiB 8-way, L1i 32 KiB 8-way, L2 1 MiB 16-way, L3 8 MiB 16-way, 64-byte lines, 1 core |
//! | 7 | subleaf 0: EAX = 0 (no further subleaves); EBX: BMI1 (3), BMI2 (8), ADX (19), SHA (29); ECX = EDX = 0 |
//! | 0xd | nothing (XSAVE is not advertised) |
//! | 0x80000000 | max extended leaf 0x80000008 |
//! | 0x80000001 | ECX: LAHF/SAHF (0), ABM = LZCNT (5); EDX: SYSCALL (11), NX (20), LM (29) |
//! | 0x80000002–4 | brand "qvm virtual CPU (vm_version 1)" |
//! | 0x80000008 | 48-bit virtual, 39-bit physical addresses |
//!
//! Every other leaf, and subleaves beyond those listed, answer zeros — which is what
//! CPUID returns on real hardware for an unsupported leaf at or below the maximum.
//!
//! Not advertised (and so not used by libcs that dispatch on CPUID): AVX, AVX2, FMA,
//! F16C, XSAVE/OSXSAVE (so no XGETBV), AES, PCLMULQDQ, RDRAND/RDSEED, RDTSCP,
//! ERMS/FSRM, AVX-512. VEX-encoded instructions end the run with SIGILL, as on a CPU
//! without AVX. MMX is not advertised (qvm does not execute MMX instructions: they end
//! the run with SIGILL naming them); static glibc, musl, C++ and Rust programs run
//! without it (the corpus tests check), since none of them requires the bit.
//!
//! SHA (SHA1RNDS4 … SHA256MSG2) is advertised because hashing libraries (OpenSSL) take
//! their fastest path with it and the instructions are pure functions of their
//! operands: compiled code runs the host's own instructions where the host has them
//! and [`crate::sha`]'s software elsewhere, with the same results. The KVM oracle runs
//! the guest's instructions on the host CPU, so on a host without SHA a guest that
//! uses them ends with SIGILL there (and only there).
//!
//! AT_HWCAP is the leaf 1 EDX word (as Linux reports it on x86); AT_HWCAP2 is 0.

/// AT_HWCAP for this model: the leaf 1 EDX bits, as Linux reports them on x86.
pub const HWCAP: u64 = LEAF1_EDX as u64;
/// AT_HWCAP2: no bits (Linux uses it for ring3mwait and fsgsbase, neither offered).
pub const HWCAP2: u64 = 0;

/// Leaf 1 EDX: FPU TSC CX8 CMOV CLFSH FXSR SSE SSE2 (no MMX: not executed).
const LEAF1_EDX: u32 =
    (1 << 0) | (1 << 4) | (1 << 8) | (1 << 15) | (1 << 19) | (1 << 24) | (1 << 25) | (1 << 26);
/// Leaf 1 ECX: SSE3 SSSE3 CX16 SSE4.1 SSE4.2 MOVBE POPCNT.
const LEAF1_ECX: u32 =
    (1 << 0) | (1 << 9) | (1 << 13) | (1 << 19) | (1 << 20) | (1 << 22) | (1 << 23);
/// Leaf 7 subleaf 0 EBX: BMI1 BMI2 ADX SHA.
const LEAF7_EBX: u32 = (1 << 3) | (1 << 8) | (1 << 19) | (1 << 29);
/// Leaf 0x80000001 ECX: LAHF/SAHF in 64-bit mode, ABM (LZCNT).
const EXT1_ECX: u32 = (1 << 0) | (1 << 5);
/// Leaf 0x80000001 EDX: SYSCALL, NX, LM.
const EXT1_EDX: u32 = (1 << 11) | (1 << 20) | (1 << 29);

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
        0 => (
            0xd,
            u32::from_le_bytes(*b"Genu"),
            u32::from_le_bytes(*b"ntel"),
            u32::from_le_bytes(*b"ineI"),
        ),
        1 => (0x0005_0654, (1 << 16) | (8 << 8), LEAF1_ECX, LEAF1_EDX),
        2 => (0x00ff_0001, 0, 0, 0),
        4 => {
            // EAX: type (1 data, 2 instruction, 3 unified), level << 5, self-init bit 8.
            // EBX: ways-1 << 22 | partitions-1 << 12 | line-1. ECX: sets-1.
            let cache = |ty: u32, level: u32, ways: u32, size: u32| {
                let sets = size / (ways * 64);
                (
                    ty | (level << 5) | (1 << 8),
                    ((ways - 1) << 22) | 63,
                    sets - 1,
                    0,
                )
            };
            match subleaf {
                0 => cache(1, 1, 8, 32 << 10),
                1 => cache(2, 1, 8, 32 << 10),
                2 => cache(3, 2, 16, 1 << 20),
                3 => cache(3, 3, 16, 8 << 20),
                _ => (0, 0, 0, 0),
            }
        }
        7 => match subleaf {
            0 => (0, LEAF7_EBX, 0, 0),
            _ => (0, 0, 0, 0),
        },
        0x8000_0000 => (0x8000_0008, 0, 0, 0),
        0x8000_0001 => (0, 0, EXT1_ECX, EXT1_EDX),
        0x8000_0002..=0x8000_0004 => {
            let w = brand_words();
            let i = usize::try_from(leaf - 0x8000_0002).unwrap_or(0) * 4;
            (w[i], w[i + 1], w[i + 2], w[i + 3])
        }
        0x8000_0008 => (0x0000_3027, 0, 0, 0),
        _ => (0, 0, 0, 0),
    }
}

/// Whether the *host* CPU is an Intel one. Tests that compare qvm with the host
/// where the manuals leave a result to the vendor (undefined flags, DPPS rounding)
/// and qvm follows Intel's choice can only confirm it on an Intel host. Never used
/// to answer the guest: the model above is the same on every host.
pub fn host_is_intel() -> bool {
    let r = core::arch::x86_64::__cpuid(0);
    r.ebx == 0x756e_6547 && r.edx == 0x4965_6e69 && r.ecx == 0x6c65_746e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn x86_64_v2_and_integer_extensions() {
        let (_, _, c1, d1) = cpuid(1, 0);
        // x86-64 baseline less MMX: CMOV CX8 FPU FXSR SSE SSE2 (and SYSCALL, LM below).
        for bit in [0, 8, 15, 24, 25, 26] {
            assert_ne!(d1 & (1 << bit), 0, "leaf 1 EDX bit {bit}");
        }
        // MMX instructions are not executed, so not advertised.
        assert_eq!(d1 & (1 << 23), 0);
        // x86-64-v2: CX16 LAHF POPCNT SSE3 SSE4.1 SSE4.2 SSSE3.
        for bit in [0, 9, 13, 19, 20, 23] {
            assert_ne!(c1 & (1 << bit), 0, "leaf 1 ECX bit {bit}");
        }
        // Not advertised: FMA (12), XSAVE (26), OSXSAVE (27), AVX (28), F16C (29),
        // RDRAND (30), PCLMULQDQ (1), AES (25).
        for bit in [1, 12, 25, 26, 27, 28, 29, 30] {
            assert_eq!(c1 & (1 << bit), 0, "leaf 1 ECX bit {bit}");
        }
        let (a7, b7, c7, d7) = cpuid(7, 0);
        assert_eq!(a7, 0);
        assert_eq!(b7 & (1 << 5), 0, "no AVX2");
        assert_eq!(b7 & (1 << 18), 0, "no RDSEED");
        assert_eq!(b7 & (1 << 16), 0, "no AVX-512F");
        assert_ne!(b7 & (1 << 3), 0, "BMI1");
        assert_ne!(b7 & (1 << 8), 0, "BMI2");
        assert_ne!(b7 & (1 << 29), 0, "SHA");
        assert_eq!((c7, d7), (0, 0));
        assert_eq!(cpuid(7, 1), (0, 0, 0, 0));
        let (_, _, ce, de) = cpuid(0x8000_0001, 0);
        assert_eq!(ce, 0b10_0001, "LAHF/SAHF + ABM only");
        assert_ne!(de & (1 << 29), 0, "LM");
        assert_eq!(de & (1 << 27), 0, "no RDTSCP");
        assert_eq!(HWCAP, u64::from(d1));
        assert_eq!(cpuid(0xd, 0), (0, 0, 0, 0));
        assert!(cpuid(0, 0).0 >= 7);
    }
}
