#include "elf.hpp"

#include <elf.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include "file_io.hpp"

namespace ukp::tool {
namespace {

bool read_header(int fd, Elf64_Ehdr& eh) {
    return read_exact(fd, &eh, sizeof eh, 0) && std::memcmp(eh.e_ident, ELFMAG, SELFMAG) == 0 &&
           eh.e_ident[EI_CLASS] == ELFCLASS64 && eh.e_phentsize == sizeof(Elf64_Phdr) &&
           (eh.e_shnum == 0 || eh.e_shentsize == sizeof(Elf64_Shdr));
}

}  // namespace

std::uint64_t elf_end(int fd) {
    Elf64_Ehdr eh;
    if (!read_header(fd, eh)) return 0;
    std::uint64_t end = eh.e_shoff + std::uint64_t{eh.e_shnum} * eh.e_shentsize;
    for (unsigned i = 0; i < eh.e_phnum; ++i) {
        Elf64_Phdr ph;
        if (!read_exact(fd, &ph, sizeof ph, eh.e_phoff + i * sizeof ph)) return 0;
        end = std::max<std::uint64_t>(end, ph.p_offset + ph.p_filesz);
    }
    return end;
}

std::string elf_interpreter(const std::string& path) {
    int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return {};
    std::string interp;
    Elf64_Ehdr eh;
    for (unsigned i = 0; read_header(fd, eh) && i < eh.e_phnum; ++i) {
        Elf64_Phdr ph;
        if (!read_exact(fd, &ph, sizeof ph, eh.e_phoff + i * sizeof ph)) break;
        if (ph.p_type != PT_INTERP || ph.p_filesz == 0 || ph.p_filesz > 4096) continue;
        interp.resize(ph.p_filesz);
        if (!read_exact(fd, interp.data(), interp.size(), ph.p_offset)) interp.clear();
        interp.resize(std::strlen(interp.c_str()));  // NUL-terminated in the file
        break;
    }
    close(fd);
    return interp;
}

bool elf_exports(const std::string& path, const char* symbol) {
    int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    bool found = false;
    Elf64_Ehdr eh;
    std::vector<Elf64_Shdr> sections;
    if (read_header(fd, eh) && eh.e_shnum < 4096) {
        sections.resize(eh.e_shnum);
        if (!read_exact(fd, sections.data(), sections.size() * sizeof(Elf64_Shdr), eh.e_shoff)) sections.clear();
    }
    const std::size_t want = std::strlen(symbol) + 1;
    for (const Elf64_Shdr& s : sections) {
        if (s.sh_type != SHT_DYNSYM || s.sh_entsize != sizeof(Elf64_Sym) || s.sh_link >= sections.size()) continue;
        const Elf64_Shdr& strtab = sections[s.sh_link];
        std::vector<Elf64_Sym> syms(s.sh_size / sizeof(Elf64_Sym));
        std::vector<char> names(strtab.sh_size);
        if (!read_exact(fd, syms.data(), syms.size() * sizeof(Elf64_Sym), s.sh_offset) ||
            !read_exact(fd, names.data(), names.size(), strtab.sh_offset))
            break;
        for (const Elf64_Sym& sym : syms)
            if (sym.st_shndx != SHN_UNDEF && sym.st_name + want <= names.size() &&
                std::memcmp(names.data() + sym.st_name, symbol, want) == 0)
                found = true;
    }
    close(fd);
    return found;
}

}  // namespace ukp::tool
