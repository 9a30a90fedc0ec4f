//! Formatting: integers of every width and radix, floats in every style (Grisu/Ryu
//! paths, {:e}, {:.17}, specials, subnormals), chars, Debug and pretty Debug.
use std::fmt::Write;

#[derive(Debug, Clone, PartialEq)]
struct Point {
    x: f64,
    y: f32,
    tag: Option<&'static str>,
    v: Vec<i8>,
}

#[derive(Debug)]
enum Shape {
    Circle { r: f64 },
    Poly(Vec<Point>),
    Empty,
}

fn main() {
    let ints: [i64; 12] = [0, 1, -1, 7, -128, 255, 65535, i32::MIN as i64, i32::MAX as i64, i64::MIN, i64::MAX, 1234567890123];
    for &i in &ints {
        println!("{i} {i:+} {i:>22} {i:<22}| {i:^24}| {i:022} {:x} {:X} {:o} {:b} {:#x} {:#b}", i as u64, i as u64, i as u64, i as u8, i as u32, i as u16);
        println!("  u8 {} i8 {} u16 {} i16 {} u32 {} i32 {} u128 {} i128 {}", i as u8, i as i8, i as u16, i as i16, i as u32, i as i32, (i as u128).wrapping_mul(0xffff_ffff_ffff_ffff_ffff), (i as i128) * (i as i128) * -3);
    }
    let floats: [f64; 20] = [
        0.0, -0.0, 1.0, -1.5, 0.1, 1.0 / 3.0, 2.0f64.sqrt(), 1e21, 1e-7, 123456789.125, f64::MAX, f64::MIN_POSITIVE,
        5e-324, f64::EPSILON, f64::INFINITY, f64::NEG_INFINITY, f64::NAN, 6.02214076e23, -9.109e-31, 0.30000000000000004,
    ];
    for &f in &floats {
        println!("{f} {f:?} {f:e} {f:E} {f:.17} {f:.0} {f:.3} {f:12.4} {f:<+14.2e}| {:.9e}", f);
        let g = f as f32;
        println!("  f32 {g} {g:?} {g:e} {g:.9} bits {:#010x} {:#018x}", g.to_bits(), f.to_bits());
        let s = format!("{f:?}");
        let back: f64 = s.parse().unwrap_or(-1.0);
        println!("  roundtrip {}", back.to_bits() == f.to_bits() || f.is_nan());
    }
    for i in 0..40 {
        let x = (i as f64 * 0.37).exp() * if i % 2 == 0 { 1.0 } else { -1.0 } / 3.0;
        print!("{x:.5e} ");
    }
    println!();
    let chars = ['a', 'Z', '0', ' ', '\n', '\t', '\'', '"', '\\', 'é', 'ß', '中', '😀', '\u{7f}', '\u{0}'];
    for c in chars {
        print!("{c:?}={:x} ", c as u32);
    }
    println!();
    let s = "héllo \"wörld\"\n\t中文 😀";
    println!("{s} | {s:?} | {:>30} | {:.5}", s, s);
    let p = Point { x: -2.5, y: 1e-3, tag: Some("pt"), v: vec![-1, 0, 127] };
    let shapes = vec![Shape::Circle { r: 1.25 }, Shape::Poly(vec![p.clone(), Point { tag: None, ..p.clone() }]), Shape::Empty];
    println!("{shapes:?}");
    println!("{shapes:#?}");
    let mut out = String::new();
    for w in 1..8 {
        let _ = write!(out, "[{:>w$.prec$}]", std::f64::consts::PI, w = w * 2, prec = w);
    }
    println!("{out}");
    println!("{:?} {:?} {:?}", (1u8, -2i16, 3.5f32), [Some(1), None], ("tuple", 'c', true));
    println!("{}", u128::MAX);
    println!("{}", i128::MIN);
}
