; Prints a line, then executes ud2: SIGILL (status 132).
        global _start
        section .text
_start:
        mov eax, 1
        mov edi, 1
        lea rsi, [rel msg]
        mov edx, msg_len
        syscall
        ud2
        mov eax, 60             ; not reached
        xor edi, edi
        syscall
        section .rodata
msg:    db "before ud2", 10
msg_len equ $ - msg
