//! `/bin/bash-static -c '…'` scripts that use only builtins (no command substitution,
//! no pipelines, no external commands: the synthetic kernel has no fork), run natively
//! and under qvm with the same argv and environment.

use qvm_tests::*;

fn bash(test: &str, script: &str, case: Case) {
    let Some(b) = bash_static(test) else { return };
    let case = Case {
        inv: Invocation {
            args: vec!["-c".into(), script.into()],
            ..case.inv
        },
        ..case
    };
    check_case(test, &b, &case);
}

#[test]
fn loops_and_arithmetic() {
    bash(
        "bash_arith",
        r#"s=0; for ((i = 0; i < 3000; i++)); do ((s += i * i % 7)); done; echo "s=$s"
           x=$(( (1 << 62) + 12345 )); echo $x $(( x % 1000003 )) $(( -7 / 2 )) $(( -7 % 2 )) $(( 3 ** 20 ))
           i=10; while ((i--)); do printf '%d,' $i; done; echo
           echo $(( 0x1f + 010 + 2#1011 + 36#zz ))
           let "a = 5 * 7" "b = a << 2"; echo $a $b
           (( 5 > 3 && 2 > 1 )) && echo yes"#,
        Case::new().contains("s=").contains("yes"),
    );
}

#[test]
fn arrays() {
    bash(
        "bash_arrays",
        r#"a=(zero one two three four five)
           echo "${#a[@]} ${a[2]} ${a[@]:1:3} ${a[-1]}"
           a+=(six); a[10]=ten; echo "${!a[@]}"
           unset 'a[1]'; echo "${a[*]}"
           declare -A m; for k in apple banana cherry apple; do ((m[$k]++)); done
           for k in apple banana cherry; do echo "$k=${m[$k]}"; done
           echo "${#m[@]}"
           b=(); for ((i = 0; i < 500; i++)); do b[i]=$(( i * 37 % 101 )); done
           sum=0; for v in "${b[@]}"; do ((sum += v)); done; echo "sum=$sum"
           IFS=, read -r -a parts <<< "x,y,,z"; echo "${#parts[@]} ${parts[3]}""#,
        Case::new().contains("apple=2").contains("4 z"),
    );
}

#[test]
fn string_operations() {
    bash(
        "bash_strings",
        r#"v="Hello, World. Hello, qvm."
           echo "${#v}" "${v^^}" "${v,,}" "${v//Hello/Bye}" "${v/Hello/Hi}"
           echo "${v:7:5}" "${v: -4}" "${v#*, }" "${v##*, }" "${v%.*}" "${v%%.*}"
           f=archive.tar.gz; echo "${f%.gz}" "${f##*.}" "${f%%.*}"
           printf -v padded '%08.3f|%-6s|%x' 3.14159 ab 48879; echo "$padded"
           if [[ "key=value42" =~ ^([a-z]+)=([a-z]+)([0-9]+)$ ]]; then echo "${BASH_REMATCH[1]} ${BASH_REMATCH[3]}"; fi
           [[ abc < abd ]] && echo lt; [[ foo == f* ]] && echo glob
           s=""; for c in {a..e} {1..3}; do s+="$c"; done; echo "$s"
           printf '%q\n' "a b'c"
           printf '%s\n' {1..3}{x,y}
           str="a-b-c"; IFS=- read -r p q r <<< "$str"; echo "$p$q$r""#,
        Case::new().contains("HELLO, WORLD.").contains("key 42"),
    );
}

#[test]
fn functions_and_recursion() {
    bash(
        "bash_functions",
        r#"fib() { local n=$1; if ((n < 2)); then R=$n; return; fi; fib $((n - 1)); local a=$R; fib $((n - 2)); R=$((a + R)); }
           fib 16; echo "fib16=$R"
           count() { echo "$# args: $*"; return $#; }
           count a "b c" d; echo "rc=$?"
           outer() { local x=outer; inner; echo "after inner x=$x"; }
           inner() { x=changed; }
           outer
           trap 'echo "exit trap"' EXIT
           set -e; false || echo "false handled"
           declare -i n=5; n+=10; echo "n=$n"
           readonly K=1; echo "K=$K"
           echo stderr line >&2
           exit 3"#,
        Case::new()
            .exit(3)
            .contains("fib16=987")
            .contains("exit trap"),
    );
}

#[test]
fn printf_and_time_format() {
    bash(
        "bash_printf",
        r#"printf '%d|%5d|%-5d|%05d|%x|%X|%o|%e|%g|%.2f|%s|%c|%%\n' 42 42 42 42 255 255 8 1234.5 0.0001 2.345 str xyz
           printf '%(%Y-%m-%d %H:%M:%S)T\n' 1700000000
           printf '%b\n' 'tab\there'
           printf '[%*s][%-*s]\n' 6 r 6 l"#,
        Case::new()
            .env("TZ", "UTC0")
            .contains("2023-11-14 22:13:20"),
    );
}

#[test]
fn reads_stdin() {
    bash(
        "bash_stdin",
        r#"n=0; total=0; while read -r name value; do ((n++)); ((total += value)); echo "$name:$value"; done; echo "n=$n total=$total""#,
        Case::new()
            .stdin(b"a 1\nb 22\nc 333\nlast 4000".to_vec())
            .contains("n=3 total=356"),
    );
}
