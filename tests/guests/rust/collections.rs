//! Collections, iterators, strings and sorting. HashMap/HashSet with std's
//! RandomState are printed sorted (their seeds come from getrandom); with a fixed
//! hasher their iteration order is deterministic and printed as is.
use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap, HashSet, VecDeque};
use std::hash::{BuildHasherDefault, Hash, Hasher};

struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 17
    }
}

fn main() {
    let mut r = Lcg(42);
    let mut v: Vec<u64> = (0..20000).map(|_| r.next() % 100_000).collect();
    let mut w = v.clone();
    v.sort();
    w.sort_unstable_by(|a, b| b.cmp(a));
    w.reverse();
    println!("sorted equal {} first {:?} last {:?}", v == w, &v[..5], &v[v.len() - 5..]);
    v.dedup();
    println!("dedup len {} search 500 {:?} search 77777 {:?}", v.len(), v.binary_search(&500).is_ok(), v.binary_search(&77777).map(|_| ()));
    let mut words: Vec<String> = (0..3000).map(|i| format!("w{:x}{}", r.next() % 4096, i % 7)).collect();
    words.sort_by_key(|s| (s.len(), s.clone()));
    println!("words {:?} .. {:?}", &words[..4], &words[words.len() - 3..]);

    let mut hm: HashMap<String, usize> = HashMap::new();
    for wd in &words {
        *hm.entry(wd[..3].to_string()).or_insert(0) += 1;
    }
    let mut counts: Vec<_> = hm.iter().collect();
    counts.sort();
    println!("hashmap {} keys; {:?}", counts.len(), &counts[..6]);
    let hs: HashSet<u64> = v.iter().map(|x| x % 1000).collect();
    let mut hv: Vec<_> = hs.into_iter().collect();
    hv.sort_unstable();
    println!("hashset {} {:?}", hv.len(), &hv[..10]);

    // Fixed hasher: SipHash-1-3 with zero keys, deterministic iteration order.
    let mut fixed: HashMap<u64, u64, BuildHasherDefault<DefaultHasher>> = HashMap::default();
    for i in 0..200u64 {
        fixed.insert(i * 7919 % 1013, i);
    }
    fixed.retain(|k, _| k % 3 != 0);
    let order: Vec<_> = fixed.iter().take(12).collect();
    println!("fixed-hasher order {order:?} len {}", fixed.len());
    let mut h = DefaultHasher::new();
    "hello".hash(&mut h);
    (1u8, 2u32, -3i64, "x").hash(&mut h);
    println!("siphash {:016x}", h.finish());

    let mut bt = BTreeMap::new();
    for (i, wd) in words.iter().enumerate().step_by(37) {
        bt.insert(wd.clone(), i);
    }
    println!("btree first {:?} last {:?} range {:?}", bt.iter().next(), bt.iter().next_back(), bt.range("w1".to_string().."w2".to_string()).take(3).collect::<Vec<_>>());
    let bs: BTreeSet<i32> = (-50..50).map(|x| x * x % 37).collect();
    println!("btreeset {:?}", bs);
    let mut heap: BinaryHeap<(u32, i64)> = (0..100).map(|i| ((i * 37 % 101) as u32, -(i as i64))).collect();
    let top: Vec<_> = std::iter::from_fn(|| heap.pop()).take(5).collect();
    println!("heap {top:?}");
    let mut dq: VecDeque<i32> = VecDeque::new();
    for i in 0..50 {
        if i % 3 == 0 { dq.push_front(i) } else { dq.push_back(-i) }
        if i % 7 == 0 && dq.len() > 2 { dq.rotate_left(2) }
    }
    println!("deque {:?}", dq.iter().take(10).collect::<Vec<_>>());

    // Iterators.
    let a: Vec<i64> = (1..=30).collect();
    let s1: i64 = a.iter().zip(a.iter().rev()).map(|(x, y)| x * y).sum();
    let s2: Vec<i64> = a.windows(3).map(|w| w[0] - w[1] * w[2]).filter(|x| x % 2 == 0).collect();
    let s3: Vec<Vec<i64>> = a.chunks(7).map(|c| c.to_vec()).collect();
    let s4: Vec<i64> = a.iter().scan(0, |acc, &x| { *acc += x; Some(*acc) }).take_while(|&x| x < 200).collect();
    let s5: String = a.iter().flat_map(|&x| std::iter::repeat(char::from(b'a' + (x % 26) as u8)).take((x % 3) as usize)).collect();
    let mut pk = a.iter().peekable();
    let mut runs = 0;
    while let Some(x) = pk.next() {
        if pk.peek().is_some_and(|&&n| n == x + 1) { runs += 1 }
    }
    let (ev, od): (Vec<i64>, Vec<i64>) = a.iter().partition(|&&x| x % 2 == 0);
    println!("iter {s1} {s2:?} {} {s4:?} {s5} {runs} {} {} {:?} {:?}", s3.len(), ev.len(), od.iter().product::<i64>() % 1_000_007, a.iter().max_by_key(|&&x| (x * 17) % 23), a.iter().position(|&x| x > 20));

    // Strings.
    let text = "The quick brown fox — jumps over the lazy dög; ÆØÅ ß ǅ İ ﬁ";
    println!("{}", text.to_uppercase());
    println!("{}", text.to_lowercase());
    println!("{:?}", text.split_whitespace().rev().collect::<Vec<_>>());
    println!("{:?}", text.char_indices().filter(|(_, c)| !c.is_ascii()).collect::<Vec<_>>());
    println!("{} {} {:?} {:?}", text.replace("the", "THE"), text.len(), text.find("fox"), text.rfind('ö'));
    let mut s = String::with_capacity(3);
    for i in 0..500 {
        s.push_str(&i.to_string());
        if i % 50 == 0 { s.insert(0, '#') }
    }
    println!("{} {} {}", s.len(), &s[..20], s.trim_start_matches('#').chars().rev().take(10).collect::<String>());
    let bytes = text.as_bytes();
    println!("utf8 {:?} {:?}", std::str::from_utf8(&bytes[..22]).is_ok(), String::from_utf8_lossy(&bytes[..21]));
    let nums: Vec<Result<i32, _>> = ["12", "-7", "x", "2147483648", " 3"].iter().map(|s| s.parse::<i32>()).collect();
    println!("{nums:?}");
    let fl: Vec<f64> = ["3.14", "-0", "1e400", "inf", "NaN", "2.2250738585072014e-308", "0.1e-320"].iter().map(|s| s.parse().unwrap()).collect();
    println!("{fl:?}");
}
