#!/usr/bin/env python3
"""Annotates a perf profile of translated code.

Record with the compiled code dumped:
    QVM_CODE_DUMP=/tmp/cd perf record -o perf.data -F 5000 target/release/qvm run ...
then:
    benches/tools/jitprof.py perf.data /tmp/cd [TOP]
prints the share of samples in translated code, where they fall by kind of
instruction over all translated code (the body; confinement checks; guest-state
loads and stores; frame setup; spills and reloads; exits), and, for the TOP hottest
compiled functions (named by host and guest address), their disassembly with
samples per instruction."""
import re, sys, os, subprocess, collections, bisect
data, d = sys.argv[1], sys.argv[2]
top = int(sys.argv[3]) if len(sys.argv) > 3 else 5
funcs = []
for f in os.listdir(d):
    a, g = f[:-4].split('-')
    a = int(a, 16); sz = os.path.getsize(os.path.join(d, f))
    funcs.append((a, sz, int(g, 16), f))
funcs.sort()
starts = [f[0] for f in funcs]
ips = subprocess.run(['perf', 'script', '-i', data, '-F', 'ip'], capture_output=True, text=True).stdout.split()
cnt = collections.Counter(); per = collections.defaultdict(collections.Counter)
total = 0; jit = 0
for ip in ips:
    ip = int(ip, 16); total += 1
    i = bisect.bisect_right(starts, ip) - 1
    if i >= 0 and ip < funcs[i][0] + funcs[i][1]:
        jit += 1; cnt[i] += 1; per[i][ip - funcs[i][0]] += 1
print(f"samples {total}, in jit {jit} ({100*jit/max(total,1):.1f}%), functions hit {len(cnt)}")


def disasm(path):
    """Instruction text by offset."""
    out = subprocess.run(['objdump', '-D', '-b', 'binary', '-mi386:x86-64', '-M', 'intel', path],
                         capture_output=True, text=True).stdout
    ins = {}
    for line in out.splitlines():
        m = re.match(r'\s+([0-9a-f]+):\s+(?:[0-9a-f]{2} )+\s*(.*)', line)
        if m:
            ins[int(m.group(1), 16)] = m.group(2).strip()
    return ins


# The lowering's conventions: rdi holds the CpuState, rsi the guest memory base.
# The gas lives in a register the allocator picks (an argument between blocks, no
# longer the pinned r15), and Cranelift sinks its subtractions into the exits: its
# compares and subtracts count as body. A confinement check is
# `cmp addr,0x7fffffff; ja` (the 2 GiB space, with the guard) or `cmp addr,
# [rip+limit]; ja` without the guard.
# Spill slots are addressed from rsp (regions keep no frame pointer).
KINDS = [
    ('frame setup/teardown', r'(push +rbp|mov +rbp,rsp|sub +rsp|add +rsp|mov +rsp,rbp|pop +rbp)'),
    ('spill/reload', r'\w+ +(\w+,)?[A-Z]+ PTR \[rsp'),
    ('exit (jump/ret)', r'(jmp +r|movabs|ret)'),
    ('guest-state load/store', r'.*PTR \[rdi'),
    ('confinement check', r'(cmp +\w+,(QWORD PTR \[rip|0x7fffffff$)|ja )'),
]


kinds = collections.Counter()
for i, c in cnt.items():
    ins = disasm(os.path.join(d, funcs[i][3]))
    for off, n in per[i].items():
        t = ins.get(off, '?')
        kinds[next((k for k, pat in KINDS if re.match(pat, t)), 'body')] += n
for k, n in kinds.most_common():
    print(f"  {k:24s} {n:7d} {100*n/max(jit,1):5.1f}% of translated code")
for i, c in cnt.most_common(top):
    a, sz, g, f = funcs[i]
    print(f"\n=== {f} guest {g:#x} size {sz}: {c} samples ({100*c/total:.1f}%)")
    out = subprocess.run(['objdump', '-D', '-b', 'binary', '-mi386:x86-64', '-M', 'intel', os.path.join(d, f)], capture_output=True, text=True).stdout
    for line in out.splitlines():
        s = line.strip()
        if ':' in s and s.split(':')[0].strip() and all(ch in '0123456789abcdef' for ch in s.split(':')[0].strip()):
            off = int(s.split(':')[0], 16)
            parts = line.split('\t')
            txt = parts[-1] if len(parts) >= 3 else ''
            print(f"{per[i].get(off, 0):5d} {off:5x}  {txt}")
