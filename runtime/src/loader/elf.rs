//! Validating and mapping the ELF image (the part of Linux's `load_elf_binary` before
//! the stack).

use goblin::container::{Container, Ctx, Endian};
use goblin::elf::header::{
    machine_to_str, EI_CLASS, EI_DATA, ELFCLASS32, ELFCLASS64, ELFDATA2LSB, ELFDATA2MSB, ELFMAG,
    EM_X86_64, ET_CORE, ET_DYN, ET_EXEC, ET_NONE, ET_REL,
};
use goblin::elf::program_header::{ProgramHeader, PF_R, PF_W, PF_X, PT_INTERP, PT_LOAD, PT_PHDR};
use goblin::elf64::header::{Header, SIZEOF_EHDR};
use goblin::elf64::program_header::SIZEOF_PHDR;
use qvm_kernel::layout::{
    is_page_aligned, page_down, page_up, MIN_MAP_ADDR, MMAP_TOP, PAGE_SIZE, PIE_BASE,
};
use qvm_kernel::{GuestMemory, Prot};

use super::{LoadError, LoadedImage, LoadedSegment, LoaderKernel};
use crate::memory::AddressSpace;

/// Linux's limit on e_phnum (`65536 / sizeof(struct elf_phdr)`).
const MAX_PHNUM: u16 = 1170; // 65536 / 56

/// Name the kernel's mapping table gives the executable's segments.
const EXE_MAPPING_NAME: &str = "[exe]";

/// One validated PT_LOAD segment, relocated.
struct Load {
    index: usize,
    offset: u64,
    filesz: u64,
    start: u64,
    end: u64,
    prot: Prot,
}

/// Loads a static x86-64 ELF into a fresh address space: validates it, maps every
/// PT_LOAD segment (page-granular, later segments winning shared pages, as Linux's
/// `MAP_FIXED` mappings do), copies file bytes, zeroes bss, registers the mappings and
/// the brk base with the kernel. ET_EXEC loads at its own addresses, static-pie at
/// [`PIE_BASE`].
///
/// `space` must be fresh (all zero): pages the image does not write are assumed zero.
pub fn load_elf(
    bytes: &[u8],
    space: &mut AddressSpace,
    kernel: &mut impl LoaderKernel,
) -> Result<LoadedImage, LoadError> {
    let parsed = parse(bytes)?;
    for l in &parsed.loads {
        map_segment(bytes, l, space, kernel)?;
    }
    kernel.set_brk_base(parsed.image.brk_base);
    Ok(parsed.image)
}

/// The result of validation: the image description and its segments.
pub(super) struct Parsed {
    pub(super) image: LoadedImage,
    loads: Vec<Load>,
}

fn file_len(bytes: &[u8]) -> u64 {
    bytes.len() as u64
}

/// Validates the ELF and its program headers and computes the layout; touches no memory.
pub(super) fn parse(bytes: &[u8]) -> Result<Parsed, LoadError> {
    let header = parse_header(bytes)?;
    let phdrs = parse_phdrs(bytes, &header)?;

    if let Some(interp) = phdrs.iter().find(|p| p.p_type == PT_INTERP) {
        return Err(LoadError::Dynamic {
            interpreter: interpreter_name(bytes, interp),
        });
    }

    let mut raw = Vec::new();
    for (index, p) in phdrs
        .iter()
        .enumerate()
        .filter(|(_, p)| p.p_type == PT_LOAD)
    {
        if p.p_filesz > p.p_memsz {
            return Err(LoadError::FileszExceedsMemsz {
                index,
                filesz: p.p_filesz,
                memsz: p.p_memsz,
            });
        }
        if p.p_memsz == 0 {
            continue; // maps nothing, as in Linux
        }
        if p.p_offset % PAGE_SIZE != p.p_vaddr % PAGE_SIZE {
            return Err(LoadError::Misaligned {
                index,
                offset: p.p_offset,
                vaddr: p.p_vaddr,
            });
        }
        check_in_file(bytes, p.p_offset, p.p_filesz, || {
            format!("segment {index} data")
        })?;
        raw.push((index, p));
    }
    let Some(min_vaddr) = raw.iter().map(|(_, p)| p.p_vaddr).min() else {
        return Err(LoadError::NoLoadSegment);
    };

    let pie = header.e_type == ET_DYN;
    // Static-pie: the lowest segment's page goes to PIE_BASE.
    let load_bias = if pie {
        PIE_BASE.wrapping_sub(page_down(min_vaddr))
    } else {
        0
    };
    let relocate = |vaddr: u64| -> Option<u64> {
        if pie {
            PIE_BASE.checked_add(vaddr - page_down(min_vaddr))
        } else {
            Some(vaddr)
        }
    };

    let mut loads = Vec::with_capacity(raw.len());
    for (index, p) in raw {
        let start = relocate(p.p_vaddr);
        let end = start.and_then(|s| s.checked_add(p.p_memsz));
        let (Some(start), Some(end)) = (start, end) else {
            return Err(out_of_space(index, start.unwrap_or(u64::MAX), u64::MAX));
        };
        if page_down(start) < MIN_MAP_ADDR || end > MMAP_TOP {
            return Err(out_of_space(index, start, end));
        }
        loads.push(Load {
            index,
            offset: p.p_offset,
            filesz: p.p_filesz,
            start,
            end,
            prot: prot_of(p.p_flags),
        });
    }

    let mut by_addr: Vec<&Load> = loads.iter().collect();
    by_addr.sort_by_key(|l| l.start);
    for w in by_addr.windows(2) {
        if w[1].start < w[0].end {
            let (a, b) = (w[0].index.min(w[1].index), w[0].index.max(w[1].index));
            return Err(LoadError::Overlap { a, b });
        }
    }

    let phdr_addr = phdr_address(&header, &phdrs, load_bias);
    let highest = loads.iter().map(|l| l.end).max().unwrap_or(0);
    let image = LoadedImage {
        entry: header.e_entry.wrapping_add(load_bias),
        load_bias,
        phdr_addr,
        phent: u64::from(header.e_phentsize),
        phnum: u64::from(header.e_phnum),
        // Cannot overflow: highest <= MMAP_TOP.
        brk_base: page_up(highest).unwrap_or(MMAP_TOP),
        pie,
        segments: loads
            .iter()
            .map(|l| LoadedSegment {
                start: l.start,
                end: l.end,
                prot: l.prot,
            })
            .collect(),
    };
    Ok(Parsed { image, loads })
}

fn out_of_space(index: usize, start: u64, end: u64) -> LoadError {
    LoadError::OutOfSpace {
        index,
        start,
        end,
        min: MIN_MAP_ADDR,
        max: MMAP_TOP,
    }
}

/// Checks the ELF identification and header, in the order that gives the most useful
/// message for a foreign file (magic, class, byte order, machine, type).
fn parse_header(bytes: &[u8]) -> Result<Header, LoadError> {
    if bytes.len() < ELFMAG.len() || &bytes[..ELFMAG.len()] != ELFMAG {
        return Err(LoadError::NotElf);
    }
    let truncated_header = || LoadError::Truncated {
        what: "ELF header".into(),
        offset: 0,
        len: SIZEOF_EHDR as u64,
        file_len: file_len(bytes),
    };
    match bytes.get(EI_CLASS).copied() {
        None => return Err(truncated_header()),
        Some(ELFCLASS64) => {}
        Some(ELFCLASS32) => return Err(LoadError::Elf32),
        Some(c) => return Err(LoadError::BadClass(c)),
    }
    match bytes.get(EI_DATA).copied() {
        None => return Err(truncated_header()),
        Some(ELFDATA2LSB) => {}
        Some(ELFDATA2MSB) => return Err(LoadError::BigEndian),
        Some(d) => return Err(LoadError::BadEncoding(d)),
    }
    if bytes.len() < SIZEOF_EHDR {
        return Err(truncated_header());
    }
    let header = Header::parse(bytes).map_err(|_| truncated_header())?;
    if header.e_machine != EM_X86_64 {
        return Err(LoadError::WrongMachine {
            machine: header.e_machine,
            name: machine_to_str(header.e_machine),
        });
    }
    match header.e_type {
        ET_EXEC | ET_DYN => {}
        ET_REL => {
            return Err(LoadError::NotExecutable {
                kind: "a relocatable object file (ET_REL)",
            })
        }
        ET_CORE => {
            return Err(LoadError::NotExecutable {
                kind: "a core dump (ET_CORE)",
            })
        }
        ET_NONE => {
            return Err(LoadError::NotExecutable {
                kind: "of no file type (ET_NONE)",
            })
        }
        _ => {
            return Err(LoadError::NotExecutable {
                kind: "of an unknown file type",
            })
        }
    }
    if usize::from(header.e_phentsize) != SIZEOF_PHDR {
        return Err(LoadError::BadPhentsize(header.e_phentsize));
    }
    if header.e_phnum == 0 || header.e_phnum > MAX_PHNUM {
        return Err(LoadError::BadPhnum(header.e_phnum));
    }
    Ok(header)
}

fn parse_phdrs(bytes: &[u8], header: &Header) -> Result<Vec<ProgramHeader>, LoadError> {
    let table_len = u64::from(header.e_phnum) * SIZEOF_PHDR as u64;
    check_in_file(bytes, header.e_phoff, table_len, || {
        "program headers".into()
    })?;
    let truncated = || LoadError::Truncated {
        what: "program headers".into(),
        offset: header.e_phoff,
        len: table_len,
        file_len: file_len(bytes),
    };
    let offset = usize::try_from(header.e_phoff).map_err(|_| truncated())?;
    let ctx = Ctx::new(Container::Big, Endian::Little);
    ProgramHeader::parse(bytes, offset, usize::from(header.e_phnum), ctx).map_err(|_| truncated())
}

/// Checks `[offset, offset+len)` lies inside the file.
fn check_in_file(
    bytes: &[u8],
    offset: u64,
    len: u64,
    what: impl Fn() -> String,
) -> Result<(), LoadError> {
    match offset.checked_add(len) {
        Some(end) if end <= file_len(bytes) => Ok(()),
        _ => Err(LoadError::Truncated {
            what: what(),
            offset,
            len,
            file_len: file_len(bytes),
        }),
    }
}

/// The PT_INTERP path, for the error message (at most 256 bytes, up to its NUL).
fn interpreter_name(bytes: &[u8], p: &ProgramHeader) -> String {
    let start = usize::try_from(p.p_offset)
        .unwrap_or(usize::MAX)
        .min(bytes.len());
    let len = usize::try_from(p.p_filesz).unwrap_or(usize::MAX).min(256);
    let raw = &bytes[start..start.saturating_add(len).min(bytes.len())];
    let raw = raw.split(|&b| b == 0).next().unwrap_or(&[]);
    String::from_utf8_lossy(raw).into_owned()
}

fn prot_of(flags: u32) -> Prot {
    let mut p = 0;
    if flags & PF_R != 0 {
        p |= Prot::READ;
    }
    if flags & PF_W != 0 {
        p |= Prot::WRITE;
    }
    if flags & PF_X != 0 {
        p |= Prot::EXEC;
    }
    Prot(p)
}

/// AT_PHDR: PT_PHDR's address if present, otherwise (as Linux computes it) the address
/// of `e_phoff` inside the PT_LOAD segment whose file bytes contain it; 0 if none does.
fn phdr_address(header: &Header, phdrs: &[ProgramHeader], load_bias: u64) -> u64 {
    if let Some(p) = phdrs.iter().find(|p| p.p_type == PT_PHDR) {
        return p.p_vaddr.wrapping_add(load_bias);
    }
    phdrs
        .iter()
        .filter(|p| p.p_type == PT_LOAD)
        .rfind(|p| p.p_offset <= header.e_phoff && header.e_phoff - p.p_offset < p.p_filesz)
        .map_or(0, |p| {
            (header.e_phoff - p.p_offset)
                .wrapping_add(p.p_vaddr)
                .wrapping_add(load_bias)
        })
}

/// Maps one segment as Linux's `elf_load` does: whole file pages (including the bytes
/// before `p_vaddr` in its first page and after `p_filesz` in its last), then zeroes
/// from the end of the file bytes to the end of the memory image's last page.
fn map_segment(
    bytes: &[u8],
    l: &Load,
    space: &mut AddressSpace,
    kernel: &mut impl LoaderKernel,
) -> Result<(), LoadError> {
    let map_start = page_down(l.start);
    // Validated: end <= MMAP_TOP, so rounding up cannot overflow.
    let map_end = page_up(l.end).unwrap_or(MMAP_TOP);
    kernel
        .map_initial(map_start, map_end - map_start, l.prot, EXE_MAPPING_NAME)
        .map_err(|reason| LoadError::Map {
            name: format!("segment {}", l.index),
            reason,
        })?;
    space.protect(map_start, map_end - map_start, l.prot)?;

    let file_bytes_end = l.start + l.filesz;
    if l.filesz > 0 {
        let from = page_down(l.offset);
        let to = page_up(l.offset + l.filesz)
            .unwrap_or(u64::MAX)
            .min(file_len(bytes));
        let (from, to) = (usize::try_from(from), usize::try_from(to));
        if let (Ok(from), Ok(to)) = (from, to) {
            space.write(map_start, &bytes[from..to])?;
        }
        if l.end > file_bytes_end {
            space.zero(file_bytes_end, map_end - file_bytes_end)?;
        }
    } else {
        space.zero(l.start, l.end - l.start)?;
    }
    debug_assert!(is_page_aligned(map_end));
    Ok(())
}
