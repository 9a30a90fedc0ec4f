; hello via the write syscall, then exit(0).
        global _start
        section .text
_start:
        mov eax, 1              ; write
        mov edi, 1              ; stdout
        lea rsi, [rel msg]
        mov edx, msg_len
        syscall
        mov eax, 60             ; exit
        xor edi, edi
        syscall
        section .rodata
msg:    db "hello, world", 10
msg_len equ $ - msg
