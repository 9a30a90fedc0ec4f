; div by zero: SIGFPE (status 136).
        global _start
        section .text
_start:
        mov eax, 100
        xor edx, edx
        xor ecx, ecx
        div ecx
        mov eax, 60
        xor edi, edi
        syscall
