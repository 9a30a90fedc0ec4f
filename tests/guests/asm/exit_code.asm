; exit_group(77) after writing to stderr.
        global _start
        section .text
_start:
        mov eax, 1
        mov edi, 2
        lea rsi, [rel msg]
        mov edx, msg_len
        syscall
        mov eax, 231            ; exit_group
        mov edi, 77
        syscall
        section .rodata
msg:    db "exiting with 77", 10
msg_len equ $ - msg
