//! A small threadless workload: primes, an n-body simulation, matrices, 128-bit
//! arithmetic, hashing, float math from std (libm), and text.
fn sieve(n: usize) -> Vec<usize> {
    let mut is = vec![true; n + 1];
    is[0] = false;
    is[1] = false;
    let mut i = 2;
    while i * i <= n {
        if is[i] {
            let mut j = i * i;
            while j <= n { is[j] = false; j += i; }
        }
        i += 1;
    }
    (0..=n).filter(|&i| is[i]).collect()
}

#[derive(Clone, Copy)]
struct Body { p: [f64; 3], v: [f64; 3], m: f64 }

fn energy(b: &[Body]) -> f64 {
    let mut e = 0.0;
    for i in 0..b.len() {
        e += 0.5 * b[i].m * b[i].v.iter().map(|x| x * x).sum::<f64>();
        for j in i + 1..b.len() {
            let d: f64 = (0..3).map(|k| (b[i].p[k] - b[j].p[k]).powi(2)).sum::<f64>().sqrt();
            e -= b[i].m * b[j].m / d;
        }
    }
    e
}

fn advance(b: &mut [Body], dt: f64) {
    let n = b.len();
    for i in 0..n {
        for j in i + 1..n {
            let d = [b[i].p[0] - b[j].p[0], b[i].p[1] - b[j].p[1], b[i].p[2] - b[j].p[2]];
            let d2 = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
            let mag = dt / (d2 * d2.sqrt());
            let (mi, mj) = (b[i].m, b[j].m);
            for k in 0..3 {
                b[i].v[k] -= d[k] * mj * mag;
                b[j].v[k] += d[k] * mi * mag;
            }
        }
    }
    for x in b.iter_mut() {
        for k in 0..3 { x.p[k] += dt * x.v[k]; }
    }
}

fn main() {
    let p = sieve(200_000);
    println!("primes {} last {} sum {}", p.len(), p[p.len() - 1], p.iter().sum::<usize>());
    let pi = std::f64::consts::PI;
    let mut bodies = vec![
        Body { p: [0.0; 3], v: [0.0; 3], m: 4.0 * pi * pi },
        Body { p: [4.84, -1.16, -0.10], v: [0.606, 2.81, -0.02], m: 0.037 },
        Body { p: [8.34, 4.12, -0.40], v: [-1.01, 1.82, 0.008], m: 0.011 },
        Body { p: [12.89, -15.11, -0.22], v: [1.08, 0.868, -0.01], m: 0.0017 },
        Body { p: [15.37, -25.91, 0.179], v: [0.979, 0.594, -0.034], m: 0.002 },
    ];
    println!("energy {:.17}", energy(&bodies));
    for _ in 0..20000 { advance(&mut bodies, 0.01); }
    println!("energy {:.17} p1 {:?}", energy(&bodies), bodies[1].p);
    let n = 48;
    let a: Vec<f64> = (0..n * n).map(|i| ((i * 7 % 13) as f64 - 6.0) / 7.0).collect();
    let b: Vec<f64> = (0..n * n).map(|i| ((i * 5 % 11) as f64).sqrt()).collect();
    let mut c = vec![0.0f64; n * n];
    for i in 0..n { for k in 0..n { let x = a[i * n + k]; for j in 0..n { c[i * n + j] += x * b[k * n + j]; } } }
    let tr: f64 = (0..n).map(|i| c[i * n + i]).sum();
    println!("matrix trace {tr:.17e} sum {:.17e}", c.iter().sum::<f64>());
    let mut f: u128 = 1;
    for i in 1..=34u128 { f *= i; }
    let q = f / 1_000_000_007u128;
    let r = f % 1_000_000_007u128;
    let s: i128 = -(f as i128) / 12345678901234567i128;
    println!("34! = {f} q {q} r {r} s {s} lz {} pop {}", f.leading_zeros(), f.count_ones());
    let mut h: u64 = 0xcbf29ce484222325;
    for i in 0..1_000_000u64 { h = (h ^ (i & 0xff)).wrapping_mul(0x100000001b3).rotate_left((i % 7) as u32); }
    println!("fnv {h:016x}");
    let xs: Vec<f64> = (1..60).map(|i| i as f64 * 0.173).collect();
    let libm: Vec<String> = xs.iter().step_by(6).map(|&x| format!("{:.17e}/{:.17e}/{:.17e}/{:.17e}/{:.17e}/{:.17e}", x.sin(), x.cos(), x.exp(), x.ln(), x.powf(1.37), x.atan2(1.0 - x))).collect();
    for l in libm { println!("{l}"); }
    let sum: f64 = xs.iter().map(|x| x.sqrt().mul_add(x.cbrt(), x.tanh())).sum();
    println!("sum {sum:.17} {:.17} {:.17} {:.17}", (sum as f32).sqrt(), sum.floor(), (sum * 1e-3).round());
    let mut text = String::new();
    for i in 0..2000 { text.push_str(["alpha ", "beta ", "gamma\n", "δέλτα "][i % 4]); }
    let lines = text.lines().count();
    let longest = text.split_whitespace().max_by_key(|w| w.chars().count()).unwrap_or("");
    println!("lines {lines} words {} longest {longest} bytes {}", text.split_whitespace().count(), text.len());
}
