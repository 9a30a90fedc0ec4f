//! The whole-program benchmark suite (issue 5).
//!
//! Builds real software statically into `target/bench-corpus/`, then runs every
//! workload natively, under `qvm run` with gas, under `qvm run` without gas (when
//! the CLI has a switch for it), and under `qemu-x86_64` (when installed). Every
//! run's stdout and exit status must equal the native run's, byte for byte: a
//! mismatch marks the row FAILED instead of giving a number. Prints a table of
//! medians (wall clock and the child's user CPU time), ratios to native and their
//! geometric means; `--write` also writes it to `BENCHMARKS.md` at the repository
//! root with the exact command and the machine it ran on.
//!
//! ```text
//! cargo run --release -p qvm-benches --bin suite -- [--runs N] [--filter NAME]
//!     [--timeout SECS] [--startup-runs N] [--no-qemu] [--no-build-qvm] [--write]
//! cargo run --release -p qvm-benches --bin suite -- --compare QVM_A,QVM_B[,..]
//!     [--runs N] [--filter NAME] [--startup-runs N]
//! ```
//!
//! `--compare` times two or more qvm binaries against each other, interleaved
//! round by round, and reports the median ratio of adjacent runs (see `compare`).

use std::ffi::OsString;
use std::fmt::Write as _;
use std::fs::{self, File};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime};

#[path = "suite/compare.rs"]
mod compare;

/// Gas limit for the metered runs: far above what any workload uses.
const GAS_LIMIT: u64 = 1_000_000_000_000_000;

// ---------------------------------------------------------------------------
// Options

struct Opts {
    runs: usize,
    /// Runs under qemu (default: `runs`); qemu is only a reference column.
    qemu_runs: Option<usize>,
    filter: Vec<String>,
    timeout: Duration,
    startup_runs: usize,
    qemu: bool,
    build_qvm: bool,
    write: bool,
    skip_startup: bool,
    /// `--compare A,B…`: time these qvm binaries against each other instead.
    compare: Vec<PathBuf>,
}

fn usage() -> ! {
    eprintln!(
        "usage: suite [--runs N] [--qemu-runs N] [--filter NAME[,NAME..]] [--timeout SECS] [--startup-runs N] [--no-startup] \
         [--no-qemu] [--no-build-qvm] [--write]\n       suite --compare QVM_A,QVM_B[,..] [--runs N] [--filter NAME[,NAME..]] [--startup-runs N]"
    );
    std::process::exit(2);
}

fn parse_opts() -> Opts {
    let mut o = Opts {
        runs: 5,
        qemu_runs: None,
        filter: Vec::new(),
        timeout: Duration::from_secs(120),
        startup_runs: 50,
        qemu: true,
        build_qvm: true,
        write: false,
        skip_startup: false,
        compare: Vec::new(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = |name: &str| {
            args.next().unwrap_or_else(|| {
                eprintln!("suite: {name} needs a value");
                usage()
            })
        };
        match a.as_str() {
            "--runs" => o.runs = val("--runs").parse().unwrap_or_else(|_| usage()),
            "--qemu-runs" => {
                o.qemu_runs = Some(val("--qemu-runs").parse().unwrap_or_else(|_| usage()))
            }
            "--filter" => o
                .filter
                .extend(val("--filter").split(',').map(str::to_owned)),
            "--timeout" => {
                o.timeout =
                    Duration::from_secs(val("--timeout").parse().unwrap_or_else(|_| usage()))
            }
            "--startup-runs" => {
                o.startup_runs = val("--startup-runs").parse().unwrap_or_else(|_| usage())
            }
            "--no-startup" => o.skip_startup = true,
            "--no-qemu" => o.qemu = false,
            "--no-build-qvm" => o.build_qvm = false,
            "--write" => o.write = true,
            "--compare" => o
                .compare
                .extend(val("--compare").split(',').map(PathBuf::from)),
            "-h" | "--help" => usage(),
            _ => {
                eprintln!("suite: unknown argument {a:?}");
                usage()
            }
        }
    }
    if o.runs == 0 {
        o.runs = 1;
    }
    if !o.compare.is_empty() && (o.compare.len() < 2 || o.write) {
        eprintln!("suite: --compare takes two or more qvm binaries and writes nothing");
        usage()
    }
    o
}

// ---------------------------------------------------------------------------
// Paths and dependencies

fn repo_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

const LIBDIR: &str = "/usr/lib/x86_64-linux-gnu";

/// (what must exist, Debian package that provides it, required?)
fn dependencies() -> Vec<(String, &'static str, bool)> {
    vec![
        ("/usr/bin/gcc".into(), "gcc", true),
        ("/usr/bin/musl-gcc".into(), "musl-tools", true),
        (format!("{LIBDIR}/liblua5.4.a"), "liblua5.4-dev", true),
        (format!("{LIBDIR}/libsqlite3.a"), "libsqlite3-dev", true),
        (format!("{LIBDIR}/libz.a"), "zlib1g-dev", true),
        (format!("{LIBDIR}/libzstd.a"), "libzstd-dev", true),
        (format!("{LIBDIR}/libbz2.a"), "libbz2-dev", true),
        (format!("{LIBDIR}/libcrypto.a"), "libssl-dev", true),
        ("/bin/busybox".into(), "busybox-static", true),
        ("/bin/bash-static".into(), "bash-static", true),
        ("/usr/bin/qemu-x86_64".into(), "qemu-user", false),
    ]
}

/// Installs missing Debian packages (when root), so a fresh machine works.
fn ensure_dependencies(want_qemu: bool) {
    let missing: Vec<&'static str> = dependencies()
        .into_iter()
        .filter(|(p, _, req)| (*req || want_qemu) && !Path::new(p).exists())
        .map(|(_, pkg, _)| pkg)
        .collect();
    if missing.is_empty() {
        return;
    }
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    if !root {
        eprintln!(
            "suite: missing packages {missing:?}; run as root or `apt-get install -y {}`",
            missing.join(" ")
        );
        return;
    }
    eprintln!("suite: installing {}", missing.join(" "));
    let _ = Command::new("apt-get").args(["update", "-qq"]).status();
    let st = Command::new("apt-get")
        .args(["install", "-y", "-qq", "--no-install-recommends"])
        .args(&missing)
        .env("DEBIAN_FRONTEND", "noninteractive")
        .status();
    if !matches!(st, Ok(s) if s.success()) {
        eprintln!("suite: apt-get install failed ({st:?}); continuing with what is there");
    }
}

// ---------------------------------------------------------------------------
// Building the corpus

#[derive(Clone, Copy, PartialEq, Eq)]
enum Libc {
    Glibc,
    Musl,
}

impl Libc {
    fn name(self) -> &'static str {
        match self {
            Libc::Glibc => "glibc",
            Libc::Musl => "musl",
        }
    }
    fn cc(self) -> &'static str {
        match self {
            Libc::Glibc => "gcc",
            Libc::Musl => "musl-gcc",
        }
    }
}

struct Build {
    out: &'static str,
    libc: Libc,
    src: &'static str,
    /// Extra flags and libraries after the source.
    extra: Vec<String>,
}

fn builds() -> Vec<Build> {
    let lib = |n: &str| format!("{LIBDIR}/{n}");
    let mut v = vec![
        Build {
            out: "hello-glibc",
            libc: Libc::Glibc,
            src: "hello.c",
            extra: vec![],
        },
        Build {
            out: "hello-musl",
            libc: Libc::Musl,
            src: "hello.c",
            extra: vec![],
        },
        Build {
            out: "lua-glibc",
            libc: Libc::Glibc,
            src: "lua_bench.c",
            extra: vec![
                "-I/usr/include/lua5.4".into(),
                lib("liblua5.4.a"),
                "-lm".into(),
                "-ldl".into(),
            ],
        },
        Build {
            out: "sqlite-glibc",
            libc: Libc::Glibc,
            src: "sqlite_bench.c",
            extra: vec![lib("libsqlite3.a"), "-lm".into()],
        },
        Build {
            out: "zlib-glibc",
            libc: Libc::Glibc,
            src: "zlib_bench.c",
            extra: vec![lib("libz.a")],
        },
        Build {
            out: "zstd-glibc",
            libc: Libc::Glibc,
            src: "zstd_bench.c",
            extra: vec![lib("libzstd.a")],
        },
        Build {
            out: "bzip2-glibc",
            libc: Libc::Glibc,
            src: "bzip2_bench.c",
            extra: vec![lib("libbz2.a")],
        },
        Build {
            out: "sha256-glibc",
            libc: Libc::Glibc,
            src: "sha256_bench.c",
            extra: vec![lib("libcrypto.a")],
        },
    ];
    for k in ["nbody", "fannkuch", "mandelbrot"] {
        for libc in [Libc::Glibc, Libc::Musl] {
            let out: &'static str = Box::leak(format!("{k}-{}", libc.name()).into_boxed_str());
            let src: &'static str = Box::leak(format!("{k}.c").into_boxed_str());
            v.push(Build {
                out,
                libc,
                src,
                extra: vec!["-lm".into()],
            });
        }
    }
    v
}

fn mtime(p: &Path) -> Option<SystemTime> {
    fs::metadata(p).and_then(|m| m.modified()).ok()
}

/// Compiles whatever is out of date; returns the names that failed.
fn build_corpus(root: &Path, corpus: &Path) -> Vec<String> {
    let wdir = root.join("benches/workloads");
    let bindir = corpus.join("bin");
    fs::create_dir_all(&bindir).expect("create target/bench-corpus/bin");
    let gen_h = mtime(&wdir.join("gen.h"));
    let mut failed = Vec::new();
    for b in builds() {
        let out = bindir.join(b.out);
        let src = wdir.join(b.src);
        let newest_src = mtime(&src).max(gen_h);
        if let (Some(o), Some(s)) = (mtime(&out), newest_src) {
            if o >= s {
                continue;
            }
        }
        eprintln!("suite: building {}", b.out);
        let res = Command::new(b.libc.cc())
            .args(["-O2", "-static", "-o"])
            .arg(&out)
            .arg(&src)
            .args(&b.extra)
            .stderr(Stdio::piped())
            .output();
        match res {
            Ok(o) if o.status.success() => {}
            Ok(o) => {
                let err = String::from_utf8_lossy(&o.stderr);
                let first = err
                    .lines()
                    .find(|l| l.contains("error"))
                    .unwrap_or("")
                    .to_owned();
                eprintln!("suite: building {} failed: {first}", b.out);
                let _ = fs::remove_file(&out);
                failed.push(b.out.to_owned());
            }
            Err(e) => {
                eprintln!(
                    "suite: building {} failed: {} not runnable: {e}",
                    b.out,
                    b.libc.cc()
                );
                failed.push(b.out.to_owned());
            }
        }
    }
    failed
}

/// Deterministic "log" text: `word number fraction` lines (xorshift64).
fn make_data(path: &Path, bytes: usize) {
    if fs::metadata(path)
        .map(|m| m.len() == bytes as u64)
        .unwrap_or(false)
    {
        return;
    }
    const WORDS: [&str; 12] = [
        "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india",
        "juliet", "kilo", "lima",
    ];
    let mut s: u64 = 0x2545_F491_4F6C_DD1D;
    let mut buf = String::with_capacity(bytes + 64);
    while buf.len() < bytes {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        let w = WORDS[usize::try_from(s % 12).unwrap_or(0)];
        let n = (s >> 8) % 1_000_000;
        let f = (s >> 32) % 1_000_000;
        let _ = writeln!(buf, "{w} {n} 0.{f:06}");
    }
    buf.truncate(bytes);
    fs::write(path, buf).expect("write benchmark data");
}

// ---------------------------------------------------------------------------
// Workloads

struct Workload {
    name: &'static str,
    libc: Libc,
    /// The program and its arguments (`argv[0]` is the program path).
    exe: PathBuf,
    args: Vec<String>,
    /// File fed on standard input.
    stdin: Option<PathBuf>,
    /// What it does, for BENCHMARKS.md.
    what: &'static str,
}

fn workloads(corpus: &Path) -> Vec<Workload> {
    let bin = |n: &str| corpus.join("bin").join(n);
    let data = |n: &str| Some(corpus.join("data").join(n));
    let s = |v: &[&str]| v.iter().map(|x| (*x).to_owned()).collect::<Vec<_>>();
    let mut v = vec![
        Workload {
            name: "lua",
            libc: Libc::Glibc,
            exe: bin("lua-glibc"),
            args: s(&["16"]),
            stdin: None,
            what: "Lua 5.4 (liblua5.4.a) script: recursive fib, table sort, string.format/gsub, math",
        },
        Workload {
            name: "sqlite",
            libc: Libc::Glibc,
            exe: bin("sqlite-glibc"),
            args: s(&["100000", "100000"]),
            stdin: None,
            what: "SQLite (libsqlite3.a) :memory: 100k inserts in a transaction, 100k indexed range queries, GROUP BY",
        },
        Workload {
            name: "zlib",
            libc: Libc::Glibc,
            exe: bin("zlib-glibc"),
            args: s(&["24"]),
            stdin: None,
            what: "zlib (libz.a) deflate -6 + inflate of 24 MiB generated text",
        },
        Workload {
            name: "zstd",
            libc: Libc::Glibc,
            exe: bin("zstd-glibc"),
            args: s(&["24"]),
            stdin: None,
            what: "zstd (libzstd.a) levels 3 and 9 + decompress of 24 MiB generated text",
        },
        Workload {
            name: "bzip2",
            libc: Libc::Glibc,
            exe: bin("bzip2-glibc"),
            args: s(&["8"]),
            stdin: None,
            what: "bzip2 (libbz2.a) -9 + decompress of 8 MiB generated text",
        },
        Workload {
            name: "sha256-openssl",
            libc: Libc::Glibc,
            exe: bin("sha256-glibc"),
            args: s(&["64", "6"]),
            stdin: None,
            what: "SHA-256 via OpenSSL libcrypto.a EVP, 6 × 64 MiB",
        },
        Workload {
            name: "busybox-sha256sum",
            libc: Libc::Glibc,
            exe: PathBuf::from("/bin/busybox"),
            args: s(&["sha256sum"]),
            stdin: data("text-160m.txt"),
            what: "busybox-static `sha256sum` of 160 MiB on stdin",
        },
        Workload {
            name: "busybox-gzip",
            libc: Libc::Glibc,
            exe: PathBuf::from("/bin/busybox"),
            args: s(&["gzip", "-c", "-6"]),
            stdin: data("text-16m.txt"),
            what: "busybox-static `gzip -c -6` of 16 MiB on stdin (compressed bytes compared)",
        },
        Workload {
            name: "busybox-awk",
            libc: Libc::Glibc,
            exe: PathBuf::from("/bin/busybox"),
            args: s(&[
                "awk",
                "{ c[$1]++; s[$1] += $2; t += $3 } END { for (k in c) printf \"%s %d %.0f\\n\", k, c[k], s[k]; printf \"%.4f\\n\", t }",
            ]),
            stdin: data("text-32m.txt"),
            what: "busybox-static `awk` group-by sums over 32 MiB on stdin",
        },
        Workload {
            name: "bash-loop",
            libc: Libc::Glibc,
            exe: PathBuf::from("/bin/bash-static"),
            args: s(&[
                "-c",
                "i=0; s=0; while ((i < 200000)); do s=$(( (s + i*i) % 1000003 )); i=$((i+1)); done; echo $s",
            ]),
            stdin: None,
            what: "bash-static arithmetic `while` loop, 200k iterations",
        },
    ];
    for libc in [Libc::Glibc, Libc::Musl] {
        let l = libc.name();
        v.push(Workload {
            name: "nbody",
            libc,
            exe: bin(&format!("nbody-{l}")),
            args: s(&["10000000"]),
            stdin: None,
            what: "n-body, 10M steps (double-precision SSE2, sqrt)",
        });
        v.push(Workload {
            name: "fannkuch",
            libc,
            exe: bin(&format!("fannkuch-{l}")),
            args: s(&["10", "4"]),
            stdin: None,
            what: "fannkuch-redux n=10, 4 times (integer, branches, small arrays)",
        });
        v.push(Workload {
            name: "mandelbrot",
            libc,
            exe: bin(&format!("mandelbrot-{l}")),
            args: s(&["4000"]),
            stdin: None,
            what: "mandelbrot 4000×4000, 50 iterations (scalar double)",
        });
    }
    v
}

// ---------------------------------------------------------------------------
// Running one process

#[derive(Clone, Debug, PartialEq, Eq)]
enum End {
    Exited(i32),
    Signaled(i32),
    Timeout,
    SpawnFailed(String),
}

impl std::fmt::Display for End {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            End::Exited(c) => write!(f, "exit {c}"),
            End::Signaled(s) => write!(f, "signal {s}"),
            End::Timeout => write!(f, "timeout"),
            End::SpawnFailed(e) => write!(f, "spawn failed: {e}"),
        }
    }
}

struct Sample {
    wall: f64,
    user: f64,
    sys: f64,
    end: End,
}

fn tv_secs(tv: libc::timeval) -> f64 {
    tv.tv_sec as f64 + tv.tv_usec as f64 * 1e-6
}

/// Runs `argv` with an empty environment, stdin from `stdin` (or /dev/null),
/// stdout into `out`, stderr into `err`; kills it after `timeout`. Wall time is
/// spawn to reap; CPU times are the child's rusage from wait4.
fn run_once(
    argv: &[OsString],
    stdin: Option<&Path>,
    out: &Path,
    err: &Path,
    timeout: Duration,
) -> Sample {
    let fail = |e: String| Sample {
        wall: 0.0,
        user: 0.0,
        sys: 0.0,
        end: End::SpawnFailed(e),
    };
    let Ok(out_f) = File::create(out) else {
        return fail(format!("cannot create {}", out.display()));
    };
    let Ok(err_f) = File::create(err) else {
        return fail(format!("cannot create {}", err.display()));
    };
    let stdin_io = match stdin {
        Some(p) => match File::open(p) {
            Ok(f) => Stdio::from(f),
            Err(e) => return fail(format!("{}: {e}", p.display())),
        },
        None => Stdio::null(),
    };
    // The watchdog exists before the clock starts.
    let (pid_tx, pid_rx) = mpsc::channel::<i32>();
    let (done_tx, done_rx) = mpsc::channel::<()>();
    let watchdog = std::thread::spawn(move || {
        let Ok(pid) = pid_rx.recv() else { return false };
        if let Err(mpsc::RecvTimeoutError::Timeout) = done_rx.recv_timeout(timeout) {
            // SAFETY: kill has no memory-safety preconditions; the child is not yet reaped.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            return true;
        }
        false
    });
    let start = Instant::now();
    let child = Command::new(&argv[0])
        .args(&argv[1..])
        .env_clear()
        .stdin(stdin_io)
        .stdout(out_f)
        .stderr(err_f)
        .spawn();
    let child = match child {
        Ok(c) => c,
        Err(e) => {
            drop(pid_tx);
            let _ = watchdog.join();
            return fail(format!("{}: {e}", argv[0].to_string_lossy()));
        }
    };
    let pid = i32::try_from(child.id()).unwrap_or(i32::MAX);
    let _ = pid_tx.send(pid);
    let mut status = 0i32;
    // SAFETY: an all-zero rusage is a valid value.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    let r = loop {
        // SAFETY: pid is our child; status and ru are valid for writes.
        let r = unsafe { libc::wait4(pid, &mut status, 0, &mut ru) };
        if r == -1 && std::io::Error::last_os_error().raw_os_error() == Some(libc::EINTR) {
            continue;
        }
        break r;
    };
    let wall = start.elapsed().as_secs_f64();
    let _ = done_tx.send(());
    let killed = watchdog.join().unwrap_or(false);
    drop(child);
    if r != pid {
        return fail(format!("wait4: {}", std::io::Error::last_os_error()));
    }
    let end = if killed {
        End::Timeout
    } else if libc::WIFEXITED(status) {
        End::Exited(libc::WEXITSTATUS(status))
    } else {
        End::Signaled(libc::WTERMSIG(status))
    };
    Sample {
        wall,
        user: tv_secs(ru.ru_utime),
        sys: tv_secs(ru.ru_stime),
        end,
    }
}

// ---------------------------------------------------------------------------
// Engines

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Engine {
    Native,
    Qvm,
    QvmNoGas,
    Qemu,
}

impl Engine {
    fn name(self) -> &'static str {
        match self {
            Engine::Native => "native",
            Engine::Qvm => "qvm",
            Engine::QvmNoGas => "qvm-nogas",
            Engine::Qemu => "qemu",
        }
    }
}

struct Engines {
    qvm: PathBuf,
    /// The CLI switch that turns metering off, if the CLI has one.
    no_gas_flag: Option<String>,
    /// When the measured binary was built, and from which tree.
    qvm_id: String,
    qemu: Option<PathBuf>,
}

impl Engines {
    fn argv(&self, e: Engine, exe: &Path, args: &[String]) -> Vec<OsString> {
        let mut v: Vec<OsString> = Vec::new();
        match e {
            Engine::Native => {}
            Engine::Qvm | Engine::QvmNoGas => {
                v.push(self.qvm.clone().into());
                v.push("run".into());
                v.push("--gas-limit".into());
                v.push(GAS_LIMIT.to_string().into());
                if e == Engine::QvmNoGas {
                    v.push(self.no_gas_flag.clone().unwrap_or_default().into());
                }
            }
            Engine::Qemu => v.push(self.qemu.clone().unwrap_or_default().into()),
        }
        v.push(exe.into());
        v.extend(args.iter().map(OsString::from));
        v
    }

    fn available(&self, e: Engine) -> bool {
        match e {
            Engine::Native | Engine::Qvm => true,
            Engine::QvmNoGas => self.no_gas_flag.is_some(),
            Engine::Qemu => self.qemu.is_some(),
        }
    }
}

fn find_no_gas_flag(qvm: &Path) -> Option<String> {
    let out = Command::new(qvm).args(["run", "--help"]).output().ok()?;
    let help = String::from_utf8_lossy(&out.stdout);
    ["--no-gas", "--no-metering", "--unmetered"]
        .iter()
        .find(|f| help.contains(*f))
        .map(|f| (*f).to_owned())
}

// ---------------------------------------------------------------------------
// Measuring a workload

#[derive(Default)]
struct Column {
    walls: Vec<f64>,
    users: Vec<f64>,
    /// Why the engine's result is not a number (first failure).
    failure: Option<String>,
    ran: bool,
}

impl Column {
    fn wall(&self) -> Option<f64> {
        (self.failure.is_none() && !self.walls.is_empty()).then(|| median(&self.walls))
    }
    fn user(&self) -> Option<f64> {
        (self.failure.is_none() && !self.users.is_empty()).then(|| median(&self.users))
    }
}

fn median(v: &[f64]) -> f64 {
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    let n = s.len();
    if n % 2 == 1 {
        s[n / 2]
    } else {
        (s[n / 2 - 1] + s[n / 2]) / 2.0
    }
}

fn geomean(v: &[f64]) -> Option<f64> {
    (!v.is_empty()).then(|| (v.iter().map(|x| x.ln()).sum::<f64>() / v.len() as f64).exp())
}

/// Describes the first difference between two outputs.
fn first_difference(want: &[u8], got: &[u8]) -> String {
    let i = want
        .iter()
        .zip(got)
        .position(|(a, b)| a != b)
        .unwrap_or(want.len().min(got.len()));
    let line = want[..i].iter().filter(|&&b| b == b'\n').count() + 1;
    let excerpt = |b: &[u8]| {
        let s = b[i.saturating_sub(20)..b.len().min(i + 40)].to_vec();
        format!("{:?}", String::from_utf8_lossy(&s))
    };
    format!(
        "stdout differs at byte {i} (line {line}; native {} bytes, got {} bytes): native {} vs {}",
        want.len(),
        got.len(),
        excerpt(want),
        excerpt(got)
    )
}

struct Row {
    w: Workload,
    cols: Vec<(Engine, Column)>,
    repro: Vec<String>,
}

impl Row {
    fn col(&self, e: Engine) -> Option<&Column> {
        self.cols.iter().find(|(x, _)| *x == e).map(|(_, c)| c)
    }
}

fn shell_quote(s: &str) -> String {
    if !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./=,:".contains(&b))
    {
        s.to_owned()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

fn command_line(argv: &[OsString], stdin: Option<&Path>) -> String {
    let mut s = argv
        .iter()
        .map(|a| shell_quote(&a.to_string_lossy()))
        .collect::<Vec<_>>()
        .join(" ");
    if let Some(p) = stdin {
        let _ = write!(s, " < {}", shell_quote(&p.to_string_lossy()));
    }
    s
}

fn measure(w: Workload, engines: &Engines, order: &[Engine], opts: &Opts, tmp: &Path) -> Row {
    let mut cols: Vec<(Engine, Column)> = order.iter().map(|e| (*e, Column::default())).collect();
    let mut reference: Option<(Vec<u8>, End)> = None;
    let mut repro = Vec::new();
    let tag = format!("{}-{}", w.name, w.libc.name());
    for run in 0..opts.runs {
        for (e, col) in cols.iter_mut() {
            if col.failure.is_some() || (*e != Engine::Native && reference.is_none()) {
                continue;
            }
            if *e == Engine::Qemu && run >= opts.qemu_runs.unwrap_or(opts.runs).max(1) {
                continue;
            }
            let argv = engines.argv(*e, &w.exe, &w.args);
            let out = tmp.join(format!("{tag}.{}.out", e.name()));
            let err = tmp.join(format!("{tag}.{}.err", e.name()));
            let s = run_once(&argv, w.stdin.as_deref(), &out, &err, opts.timeout);
            col.ran = true;
            let stdout = fs::read(&out).unwrap_or_default();
            let verdict = match (&s.end, &reference) {
                (End::Timeout, _) => Err(format!("TIMEOUT (> {} s)", opts.timeout.as_secs())),
                (End::SpawnFailed(m), _) => Err(format!("could not run: {m}")),
                (_, None) => {
                    // The native reference run.
                    if s.end != End::Exited(0) {
                        Err(format!("native run ended with {}", s.end))
                    } else {
                        reference = Some((stdout.clone(), s.end.clone()));
                        Ok(())
                    }
                }
                (end, Some((want, want_end))) => {
                    if end != want_end {
                        let stderr = fs::read(&err).unwrap_or_default();
                        let first = String::from_utf8_lossy(&stderr)
                            .lines()
                            .next()
                            .unwrap_or("")
                            .to_owned();
                        Err(format!(
                            "ended with {end} (native: {want_end}); stderr: {first:?}"
                        ))
                    } else if &stdout != want {
                        Err(first_difference(want, &stdout))
                    } else {
                        Ok(())
                    }
                }
            };
            match verdict {
                Ok(()) => {
                    col.walls.push(s.wall);
                    col.users.push(s.user);
                    let _ = s.sys;
                    eprintln!(
                        "  {tag:<24} {:<9} run {}: {:8.3} s wall {:8.3} s user",
                        e.name(),
                        run + 1,
                        s.wall,
                        s.user
                    );
                }
                Err(why) => {
                    eprintln!("  {tag:<24} {:<9} run {}: FAILED: {why}", e.name(), run + 1);
                    repro.push(format!(
                        "{} ({}): {why}\n    repro: {}",
                        tag,
                        e.name(),
                        command_line(&argv, w.stdin.as_deref())
                    ));
                    col.failure = Some(if why.starts_with("TIMEOUT") {
                        "TIMEOUT".into()
                    } else {
                        "FAILED".into()
                    });
                }
            }
            let _ = fs::remove_file(&out);
        }
    }
    Row { w, cols, repro }
}

// ---------------------------------------------------------------------------
// Startup latency

struct Startup {
    libc: Libc,
    native_ms: Option<f64>,
    qvm_ms: Option<f64>,
    qvm_nogas_ms: Option<f64>,
    qemu_ms: Option<f64>,
    failure: Option<String>,
}

fn startup(engines: &Engines, corpus: &Path, tmp: &Path, runs: usize) -> Vec<Startup> {
    let mut res = Vec::new();
    for libc in [Libc::Musl, Libc::Glibc] {
        let exe = corpus.join("bin").join(format!("hello-{}", libc.name()));
        let mut st = Startup {
            libc,
            native_ms: None,
            qvm_ms: None,
            qvm_nogas_ms: None,
            qemu_ms: None,
            failure: None,
        };
        for e in [Engine::Native, Engine::Qvm, Engine::QvmNoGas, Engine::Qemu] {
            if !engines.available(e) {
                continue;
            }
            let argv = engines.argv(e, &exe, &[]);
            let out = tmp.join("hello.out");
            let err = tmp.join("hello.err");
            let mut walls = Vec::new();
            for _ in 0..runs {
                let s = run_once(&argv, None, &out, &err, Duration::from_secs(30));
                let ok = s.end == End::Exited(0)
                    && fs::read(&out)
                        .map(|o| o == b"hello, world\n")
                        .unwrap_or(false);
                if !ok {
                    st.failure = Some(format!(
                        "{} {}: {} — repro: {}",
                        libc.name(),
                        e.name(),
                        s.end,
                        command_line(&argv, None)
                    ));
                    walls.clear();
                    break;
                }
                walls.push(s.wall * 1e3);
            }
            let m = (!walls.is_empty()).then(|| median(&walls));
            match e {
                Engine::Native => st.native_ms = m,
                Engine::Qvm => st.qvm_ms = m,
                Engine::QvmNoGas => st.qvm_nogas_ms = m,
                Engine::Qemu => st.qemu_ms = m,
            }
        }
        res.push(st);
    }
    res
}

// ---------------------------------------------------------------------------
// Reporting

fn fmt_s(v: Option<f64>) -> String {
    v.map(|x| format!("{x:.3}")).unwrap_or_else(|| "—".into())
}

fn fmt_ratio(v: Option<f64>) -> String {
    v.map(|x| format!("{x:.2}×")).unwrap_or_else(|| "—".into())
}

fn ratio(c: Option<&Column>, native: &Column, user: bool) -> Option<f64> {
    let c = c?;
    if user {
        Some(c.user()? / native.user()?.max(1e-3))
    } else {
        Some(c.wall()? / native.wall()?)
    }
}

/// "wall / user" ratio cell, or the failure, or n/a.
fn ratio_cell(row: &Row, e: Engine, available: bool) -> String {
    if !available {
        return "n/a".into();
    }
    let Some(native) = row.col(Engine::Native) else {
        return "—".into();
    };
    let Some(c) = row.col(e) else {
        return "n/a".into();
    };
    if let Some(f) = &c.failure {
        return f.clone();
    }
    if !c.ran {
        return "—".into();
    }
    format!(
        "{} / {}",
        fmt_ratio(ratio(Some(c), native, false)),
        fmt_ratio(ratio(Some(c), native, true))
    )
}

fn machine_description() -> String {
    let cpuinfo = fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split(':').nth(1))
        .map(|s| s.trim().to_owned())
        .unwrap_or_else(|| "unknown CPU".into());
    let mhz = cpuinfo
        .lines()
        .find(|l| l.starts_with("cpu MHz"))
        .and_then(|l| l.split(':').nth(1))
        .map(|s| format!(", {} MHz", s.trim()))
        .unwrap_or_default();
    let nproc = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let mem = fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines().next().map(|l| {
                l.split_whitespace()
                    .nth(1)
                    .unwrap_or("0")
                    .parse::<u64>()
                    .unwrap_or(0)
            })
        })
        .map(|kb| format!(", {:.0} GiB RAM", kb as f64 / 1048576.0))
        .unwrap_or_default();
    let kernel = fs::read_to_string("/proc/sys/kernel/osrelease")
        .map(|s| s.trim().to_owned())
        .unwrap_or_default();
    format!("{nproc} CPUs ({model}{mhz}){mem}, Linux {kernel}")
}

fn loadavg() -> String {
    fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

fn today() -> String {
    Command::new("date")
        .args(["-u", "+%Y-%m-%d %H:%M UTC"])
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default()
}

fn tool_version(cmd: &str, args: &[&str]) -> String {
    Command::new(cmd)
        .args(args)
        .output()
        .ok()
        .and_then(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .next()
                .map(str::to_owned)
        })
        .unwrap_or_else(|| "not installed".into())
}

struct Report<'a> {
    rows: &'a [Row],
    startup: &'a [Startup],
    engines: &'a Engines,
    opts: &'a Opts,
    command: String,
    load_before: String,
    load_after: String,
    started: String,
    elapsed: Duration,
}

fn render(r: &Report<'_>) -> String {
    let e = r.engines;
    let mut s = String::new();
    let _ = writeln!(s, "| workload | libc | native s (wall / user) | qvm s (wall / user) | qvm ratio wall | qvm ratio user | qvm no-gas ratio (wall / user) | qemu ratio (wall / user) | output |");
    let _ = writeln!(s, "|---|---|---:|---:|---:|---:|---:|---:|---|");
    let mut gm: [Vec<f64>; 6] = Default::default();
    for row in r.rows {
        let Some(native) = row.col(Engine::Native) else {
            continue;
        };
        let qvm = row.col(Engine::Qvm);
        let output = if let Some(f) = &native.failure {
            format!("native {f}")
        } else {
            let fails: Vec<String> = row
                .cols
                .iter()
                .filter(|(_, c)| c.failure.is_some())
                .map(|(en, c)| format!("{} {}", en.name(), c.failure.clone().unwrap_or_default()))
                .collect();
            if fails.is_empty() {
                "ok".into()
            } else {
                fails.join(", ")
            }
        };
        let qvm_cell = match qvm {
            Some(c) if c.failure.is_some() => c.failure.clone().unwrap_or_default(),
            Some(c) => format!("{} / {}", fmt_s(c.wall()), fmt_s(c.user())),
            None => "—".into(),
        };
        let rw = ratio(qvm, native, false);
        let ru = ratio(qvm, native, true);
        let (fw, fu) = match qvm {
            Some(c) if c.failure.is_some() => (
                c.failure.clone().unwrap_or_default(),
                c.failure.clone().unwrap_or_default(),
            ),
            _ => (fmt_ratio(rw), fmt_ratio(ru)),
        };
        for (i, (en, user)) in [
            (Engine::Qvm, false),
            (Engine::Qvm, true),
            (Engine::QvmNoGas, false),
            (Engine::QvmNoGas, true),
            (Engine::Qemu, false),
            (Engine::Qemu, true),
        ]
        .iter()
        .enumerate()
        {
            if let Some(x) = ratio(row.col(*en), native, *user) {
                gm[i].push(x);
            }
        }
        let _ = writeln!(
            s,
            "| {} | {} | {} / {} | {} | {} | {} | {} | {} | {} |",
            row.w.name,
            row.w.libc.name(),
            fmt_s(native.wall()),
            fmt_s(native.user()),
            qvm_cell,
            fw,
            fu,
            ratio_cell(row, Engine::QvmNoGas, e.available(Engine::QvmNoGas)),
            ratio_cell(row, Engine::Qemu, e.available(Engine::Qemu)),
            output
        );
    }
    let g = |i: usize| match geomean(&gm[i]) {
        Some(x) => format!("{x:.2}× (n={})", gm[i].len()),
        None => "—".into(),
    };
    let nogas = if e.available(Engine::QvmNoGas) {
        format!("{} / {}", g(2), g(3))
    } else {
        "n/a".into()
    };
    let qemu = if e.available(Engine::Qemu) {
        format!("{} / {}", g(4), g(5))
    } else {
        "n/a".into()
    };
    let _ = writeln!(
        s,
        "| **geometric mean** | | | | **{}** | **{}** | {} | {} | |",
        g(0),
        g(1),
        nogas,
        qemu
    );
    s
}

fn render_startup(st: &[Startup], runs: usize) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "| hello world | native fork+exec ms | qvm run ms | qvm goal | qvm no-gas ms | qemu-x86_64 ms |");
    let _ = writeln!(s, "|---|---:|---:|---:|---:|---:|");
    for x in st {
        let ms = |v: Option<f64>| v.map(|m| format!("{m:.2}")).unwrap_or_else(|| "—".into());
        let goal = match x.libc {
            Libc::Musl => "≤ 1 ms",
            Libc::Glibc => "≤ 2 ms",
        };
        let _ = writeln!(
            s,
            "| {} (static) | {} | {} | {goal} | {} | {} |",
            x.libc.name(),
            ms(x.native_ms),
            ms(x.qvm_ms),
            ms(x.qvm_nogas_ms),
            ms(x.qemu_ms)
        );
    }
    let _ = writeln!(
        s,
        "\nMedian wall time of {runs} runs each, process start (spawn) to reap, output checked."
    );
    for x in st {
        if let Some(f) = &x.failure {
            let _ = writeln!(s, "\nFAILED: {f}");
        }
    }
    s
}

fn render_markdown(r: &Report<'_>) -> String {
    let mut s = String::new();
    let e = r.engines;
    let _ = writeln!(s, "# qvm benchmarks\n");
    let _ = writeln!(
        s,
        "Written by the whole-program suite in `benches/` (issue 5). Regenerate with:\n\n```sh\n{}\n```\n",
        r.command
    );
    let _ = writeln!(
        s,
        "- date: {} (suite took {:.0} s)",
        r.started,
        r.elapsed.as_secs_f64()
    );
    let _ = writeln!(s, "- machine: {}", machine_description());
    let _ = writeln!(
        s,
        "- load average (1/5/15 min) before: {}, after: {} — this machine is shared, so wall times are noisy; \
         the ratio of the child's **user CPU time** (getrusage via wait4) is the steadier number",
        r.load_before, r.load_after
    );
    let _ = writeln!(
        s,
        "- runs: median of {} runs per engine and workload ({} under qemu), interleaved (native, qvm, …, native, qvm, …); per-run timeout {} s",
        r.opts.runs,
        r.opts.qemu_runs.unwrap_or(r.opts.runs),
        r.opts.timeout.as_secs()
    );
    let _ = writeln!(
        s,
        "- qvm: `target/release/qvm run --gas-limit {GAS_LIMIT} <ELF> …`, measured from a copy in `target/bench-corpus/bin/qvm` ({})",
        e.qvm_id
    );
    match &e.no_gas_flag {
        Some(f) => {
            let _ = writeln!(s, "- qvm no-gas: `qvm run {f} …`");
        }
        None => {
            let _ = writeln!(s, "- qvm no-gas: **n/a** — `qvm run` has no switch to turn metering off yet (the suite looks for `--no-gas`/`--no-metering` in `qvm run --help` and uses it once it exists)");
        }
    }
    let _ = writeln!(
        s,
        "- qemu: {}",
        if e.qemu.is_some() {
            tool_version("qemu-x86_64", &["--version"])
        } else {
            "not installed (n/a)".into()
        }
    );
    let _ = writeln!(
        s,
        "- compilers: {}; musl-gcc (musl {})",
        tool_version("gcc", &["--version"]),
        musl_version()
    );
    let _ = writeln!(s);
    let _ = writeln!(s, "## Whole programs\n");
    let _ = writeln!(s, "Ratios are engine time ÷ native time (lower is better; 1.00× = native speed). Every run's stdout and exit status are compared byte for byte with the native run's; a difference, a crash or a timeout replaces the number with FAILED/TIMEOUT.\n");
    s.push_str(&render(r));
    let fails: Vec<&String> = r.rows.iter().flat_map(|row| row.repro.iter()).collect();
    if !fails.is_empty() {
        let _ = writeln!(s, "\n### Failures\n\n```text");
        for f in fails {
            let _ = writeln!(s, "{f}");
        }
        let _ = writeln!(s, "```");
    }
    if !r.startup.is_empty() {
        let _ = writeln!(s, "\n## Startup (issue 5, goal 4)\n");
        s.push_str(&render_startup(r.startup, r.opts.startup_runs));
    }
    let _ = writeln!(s, "\n## Workloads\n");
    let _ = writeln!(s, "| workload | libc | program | what it does |");
    let _ = writeln!(s, "|---|---|---|---|");
    let mut seen = std::collections::HashSet::new();
    for row in r.rows {
        if seen.insert((row.w.name, row.w.libc.name())) {
            let prog = row
                .w
                .exe
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default();
            let _ = writeln!(
                s,
                "| {} | {} | `{prog}` | {} |",
                row.w.name,
                row.w.libc.name(),
                row.w.what
            );
        }
    }
    s.push_str(NOTES);
    // The micro-benchmark section is filled by hand from `cargo bench` (criterion
    // keeps its own reports in target/criterion); keep what is there.
    let kept = fs::read_to_string(repo_root().join("BENCHMARKS.md"))
        .ok()
        .and_then(|old| old.find(MICRO_HEADING).map(|i| old[i..].to_owned()));
    s.push('\n');
    s.push_str(kept.as_deref().unwrap_or(MICRO_DEFAULT));
    s
}

const MICRO_HEADING: &str = "## Micro-benchmarks";

const MICRO_DEFAULT: &str = "## Micro-benchmarks\n\n`cargo bench -p qvm-benches --bench micro` (criterion; see benches/benches/micro.rs).\n";

/// When the measured qvm binary was built, and the source tree's commit.
fn qvm_identity(qvm: &Path) -> String {
    let built = Command::new("date")
        .arg("-u")
        .arg("+%Y-%m-%d %H:%M UTC")
        .arg("-r")
        .arg(qvm)
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    let commit = Command::new("git")
        .args(["describe", "--always", "--dirty"])
        .current_dir(repo_root())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_else(|| "?".into());
    format!("binary built {built}; source tree {commit}")
}

fn musl_version() -> String {
    // `musl-gcc` has no --version of its own; the loader prints it.
    let out = Command::new("/usr/lib/x86_64-linux-musl/libc.so")
        .output()
        .ok();
    out.and_then(|o| {
        String::from_utf8_lossy(&o.stderr)
            .lines()
            .find(|l| l.starts_with("Version"))
            .map(|l| l.trim_start_matches("Version").trim().to_owned())
    })
    .unwrap_or_else(|| "?".into())
}

const NOTES: &str = r#"
## Notes

- **How it works.** `cargo run --release -p qvm-benches --bin suite` installs what is missing
  (as root: `apt-get update` then `apt-get install -y gcc musl-tools liblua5.4-dev libsqlite3-dev
  zlib1g-dev libzstd-dev libbz2-dev libssl-dev busybox-static bash-static qemu-user`), builds
  `target/release/qvm` (`cargo build --release --bin qvm`), compiles the workloads in
  `benches/workloads/` with `-O2 -static` into `target/bench-corpus/bin/`, generates the input text
  in `target/bench-corpus/data/`, then measures. Options: `--runs N` (default 5), `--qemu-runs N` (default: the same), `--filter
  NAME[,NAME]` (substring of `name-libc`), `--timeout SECS` (per run, default 120), `--startup-runs N`
  (default 50), `--no-startup`, `--no-qemu`, `--no-build-qvm`, `--write` (this file).
- **Comparing builds.** `suite --compare QVM_A,QVM_B[,…]` runs the workloads (and, unless
  filtered out, the hello start-ups) under each given qvm binary in turn, round by round, checks
  every output against a native run, and prints each binary's medians and the median over rounds
  of the ratio of adjacent runs to the first binary, with their geometric mean. On this noisy
  machine the paired ratio is the number to trust; the A/B figures quoted below come from runs
  of this kind. Copy the binaries out of `target/` first (`cp target/release/qvm /tmp/qvm-a`).
- **Environment.** Every engine runs the program with an empty environment (qvm's guest
  environment is empty unless `--env` is given), stdin from the input file or /dev/null, stdout to
  a file. Wall time is spawn to reap; user time is the child's `ru_utime` from `wait4`.
- **musl.** Debian ships the libraries (liblua5.4.a, libsqlite3.a, libz.a, libzstd.a, libbz2.a,
  libcrypto.a) built against glibc only; `musl-gcc` cannot link them, and the suite fetches no
  sources from outside the package registries. So the musl rows are the self-contained classic
  kernels (nbody, fannkuch, mandelbrot) and the musl hello world; the library workloads, busybox
  and bash are glibc (Debian's busybox-static and bash-static are glibc static builds).
- **No-gas column.** `qvm run --no-metering` (benchmarking only: no gas semantics); the ratio of
  the two geometric means is what metering costs. The micro-benchmarks (`cargo bench -p
  qvm-benches --bench micro`) measure it on translated loops directly
  (`TranslatorConfig { metering: false }`).
- **Sizes.** Each workload runs 0.5–3 s natively on the machine above; the arguments are in
  `benches/src/bin/suite.rs` (`workloads()`).
"#;

// ---------------------------------------------------------------------------

fn main() {
    let opts = parse_opts();
    let root = repo_root();
    let corpus = root.join("target/bench-corpus");
    let tmp = corpus.join("runs");
    fs::create_dir_all(&tmp).expect("create target/bench-corpus/runs");
    fs::create_dir_all(corpus.join("data")).expect("create target/bench-corpus/data");
    let started_at = Instant::now();
    let started = today();

    if !opts.compare.is_empty() {
        ensure_dependencies(false);
        for q in &opts.compare {
            if !q.exists() {
                eprintln!("suite: {} does not exist", q.display());
                std::process::exit(1);
            }
        }
        build_corpus(&root, &corpus);
        make_data(&corpus.join("data/text-16m.txt"), 16 << 20);
        make_data(&corpus.join("data/text-32m.txt"), 32 << 20);
        make_data(&corpus.join("data/text-160m.txt"), 160 << 20);
        compare::compare(&opts.compare, &corpus, &tmp, &opts);
        return;
    }
    ensure_dependencies(opts.qemu);
    if opts.build_qvm {
        eprintln!("suite: cargo build --release --bin qvm");
        let st = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
            .args(["build", "--release", "--bin", "qvm"])
            .current_dir(&root)
            .status();
        if !matches!(st, Ok(s) if s.success()) {
            eprintln!(
                "suite: building qvm failed; using the existing target/release/qvm if there is one"
            );
        }
    }
    let qvm = root.join("target/release/qvm");
    if !qvm.exists() {
        eprintln!(
            "suite: {} does not exist (run `cargo build --release`)",
            qvm.display()
        );
        std::process::exit(1);
    }
    let qvm_id = qvm_identity(&qvm);
    // Measure a snapshot: others may rebuild target/release/qvm while the suite runs.
    let snapshot = corpus.join("bin/qvm");
    let _ = fs::remove_file(&snapshot);
    let qvm = match fs::copy(&qvm, &snapshot) {
        Ok(_) => snapshot,
        Err(e) => {
            eprintln!(
                "suite: cannot snapshot {} ({e}); measuring it in place",
                qvm.display()
            );
            qvm
        }
    };
    let build_failures = build_corpus(&root, &corpus);
    make_data(&corpus.join("data/text-16m.txt"), 16 << 20);
    make_data(&corpus.join("data/text-32m.txt"), 32 << 20);
    make_data(&corpus.join("data/text-160m.txt"), 160 << 20);

    let qemu = ["/usr/bin/qemu-x86_64", "/usr/bin/qemu-x86_64-static"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists());
    let engines = Engines {
        no_gas_flag: find_no_gas_flag(&qvm),
        qvm,
        qvm_id,
        qemu: if opts.qemu { qemu } else { None },
    };
    let order: Vec<Engine> = [Engine::Native, Engine::Qvm, Engine::QvmNoGas, Engine::Qemu]
        .into_iter()
        .filter(|e| engines.available(*e))
        .collect();
    eprintln!(
        "suite: engines: {}{}",
        order
            .iter()
            .map(|e| e.name())
            .collect::<Vec<_>>()
            .join(", "),
        if engines.no_gas_flag.is_none() {
            " (qvm has no metering-off switch: no-gas column n/a)"
        } else {
            ""
        }
    );

    let load_before = loadavg();
    let mut rows = Vec::new();
    for w in workloads(&corpus) {
        let tag = format!("{}-{}", w.name, w.libc.name());
        if !opts.filter.is_empty() && !opts.filter.iter().any(|f| tag.contains(f.as_str())) {
            continue;
        }
        let exe_name = w
            .exe
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        if build_failures.contains(&exe_name) || !w.exe.exists() {
            eprintln!(
                "suite: {tag}: {} missing; the row will fail",
                w.exe.display()
            );
        }
        eprintln!("suite: {tag} (load {})", loadavg());
        rows.push(measure(w, &engines, &order, &opts, &tmp));
    }
    let startup = if opts.skip_startup
        || !opts.filter.is_empty() && !opts.filter.iter().any(|f| "hello".contains(f.as_str()))
    {
        Vec::new()
    } else {
        eprintln!("suite: startup (hello world × {})", opts.startup_runs);
        startup(&engines, &corpus, &tmp, opts.startup_runs)
    };
    let load_after = loadavg();

    let mut command = String::from("cargo run --release -p qvm-benches --bin suite --");
    for a in std::env::args().skip(1) {
        command.push(' ');
        command.push_str(&shell_quote(&a));
    }
    let report = Report {
        rows: &rows,
        startup: &startup,
        engines: &engines,
        opts: &opts,
        command,
        load_before,
        load_after,
        started,
        elapsed: started_at.elapsed(),
    };
    println!();
    print!("{}", render(&report));
    if !startup.is_empty() {
        println!();
        print!("{}", render_startup(&startup, opts.startup_runs));
    }
    for row in &rows {
        for f in &row.repro {
            println!("FAILED {f}");
        }
    }
    if opts.write {
        let path = root.join("BENCHMARKS.md");
        let md = render_markdown(&report);
        match File::create(&path).and_then(|mut f| f.write_all(md.as_bytes())) {
            Ok(()) => eprintln!("suite: wrote {}", path.display()),
            Err(e) => {
                eprintln!("suite: writing {}: {e}", path.display());
                std::process::exit(1);
            }
        }
    }
}
