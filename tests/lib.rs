//! Test support for qvm's integration tests.
//!
//! The rule of this suite is **test against reality**: every guest program is built
//! from source at test time, run natively, and run under qvm with the same argv,
//! environment and stdin; qvm must reproduce the native stdout, stderr and exit status
//! byte for byte. No expected value is ever taken from qvm's own output.
//!
//! * Builds are cached under `<target>/qvm-corpus/<hash>/`, keyed by the tool, its
//!   version, the flags and the source bytes; artifacts are written to a temporary
//!   name and renamed into place, so parallel test threads and processes are safe.
//! * The qvm binary is `$QVM_BIN`, or `<workspace>/target/release/qvm`, built once with
//!   `cargo build --release -p qvm-cli` when missing.
//! * `QVM_TESTS_NATIVE_ONLY=1` runs only the native half (builds, native runs, the
//!   native expectations and native determinism): a self-check of the harness and the
//!   corpus that needs no engine.
//! * A missing toolchain (musl-gcc, nasm, g++, busybox, bash-static) makes a test print
//!   `SKIP: …` and return.

#![warn(missing_docs)]

use std::ffi::OsString;
use std::fmt::Write as _;
use std::io::{Read, Write};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------------
// Paths
// ---------------------------------------------------------------------------------

/// The `tests/` directory (this crate).
pub fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    crate_dir()
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// Cargo's target directory (`$CARGO_TARGET_DIR` or `<workspace>/target`).
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(d) if !d.is_empty() => {
            let p = PathBuf::from(d);
            if p.is_absolute() {
                p
            } else {
                workspace_root().join(p)
            }
        }
        _ => workspace_root().join("target"),
    }
}

/// Where built guests and scratch files live.
pub fn corpus_dir() -> PathBuf {
    target_dir().join("qvm-corpus")
}

/// A guest source file under `tests/guests/`.
pub fn guest_source(rel: &str) -> PathBuf {
    crate_dir().join("guests").join(rel)
}

/// A name unique to this process and call (for scratch files and /tmp dirs).
pub fn unique_name(prefix: &str) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!("{prefix}-{}-{n}-{nanos:08x}", std::process::id())
}

/// A scratch file under the corpus directory, removed when dropped.
#[derive(Debug)]
pub struct ScratchFile(PathBuf);

impl ScratchFile {
    /// Its absolute path.
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for ScratchFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Writes `bytes` (mode 0755) to a fresh scratch file under the corpus directory.
pub fn scratch_file(prefix: &str, bytes: &[u8]) -> ScratchFile {
    use std::os::unix::fs::PermissionsExt;
    let dir = corpus_dir().join("scratch");
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    let path = dir.join(unique_name(prefix));
    std::fs::write(&path, bytes).expect("write scratch file");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))
        .expect("chmod scratch file");
    ScratchFile(path)
}

// ---------------------------------------------------------------------------------
// Toolchains
// ---------------------------------------------------------------------------------

/// Finds an executable in `$PATH` (or checks an absolute path).
pub fn find_tool(name: &str) -> Option<PathBuf> {
    let p = Path::new(name);
    if p.is_absolute() {
        return is_executable(p).then(|| p.to_path_buf());
    }
    let path = std::env::var_os("PATH").unwrap_or_else(|| "/usr/bin:/bin".into());
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|c| is_executable(c))
}

fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p)
        .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        .unwrap_or(false)
}

/// Prints the standard skip message.
pub fn skip(test: &str, why: &str) {
    eprintln!("SKIP: {test}: {why}");
    println!("SKIP: {test}: {why}");
}

/// Returns the tool's path, or prints a skip message naming the apt package and returns
/// `None`.
pub fn require_tool(test: &str, name: &str, apt_package: &str) -> Option<PathBuf> {
    let found = find_tool(name);
    if found.is_none() {
        skip(
            test,
            &format!("`{name}` not found (apt package {apt_package})"),
        );
    }
    found
}

/// `/bin/busybox` (Debian busybox-static), or a skip.
pub fn busybox(test: &str) -> Option<PathBuf> {
    let p = Path::new("/bin/busybox");
    if !is_executable(p) {
        skip(test, "/bin/busybox not found (apt package busybox-static)");
        return None;
    }
    if !is_static_elf(p) {
        skip(
            test,
            "/bin/busybox is not statically linked (install busybox-static)",
        );
        return None;
    }
    Some(p.to_path_buf())
}

/// `/bin/bash-static` (Debian bash-static), or a skip.
pub fn bash_static(test: &str) -> Option<PathBuf> {
    let p = Path::new("/bin/bash-static");
    if !is_executable(p) {
        skip(test, "/bin/bash-static not found (apt package bash-static)");
        return None;
    }
    Some(p.to_path_buf())
}

/// Whether an ELF file has no PT_INTERP program header (a static executable).
pub fn is_static_elf(p: &Path) -> bool {
    let Ok(bytes) = std::fs::read(p) else {
        return false;
    };
    if bytes.len() < 64 || &bytes[..4] != b"\x7fELF" || bytes[4] != 2 {
        return false;
    }
    let phoff = u64::from_le_bytes(bytes[32..40].try_into().unwrap()) as usize;
    let phentsize = u16::from_le_bytes(bytes[54..56].try_into().unwrap()) as usize;
    let phnum = u16::from_le_bytes(bytes[56..58].try_into().unwrap()) as usize;
    (0..phnum).all(|i| {
        let off = phoff + i * phentsize;
        bytes
            .get(off..off + 4)
            .map(|t| u32::from_le_bytes(t.try_into().unwrap()) != 3)
            .unwrap_or(true)
    })
}

fn tool_identity(tool: &Path) -> String {
    static CACHE: OnceLock<Mutex<Vec<(PathBuf, String)>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(Vec::new()));
    if let Some((_, id)) = cache.lock().unwrap().iter().find(|(p, _)| p == tool) {
        return id.clone();
    }
    let flag = if tool.file_name().is_some_and(|n| n == "nasm") {
        "-v"
    } else {
        "--version"
    };
    let id = Command::new(tool)
        .arg(flag)
        .output()
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .next()
                .unwrap_or("")
                .to_string()
        })
        .unwrap_or_default();
    let id = format!("{} {id}", tool.display());
    cache.lock().unwrap().push((tool.to_path_buf(), id.clone()));
    id
}

// ---------------------------------------------------------------------------------
// Build cache
// ---------------------------------------------------------------------------------

/// FNV-1a, 128 bits from two differently seeded 64-bit lanes (a cache key, not crypto).
fn hash_hex(parts: &[&[u8]]) -> String {
    let mut a: u64 = 0xcbf2_9ce4_8422_2325;
    let mut b: u64 = 0x6c62_272e_07bb_0142;
    for part in parts {
        for &byte in part.iter().chain((part.len() as u64).to_le_bytes().iter()) {
            a = (a ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
            b = (b ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3 ^ 0x10);
        }
    }
    format!("{a:016x}{b:016x}")
}

/// Builds (or finds in the cache) one artifact. `key` identifies the build (tools,
/// flags, sources); `make` receives the temporary output path and must produce it.
fn build_cached(
    key: &[&[u8]],
    stem: &str,
    make: impl FnOnce(&Path) -> Result<(), String>,
) -> PathBuf {
    let dir = corpus_dir().join(hash_hex(key));
    let out = dir.join(stem);
    if out.exists() {
        return out;
    }
    std::fs::create_dir_all(&dir).expect("create corpus dir");
    let tmp = dir.join(format!(".{}", unique_name(stem)));
    if let Err(e) = make(&tmp) {
        let _ = std::fs::remove_file(&tmp);
        panic!("building {stem} failed:\n{e}");
    }
    std::fs::rename(&tmp, &out).expect("rename built artifact into place");
    out
}

fn run_tool(cmd: &mut Command) -> Result<(), String> {
    let desc = format!("{cmd:?}");
    let o = cmd.output().map_err(|e| format!("{desc}: {e}"))?;
    if o.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{desc}\nexit: {}\n{}{}",
            o.status,
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        ))
    }
}

/// A C/C++ compiler driver.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compiler {
    /// `gcc` (glibc).
    Gcc,
    /// `musl-gcc` (musl, from musl-tools).
    MuslGcc,
    /// `g++` (glibc, libstdc++).
    Gxx,
}

impl Compiler {
    /// The driver's executable name.
    pub fn command(self) -> &'static str {
        match self {
            Compiler::Gcc => "gcc",
            Compiler::MuslGcc => "musl-gcc",
            Compiler::Gxx => "g++",
        }
    }

    /// The Debian package providing it.
    pub fn apt_package(self) -> &'static str {
        match self {
            Compiler::Gcc => "gcc",
            Compiler::MuslGcc => "musl-tools",
            Compiler::Gxx => "g++",
        }
    }
}

/// One build configuration of a guest.
#[derive(Clone, Copy, Debug)]
pub struct Variant {
    /// Short name (used in messages and artifact names).
    pub name: &'static str,
    /// The compiler driver.
    pub compiler: Compiler,
    /// Flags placed before the source.
    pub flags: &'static [&'static str],
}

/// `gcc -static -O0`.
pub const GCC_O0: Variant = Variant {
    name: "gcc-O0",
    compiler: Compiler::Gcc,
    flags: &["-static", "-O0"],
};
/// `gcc -static -O2`.
pub const GCC_O2: Variant = Variant {
    name: "gcc-O2",
    compiler: Compiler::Gcc,
    flags: &["-static", "-O2"],
};
/// `musl-gcc -static -O0`.
pub const MUSL_O0: Variant = Variant {
    name: "musl-O0",
    compiler: Compiler::MuslGcc,
    flags: &["-static", "-O0"],
};
/// `musl-gcc -static -O2`.
pub const MUSL_O2: Variant = Variant {
    name: "musl-O2",
    compiler: Compiler::MuslGcc,
    flags: &["-static", "-O2"],
};
/// `gcc -static-pie -O2`.
pub const GCC_PIE_O2: Variant = Variant {
    name: "gcc-static-pie-O2",
    compiler: Compiler::Gcc,
    flags: &["-static-pie", "-fPIE", "-O2"],
};
/// `g++ -static -O0`.
pub const GXX_O0: Variant = Variant {
    name: "g++-O0",
    compiler: Compiler::Gxx,
    flags: &["-static", "-O0"],
};
/// `g++ -static -O2`.
pub const GXX_O2: Variant = Variant {
    name: "g++-O2",
    compiler: Compiler::Gxx,
    flags: &["-static", "-O2"],
};
/// `gcc -O2`, dynamically linked (only for the bad-input tests).
pub const GCC_DYNAMIC: Variant = Variant {
    name: "gcc-dynamic",
    compiler: Compiler::Gcc,
    flags: &["-O2"],
};

/// Builds a C (or C++) source with a variant; `None` (after a skip message) when the
/// compiler is missing. Panics with the compiler's output when the build fails.
pub fn build_c(test: &str, source: &Path, variant: &Variant) -> Option<PathBuf> {
    let cc = require_tool(
        test,
        variant.compiler.command(),
        variant.compiler.apt_package(),
    )?;
    let src = std::fs::read(source).unwrap_or_else(|e| panic!("read {}: {e}", source.display()));
    let id = tool_identity(&cc);
    let flags = variant.flags.join(" ");
    let stem = format!(
        "{}.{}",
        source.file_stem().unwrap().to_string_lossy(),
        variant.name
    );
    let key: [&[u8]; 4] = [b"c-v1", id.as_bytes(), flags.as_bytes(), &src];
    Some(build_cached(&key, &stem, |out| {
        let mut cmd = Command::new(&cc);
        cmd.args(variant.flags)
            .args(["-g0", "-w", "-fno-stack-protector"])
            .arg("-o")
            .arg(out)
            .arg(source);
        if variant.compiler != Compiler::MuslGcc {
            cmd.arg("-lm");
        }
        run_tool(&mut cmd)
    }))
}

/// Builds a nasm source with `nasm -f elf64` + `ld -static`; `None` (after a skip
/// message) when nasm or ld is missing.
pub fn build_asm(test: &str, source: &Path) -> Option<PathBuf> {
    build_asm_with(test, source, &[])
}

/// Like [`build_asm`], with `-D NAME=VALUE` preprocessor definitions.
pub fn build_asm_with(test: &str, source: &Path, defines: &[(&str, &str)]) -> Option<PathBuf> {
    let nasm = require_tool(test, "nasm", "nasm")?;
    let ld = require_tool(test, "ld", "binutils")?;
    let src = std::fs::read(source).unwrap_or_else(|e| panic!("read {}: {e}", source.display()));
    let (nid, lid) = (tool_identity(&nasm), tool_identity(&ld));
    let defs: Vec<String> = defines.iter().map(|(k, v)| format!("-D{k}={v}")).collect();
    let defs_key = defs.join(" ");
    let stem = source.file_stem().unwrap().to_string_lossy().into_owned();
    let key: [&[u8]; 5] = [
        b"asm-v1",
        nid.as_bytes(),
        lid.as_bytes(),
        defs_key.as_bytes(),
        &src,
    ];
    Some(build_cached(&key, &stem, |out| {
        let obj = out.with_extension("o");
        run_tool(
            Command::new(&nasm)
                .args(["-f", "elf64"])
                .args(&defs)
                .arg("-o")
                .arg(&obj)
                .arg(source),
        )?;
        let r = run_tool(Command::new(&ld).args(["-static", "-o"]).arg(out).arg(&obj));
        let _ = std::fs::remove_file(&obj);
        r
    }))
}

// ---------------------------------------------------------------------------------
// Running
// ---------------------------------------------------------------------------------

/// How a process ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Exited with a code.
    Exited(i32),
    /// Killed by a signal.
    Signaled(i32),
}

impl Status {
    /// The status as a shell reports it (and as `qvm run` exits): code, or 128 + signal.
    pub fn shell_code(self) -> i32 {
        match self {
            Status::Exited(c) => c,
            Status::Signaled(s) => 128 + s,
        }
    }

    fn from_exit(st: ExitStatus) -> Status {
        match (st.code(), st.signal()) {
            (Some(c), _) => Status::Exited(c),
            (None, Some(s)) => Status::Signaled(s),
            _ => panic!("unexpected exit status {st:?}"),
        }
    }
}

/// What a run produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Output {
    /// Exit status.
    pub status: Status,
    /// Bytes written to stdout.
    pub stdout: Vec<u8>,
    /// Bytes written to stderr.
    pub stderr: Vec<u8>,
}

impl Output {
    /// Stdout as (lossy) text.
    pub fn stdout_str(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }
    /// Stderr as (lossy) text.
    pub fn stderr_str(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }
}

/// The inputs of one guest run: argv (after `argv[0]`), environment, stdin, files.
#[derive(Clone, Debug, Default)]
pub struct Invocation {
    /// Arguments after `argv[0]`.
    pub args: Vec<OsString>,
    /// The whole guest environment.
    pub env: Vec<(String, String)>,
    /// Bytes piped to stdin.
    pub stdin: Vec<u8>,
    /// Host files made visible to the guest at the same absolute path (`--file P=P`).
    pub files: Vec<PathBuf>,
}

impl Invocation {
    /// An empty invocation (no arguments, empty environment, empty stdin).
    pub fn new() -> Self {
        Self::default()
    }
    /// Adds an argument.
    pub fn arg(mut self, a: impl Into<OsString>) -> Self {
        self.args.push(a.into());
        self
    }
    /// Adds arguments.
    pub fn args<I: IntoIterator<Item = S>, S: Into<OsString>>(mut self, a: I) -> Self {
        self.args.extend(a.into_iter().map(Into::into));
        self
    }
    /// Adds an environment variable.
    pub fn env(mut self, k: &str, v: &str) -> Self {
        self.env.push((k.to_string(), v.to_string()));
        self
    }
    /// Sets stdin.
    pub fn stdin(mut self, bytes: impl Into<Vec<u8>>) -> Self {
        self.stdin = bytes.into();
        self
    }
    /// Provides a host file to the guest at the same path.
    pub fn file(mut self, p: impl Into<PathBuf>) -> Self {
        self.files.push(p.into());
        self
    }
}

fn timeout_from_env(var: &str, default_secs: u64) -> Duration {
    Duration::from_secs(
        std::env::var(var)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default_secs),
    )
}

/// Runs a command with piped stdin/stdout/stderr and a timeout (the child is killed
/// on timeout). Returns the exit status and the captured bytes, or an error text.
pub fn run_command(
    mut cmd: Command,
    stdin: &[u8],
    timeout: Duration,
) -> Result<(ExitStatus, Vec<u8>, Vec<u8>), String> {
    let desc = format!("{cmd:?}");
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().map_err(|e| format!("spawn {desc}: {e}"))?;
    let mut sin = child.stdin.take().unwrap();
    let mut sout = child.stdout.take().unwrap();
    let mut serr = child.stderr.take().unwrap();
    let input = stdin.to_vec();
    let w = std::thread::spawn(move || {
        // The guest may exit without reading its input: EPIPE is fine.
        let _ = sin.write_all(&input);
    });
    let r_out = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = sout.read_to_end(&mut v);
        v
    });
    let r_err = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = serr.read_to_end(&mut v);
        v
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(st)) => break st,
            Ok(None) => {}
            Err(e) => return Err(format!("wait {desc}: {e}")),
        }
        if start.elapsed() > timeout {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("timed out after {timeout:?}: {desc}"));
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let _ = w.join();
    let out = r_out.join().unwrap();
    let err = r_err.join().unwrap();
    Ok((status, out, err))
}

/// Runs a program natively: empty environment plus `inv.env`, `argv[0]` = the path as
/// given, no core dumps, an 8 MiB stack limit (so stack exhaustion is the same
/// everywhere).
pub fn run_native(prog: &Path, inv: &Invocation) -> Output {
    let mut cmd = Command::new(prog);
    cmd.env_clear().args(&inv.args);
    for (k, v) in &inv.env {
        cmd.env(k, v);
    }
    // SAFETY: the closure runs in the forked child before exec and only calls
    // async-signal-safe setrlimit on local data.
    unsafe {
        cmd.pre_exec(|| {
            let core = libc::rlimit {
                rlim_cur: 0,
                rlim_max: 0,
            };
            libc::setrlimit(libc::RLIMIT_CORE, &core);
            let mut st = libc::rlimit {
                rlim_cur: 0,
                rlim_max: 0,
            };
            if libc::getrlimit(libc::RLIMIT_STACK, &mut st) == 0 {
                let want: libc::rlim_t = 8 << 20;
                if st.rlim_max == libc::RLIM_INFINITY || st.rlim_max >= want {
                    st.rlim_cur = want;
                    libc::setrlimit(libc::RLIMIT_STACK, &st);
                }
            }
            Ok(())
        });
    }
    let (st, stdout, stderr) = run_command(
        cmd,
        &inv.stdin,
        timeout_from_env("QVM_TEST_NATIVE_TIMEOUT_SECS", 60),
    )
    .unwrap_or_else(|e| panic!("native run failed: {e}"));
    Output {
        status: Status::from_exit(st),
        stdout,
        stderr,
    }
}

/// Whether only the native half runs (`QVM_TESTS_NATIVE_ONLY=1`).
pub fn native_only() -> bool {
    std::env::var("QVM_TESTS_NATIVE_ONLY").is_ok_and(|v| !v.is_empty() && v != "0")
}

/// The qvm binary: `$QVM_BIN`, or `<target>/release/qvm`, built once with
/// `cargo build --release -p qvm-cli` if missing. Panics if it cannot be had.
pub fn qvm_bin() -> PathBuf {
    static BIN: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    BIN.get_or_init(|| {
        if let Some(p) = std::env::var_os("QVM_BIN").filter(|p| !p.is_empty()) {
            let p = PathBuf::from(p);
            return if is_executable(&p) {
                Ok(p)
            } else {
                Err(format!("QVM_BIN={} is not an executable", p.display()))
            };
        }
        let p = target_dir().join("release").join("qvm");
        if !is_executable(&p) {
            let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
            eprintln!(
                "qvm-tests: {} missing; running cargo build --release -p qvm-cli",
                p.display()
            );
            let st = Command::new(cargo)
                .current_dir(workspace_root())
                .args(["build", "--release", "-p", "qvm-cli"])
                .status()
                .map_err(|e| format!("cannot run cargo: {e}"))?;
            if !st.success() {
                return Err(format!("cargo build --release -p qvm-cli failed: {st}"));
            }
        }
        if is_executable(&p) {
            Ok(p)
        } else {
            Err(format!("{} does not exist after building", p.display()))
        }
    })
    .clone()
    .unwrap_or_else(|e| panic!("qvm binary unavailable: {e}"))
}

/// Gas limit passed to every comparison run (`$QVM_TEST_GAS_LIMIT`, default 10^13),
/// so results do not depend on the CLI's default limit.
pub fn test_gas_limit() -> u64 {
    std::env::var("QVM_TEST_GAS_LIMIT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000_000_000_000)
}

/// The raw result of running the qvm process itself.
#[derive(Clone, Debug)]
pub struct QvmRun {
    /// The qvm process's exit code (`None` if qvm itself was killed by a signal).
    pub code: Option<i32>,
    /// The signal that killed the qvm process itself, if any (a qvm crash).
    pub host_signal: Option<i32>,
    /// qvm's stdout.
    pub stdout: Vec<u8>,
    /// qvm's stderr.
    pub stderr: Vec<u8>,
    /// The command line, for messages.
    pub command: String,
}

impl QvmRun {
    /// Stderr as (lossy) text.
    pub fn stderr_str(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }
    /// Stdout as (lossy) text.
    pub fn stdout_str(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }
}

/// The command `qvm <leading> --env … --file … <prog> <args>` for an invocation (its
/// environment and files passed as flags); the qvm process itself gets an empty
/// environment.
pub fn qvm_command<S: AsRef<std::ffi::OsStr>>(
    leading: &[S],
    prog: &Path,
    inv: &Invocation,
) -> Command {
    let mut cmd = Command::new(qvm_bin());
    cmd.env_clear().args(leading);
    for (k, v) in &inv.env {
        cmd.arg("--env").arg(format!("{k}={v}"));
    }
    for f in &inv.files {
        let mut a = OsString::from(f.as_os_str());
        a.push("=");
        a.push(f.as_os_str());
        cmd.arg("--file").arg(a);
    }
    cmd.arg(prog).args(&inv.args);
    cmd
}

/// Runs `qvm run <flags> --env … --file … <prog> <args>` with the invocation's stdin.
/// The qvm process itself gets an empty environment.
pub fn run_qvm(prog: &Path, inv: &Invocation, flags: &[String]) -> QvmRun {
    let mut leading = vec!["run".to_string()];
    leading.extend(flags.iter().cloned());
    let cmd = qvm_command(&leading, prog, inv);
    let command = format!("{cmd:?}");
    let (st, stdout, stderr) = run_command(
        cmd,
        &inv.stdin,
        timeout_from_env("QVM_TEST_TIMEOUT_SECS", 120),
    )
    .unwrap_or_else(|e| panic!("qvm run failed: {e}"));
    QvmRun {
        code: st.code(),
        host_signal: st.signal(),
        stdout,
        stderr,
        command,
    }
}

/// Runs a raw qvm command line (for flag and bad-input tests).
pub fn run_qvm_raw(args: &[OsString], stdin: &[u8]) -> QvmRun {
    let mut cmd = Command::new(qvm_bin());
    cmd.env_clear().args(args);
    let command = format!("{cmd:?}");
    let (st, stdout, stderr) =
        run_command(cmd, stdin, timeout_from_env("QVM_TEST_TIMEOUT_SECS", 120))
            .unwrap_or_else(|e| panic!("qvm run failed: {e}"));
    QvmRun {
        code: st.code(),
        host_signal: st.signal(),
        stdout,
        stderr,
        command,
    }
}

/// A parsed `qvm run --json` report.
#[derive(Clone, Debug)]
pub struct JsonReport {
    /// The whole object.
    pub value: serde_json::Value,
    /// `outcome`.
    pub outcome: String,
    /// `exit_code` (null → None).
    pub exit_code: Option<i64>,
    /// `signal` (null → None).
    pub signal: Option<i64>,
    /// `gas_used`.
    pub gas_used: u64,
    /// `gas_limit`.
    pub gas_limit: u64,
    /// `stdout`.
    pub stdout: String,
    /// `stderr`.
    pub stderr: String,
    /// `fault` is non-null.
    pub has_fault: bool,
}

/// Parses qvm's `--json` stdout; panics with the run's details if it is not one valid
/// report object.
pub fn parse_json_report(run: &QvmRun) -> JsonReport {
    let text = String::from_utf8(run.stdout.clone())
        .unwrap_or_else(|_| panic!("--json stdout is not UTF-8\n{}", describe_qvm(run)));
    let value: serde_json::Value = serde_json::from_str(text.trim()).unwrap_or_else(|e| {
        panic!(
            "--json stdout is not one JSON value: {e}\n{}",
            describe_qvm(run)
        )
    });
    let obj = value
        .as_object()
        .unwrap_or_else(|| panic!("--json output is not an object\n{}", describe_qvm(run)));
    for key in [
        "outcome",
        "exit_code",
        "signal",
        "gas_used",
        "gas_limit",
        "stdout",
        "stderr",
        "fault",
    ] {
        assert!(
            obj.contains_key(key),
            "--json report lacks `{key}`\n{}",
            describe_qvm(run)
        );
    }
    let get_u64 = |k: &str| {
        obj[k]
            .as_u64()
            .unwrap_or_else(|| panic!("`{k}` is not an unsigned integer\n{}", describe_qvm(run)))
    };
    let get_str = |k: &str| {
        obj[k]
            .as_str()
            .unwrap_or_else(|| panic!("`{k}` is not a string\n{}", describe_qvm(run)))
            .to_string()
    };
    JsonReport {
        outcome: get_str("outcome"),
        exit_code: obj["exit_code"].as_i64(),
        signal: obj["signal"].as_i64(),
        gas_used: get_u64("gas_used"),
        gas_limit: get_u64("gas_limit"),
        stdout: get_str("stdout"),
        stderr: get_str("stderr"),
        has_fault: !obj["fault"].is_null(),
        value,
    }
}

fn describe_qvm(run: &QvmRun) -> String {
    format!(
        "command: {}\nqvm exit code: {:?} host signal: {:?}\nqvm stdout ({} bytes):\n{}\nqvm stderr ({} bytes):\n{}",
        run.command,
        run.code,
        run.host_signal,
        run.stdout.len(),
        clip(&run.stdout),
        run.stderr.len(),
        clip(&run.stderr)
    )
}

fn clip(b: &[u8]) -> String {
    const MAX: usize = 3000;
    let s = String::from_utf8_lossy(&b[..b.len().min(MAX)]).into_owned();
    if b.len() > MAX {
        format!("{s}\n… ({} more bytes)", b.len() - MAX)
    } else {
        s
    }
}

/// Describes the first difference between two byte strings.
pub fn first_difference(what: &str, expected: &[u8], actual: &[u8]) -> Option<String> {
    if expected == actual {
        return None;
    }
    let i = expected
        .iter()
        .zip(actual)
        .take_while(|(a, b)| a == b)
        .count();
    let line = expected[..i].iter().filter(|&&c| c == b'\n').count() + 1;
    let ctx = |b: &[u8]| {
        let lo = i.saturating_sub(200);
        let hi = (i + 200).min(b.len());
        String::from_utf8_lossy(&b[lo.min(b.len())..hi]).into_owned()
    };
    let mut s = String::new();
    let _ = write!(
        s,
        "{what} differs at byte {i} (line {line}); native {} bytes, qvm {} bytes\n--- native around there:\n{}\n--- qvm around there:\n{}",
        expected.len(),
        actual.len(),
        ctx(expected),
        ctx(actual)
    );
    Some(s)
}

/// A guest program plus what its native run must look like.
#[derive(Clone, Debug)]
pub struct Case {
    /// The inputs.
    pub inv: Invocation,
    /// The native exit status the program is written to produce (checked natively, so a
    /// broken guest or harness fails loudly instead of comparing two wrong runs).
    pub expect: Status,
    /// Run natively twice and require identical output (default true).
    pub check_native_determinism: bool,
    /// Substrings the native stdout must contain (sanity checks of the guest).
    pub stdout_contains: Vec<String>,
}

impl Default for Case {
    fn default() -> Self {
        Case {
            inv: Invocation::new(),
            expect: Status::Exited(0),
            check_native_determinism: true,
            stdout_contains: Vec::new(),
        }
    }
}

impl Case {
    /// A case expecting exit status 0 with no input.
    pub fn new() -> Self {
        Self::default()
    }
    /// With these inputs.
    pub fn inv(mut self, inv: Invocation) -> Self {
        self.inv = inv;
        self
    }
    /// Adds an argument.
    pub fn arg(mut self, a: impl Into<OsString>) -> Self {
        self.inv.args.push(a.into());
        self
    }
    /// Adds arguments.
    pub fn args<I: IntoIterator<Item = S>, S: Into<OsString>>(mut self, a: I) -> Self {
        self.inv.args.extend(a.into_iter().map(Into::into));
        self
    }
    /// Adds an environment variable.
    pub fn env(mut self, k: &str, v: &str) -> Self {
        self.inv.env.push((k.into(), v.into()));
        self
    }
    /// Sets stdin.
    pub fn stdin(mut self, b: impl Into<Vec<u8>>) -> Self {
        self.inv.stdin = b.into();
        self
    }
    /// Expects this exit code natively.
    pub fn exit(mut self, code: i32) -> Self {
        self.expect = Status::Exited(code);
        self
    }
    /// Expects death by this signal natively.
    pub fn signal(mut self, sig: i32) -> Self {
        self.expect = Status::Signaled(sig);
        self
    }
    /// Requires the native stdout to contain this text.
    pub fn contains(mut self, s: &str) -> Self {
        self.stdout_contains.push(s.into());
        self
    }
    /// Skips the native determinism double run.
    pub fn nondeterministic_natively(mut self) -> Self {
        self.check_native_determinism = false;
        self
    }
}

/// Runs the native half of a case and checks its declared expectations. Returns the
/// native output.
pub fn native_half(test: &str, prog: &Path, case: &Case) -> Output {
    let native = run_native(prog, &case.inv);
    if std::env::var_os("QVM_TESTS_VERBOSE").is_some() {
        eprintln!(
            "=== {test}: native {:?}\n--- stdout:\n{}\n--- stderr:\n{}",
            native.status,
            clip(&native.stdout),
            clip(&native.stderr)
        );
    }
    assert_eq!(
        native.status,
        case.expect,
        "{test}: the NATIVE run of {} did not end as the guest is written to (harness or guest bug)\nstdout:\n{}\nstderr:\n{}",
        prog.display(),
        clip(&native.stdout),
        clip(&native.stderr)
    );
    for s in &case.stdout_contains {
        assert!(
            native.stdout_str().contains(s.as_str()),
            "{test}: native stdout lacks {s:?} (guest bug)\nstdout:\n{}",
            clip(&native.stdout)
        );
    }
    if case.check_native_determinism {
        let again = run_native(prog, &case.inv);
        if let Some(d) = first_difference(
            "native stdout (run 1 vs run 2)",
            &native.stdout,
            &again.stdout,
        )
        .or_else(|| {
            first_difference(
                "native stderr (run 1 vs run 2)",
                &native.stderr,
                &again.stderr,
            )
        }) {
            panic!("{test}: guest is not deterministic natively, so it cannot be compared: {d}");
        }
        assert_eq!(
            native.status, again.status,
            "{test}: native status not deterministic"
        );
    }
    native
}

/// Compares a plain `qvm run` with a native output; returns a list of problems.
pub fn compare_plain(native: &Output, q: &QvmRun) -> Vec<String> {
    let mut problems = Vec::new();
    if let Some(sig) = q.host_signal {
        problems.push(format!(
            "the qvm process itself was killed by signal {sig} (a qvm crash)"
        ));
    }
    if String::from_utf8_lossy(&q.stderr).contains("panicked") {
        problems.push("qvm panicked".into());
    }
    if q.code != Some(native.status.shell_code()) {
        problems.push(format!(
            "exit status: native {:?} (shell code {}), qvm exit code {:?}",
            native.status,
            native.status.shell_code(),
            q.code
        ));
    }
    problems.extend(first_difference("stdout", &native.stdout, &q.stdout));
    let guest_stderr = match native.status {
        Status::Signaled(_) => strip_qvm_fault_line(&q.stderr),
        Status::Exited(_) => &q.stderr[..],
    };
    problems.extend(first_difference("stderr", &native.stderr, guest_stderr));
    problems
}

/// A process killed by a signal writes nothing more, but a shell (and `qvm run`) may
/// report the death on stderr: for signaled runs, one final line starting with `qvm: `
/// is qvm's report, not guest output, and is left out of the comparison.
pub fn strip_qvm_fault_line(stderr: &[u8]) -> &[u8] {
    let body = stderr.strip_suffix(b"\n").unwrap_or(stderr);
    let start = body.iter().rposition(|&c| c == b'\n').map_or(0, |i| i + 1);
    if body[start..].starts_with(b"qvm: ") {
        &stderr[..start]
    } else {
        stderr
    }
}

/// Compares a `qvm run --json` report with a native output; returns a list of problems.
pub fn compare_json(native: &Output, r: &JsonReport) -> Vec<String> {
    let mut problems = Vec::new();
    match native.status {
        Status::Exited(c) => {
            if r.outcome != "exited" || r.exit_code != Some(i64::from(c)) {
                problems.push(format!(
                    "native exited with {c}; qvm outcome {:?} exit_code {:?} signal {:?}",
                    r.outcome, r.exit_code, r.signal
                ));
            }
            if r.has_fault {
                problems.push("fault is non-null for a normal exit".into());
            }
        }
        Status::Signaled(s) => {
            if r.outcome != "signaled" || r.signal != Some(i64::from(s)) {
                problems.push(format!(
                    "native was killed by signal {s}; qvm outcome {:?} exit_code {:?} signal {:?}",
                    r.outcome, r.exit_code, r.signal
                ));
            }
        }
    }
    if r.gas_used == 0 || r.gas_used > r.gas_limit {
        problems.push(format!(
            "gas_used {} not in 1..=gas_limit {}",
            r.gas_used, r.gas_limit
        ));
    }
    for (what, native_bytes, json) in [
        ("stdout", &native.stdout, &r.stdout),
        ("stderr", &native.stderr, &r.stderr),
    ] {
        let expected = String::from_utf8_lossy(native_bytes);
        problems.extend(first_difference(
            &format!("json {what}"),
            expected.as_bytes(),
            json.as_bytes(),
        ));
    }
    problems
}

fn fail(test: &str, prog: &Path, mode: &str, problems: &[String], detail: &str) -> ! {
    let mut s = format!(
        "{test}: qvm differs from native ({mode}) for {}:\n",
        prog.display()
    );
    for p in problems {
        let _ = writeln!(s, "  * {p}");
    }
    let _ = write!(s, "\n{detail}");
    panic!("{s}");
}

/// The standard test body: native half, then (unless native-only) `qvm run` must match.
pub fn check_case(test: &str, prog: &Path, case: &Case) {
    let native = native_half(test, prog, case);
    if native_only() {
        eprintln!("{test}: native-only mode, qvm half skipped");
        return;
    }
    let flags = vec!["--gas-limit".to_string(), test_gas_limit().to_string()];
    let q = run_qvm(prog, &case.inv, &flags);
    let problems = compare_plain(&native, &q);
    if !problems.is_empty() {
        fail(test, prog, "plain", &problems, &describe_qvm(&q));
    }
}

/// Like [`check_case`], with `qvm run --json`.
pub fn check_case_json(test: &str, prog: &Path, case: &Case) {
    let native = native_half(test, prog, case);
    if native_only() {
        eprintln!("{test}: native-only mode, qvm half skipped");
        return;
    }
    let flags = vec![
        "--json".to_string(),
        "--gas-limit".to_string(),
        test_gas_limit().to_string(),
    ];
    let q = run_qvm(prog, &case.inv, &flags);
    if q.code.is_none() || String::from_utf8_lossy(&q.stderr).contains("panicked") {
        fail(
            test,
            prog,
            "json",
            &["qvm crashed or panicked".into()],
            &describe_qvm(&q),
        );
    }
    let r = parse_json_report(&q);
    let problems = compare_json(&native, &r);
    if !problems.is_empty() {
        fail(test, prog, "json", &problems, &describe_qvm(&q));
    }
}

/// Builds `tests/guests/c/<source>.c` with `variant` and checks `case` (`json`: with
/// `qvm run --json`). `name` labels the test in messages.
pub fn check_c(name: &str, source: &str, variant: &Variant, case: &Case, json: bool) {
    let test = format!(
        "{name}[{}{}]",
        variant.name,
        if json { ",json" } else { "" }
    );
    let src = guest_source(&format!("c/{source}.c"));
    let Some(prog) = build_c(&test, &src, variant) else {
        return;
    };
    if json {
        check_case_json(&test, &prog, case);
    } else {
        check_case(&test, &prog, case);
    }
}

/// Hex encoding.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A deterministic byte generator (xorshift64*), for test inputs.
pub fn pseudo_random_bytes(seed: u64, n: usize) -> Vec<u8> {
    let mut x = seed | 1;
    (0..n)
        .map(|_| {
            x ^= x >> 12;
            x ^= x << 25;
            x ^= x >> 27;
            (x.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 56) as u8
        })
        .collect()
}

/// A text of pseudo-random words and lines (deterministic), for stdin tests.
pub fn generated_text(seed: u64, words: usize) -> Vec<u8> {
    let r = pseudo_random_bytes(seed, words * 3);
    let mut out = Vec::new();
    for i in 0..words {
        let len = 1 + usize::from(r[3 * i] % 9);
        for k in 0..len {
            out.push(b'a' + (r[3 * i + 1].wrapping_add(k as u8 * 7)) % 26);
        }
        match r[3 * i + 2] % 16 {
            0 => out.push(b'\n'),
            1 => out.push(b'\t'),
            2 => out.extend_from_slice(b"  "),
            _ => out.push(b' '),
        }
    }
    out.extend_from_slice("ünïcödé bytes \u{1F600}\n\0binary\x7f\n".as_bytes());
    out
}

/// glibc picks libm and string routines by CPUID (FMA/AVX2 variants); qvm's CPU model
/// is synthetic. This `GLIBC_TUNABLES` value makes the native run use the baseline
/// routines too, so a comparison tests qvm rather than the host CPU. musl ignores it.
pub const BASELINE_TUNABLES: &str =
    "glibc.cpu.hwcaps=-AVX2,-FMA,-FMA4,-AVX512F,-AVX_Usable,-AVX2_Usable,-FMA_Usable";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fault_line_is_stripped_only_at_the_end() {
        assert_eq!(
            strip_qvm_fault_line(b"guest\nqvm: SIGSEGV at 0x0\n"),
            b"guest\n"
        );
        assert_eq!(strip_qvm_fault_line(b"qvm: SIGFPE\n"), b"");
        assert_eq!(strip_qvm_fault_line(b"guest\n"), b"guest\n");
        assert_eq!(strip_qvm_fault_line(b"qvm: x\nguest\n"), b"qvm: x\nguest\n");
        assert_eq!(strip_qvm_fault_line(b""), b"");
    }

    #[test]
    fn differences_are_located() {
        assert!(first_difference("x", b"abc", b"abc").is_none());
        let d = first_difference("x", b"ab\ncd", b"ab\nce").unwrap();
        assert!(d.contains("byte 4 (line 2)"), "{d}");
        assert!(first_difference("x", b"abc", b"ab")
            .unwrap()
            .contains("byte 2"));
    }

    #[test]
    fn cache_keys_depend_on_every_part() {
        let a = hash_hex(&[b"x", b"yz"]);
        assert_ne!(a, hash_hex(&[b"xy", b"z"]));
        assert_ne!(a, hash_hex(&[b"x", b"yZ"]));
        assert_eq!(a, hash_hex(&[b"x", b"yz"]));
    }

    #[test]
    fn shell_codes() {
        assert_eq!(Status::Signaled(11).shell_code(), 139);
        assert_eq!(Status::Exited(3).shell_code(), 3);
    }
}
