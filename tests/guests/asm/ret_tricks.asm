; Calls and returns that break the usual pairing, in a loop hot enough to be
; compiled as regions (which copy small leaf callees and turn their `ret` into a
; compare against the region's return sites), and flags that live across a
; `ret` (which compiled code stores only when the return target reads them).
; The exit status is a checksum of everything counted, so any wrong turn shows.
        global _start
        section .text
_start:
        xor ebx, ebx            ; carries collected by adc after set_carry
        xor r12d, r12d          ; instructions skipped by skip_next
        xor r13d, r13d          ; detours taken by redirect
        xor r14d, r14d          ; plain calls
        ; Loop A: ordinary leaf calls, some callees called from two sites (their
        ; `ret` must pick the right one), flags produced by a callee and read
        ; right after its `ret`.
        mov ebp, 200000
.loop_a:
        mov eax, ebp
        call set_carry
        adc ebx, 0
        call plain
        call plain
        mov eax, ebp
        call test_low_bit
        jz .even
        add r14d, 3
.even:
        dec ebp
        jnz .loop_a
        ; Loop B: callees that return somewhere other than their call site.
        mov ebp, 200000
.loop_b:
        call skip_next
        inc r12d                ; 3 bytes: skipped
        add r12d, 1             ; skip_next lands here
        call redirect
        add r13d, 100           ; never runs: redirect returns to .detour
.detour:
        dec ebp
        jnz .loop_b
        ; checksum: exit((ebx + r12 + r13 + r14) & 0xff) after printing it
        lea eax, [rbx + r12]
        add eax, r13d
        add eax, r14d
        mov edi, eax
        and edi, 0xff
        push rdi
        mov eax, 1
        mov edi, 1
        lea rsi, [rel msg]
        mov edx, msg_len
        syscall
        pop rdi
        mov eax, 231
        syscall

skip_next:
        add qword [rsp], 3      ; past the 3-byte `inc r12d`
        ret

set_carry:                      ; CF = bit 1 of eax
        bt eax, 1
        ret

redirect:
        lea rax, [rel _start.detour]
        inc r13d
        mov [rsp], rax
        ret

plain:
        add r14d, 1
        ret

test_low_bit:                   ; ZF = !(eax & 1)
        test al, 1
        ret

        section .rodata
msg:    db "ret tricks done", 10
msg_len equ $ - msg
