; Prints a line, then executes hlt: SIGSEGV (status 139): hlt at CPL3 is #GP.
        global _start
        section .text
_start:
        mov eax, 1
        mov edi, 1
        lea rsi, [rel msg]
        mov edx, msg_len
        syscall
        hlt
        mov eax, 60             ; not reached
        xor edi, edi
        syscall
        section .rodata
msg:    db "before hlt", 10
msg_len equ $ - msg
