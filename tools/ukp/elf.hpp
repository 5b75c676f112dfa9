// What the launcher needs to know about ELF files (64-bit, host byte order).
#pragma once

#include <cstdint>
#include <string>

namespace ukp::tool {

// Where the ELF file open at `fd` ends: past its last segment and its
// section table (0 if it is not an ELF file). Anything after that was
// appended to it.
std::uint64_t elf_end(int fd);

// The dynamic loader the ELF file at `path` asks for (PT_INTERP); empty
// for a statically linked program or a shared library.
std::string elf_interpreter(const std::string& path);

// Whether the ELF file at `path` defines and exports `symbol` (in .dynsym).
bool elf_exports(const std::string& path, const char* symbol);

}  // namespace ukp::tool
