; Prints a line, then executes int3: SIGTRAP (status 133).
        global _start
        section .text
_start:
        mov eax, 1
        mov edi, 1
        lea rsi, [rel msg]
        mov edx, msg_len
        syscall
        int3
        mov eax, 60             ; not reached
        xor edi, edi
        syscall
        section .rodata
msg:    db "before int3", 10
msg_len equ $ - msg
