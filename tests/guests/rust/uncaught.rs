//! An uncaught panic in main (custom hook): exit status 101, message on stderr.
fn main() {
    std::panic::set_hook(Box::new(|info| {
        eprintln!("fatal: {}", info.payload().downcast_ref::<String>().cloned().unwrap_or_default());
    }));
    println!("before");
    let n: usize = std::env::args().count();
    let v: Vec<u32> = (0..n as u32).collect();
    if v.len() < 5 {
        panic!("only {} args, wanted {}", v.len(), 5);
    }
}
