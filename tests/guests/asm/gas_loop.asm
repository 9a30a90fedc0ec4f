; The gas test loop. Executed instructions:
;   xor eax,eax; mov ecx,1000                      2 Simple
;   1000 x (add rax,rcx; dec ecx; jnz l)           1000 x (2 Simple + 1 Branch)
;   mov eax,60; xor edi,edi                        2 Simple
;   syscall                                        1 System + syscall base (0 bytes)
; The iteration count is patched by the gas tests (see ITERS).
        global _start
        section .text
_start:
        xor eax, eax
        mov ecx, ITERS
l:      add rax, rcx
        dec ecx
        jnz l
        mov eax, 60
        xor edi, edi
        syscall
