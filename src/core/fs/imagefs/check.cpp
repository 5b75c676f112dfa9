// Validation of an image before it is mounted, and the superblock's making.
// Everything here treats the bytes as hostile: all arithmetic is checked
// against overflow, the tables are read with memcpy (no alignment assumed).
// The tables are copied out of the image first and checked and served from
// the copy: whoever rewrites the host file later can change what files
// read, never the tables the kernel trusts.
#include <bit>
#include <cstring>

#include "core/mem/arena.hpp"
#include "core/fs/imagefs/imagefs.hpp"
#include "host/host.hpp"

namespace ukp::imagefs {
namespace {

static_assert(std::endian::native == std::endian::little, "images are little-endian; a big-endian host must swap");

using format::Dirent;
using format::Header;

constexpr std::uint32_t kNone = UINT32_MAX;

// [off, off + count*elem) lies within [0, size).
bool fits(std::uint64_t off, std::uint64_t count, std::uint64_t elem, std::uint64_t size) {
    if (off > size) return false;
    if (elem && count > (size - off) / elem) return false;
    return true;
}

struct Checker {
    const unsigned char* bytes;
    std::uint64_t size;
    Tables& t;
    Header h{};
    const char* why = nullptr;

    Errno bad(const char* reason) {
        why = reason;
        return LX_EINVAL;
    }
    format::Node node(std::uint32_t i) const {
        format::Node n;
        std::memcpy(&n, t.bytes.data() + t.nodes + std::uint64_t{i} * sizeof n, sizeof n);
        return n;
    }
    Dirent dirent(std::uint64_t i) const {
        Dirent d;
        std::memcpy(&d, t.bytes.data() + t.dirents + i * sizeof d, sizeof d);
        return d;
    }
    std::string_view str(std::uint64_t off, std::uint64_t len) const {
        return {reinterpret_cast<const char*>(t.bytes.data() + t.strings + off), static_cast<std::size_t>(len)};
    }

    // Copies [off, off+n) of the image to the tables' `at`.
    bool take(std::uint64_t at, std::uint64_t off, std::uint64_t n) {
        return host::mem_copy_from_app(t.bytes.data() + at, bytes + off, static_cast<std::size_t>(n));
    }

    Result<void> header() {
        if (size < sizeof(Header)) return bad("shorter than its header");
        if (!host::mem_copy_from_app(&h, bytes, sizeof h)) return bad("the host file is shorter than the range");
        if (std::memcmp(h.magic, format::kMagic, sizeof h.magic) != 0) return bad("bad magic");
        if (h.version != format::kVersion) return bad("unsupported version");
        if (h.header_size != sizeof(Header)) return bad("bad header size");
        if (h.image_size != size) return bad("image size differs from the range given");
        if (size > format::kMaxImageSize) return bad("image too large");
        if (h.node_count == 0 || h.node_count > format::kMaxNodes) return bad("bad node count");
        if (!fits(h.node_offset, h.node_count, sizeof(format::Node), size)) return bad("node table out of bounds");
        if (!fits(h.dirent_offset, h.dirent_count, sizeof(Dirent), size)) return bad("dirent table out of bounds");
        if (!fits(h.strings_offset, h.strings_size, 1, size)) return bad("string table out of bounds");
        const std::uint64_t node_bytes = std::uint64_t{h.node_count} * sizeof(format::Node);
        const std::uint64_t dirent_bytes = std::uint64_t{h.dirent_count} * sizeof(Dirent);
        t.nodes = 0;
        t.dirents = node_bytes;
        t.strings = node_bytes + dirent_bytes;
        t.bytes.resize(t.strings + h.strings_size);
        if (!take(t.nodes, h.node_offset, node_bytes) || !take(t.dirents, h.dirent_offset, dirent_bytes) ||
            !take(t.strings, h.strings_offset, h.strings_size))
            return bad("the host file is shorter than the range");
        return success();
    }

    Result<void> nodes() {
        for (std::uint32_t i = 0; i < h.node_count; ++i) {
            const format::Node n = node(i);
            const std::uint32_t type = n.mode & format::kTypeMask;
            if (n.mode & ~(format::kTypeMask | 07777u)) return bad("bad mode bits");
            if (n.mtime_nsec >= 1000000000u) return bad("bad mtime");
            switch (type) {
                case format::kDir:
                    if (!fits(n.a, n.b, 1, h.dirent_count)) return bad("directory entries out of bounds");
                    break;
                case format::kReg:
                    if (n.b > format::kMaxFileSize) return bad("file too large");
                    if (n.b == 0) break;
                    if (n.a % format::kDataAlign) return bad("file data not aligned");
                    if (!fits(n.a, n.b, 1, size)) return bad("file data out of bounds");
                    break;
                case format::kLink:
                    if (n.b == 0 || n.b > format::kMaxLink) return bad("bad symlink length");
                    if (!fits(n.a, n.b, 1, h.strings_size)) return bad("symlink target out of bounds");
                    if (str(n.a, n.b).find('\0') != std::string_view::npos) return bad("NUL in a symlink target");
                    break;
                default:
                    return bad("unsupported node type");
            }
        }
        if ((node(0).mode & format::kTypeMask) != format::kDir) return bad("root is not a directory");
        return success();
    }

    // The directory graph from the root: every directory reached once (a
    // second reference would be a cycle or a shared subtree), names well
    // formed and sorted, and the total of entries walked bounded by the
    // table (directories cannot share entries to blow up the walk).
    Result<void> tree(std::pmr::vector<std::uint32_t>& parents, std::pmr::vector<std::uint32_t>& nlinks) {
        parents.assign(h.node_count, kNone);
        nlinks.assign(h.node_count, 0);
        std::pmr::vector<std::uint32_t> queue(mem::resource());
        queue.push_back(0);
        parents[0] = 0;
        nlinks[0] = 2;
        std::uint64_t walked = 0;
        for (std::size_t q = 0; q < queue.size(); ++q) {
            const std::uint32_t dir = queue[q];
            const format::Node d = node(dir);
            walked += d.b;
            if (walked > h.dirent_count) return bad("directories share entries");
            std::string_view prev;
            for (std::uint64_t i = d.a; i < d.a + d.b; ++i) {
                const Dirent e = dirent(i);
                if (e.name_len == 0 || e.name_len > format::kMaxName) return bad("bad name length");
                if (!fits(e.name_offset, e.name_len, 1, h.strings_size)) return bad("name out of bounds");
                if (e.reserved || e.reserved2) return bad("reserved dirent field set");
                const std::string_view name = str(e.name_offset, e.name_len);
                if (name == "." || name == "..") return bad("\".\" or \"..\" stored");
                if (name.find_first_of(std::string_view("/\0", 2)) != std::string_view::npos)
                    return bad("'/' or NUL in a name");
                if (i != d.a && !(prev < name)) return bad("entries not sorted or duplicated");
                prev = name;
                if (e.node >= h.node_count || e.node == 0) return bad("entry names a bad node");
                if ((node(e.node).mode & format::kTypeMask) == format::kDir) {
                    if (parents[e.node] != kNone) return bad("directory reached twice (cycle)");
                    parents[e.node] = dir;
                    nlinks[e.node] = 2;
                    ++nlinks[dir];
                    queue.push_back(e.node);
                } else {
                    ++nlinks[e.node];  // hard links count up; bounded by dirent_count
                }
            }
        }
        return success();
    }
};

}  // namespace

Result<Ref<Sb>> make(const void* bytes, std::uint64_t size, const char** why) {
    Tables tables;
    Checker c{static_cast<const unsigned char*>(bytes), size, tables};
    std::pmr::vector<std::uint32_t> parents(mem::resource()), nlinks(mem::resource());
    Result<void> r = c.header();
    if (r.ok()) r = c.nodes();
    if (r.ok()) r = c.tree(parents, nlinks);
    if (!r.ok()) {
        if (why) *why = c.why;
        return r.error();
    }
    return make_ref<Sb>(c.bytes, size, c.h, std::move(tables), std::move(parents), std::move(nlinks));
}

Result<Ref<Sb>> open(const char* path, std::uint64_t offset, std::uint64_t size, const char** why) {
    const void* p = nullptr;
    host::FileHandle io = -1;
    if (int e = host::file_map_readonly(path, offset, size, &p, &io); e < 0) {
        if (why) *why = "cannot map the host file range";
        return static_cast<Errno>(-e);
    }
    Result<Ref<Sb>> sb = make(p, size, why);
    if (!sb.ok()) {
        host::file_unmap_readonly(p, size);
        host::file_close(io);
        return sb.error();
    }
    (*sb)->own_mapping(io, offset);
    return sb;
}

}  // namespace ukp::imagefs
