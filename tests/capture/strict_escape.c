// An application that tries to get around capture: it jumps to a `syscall`
// instruction inside the dynamic loader's code (whose calls capture lets
// through to the host, since ld.so loads the program's libraries) with the
// number of a call no ukp host code needs. Under --capture=strict the
// seccomp filter must stop the process and name the call; the program
// never gets past the jump.
//
// usage: strict_escape
#define _GNU_SOURCE
#include <elf.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/syscall.h>

static const unsigned char* g_gadget;

// The first `syscall` instruction (0f 05) in ld.so's executable segment.
static int find_gadget(struct dl_phdr_info* info, size_t size, void* data) {
    (void)size;
    (void)data;
    if (info->dlpi_addr != (ElfW(Addr))getauxval(AT_BASE)) return 0;
    for (int i = 0; i < info->dlpi_phnum; ++i) {
        const ElfW(Phdr)* ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_X)) continue;
        const unsigned char* p = (const unsigned char*)(info->dlpi_addr + ph->p_vaddr);
        for (size_t k = 0; k + 1 < ph->p_memsz; ++k)
            if (p[k] == 0x0f && p[k + 1] == 0x05) {
                g_gadget = p + k;
                return 1;
            }
    }
    return 0;
}

int main(void) {
    dl_iterate_phdr(find_gadget, NULL);
    if (!g_gadget) {
        printf("strict_escape: no syscall instruction found in ld.so\n");
        return 2;
    }
    printf("strict_escape: jumping to ld.so's syscall at %p with unshare(0)\n", (const void*)g_gadget);
    fflush(stdout);
    // unshare(0) changes nothing even if it ran; the filter must stop it.
    __asm__ volatile("xor %%edi, %%edi\n\tjmp *%1" : : "a"((long)SYS_unshare), "r"(g_gadget) : "rdi", "memory");
    __builtin_unreachable();
}
