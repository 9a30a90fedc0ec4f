//! Moving the FPU/SSE part of [`CpuState`] in and out of the XSAVE image (its legacy
//! FXSAVE region: FCW at byte 0, FSW 2, abridged FTW 4, FOP 6, MXCSR 24, ST0–7 at
//! 32 + 16·i, XMM0–15 at 160 + 16·i; XSTATE_BV at 512).

use qvm_translator::CpuState;

/// The XSAVE image as KVM hands it over (4 KiB in 32-bit words).
pub type Image = [u32; 1024];

fn get16(img: &Image, byte: usize) -> u16 {
    let w = img[byte / 4];
    if byte.is_multiple_of(4) {
        (w & 0xffff) as u16
    } else {
        (w >> 16) as u16
    }
}

fn set16(img: &mut Image, byte: usize, v: u16) {
    let w = &mut img[byte / 4];
    if byte.is_multiple_of(4) {
        *w = (*w & 0xffff_0000) | u32::from(v);
    } else {
        *w = (*w & 0x0000_ffff) | (u32::from(v) << 16);
    }
}

fn get64(img: &Image, byte: usize) -> u64 {
    u64::from(img[byte / 4]) | (u64::from(img[byte / 4 + 1]) << 32)
}

fn set64(img: &mut Image, byte: usize, v: u64) {
    img[byte / 4] = (v & 0xffff_ffff) as u32;
    img[byte / 4 + 1] = (v >> 32) as u32;
}

/// Writes `cpu`'s x87, MXCSR and XMM state into the image.
pub fn put(img: &mut Image, cpu: &CpuState) {
    let x = &cpu.x87;
    set16(img, 0, x.fcw);
    set16(img, 2, (x.fsw & !0x3800) | (u16::from(x.top & 7) << 11));
    // Byte 4 is the abridged tag word (bit i = physical register i in use); byte 5 reserved.
    set16(img, 4, u16::from(x.tags));
    set16(img, 6, x.fop);
    img[6] = cpu.mxcsr;
    for i in 0..8usize {
        let phys = (usize::from(x.top) + i) & 7;
        let at = 32 + 16 * i;
        set64(img, at, x.regs[phys][0]);
        set16(img, at + 8, (x.regs[phys][1] & 0xffff) as u16);
    }
    for (i, r) in cpu.xmm.iter().enumerate() {
        set64(img, 160 + 16 * i, r[0]);
        set64(img, 168 + 16 * i, r[1]);
    }
    img[128] |= 3; // XSTATE_BV: x87 and SSE state are in the image
}

/// Reads the image's x87, MXCSR and XMM state into `cpu`.
pub fn get(img: &Image, cpu: &mut CpuState) {
    // Components in their initial state (XSTATE_BV bit clear) read as the init values.
    let bv = img[128];
    let x = &mut cpu.x87;
    if bv & 1 != 0 {
        x.fcw = get16(img, 0);
        let fsw = get16(img, 2);
        x.top = ((fsw >> 11) & 7) as u8;
        x.fsw = fsw & !0x3800;
        x.tags = (get16(img, 4) & 0xff) as u8;
        x.fop = get16(img, 6);
        for i in 0..8usize {
            let phys = (usize::from(x.top) + i) & 7;
            let at = 32 + 16 * i;
            x.regs[phys] = [get64(img, at), u64::from(get16(img, at + 8))];
        }
    } else {
        *x = qvm_translator::x87::X87State::default();
    }
    cpu.mxcsr = img[6];
    for (i, r) in cpu.xmm.iter_mut().enumerate() {
        if bv & 2 != 0 {
            *r = [get64(img, 160 + 16 * i), get64(img, 168 + 16 * i)];
        } else {
            *r = [0, 0];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kvm_fpu_image_round_trips() {
        let mut cpu = CpuState::default();
        cpu.x87.fcw = 0x027f;
        cpu.x87.fsw = 0x0021;
        cpu.x87.top = 5;
        cpu.x87.tags = 0b1110_0000;
        cpu.x87.fop = 0x1d9;
        for (p, r) in (0u64..).zip(cpu.x87.regs.iter_mut()) {
            *r = [0x8000_0000_0000_0000 | p, 0x3fff + p];
        }
        cpu.mxcsr = 0x9fc0;
        for (i, r) in (0u64..).zip(cpu.xmm.iter_mut()) {
            *r = [i * 3, !i];
        }
        let mut img: Image = [0; 1024];
        put(&mut img, &cpu);
        // ST0 is physical register TOP = 5.
        assert_eq!(get64(&img, 32), 0x8000_0000_0000_0005);
        assert_eq!(get16(&img, 2), 0x0021 | (5 << 11));
        let mut back = CpuState::default();
        get(&img, &mut back);
        assert_eq!(back.x87, cpu.x87);
        assert_eq!(back.mxcsr, cpu.mxcsr);
        assert_eq!(back.xmm, cpu.xmm);
    }
}
