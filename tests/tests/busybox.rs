//! Real binaries nobody here wrote: `/bin/busybox` (Debian busybox-static) applets,
//! run natively and under qvm with the same argv, environment and stdin. Only
//! constructs that need no fork (the synthetic kernel has none).

use qvm_tests::*;

fn run(test: &str, case: Case) {
    let Some(bb) = busybox(test) else { return };
    check_case(test, &bb, &case);
}

fn bb(args: &[&str]) -> Case {
    Case::new().args(args.iter().copied())
}

/// Numbered lines of words and numbers (deterministic), for the text applets.
fn table(rows: usize) -> Vec<u8> {
    let r = pseudo_random_bytes(99, rows * 4);
    let words = [
        "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta",
    ];
    let mut s = String::new();
    for i in 0..rows {
        s.push_str(&format!(
            "{} {} {} {}.{}\n",
            words[usize::from(r[4 * i] % 8)],
            i32::from(r[4 * i + 1]) - 100,
            words[usize::from(r[4 * i + 2] % 8)],
            r[4 * i + 3],
            i % 10
        ));
    }
    s.into_bytes()
}

fn lines_with_dups() -> Vec<u8> {
    let r = pseudo_random_bytes(5, 3000);
    r.iter()
        .map(|b| format!("{}\n", b % 40))
        .collect::<String>()
        .into_bytes()
}

#[test]
fn echo() {
    run(
        "busybox_echo",
        bb(&["echo", "hello", "", "world", "-n"]).contains("hello  world -n\n"),
    );
    run("busybox_echo_n", bb(&["echo", "-n", "no newline"]));
    run(
        "busybox_echo_e",
        bb(&["echo", "-e", "a\\tb\\x41\\0101\\n\\c ignored"]),
    );
}

#[test]
fn sh_loops_arith_functions() {
    let script = r#"
i=0; s=0
while [ $i -lt 2000 ]; do s=$((s + i * i % 97)); i=$((i + 1)); done
echo "sum=$s"
fact() { if [ "$1" -le 1 ]; then r=1; else fact $(( $1 - 1 )); r=$(( r * $1 )); fi; }
fact 20; echo "20!=$r"
f() { echo "f:$1:$#:$*"; return 3; }
f a "b c" d; echo "rc=$?"
for w in one two three; do printf '%s-' "$w"; done; echo
case "hello.txt" in *.c) echo c;; *.txt) echo text;; *) echo other;; esac
x=abcdef; echo "${#x} ${x#ab} ${x%ef} ${x:-unset} ${y:-default}"
set -- p q r; echo "$# $2"; shift; echo "$@"
n=0; until [ $n -ge 5 ]; do n=$((n+1)); [ $n -eq 3 ] && continue; printf '%d ' $n; done; echo
echo $(( (7 << 3) ^ 0x55 )) $(( -17 / 5 )) $(( -17 % 5 )) $(( 2 ** 40 ))
test -z "" && echo empty; [ "a" = "b" ] || echo differ
echo done >&2
exit 7
"#;
    run(
        "busybox_sh",
        bb(&["sh", "-c", script])
            .exit(7)
            .contains("sum=")
            .contains("20!=2432902008176640000"),
    );
}

#[test]
fn sh_reads_stdin_script() {
    let script = "read a b\necho \"got [$a] [$b]\"\nwhile read line; do echo \"line: $line\"; done\necho end\n";
    let input = b"first second third\nx\ny z\n".to_vec();
    run(
        "busybox_sh_read",
        bb(&["sh", "-c", script])
            .stdin(input)
            .contains("got [first] [second third]"),
    );
}

#[test]
fn awk() {
    let prog = r#"{ s += $2; n++; c[$1]++; if ($2 > max || NR == 1) max = $2 }
END { printf "n=%d sum=%d avg=%.4f max=%d\n", n, s, s / n, max
      for (k in c) keys = keys " " k; m = split(keys, arr, " ")
      for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (arr[j] < arr[i]) { t = arr[i]; arr[i] = arr[j]; arr[j] = t }
      for (i = 1; i <= m; i++) printf "%s=%d ", arr[i], c[arr[i]]; print ""
      x = "hello world"; gsub(/o/, "0", x); print x, length(x), toupper(substr(x, 1, 5)), index(x, "w")
      printf "%5.2f|%-6s|%x|%c|%e\n", 3.14159, "ab", 255, 65, 12345.678 }"#;
    run(
        "busybox_awk",
        bb(&["awk", prog]).stdin(table(2000)).contains("n=2000"),
    );
    run(
        "busybox_awk_fields",
        bb(&["awk", "-F", ".", "{ print $2, NF }"]).stdin(table(50)),
    );
}

#[test]
fn sed() {
    let input =
        b"# comment\nfoo bar foo\nnumber 123 and 4567\nkeep me\n# another\nlast foo\n".to_vec();
    run(
        "busybox_sed",
        bb(&[
            "sed",
            "-e",
            "s/foo/bar/g",
            "-e",
            "/^#/d",
            "-e",
            r"s/\([0-9][0-9]*\)/<\1>/",
            "-e",
            "3a appended",
            "-e",
            "$s/$/ END/",
        ])
        .stdin(input.clone())
        .contains("bar bar bar"),
    );
    run(
        "busybox_sed_n",
        bb(&["sed", "-n", "2,4p;/keep/="]).stdin(input),
    );
}

#[test]
fn sort_uniq() {
    run(
        "busybox_sort_n",
        bb(&["sort", "-n"]).stdin(lines_with_dups()),
    );
    run("busybox_sort_r", bb(&["sort", "-r"]).stdin(table(500)));
    run(
        "busybox_sort_u",
        bb(&["sort", "-u"]).stdin(lines_with_dups()),
    );
    run(
        "busybox_sort_k",
        bb(&["sort", "-k2,2n", "-k1,1"]).stdin(table(500)),
    );
    // uniq needs sorted input: the harness sorts it (not a pipeline in the guest)
    let all = String::from_utf8(lines_with_dups()).unwrap();
    let mut sorted: Vec<&str> = all.lines().collect();
    sorted.sort_unstable();
    let text = sorted.iter().map(|l| format!("{l}\n")).collect::<String>();
    run("busybox_uniq_c", bb(&["uniq", "-c"]).stdin(text.clone()));
    run("busybox_uniq_d", bb(&["uniq", "-d"]).stdin(text));
}

#[test]
fn wc_head_tail_tr_cut() {
    run("busybox_wc", bb(&["wc"]).stdin(table(3000)));
    run(
        "busybox_wc_l",
        bb(&["wc", "-l"]).stdin(table(3000)).contains("3000"),
    );
    run("busybox_head", bb(&["head", "-n", "7"]).stdin(table(100)));
    run(
        "busybox_head_c",
        bb(&["head", "-c", "100"]).stdin(table(100)),
    );
    run("busybox_tail", bb(&["tail", "-n", "5"]).stdin(table(3000)));
    run(
        "busybox_tail_plus",
        bb(&["tail", "-n", "+2990"]).stdin(table(3000)),
    );
    run("busybox_tr", bb(&["tr", "a-z", "A-Z"]).stdin(table(200)));
    run(
        "busybox_tr_d",
        bb(&["tr", "-d", "aeiou0-9"]).stdin(table(200)),
    );
    run(
        "busybox_cut",
        bb(&["cut", "-d", " ", "-f", "1,3"]).stdin(table(200)),
    );
    run("busybox_cut_c", bb(&["cut", "-c", "2-5"]).stdin(table(200)));
}

#[test]
fn checksums() {
    let data = pseudo_random_bytes(1234, 300_000);
    run("busybox_sha256sum", bb(&["sha256sum"]).stdin(data.clone()));
    run("busybox_md5sum", bb(&["md5sum"]).stdin(data.clone()));
    run("busybox_sha1sum", bb(&["sha1sum"]).stdin(data));
    run(
        "busybox_sha256sum_abc",
        bb(&["sha256sum"])
            .stdin(b"abc".to_vec())
            .contains("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    );
}

#[test]
fn gzip_round_trip() {
    let Some(bbin) = busybox("busybox_gzip") else {
        return;
    };
    let mut data = table(5000);
    data.extend(pseudo_random_bytes(77, 20_000));
    let compress = bb(&["gzip", "-c"]).stdin(data.clone());
    check_case("busybox_gzip_c", &bbin, &compress);
    // decompress the native compressed bytes; natively this must give the input back
    let compressed = run_native(&bbin, &compress.inv).stdout;
    assert!(
        compressed.len() > 18 && compressed[..2] == [0x1f, 0x8b],
        "native gzip output is not gzip"
    );
    let decompress = bb(&["gzip", "-dc"]).stdin(compressed);
    let native = run_native(&bbin, &decompress.inv);
    assert!(
        native.stdout == data,
        "native gzip -dc did not give the input back"
    );
    check_case("busybox_gzip_dc", &bbin, &decompress);
    // a corrupt stream is an error with a message on stderr
    let mut corrupt = run_native(&bbin, &compress.inv).stdout;
    let mid = corrupt.len() / 2;
    corrupt[mid] ^= 0xff;
    corrupt.truncate(corrupt.len() - 4);
    check_case(
        "busybox_gzip_corrupt",
        &bbin,
        &bb(&["gzip", "-dc"]).stdin(corrupt).exit(1),
    );
}

#[test]
fn expr_seq_printf() {
    run(
        "busybox_expr",
        bb(&["expr", "123", "*", "456", "+", "7"]).contains("56095"),
    );
    run(
        "busybox_expr_length",
        bb(&["expr", "length", "hello world"]),
    );
    run(
        "busybox_expr_match",
        bb(&["expr", "abc123", ":", "[a-z]*\\([0-9]*\\)"]),
    );
    run("busybox_expr_false", bb(&["expr", "0", "+", "0"]).exit(1));
    run("busybox_expr_div0", bb(&["expr", "7", "/", "0"]).exit(2));
    run("busybox_seq", bb(&["seq", "1", "3", "100"]));
    run("busybox_seq_w", bb(&["seq", "-w", "8", "12"]));
    run(
        "busybox_seq_s",
        bb(&["seq", "-s", ",", "--", "-5", "5"]).contains("-5,-4,-3"),
    );
    run(
        "busybox_printf",
        bb(&[
            "printf",
            "%05d|%x|%o|%s|%.3f|%e|%c|%%|%b\\n",
            "42",
            "255",
            "8",
            "str",
            "3.14159",
            "12345.678",
            "xyz",
            "a\\tb",
        ]),
    );
}

#[test]
fn provided_files() {
    let Some(bbin) = busybox("busybox_files") else {
        return;
    };
    let scratch = scratch_file("bbinput", &table(1000));
    let file = scratch.path();
    for (name, args) in [
        ("busybox_cat_file", vec!["cat"]),
        ("busybox_wc_file", vec!["wc", "-l", "-w", "-c"]),
        ("busybox_sha256sum_file", vec!["sha256sum"]),
        ("busybox_sort_file", vec!["sort"]),
    ] {
        let inv = Invocation::new()
            .args(args)
            .arg(file.as_os_str())
            .file(file);
        check_case(name, &bbin, &Case::new().inv(inv));
    }
}

#[test]
fn missing_file_error() {
    run(
        "busybox_cat_missing",
        bb(&["cat", "/nonexistent/qvm-test-file"]).exit(1),
    );
    run("busybox_unknown_applet", bb(&["no-such-applet"]).exit(127));
}

#[test]
fn json_report_for_busybox() {
    let Some(bbin) = busybox("busybox_json") else {
        return;
    };
    check_case_json(
        "busybox_json_sort",
        &bbin,
        &bb(&["sort", "-n"]).stdin(lines_with_dups()),
    );
    check_case_json(
        "busybox_json_sh_exit",
        &bbin,
        &bb(&["sh", "-c", "echo out; echo err >&2; exit 9"]).exit(9),
    );
}
