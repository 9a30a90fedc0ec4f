; Gas over several classes. Executed instructions:
;   mov ecx,200; mov ebx,7; xor r8d,r8d                   3 Simple
;   200 x: mov eax,ecx; imul eax,ebx; xor edx,edx; div ebx; add r8d,eax; dec ecx; jnz l
;          = 200 x (4 Simple + 1 Mul + 1 Div + 1 Branch)
;   lea rdi,[rel buf]; mov ecx,100; xor eax,eax           3 Simple
;   rep stosb                                             1 String + 100 x rep_iteration
;   call f                                                1 Branch
;   f: ret                                                1 Branch
;   mov eax,1; mov edi,1; lea rsi,[rel msg]; mov edx,3    4 Simple
;   syscall (write 3 bytes)                               1 System + base + 3 x per_byte
;   mov eax,60; xor edi,edi                               2 Simple
;   syscall                                               1 System + base
        global _start
        section .text
_start:
        mov ecx, 200
        mov ebx, 7
        xor r8d, r8d
l:      mov eax, ecx
        imul eax, ebx
        xor edx, edx
        div ebx
        add r8d, eax
        dec ecx
        jnz l
        lea rdi, [rel buf]
        mov ecx, 100
        xor eax, eax
        rep stosb
        call f
        mov eax, 1
        mov edi, 1
        lea rsi, [rel msg]
        mov edx, 3
        syscall
        mov eax, 60
        xor edi, edi
        syscall
f:      ret
        section .rodata
msg:    db "ok", 10
        section .bss
buf:    resb 128
