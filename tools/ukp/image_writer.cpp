// The image writer: walk, lay out, then stream (no seeks: see the header).
#include "image_writer.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <functional>
#include <map>
#include <utility>
#include <vector>

#include "core/fs/imagefs/format.hpp"

namespace ukp::tool {
namespace {

namespace imgfmt = ukp::imagefs::format;

using Sink = std::function<bool(const void*, std::size_t)>;

struct Child {
    std::string name;
    std::uint32_t node;
};

struct Entry {
    std::string path;  // on the host
    imgfmt::Node node{};
    std::vector<Child> children;  // directories, sorted by name
    std::string target;           // symlinks
};

struct Walker {
    const ImageOptions& opts;
    std::vector<Entry> nodes;
    std::map<std::pair<dev_t, ino_t>, std::uint32_t> links;  // hard-linked files already stored
    std::string error;

    bool fail(const std::string& path, const std::string& what) {
        error = path + ": " + what;
        return false;
    }

    // Adds the node for `path` (already lstat'ed as `st`); its index in *out.
    bool add(const std::string& path, const struct stat& st, std::uint32_t* out) {
        const bool reg = S_ISREG(st.st_mode), dir = S_ISDIR(st.st_mode), lnk = S_ISLNK(st.st_mode);
        if (!reg && !dir && !lnk) return fail(path, "not a regular file, directory or symlink (special files cannot be packed)");
        if (reg && st.st_nlink > 1) {
            auto it = links.find({st.st_dev, st.st_ino});
            if (it != links.end()) {
                *out = it->second;
                return true;
            }
        }
        if (nodes.size() >= imgfmt::kMaxNodes) return fail(path, "too many files for an image");
        const auto index = static_cast<std::uint32_t>(nodes.size());
        Entry e;
        e.path = path;
        e.node.mode = static_cast<std::uint32_t>(st.st_mode & (imgfmt::kTypeMask | 07777));
        e.node.uid = opts.root_owned ? 0 : st.st_uid;
        e.node.gid = opts.root_owned ? 0 : st.st_gid;
        e.node.mtime_sec = st.st_mtim.tv_sec;
        e.node.mtime_nsec = static_cast<std::uint32_t>(st.st_mtim.tv_nsec);
        if (reg) {
            if (static_cast<std::uint64_t>(st.st_size) > imgfmt::kMaxFileSize)
                return fail(path, "larger than an image file may be (1 TiB)");
            e.node.b = static_cast<std::uint64_t>(st.st_size);
            if (st.st_nlink > 1) links[{st.st_dev, st.st_ino}] = index;
        } else if (lnk) {
            std::string t(imgfmt::kMaxLink + 1, '\0');
            ssize_t n = readlink(path.c_str(), t.data(), t.size());
            if (n < 0) return fail(path, std::string("readlink: ") + std::strerror(errno));
            if (n == 0 || static_cast<std::size_t>(n) > imgfmt::kMaxLink) return fail(path, "symlink target too long");
            t.resize(static_cast<std::size_t>(n));
            e.target = std::move(t);
        }
        nodes.push_back(std::move(e));
        *out = index;
        if (dir) return walk_dir(index);
        return true;
    }

    bool walk_dir(std::uint32_t index) {
        const std::string path = nodes[index].path;
        DIR* d = opendir(path.c_str());
        if (!d) return fail(path, std::string("opendir: ") + std::strerror(errno));
        std::vector<std::string> names;
        errno = 0;
        while (struct dirent* de = readdir(d)) {
            if (!std::strcmp(de->d_name, ".") || !std::strcmp(de->d_name, "..")) continue;
            names.emplace_back(de->d_name);
        }
        const int e = errno;
        closedir(d);
        if (e) return fail(path, std::string("readdir: ") + std::strerror(e));
        std::sort(names.begin(), names.end());  // bytewise, as the reader searches
        std::vector<Child> children;
        for (const std::string& name : names) {
            if (name.size() > imgfmt::kMaxName) return fail(path + "/" + name, "name too long");
            const std::string child = path + "/" + name;
            struct stat st;
            if (lstat(child.c_str(), &st) != 0) return fail(child, std::string("lstat: ") + std::strerror(errno));
            std::uint32_t n = 0;
            if (!add(child, st, &n)) return false;
            children.push_back({name, n});
        }
        nodes[index].children = std::move(children);
        return true;
    }
};

bool write_zeros(const Sink& sink, std::uint64_t n) {
    static const char zeros[4096] = {};
    while (n) {
        std::size_t k = n < sizeof zeros ? static_cast<std::size_t>(n) : sizeof zeros;
        if (!sink(zeros, k)) return false;
        n -= k;
    }
    return true;
}

std::uint64_t align_up(std::uint64_t v) { return (v + imgfmt::kDataAlign - 1) / imgfmt::kDataAlign * imgfmt::kDataAlign; }

ImageResult write_to(const std::string& root, const Sink& sink, const ImageOptions& opts) {
    ImageResult res;
    Walker w{opts, {}, {}, {}};
    struct stat st;
    // The root itself may be a symlink the user named: followed.
    if (stat(root.c_str(), &st) != 0) {
        res.error = root + ": " + std::strerror(errno);
        return res;
    }
    if (!S_ISDIR(st.st_mode)) {
        res.error = root + ": not a directory";
        return res;
    }
    std::uint32_t root_index = 0;
    if (!w.add(root, st, &root_index)) {
        res.error = w.error;
        return res;
    }

    // Layout: tables, strings, then each file's data at an aligned offset.
    std::vector<imgfmt::Dirent> dirents;
    std::string strings;
    auto intern = [&](const std::string& s) { std::uint64_t at = strings.size(); strings += s; return at; };
    for (Entry& e : w.nodes) {
        if (S_ISDIR(e.node.mode)) {
            e.node.a = dirents.size();
            e.node.b = e.children.size();
            for (const Child& c : e.children) {
                imgfmt::Dirent d{};
                d.name_offset = static_cast<std::uint32_t>(intern(c.name));
                d.name_len = static_cast<std::uint16_t>(c.name.size());
                d.node = c.node;
                dirents.push_back(d);
            }
        } else if (S_ISLNK(e.node.mode)) {
            e.node.a = intern(e.target);
            e.node.b = e.target.size();
        }
        if (strings.size() > UINT32_MAX) {
            res.error = root + ": too many names for an image (string table over 4 GiB)";
            return res;
        }
    }
    imgfmt::Header h{};
    std::memcpy(h.magic, imgfmt::kMagic, sizeof h.magic);
    h.version = imgfmt::kVersion;
    h.header_size = sizeof h;
    h.node_count = static_cast<std::uint32_t>(w.nodes.size());
    h.dirent_count = static_cast<std::uint32_t>(dirents.size());
    h.node_offset = sizeof h;
    h.dirent_offset = h.node_offset + w.nodes.size() * sizeof(imgfmt::Node);
    h.strings_offset = h.dirent_offset + dirents.size() * sizeof(imgfmt::Dirent);
    h.strings_size = strings.size();
    std::uint64_t end = h.strings_offset + h.strings_size;
    for (Entry& e : w.nodes) {
        if (!S_ISREG(e.node.mode) || e.node.b == 0) continue;
        e.node.a = align_up(end);
        end = e.node.a + e.node.b;
    }
    if (end > imgfmt::kMaxImageSize) {
        res.error = root + ": the tree is too large for an image";
        return res;
    }
    h.image_size = end;

    auto io_error = [&](const std::string& what) {
        res.error = what + ": " + std::strerror(errno ? errno : EIO);
        return res;
    };
    errno = 0;
    if (!sink(&h, sizeof h)) return io_error("writing the image");
    for (const Entry& e : w.nodes)
        if (!sink(&e.node, sizeof e.node)) return io_error("writing the image");
    if (!dirents.empty() && !sink(dirents.data(), dirents.size() * sizeof(imgfmt::Dirent)))
        return io_error("writing the image");
    if (!strings.empty() && !sink(strings.data(), strings.size())) return io_error("writing the image");
    std::uint64_t at = h.strings_offset + h.strings_size;
    std::vector<char> buf(1 << 16);
    for (const Entry& e : w.nodes) {
        if (!S_ISREG(e.node.mode) || e.node.b == 0) continue;
        if (!write_zeros(sink, e.node.a - at)) return io_error("writing the image");
        int fd = open(e.path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0) return io_error(e.path);
        std::uint64_t left = e.node.b;
        while (left) {
            std::size_t want = left < buf.size() ? static_cast<std::size_t>(left) : buf.size();
            ssize_t n = read(fd, buf.data(), want);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) {
                int err = n < 0 ? errno : 0;
                close(fd);
                if (err) {
                    errno = err;
                    return io_error(e.path);
                }
                res.error = e.path + ": the file shrank while it was packed";
                return res;
            }
            if (!sink(buf.data(), static_cast<std::size_t>(n))) {
                close(fd);
                return io_error("writing the image");
            }
            left -= static_cast<std::uint64_t>(n);
        }
        char extra;
        ssize_t more = read(fd, &extra, 1);
        close(fd);
        if (more > 0) {
            res.error = e.path + ": the file grew while it was packed";
            return res;
        }
        at = e.node.a + e.node.b;
    }
    res.ok = true;
    res.size = h.image_size;
    return res;
}

}  // namespace

ImageResult write_image(const std::string& root, int fd, const ImageOptions& opts) {
    return write_to(root, [fd](const void* p, std::size_t n) {
        const char* c = static_cast<const char*>(p);
        while (n) {
            ssize_t k = write(fd, c, n);
            if (k < 0 && errno == EINTR) continue;
            if (k <= 0) return false;
            c += k;
            n -= static_cast<std::size_t>(k);
        }
        return true;
    }, opts);
}

ImageResult write_image(const std::string& root, std::FILE* out, const ImageOptions& opts) {
    return write_to(root, [out](const void* p, std::size_t n) { return std::fwrite(p, 1, n, out) == n; }, opts);
}

}  // namespace ukp::tool
