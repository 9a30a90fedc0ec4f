//! Panics caught with catch_unwind (Drop runs while unwinding), a custom panic
//! hook printing a deterministic message (the default one prints the thread id,
//! which differs between native runs), then process::exit.
use std::cell::RefCell;
use std::panic;

struct Noisy(&'static str);
impl Drop for Noisy {
    fn drop(&mut self) {
        println!("drop {}", self.0);
    }
}

fn deep(n: u32) -> u32 {
    let _g = Noisy(if n % 2 == 0 { "even" } else { "odd" });
    if n == 0 {
        panic!("bottom reached with {} frames", 5);
    }
    deep(n - 1) + 1
}

fn main() {
    panic::set_hook(Box::new(|info| {
        let msg = info.payload().downcast_ref::<&str>().map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "<non-string payload>".into());
        let loc = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
        // (Not "panicked": the harness reads that word on stderr as a qvm crash.)
        eprintln!("hook: panic at {loc}: {msg}");
    }));
    let v = vec![1, 2, 3];
    let idx = std::env::args().count() + 10;
    let cases: Vec<(&str, Box<dyn Fn() -> i64 + panic::RefUnwindSafe>)> = vec![
        ("unwrap none", Box::new(|| { let o: Option<i64> = None; o.unwrap() })),
        ("index", Box::new(move || v[idx] as i64)),
        ("div zero", Box::new(move || { let d = (idx as i64) - 11; 100 / d })),
        ("checked overflow", Box::new(|| i64::MAX.checked_add(idx as i64).expect("overflowed"))),
        ("refcell", Box::new(|| { let c = RefCell::new(5); let _a = c.borrow_mut(); let b = c.borrow_mut(); *b })),
        ("deep", Box::new(|| deep(6) as i64)),
        ("formatted", Box::new(|| panic!("value {:?} and {:.3}", [1, 2], 2.0f64.sqrt()))),
        ("result", Box::new(|| "abc".parse::<i64>().unwrap())),
        ("ok", Box::new(|| 42)),
    ];
    for (name, f) in cases {
        let r = panic::catch_unwind(|| f());
        match r {
            Ok(x) => println!("{name}: ok {x}"),
            Err(e) => {
                let m = e.downcast_ref::<String>().cloned().or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()));
                println!("{name}: caught {:?}", m);
            }
        }
    }
    let r = panic::catch_unwind(|| panic::resume_unwind(Box::new(17u32)));
    println!("resume_unwind payload {:?}", r.err().and_then(|e| e.downcast::<u32>().ok()));
    let _n = Noisy("never printed: exit skips destructors");
    println!("exiting with 7");
    std::process::exit(7);
}
