// What `ukp pack` appends to the launcher and a packed app reads back: the
// trailer (the file's last bytes, locating the parts) and the manifest
// (the run options recorded at pack time).
//
// A packed file:
//   [launcher: the ukp executable][zeros to a multiple of 4096]
//   [image (page-aligned, may be empty)][libukp.so (may be empty)]
//   [libraries (may be empty)][app ELF][manifest][trailer]
//
// The libraries part carries the shared libraries the app and libukp need
// beyond glibc's own (libstdc++, libslirp, glib, ...), so OUT runs on a
// machine that has none of them: records of
//   u64 name length, u64 size, the name (the library's soname), its bytes.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "options.hpp"

namespace ukp::tool {

inline constexpr char kPackMagic[8] = {'U', 'K', 'P', 'P', 'A', 'C', 'K', '1'};
inline constexpr std::uint64_t kPackVersion = 2;
inline constexpr std::uint64_t kPackAlign = 4096;

struct Extent {
    std::uint64_t offset = 0;
    std::uint64_t size = 0;
};

struct Trailer {
    Extent image, lib, libs, app, manifest;
    static constexpr const char* kNames[] = {"image", "libukp", "libraries", "app", "manifest"};
    std::array<Extent*, 5> parts() { return {&image, &lib, &libs, &app, &manifest}; }
    std::array<const Extent*, 5> parts() const { return {&image, &lib, &libs, &app, &manifest}; }
};

// On disk: magic, then version, then the five parts' offset and size, all
// little-endian u64.
inline constexpr std::size_t kTrailerSize = 8 + 8 + 5 * 16;

void encode_trailer(const Trailer& t, unsigned char (&out)[kTrailerSize]);

enum class TrailerCheck { absent, ok, corrupt };

// Reads the trailer of a file of `file_size` bytes whose last bytes are
// `in`: absent (no magic: not a packed file), corrupt (`error` says why:
// another version, an extent outside the file or overlapping another, an
// image not page-aligned, no app or manifest), or ok.
TrailerCheck decode_trailer(const unsigned char (&in)[kTrailerSize], std::uint64_t file_size, Trailer& t,
                            std::string& error);

// What the manifest says about the other parts (the trailer must agree).
struct PackedParts {
    bool image = false;          // an image is the root
    bool kernel_in_app = false;  // the app carries the kernel: no libukp.so
};

// The manifest: "key=value\0" records (values may hold any byte but NUL).
// program=, arg= (in order), volume=, publish=, net=, env=KEY=VALUE,
// workdir=, user=, capture=, trace=, log=, no-host-dirs=1, root=1 (an image
// is the root), kernel=app (no libukp.so packed).
inline constexpr std::uint64_t kMaxManifest = 16 << 20;
std::string encode_manifest(const RunOptions& o, const PackedParts& parts);
// Fills `o` and `parts`; false with `error` for a malformed manifest.
bool decode_manifest(std::string_view bytes, RunOptions& o, PackedParts& parts, std::string& error);
// One readable line per record (non-printable bytes as \n, \t, \xNN).
std::string describe_manifest(std::string_view bytes);

}  // namespace ukp::tool
