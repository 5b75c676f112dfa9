// imagefs: images written by tools/ukp/image_writer from temporary host
// trees, mounted, read back through the kernel's system calls; every change
// refused with EROFS; corrupt images (crafted and fuzzed) rejected at mount.
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "core/fs/imagefs/imagefs.hpp"
#include "core/fs/ramfs/ramfs.hpp"
#include "core/mm/mman.hpp"
#include "core/vfs/mount.hpp"
#include "core/vfs/path.hpp"
#include "../fault_recovery.hpp"
#include "fs_helpers.hpp"
#include "image_writer.hpp"

using namespace ukp;
using namespace ukp::test;
namespace imgfmt = ukp::imagefs::format;

namespace {

template <typename T>
int err(const Result<T>& r) {
    return r.ok() ? 0 : r.error();
}

std::string pattern(std::size_t n, unsigned seed) {
    std::string s(n, '\0');
    for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<char>((i * 131 + seed * 7 + i / 4096) & 0xff);
    return s;
}

// A host tree: files of several sizes (empty, small, over a page, several
// pages), nested and empty directories, symlinks, a hard link, odd modes.
struct Tree {
    std::string dir;
    Tree() {
        char tmpl[] = "/tmp/ukp-image-XXXXXX";
        REQUIRE(mkdtemp(tmpl) != nullptr);
        dir = tmpl;
        put("hello.txt", "hello from the image\n", 0644);
        put("empty", "", 0600);
        put("page.bin", pattern(4097, 1), 0644);
        put("big.bin", pattern(70000, 2), 0755);
        REQUIRE(::mkdir((dir + "/sub").c_str(), 0750) == 0);
        REQUIRE(::mkdir((dir + "/sub/deeper").c_str(), 0755) == 0);
        REQUIRE(::mkdir((dir + "/void").c_str(), 0700) == 0);
        put("sub/deeper/note", "deep\n", 0444);
        put("sub/a", "a\n", 0644);
        REQUIRE(::symlink("../hello.txt", (dir + "/sub/rel").c_str()) == 0);
        REQUIRE(::symlink("/img/big.bin", (dir + "/abs").c_str()) == 0);
        REQUIRE(::symlink("nowhere", (dir + "/dangling").c_str()) == 0);
        REQUIRE(::link((dir + "/sub/a").c_str(), (dir + "/hard").c_str()) == 0);
    }
    ~Tree() {
        std::string cmd = "rm -rf '" + dir + "'";
        CHECK(system(cmd.c_str()) == 0);
    }
    void put(const char* name, const std::string& text, mode_t mode) const {
        std::string p = dir + "/" + name;
        int fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        REQUIRE(fd >= 0);
        REQUIRE(::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
        ::close(fd);
        REQUIRE(::chmod(p.c_str(), mode) == 0);
    }
};

// The image of a tree as bytes (through a temporary file and write_image(fd)).
std::vector<unsigned char> image_of(const std::string& root) {
    char tmpl[] = "/tmp/ukp-image-file-XXXXXX";
    int fd = mkstemp(tmpl);
    REQUIRE(fd >= 0);
    ::unlink(tmpl);
    tool::ImageResult r = tool::write_image(root, fd);
    REQUIRE_MESSAGE(r.ok, r.error);
    std::vector<unsigned char> out(r.size);
    REQUIRE(::pread(fd, out.data(), out.size(), 0) == static_cast<ssize_t>(out.size()));
    ::close(fd);
    return out;
}

// `image` written at `prefix` bytes into a host file with junk around it.
std::string embed(const std::vector<unsigned char>& image, std::size_t prefix) {
    char tmpl[] = "/tmp/ukp-image-host-XXXXXX";
    int fd = mkstemp(tmpl);
    REQUIRE(fd >= 0);
    std::string junk(prefix, '\x5a');
    REQUIRE(::write(fd, junk.data(), junk.size()) == static_cast<ssize_t>(junk.size()));
    REQUIRE(::write(fd, image.data(), image.size()) == static_cast<ssize_t>(image.size()));
    REQUIRE(::write(fd, "trailer", 7) == 7);
    ::close(fd);
    return tmpl;
}

void mount_at(const std::string& host, std::size_t off, std::size_t size, const std::string& guest) {
    Config cfg = kernel().config();
    std::string item = host + ":" + std::to_string(off) + ":" + std::to_string(size) + ":" + guest;
    REQUIRE(cfg.set("image", item).ok());
    imagefs::mount_image(cfg, kernel().mounts(), kernel().process().root(), kernel().process().cred());
}

// Everything reachable from a vnode: names listed, files read, links read.
// Used on fuzzed images that validation accepted: must never crash.
struct Collect final : vfs::DirSink {
    std::vector<std::string> names;
    bool emit(std::uint64_t, std::string_view name, std::uint8_t, std::uint64_t) override {
        names.emplace_back(name);
        return true;
    }
};

std::size_t visit(vfs::Vnode& v, int depth) {
    std::size_t seen = 1;
    (void)v.getattr();
    if (v.is_regular()) {
        char buf[512];
        for (std::int64_t off = 0;; off += sizeof buf) {
            Result<std::size_t> n = v.read(off, buf, sizeof buf);
            if (!n.ok() || *n == 0) break;
        }
    } else if (v.is_symlink()) {
        (void)v.readlink();
    } else if (v.is_dir() && depth < 64) {
        Collect c;
        REQUIRE(v.readdir(0, c).ok());
        for (const std::string& name : c.names) {
            if (name == "." || name == "..") continue;
            Result<Ref<vfs::Vnode>> child = v.lookup(name);
            REQUIRE(child.ok());  // every listed name is found again
            seen += visit(**child, depth + 1);
        }
    }
    return seen;
}

}  // namespace

TEST_CASE("imagefs: a written image reads back through the kernel") {
    Tree t;
    std::vector<unsigned char> image = image_of(t.dir);
    std::string host = embed(image, 0);
    mount_at(host, 0, image.size(), "/img");

    CHECK(read_all("/img/hello.txt") == "hello from the image\n");
    CHECK(read_all("/img/empty").empty());
    CHECK(read_all("/img/page.bin") == pattern(4097, 1));
    CHECK(read_all("/img/big.bin") == pattern(70000, 2));
    CHECK(read_all("/img/sub/deeper/note") == "deep\n");
    CHECK(read_all("/img/sub/rel") == "hello from the image\n");  // through a relative symlink
    CHECK(read_all("/img/abs").size() == 70000);                   // absolute: the kernel's namespace
    CHECK(read_all("/img/hard") == "a\n");

    std::vector<std::string> top = list_dir("/img");
    for (const char* n : {".", "..", "hello.txt", "empty", "page.bin", "big.bin", "sub", "void", "abs", "dangling", "hard"})
        CHECK_MESSAGE(contains(top, n), n);
    CHECK(top.size() == 11);
    CHECK(list_dir("/img/void").size() == 2);
    CHECK(list_dir("/img/sub").size() == 5);

    CHECK(read_link("/img/sub/rel").value() == "../hello.txt");
    CHECK(read_link("/img/abs").value() == "/img/big.bin");
    CHECK(err(read_link("/img/hello.txt")) == LX_EINVAL);
    CHECK(err(sys::openat(LX_AT_FDCWD, "/img/dangling", LX_O_RDONLY, 0)) == LX_ENOENT);
    CHECK(err(sys::openat(LX_AT_FDCWD, "/img/missing", LX_O_RDONLY, 0)) == LX_ENOENT);
    CHECK(err(sys::openat(LX_AT_FDCWD, "/img/hello.txt/x", LX_O_RDONLY, 0)) == LX_ENOTDIR);

    // Attributes as on the host.
    struct stat hst;
    REQUIRE(::stat((t.dir + "/big.bin").c_str(), &hst) == 0);
    lx_stat st = stat_of("/img/big.bin");
    CHECK(st.st_size == 70000);
    CHECK((st.st_mode & 07777) == 0755);
    CHECK((st.st_mode & LX_S_IFMT) == LX_S_IFREG);
    CHECK(st.st_uid == hst.st_uid);
    CHECK(st.st_mtime == hst.st_mtime);
    CHECK(stat_of("/img/empty").st_mode == (LX_S_IFREG | 0600));
    CHECK(stat_of("/img/sub").st_mode == (LX_S_IFDIR | 0750));
    CHECK(stat_of("/img/sub").st_nlink == 3);
    CHECK(stat_of("/img/hard").st_nlink == 2);
    CHECK(stat_of("/img/hard").st_ino == stat_of("/img/sub/a").st_ino);
    CHECK(stat_of("/img/abs", false).st_mode == (LX_S_IFLNK | 0777));
    CHECK(stat_of("/img/abs", false).st_size == 12);
    // ".." of the image root leaves through the mount; inside, it climbs.
    CHECK(stat_of("/img/sub/deeper/..").st_ino == stat_of("/img/sub").st_ino);
    CHECK(stat_of("/img/..").st_ino == stat_of("/").st_ino);

    // Reads at offsets, past the end, in pieces.
    int fd = open_ok("/img/big.bin", LX_O_RDONLY);
    char buf[100];
    CHECK(sys::pread64(fd, buf, sizeof buf, 65000).value() == 100);
    CHECK(std::string(buf, 100) == pattern(70000, 2).substr(65000, 100));
    CHECK(sys::pread64(fd, buf, sizeof buf, 69950).value() == 50);
    CHECK(sys::pread64(fd, buf, sizeof buf, 80000).value() == 0);
    CHECK(err(sys::write(fd, "x", 1)) == LX_EBADF);
    CHECK(sys::close(fd).ok());
    ::unlink(host.c_str());  // the mapping keeps the bytes
    CHECK(read_all("/img/page.bin") == pattern(4097, 1));
}

TEST_CASE("imagefs: every change is EROFS") {
    Tree t;
    std::vector<unsigned char> image = image_of(t.dir);
    std::string host = embed(image, 0);
    mount_at(host, 0, image.size(), "/img-ro");
    auto open_err = [](const char* p, int flags) { return err(sys::openat(LX_AT_FDCWD, p, flags, 0644)); };
    CHECK(open_err("/img-ro/hello.txt", LX_O_WRONLY) == LX_EROFS);
    CHECK(open_err("/img-ro/hello.txt", LX_O_RDWR) == LX_EROFS);
    CHECK(open_err("/img-ro/hello.txt", LX_O_RDONLY | LX_O_TRUNC) == LX_EROFS);
    CHECK(open_err("/img-ro/new", LX_O_WRONLY | LX_O_CREAT) == LX_EROFS);
    CHECK(open_err("/img-ro", LX_O_TMPFILE | LX_O_RDWR) == LX_EROFS);
    CHECK(err(sys::mkdirat(LX_AT_FDCWD, "/img-ro/d", 0755)) == LX_EROFS);
    CHECK(err(sys::unlinkat(LX_AT_FDCWD, "/img-ro/hello.txt", 0)) == LX_EROFS);
    CHECK(err(sys::unlinkat(LX_AT_FDCWD, "/img-ro/void", LX_AT_REMOVEDIR)) == LX_EROFS);
    CHECK(err(sys::renameat2(LX_AT_FDCWD, "/img-ro/hello.txt", LX_AT_FDCWD, "/img-ro/x", 0)) == LX_EROFS);
    CHECK(err(sys::symlinkat("t", LX_AT_FDCWD, "/img-ro/l")) == LX_EROFS);
    CHECK(err(sys::linkat(LX_AT_FDCWD, "/img-ro/hello.txt", LX_AT_FDCWD, "/img-ro/h2", 0)) == LX_EROFS);
    CHECK(err(sys::fchmodat(LX_AT_FDCWD, "/img-ro/hello.txt", 0600, 0)) == LX_EROFS);
    CHECK(err(sys::truncate("/img-ro/hello.txt", 0)) == LX_EROFS);
    CHECK(read_all("/img-ro/hello.txt") == "hello from the image\n");
    // The vnode refuses on its own too (not only the VFS's mount check).
    Result<Ref<imagefs::Sb>> sb = imagefs::make(image.data(), image.size());
    REQUIRE(sb.ok());
    Ref<vfs::Vnode> root = (*sb)->root();
    CHECK(err(root->create("x", LX_S_IFREG | 0644, vfs::Cred{}, 0)) == LX_EROFS);
    CHECK(err(root->unlink("hello.txt", false)) == LX_EROFS);
    Ref<vfs::Vnode> file = root->lookup("hello.txt").value();
    CHECK(err(file->write(0, "x", 1)) == LX_EROFS);
    CHECK(err(file->setattr(vfs::SetAttr{})) == LX_EROFS);
    CHECK(((*sb)->statfs().f_flags & LX_ST_RDONLY) != 0);
    ::unlink(host.c_str());
}

TEST_CASE("imagefs: an image inside a larger host file, at an unaligned offset") {
    Tree t;
    std::vector<unsigned char> image = image_of(t.dir);
    std::string host = embed(image, 12345);
    mount_at(host, 12345, image.size(), "/img-off");
    CHECK(read_all("/img-off/big.bin") == pattern(70000, 2));
    CHECK(read_all("/img-off/sub/deeper/note") == "deep\n");
    // A wrong range is refused at mount (logged): nothing appears, not
    // even the mount point.
    mount_at(host, 12344, image.size(), "/img-bad1");
    CHECK(err(sys::openat(LX_AT_FDCWD, "/img-bad1", LX_O_RDONLY, 0)) == LX_ENOENT);
    const char* why = nullptr;
    CHECK(err(imagefs::open(host.c_str(), 12345, image.size() + 1, &why)) == LX_EINVAL);
    CHECK(err(imagefs::open(host.c_str(), 12345, image.size() + 1000, &why)) == LX_EINVAL);  // past EOF
    CHECK(err(imagefs::open("/nonexistent/image", 0, 100, &why)) == LX_ENOENT);
    ::unlink(host.c_str());
}

TEST_CASE("imagefs: the writer refuses what the format cannot hold") {
    Tree t;
    REQUIRE(::mkfifo((t.dir + "/sub/fifo").c_str(), 0644) == 0);
    int fd = ::open("/dev/null", O_WRONLY);
    tool::ImageResult r = tool::write_image(t.dir, fd);
    CHECK(!r.ok);
    CHECK(r.error.find("sub/fifo") != std::string::npos);
    CHECK(r.error.find("special") != std::string::npos);
    r = tool::write_image(t.dir + "/hello.txt", fd);
    CHECK(!r.ok);
    CHECK(r.error.find("not a directory") != std::string::npos);
    ::close(fd);
}

TEST_CASE("imagefs: crafted corrupt images are rejected") {
    Tree t;
    const std::vector<unsigned char> good = image_of(t.dir);
    imgfmt::Header h;
    std::memcpy(&h, good.data(), sizeof h);
    auto rejects = [](std::vector<unsigned char> img, const char* expect) {
        const char* why = nullptr;
        Result<Ref<imagefs::Sb>> sb = imagefs::make(img.data(), img.size(), &why);
        CHECK_MESSAGE(!sb.ok(), expect);
        if (!sb.ok()) {
            CHECK(sb.error() == LX_EINVAL);
            REQUIRE(why != nullptr);
            CHECK_MESSAGE(std::string(why).find(expect) != std::string::npos, why, " vs ", expect);
        }
    };
    auto with_header = [&](auto edit) {
        std::vector<unsigned char> img = good;
        imgfmt::Header x = h;
        edit(x);
        std::memcpy(img.data(), &x, sizeof x);
        return img;
    };
    auto node_of = [&](const std::vector<unsigned char>& img, std::uint32_t i) {
        imgfmt::Node n;
        std::memcpy(&n, img.data() + h.node_offset + i * sizeof n, sizeof n);
        return n;
    };
    auto with_node = [&](std::uint32_t i, auto edit) {
        std::vector<unsigned char> img = good;
        imgfmt::Node n = node_of(img, i);
        edit(n);
        std::memcpy(img.data() + h.node_offset + i * sizeof n, &n, sizeof n);
        return img;
    };
    CHECK(imagefs::make(good.data(), good.size()).ok());
    rejects(std::vector<unsigned char>(good.begin(), good.begin() + 10), "shorter");
    rejects(std::vector<unsigned char>(good.begin(), good.end() - 1), "size");
    rejects(with_header([](auto& x) { x.magic[0] = 'X'; }), "magic");
    rejects(with_header([](auto& x) { x.version = 2; }), "version");
    rejects(with_header([](auto& x) { x.node_count = 0; }), "node count");
    rejects(with_header([](auto& x) { x.node_count = 0xffffffffu; }), "node count");
    rejects(with_header([](auto& x) { x.dirent_count = 0x7fffffffu; }), "dirent table");
    rejects(with_header([](auto& x) { x.node_offset = ~0ull - 8; }), "node table");
    rejects(with_header([](auto& x) { x.strings_size = ~0ull; }), "string table");
    // The root: node 0.
    rejects(with_node(0, [](auto& n) { n.mode = imgfmt::kReg | 0644; n.a = 0; n.b = 0; }), "root");
    rejects(with_node(0, [](auto& n) { n.mode |= 0200000; }), "mode");
    rejects(with_node(0, [](auto& n) { n.b = ~0ull; }), "entries out of bounds");
    rejects(with_node(0, [](auto& n) { n.mtime_nsec = 1000000000u; }), "mtime");
    // Find a regular file, a symlink and a subdirectory to break.
    std::uint32_t reg = 0, lnk = 0, dir = 0;
    for (std::uint32_t i = 1; i < h.node_count; ++i) {
        std::uint32_t type = node_of(good, i).mode & imgfmt::kTypeMask;
        if (type == imgfmt::kReg && node_of(good, i).b > 0 && !reg) reg = i;
        if (type == imgfmt::kLink && !lnk) lnk = i;
        if (type == imgfmt::kDir && node_of(good, i).b > 0 && !dir) dir = i;
    }
    REQUIRE(reg != 0);
    REQUIRE(lnk != 0);
    REQUIRE(dir != 0);
    rejects(with_node(reg, [](auto& n) { n.a += 1; }), "aligned");
    rejects(with_node(reg, [&](auto& n) { n.b = good.size(); }), "out of bounds");
    rejects(with_node(reg, [](auto& n) { n.b = ~0ull; }), "too large");
    rejects(with_node(reg, [](auto& n) { n.mode = 0020644; }), "type");  // a character device
    rejects(with_node(lnk, [](auto& n) { n.b = 0; }), "symlink length");
    rejects(with_node(lnk, [&](auto& n) { n.a = h.strings_size; }), "symlink target");
    // A subdirectory whose entries are its parent's: the root's children
    // reached again (a cycle through the root or a shared subtree).
    rejects(with_node(dir, [&](auto& n) { n.a = node_of(good, 0).a; n.b = node_of(good, 0).b; }), "entr");
    // Entries: unsorted, bad names, bad targets.
    auto with_dirent = [&](std::uint32_t i, auto edit) {
        std::vector<unsigned char> img = good;
        imgfmt::Dirent d;
        std::memcpy(&d, img.data() + h.dirent_offset + i * sizeof d, sizeof d);
        edit(d, img);
        std::memcpy(img.data() + h.dirent_offset + i * sizeof d, &d, sizeof d);
        return img;
    };
    const std::uint32_t first = static_cast<std::uint32_t>(node_of(good, 0).a);
    rejects(with_dirent(first, [](auto& d, auto&) { d.name_len = 0; }), "name length");
    rejects(with_dirent(first, [](auto& d, auto&) { d.node = 0; }), "bad node");
    rejects(with_dirent(first, [&](auto& d, auto&) { d.node = h.node_count; }), "bad node");
    rejects(with_dirent(first, [&](auto& d, auto&) { d.name_offset = static_cast<std::uint32_t>(h.strings_size); }),
            "name out of bounds");
    rejects(with_dirent(first, [&](auto& d, auto& img) { img[h.strings_offset + d.name_offset] = '/'; }), "'/'");
    rejects(with_dirent(first, [&](auto& d, auto& img) { img[h.strings_offset + d.name_offset] = 0x7f; }), "sorted");
    rejects(with_dirent(first, [&](auto& d, auto& img) {
        d.name_len = 1;
        img[h.strings_offset + d.name_offset] = '.';
    }), "stored");
    rejects(with_dirent(first + 1, [&](auto& d, auto&) {
        imgfmt::Dirent prev;
        std::memcpy(&prev, good.data() + h.dirent_offset + first * sizeof prev, sizeof prev);
        d = prev;  // a duplicate name
    }), "sorted");
}

TEST_CASE("imagefs: fuzzed images are rejected or served, never a crash") {
    Tree t;
    const std::vector<unsigned char> good = image_of(t.dir);
    imgfmt::Header h;
    std::memcpy(&h, good.data(), sizeof h);
    const std::size_t tables = h.strings_offset + h.strings_size;  // where the metadata ends
    std::mt19937_64 rng(20261126);
    std::size_t accepted = 0, rejected = 0;
    for (int iter = 0; iter < 20000; ++iter) {
        std::vector<unsigned char> img = good;
        const int kind = static_cast<int>(rng() % 4);
        const int edits = 1 + static_cast<int>(rng() % 6);
        for (int e = 0; e < edits; ++e) {
            const std::size_t at = rng() % tables;
            switch (kind) {
                case 0: img[at] ^= static_cast<unsigned char>(1u << (rng() % 8)); break;   // bit flip
                case 1: img[at] = static_cast<unsigned char>(rng()); break;                // random byte
                case 2: {                                                                   // a word
                    std::uint32_t v = static_cast<std::uint32_t>(rng() % 3 == 0 ? ~0u : rng() % 3 == 0 ? 0 : rng() % 256);
                    std::size_t w = (at & ~std::size_t{3}) + 4 <= tables ? (at & ~std::size_t{3}) : 0;
                    std::memcpy(img.data() + w, &v, sizeof v);
                    break;
                }
                default: {                                                                  // copy a record over another
                    std::size_t from = rng() % tables, len = 1 + rng() % 40;
                    if (from + len > tables) len = tables - from;
                    if (at + len > tables) len = tables - at;
                    std::memmove(img.data() + at, img.data() + from, len);
                }
            }
        }
        if (rng() % 16 == 0) img.resize(rng() % img.size());  // truncated
        Result<Ref<imagefs::Sb>> sb = imagefs::make(img.data(), img.size());
        if (!sb.ok()) {
            CHECK(sb.error() == LX_EINVAL);
            ++rejected;
            continue;
        }
        ++accepted;
        Ref<vfs::Vnode> root = (*sb)->root();
        const std::size_t seen = visit(*root, 0);
        CHECK(seen >= 1);
        // The same image under a ramfs (a packed root) shows the same nodes.
        Ref<ramfs::Sb> over = ramfs::make(16 << 20, 0755, vfs::Cred{});
        over->set_lower(*sb);
        CHECK(visit(*over->root(), 0) == seen);
    }
    MESSAGE("fuzz: ", accepted, " accepted and served, ", rejected, " rejected");
    CHECK(rejected > 0);
    CHECK(accepted > 0);
}

TEST_CASE("imagefs: a large directory lists in several getdents calls and every name is found") {
    char tmpl[] = "/tmp/ukp-image-many-XXXXXX";
    REQUIRE(mkdtemp(tmpl) != nullptr);
    const std::string dir = tmpl;
    for (int i = 0; i < 600; ++i) {
        std::string p = dir + "/file-with-a-longish-name-" + std::to_string(i);
        int fd = ::open(p.c_str(), O_WRONLY | O_CREAT, 0644);
        REQUIRE(fd >= 0);
        REQUIRE(::write(fd, p.data(), p.size()) == static_cast<ssize_t>(p.size()));
        ::close(fd);
    }
    std::vector<unsigned char> image = image_of(dir);
    std::string host = embed(image, 4096);
    mount_at(host, 4096, image.size(), "/img-many");
    std::vector<std::string> names = list_dir("/img-many");
    CHECK(names.size() == 602);
    for (int i = 0; i < 600; i += 37) {
        std::string n = "file-with-a-longish-name-" + std::to_string(i);
        CHECK(contains(names, n));
        CHECK(read_all(("/img-many/" + n).c_str()) == dir + "/" + n);
    }
    ::unlink(host.c_str());
    std::string cmd = "rm -rf '" + dir + "'";
    CHECK(system(cmd.c_str()) == 0);
}

namespace {

// A ramfs lying over `image` (kept alive by the caller), mounted at `guest`:
// what the kernel does at "/" for a packed root tree.
void mount_lower(Ref<imagefs::Sb> lower, const char* guest, std::uint64_t size) {
    Ref<ramfs::Sb> sb = ramfs::make(size, 0755, vfs::Cred{});
    sb->set_lower(lower);
    vfs::Cred boot{};
    const vfs::PathRef& root = kernel().process().root();
    vfs::Walk walk{&kernel().mounts(), root, root, &boot};
    Result<vfs::PathRef> where = vfs::make_dirs(walk, guest, boot);
    REQUIRE(where.ok());
    REQUIRE(kernel().mounts().mount(sb, *where, "tmpfs", 0).ok());
}

void mount_over(const std::vector<unsigned char>& image, const char* guest, std::uint64_t size = 64 << 20) {
    Result<Ref<imagefs::Sb>> lower = imagefs::make(image.data(), image.size());
    REQUIRE(lower.ok());
    mount_lower(*lower, guest, size);
}

void write_at(const char* path, std::int64_t off, const std::string& text, int flags = 0) {
    int fd = open_ok(path, LX_O_WRONLY | flags, 0644);
    CHECK(sys::pwrite64(fd, text.data(), text.size(), off).value() == text.size());
    CHECK(sys::close(fd).ok());
}

}  // namespace

TEST_CASE("ramfs over an image: the image's tree, served from its bytes") {
    Tree t;
    const std::vector<unsigned char> image = image_of(t.dir);
    mount_over(image, "/over-read");
    CHECK(read_all("/over-read/hello.txt") == "hello from the image\n");
    CHECK(read_all("/over-read/big.bin") == pattern(70000, 2));
    CHECK(read_all("/over-read/page.bin") == pattern(4097, 1));
    CHECK(read_all("/over-read/empty").empty());
    CHECK(read_all("/over-read/sub/rel") == "hello from the image\n");
    CHECK(read_link("/over-read/abs").value() == "/img/big.bin");
    CHECK(list_dir("/over-read").size() == 11);
    CHECK(list_dir("/over-read/sub").size() == 5);
    CHECK(list_dir("/over-read/void").size() == 2);
    CHECK(stat_of("/over-read/big.bin").st_mode == (LX_S_IFREG | 0755));
    CHECK(stat_of("/over-read/sub").st_mode == (LX_S_IFDIR | 0750));
    CHECK(stat_of("/over-read/sub").st_nlink == 3);
    CHECK(stat_of("/over-read").st_nlink == 4);  // sub and void
    CHECK(stat_of("/over-read/hard").st_nlink == 2);
    CHECK(stat_of("/over-read/hard").st_ino == stat_of("/over-read/sub/a").st_ino);
    struct stat hst;
    REQUIRE(::stat((t.dir + "/big.bin").c_str(), &hst) == 0);
    CHECK(stat_of("/over-read/big.bin").st_mtime == hst.st_mtime);
    CHECK(stat_of("/over-read/big.bin").st_uid == hst.st_uid);
    int fd = open_ok("/over-read/big.bin", LX_O_RDONLY);
    CHECK(sys::lseek(fd, 0, LX_SEEK_HOLE).value() == 70000);
    CHECK(sys::lseek(fd, 5000, LX_SEEK_DATA).value() == 5000);
    CHECK(sys::close(fd).ok());
}

TEST_CASE("ramfs over an image: writes copy only the pages they touch, the image never changes") {
    Tree t;
    const std::vector<unsigned char> image = image_of(t.dir);
    const std::vector<unsigned char> pristine = image;
    mount_over(image, "/over-write");

    std::string want = pattern(70000, 2);
    write_at("/over-write/big.bin", 65000, "0123456789");  // inside page 15
    want.replace(65000, 10, "0123456789");
    CHECK(read_all("/over-write/big.bin") == want);
    CHECK(stat_of("/over-write/big.bin").st_size == 70000);

    // Cut, then grow again: the cut bytes read as zeros, not as the image's.
    CHECK(sys::truncate("/over-write/page.bin", 100).ok());
    CHECK(sys::truncate("/over-write/page.bin", 8192).ok());
    CHECK(read_all("/over-write/page.bin") == pattern(4097, 1).substr(0, 100) + std::string(8092, '\0'));
    write_at("/over-write/page.bin", 5000, "x");  // a page past the cut starts as zeros
    CHECK(read_all("/over-write/page.bin").substr(4096, 1000) == std::string(904, '\0') + "x" + std::string(95, '\0'));

    int fd = open_ok("/over-write/hello.txt", LX_O_WRONLY | LX_O_APPEND);
    CHECK(sys::write(fd, "more\n", 5).value() == 5);
    CHECK(sys::close(fd).ok());
    CHECK(read_all("/over-write/hello.txt") == "hello from the image\nmore\n");

    // One node for both names of a hard link.
    write_at("/over-write/hard", 0, "A");
    CHECK(read_all("/over-write/sub/a") == "A\n");

    // Mapped shared: the page is the file's own copy, coherent with read().
    fd = open_ok("/over-write/big.bin", LX_O_RDWR);
    auto p = sys::mmap(0, 8192, LX_PROT_READ | LX_PROT_WRITE, LX_MAP_SHARED, fd, 8192);
    REQUIRE(p.ok());
    auto* m = reinterpret_cast<char*>(*p);
    CHECK(std::string(m, 4096) == want.substr(8192, 4096));
    m[10] = '#';
    want[8192 + 10] = '#';
    CHECK(sys::munmap(*p, 8192).ok());
    CHECK(sys::close(fd).ok());
    CHECK(read_all("/over-write/big.bin") == want);

    CHECK(image == pristine);
}

TEST_CASE("ramfs over an image: the namespace changes like any ramfs") {
    Tree t;
    const std::vector<unsigned char> image = image_of(t.dir);
    mount_over(image, "/over-ns");
    // A directory not looked into yet still knows it is not empty.
    CHECK(err(sys::unlinkat(LX_AT_FDCWD, "/over-ns/sub/deeper", LX_AT_REMOVEDIR)) == LX_ENOTEMPTY);
    CHECK(err(sys::renameat2(LX_AT_FDCWD, "/over-ns/void", LX_AT_FDCWD, "/over-ns/sub", 0)) == LX_ENOTEMPTY);
    CHECK(sys::unlinkat(LX_AT_FDCWD, "/over-ns/void", LX_AT_REMOVEDIR).ok());
    CHECK(sys::unlinkat(LX_AT_FDCWD, "/over-ns/sub/deeper/note", 0).ok());
    CHECK(sys::unlinkat(LX_AT_FDCWD, "/over-ns/sub/deeper", LX_AT_REMOVEDIR).ok());
    CHECK(stat_of("/over-ns/sub").st_nlink == 2);
    CHECK(sys::mkdirat(LX_AT_FDCWD, "/over-ns/sub/new", 0700).ok());
    CHECK(sys::renameat2(LX_AT_FDCWD, "/over-ns/big.bin", LX_AT_FDCWD, "/over-ns/sub/new/moved", 0).ok());
    CHECK(read_all("/over-ns/sub/new/moved") == pattern(70000, 2));
    CHECK(sys::fchmodat(LX_AT_FDCWD, "/over-ns/hello.txt", 0600, 0).ok());
    CHECK(stat_of("/over-ns/hello.txt").st_mode == (LX_S_IFREG | 0600));
    CHECK(sys::unlinkat(LX_AT_FDCWD, "/over-ns/hard", 0).ok());
    CHECK(stat_of("/over-ns/sub/a").st_nlink == 1);
    std::vector<std::string> top = list_dir("/over-ns");
    CHECK(!contains(top, "void"));
    CHECK(!contains(top, "big.bin"));
    CHECK(contains(top, "hello.txt"));
    std::vector<std::string> sub = list_dir("/over-ns/sub");
    CHECK(contains(sub, "new"));
    CHECK(contains(sub, "a"));
    CHECK(!contains(sub, "deeper"));
    CHECK(sys::openat(LX_AT_FDCWD, "/over-ns/sub/fresh", LX_O_WRONLY | LX_O_CREAT | LX_O_EXCL, 0644).ok());
}

TEST_CASE("imagefs: the image key") {
    Config cfg;
    CHECK(cfg.set("image", "/a/b.img:0:4096:/").ok());  // under the root ramfs
    CHECK(std::string_view(cfg.image_guest) == "/");
    CHECK(cfg.set("image", "/a:b.img:8192:100:/app").ok());
    CHECK(std::string_view(cfg.image_path) == "/a:b.img");
    CHECK(cfg.image_offset == 8192);
    CHECK(err(cfg.set("image", "/a/b.img:0:4096:app")) == LX_EINVAL);  // relative guest
    CHECK(err(cfg.set("image", "/a/b.img:0:0:/app")) == LX_EINVAL);    // empty
    CHECK(err(cfg.set("image", "/a/b.img:x:1:/app")) == LX_EINVAL);
    CHECK(err(cfg.set("image", ":0:1:/app")) == LX_EINVAL);
    CHECK(cfg.set("image", "").ok());
    CHECK(cfg.image_path[0] == '\0');
}

TEST_CASE("ramfs over an image: space comes back, image reads cost none") {
    Tree t;
    const std::vector<unsigned char> image = image_of(t.dir);
    mount_over(image, "/over-space", 1 << 20);
    auto free_blocks = [] {
        lx_statfs s{};
        REQUIRE(sys::statfs("/over-space", &s).ok());
        return s.f_bfree;
    };
    const std::uint64_t empty = free_blocks();
    CHECK(list_dir("/over-space/sub").size() == 5);   // fills, reads, stats
    CHECK(read_all("/over-space/big.bin").size() == 70000);
    CHECK(stat_of("/over-space/sub/deeper").st_size == 3 * 20);
    CHECK(free_blocks() == empty);
    // A hard-linked image file: once both names are gone, so are its pages.
    const std::string chunk(600 << 10, 'h');
    write_at("/over-space/hard", 0, chunk);
    CHECK(free_blocks() < empty);
    CHECK(sys::unlinkat(LX_AT_FDCWD, "/over-space/hard", 0).ok());
    CHECK(sys::unlinkat(LX_AT_FDCWD, "/over-space/sub/a", 0).ok());
    CHECK(free_blocks() == empty);
    write_at("/over-space/hello.txt", 0, chunk);
    CHECK(stat_of("/over-space/hello.txt").st_size == static_cast<std::int64_t>(chunk.size()));
}

TEST_CASE("ramfs over an image: private mappings show the image file's own pages") {
    Tree t;
    const std::vector<unsigned char> image = image_of(t.dir);
    std::string host = embed(image, 8192);  // page aligned in its host file, as `ukp pack` places it
    Result<Ref<imagefs::Sb>> lower = imagefs::open(host.c_str(), 8192, image.size());
    REQUIRE(lower.ok());
    mount_lower(*lower, "/over-map", 16 * 4096);  // less room than big.bin: a copy would not fit
    lx_statfs before{};
    REQUIRE(sys::statfs("/over-map", &before).ok());
    int fd = open_ok("/over-map/big.bin", LX_O_RDONLY);
    auto p = sys::mmap(0, 18 * 4096, LX_PROT_READ, LX_MAP_PRIVATE, fd, 0);  // the whole file
    REQUIRE(p.ok());
    CHECK(std::string(reinterpret_cast<const char*>(*p), 70000) == pattern(70000, 2));
    CHECK(std::string(reinterpret_cast<const char*>(*p) + 70000, 72 * 1024 - 70000) ==
          std::string(72 * 1024 - 70000, '\0'));  // the last page's tail
    lx_statfs after{};
    REQUIRE(sys::statfs("/over-map", &after).ok());
    CHECK(after.f_bfree == before.f_bfree);
    CHECK(sys::munmap(*p, 18 * 4096).ok());
    CHECK(sys::close(fd).ok());
    // Once written, or shared: the file's own pages (copies), coherent with write.
    write_at("/over-map/page.bin", 0, "W");
    fd = open_ok("/over-map/page.bin", LX_O_RDONLY);
    p = sys::mmap(0, 8192, LX_PROT_READ, LX_MAP_PRIVATE, fd, 0);
    REQUIRE(p.ok());
    CHECK(reinterpret_cast<const char*>(*p)[0] == 'W');
    CHECK(std::string(reinterpret_cast<const char*>(*p) + 1, 4096) == pattern(4097, 1).substr(1));
    CHECK(sys::munmap(*p, 8192).ok());
    CHECK(sys::close(fd).ok());
    fd = open_ok("/over-map/big.bin", LX_O_RDONLY);
    CHECK(err(sys::mmap(0, 18 * 4096, LX_PROT_READ, LX_MAP_SHARED, fd, 0)) == LX_ENOMEM);
    CHECK(sys::close(fd).ok());
    ::unlink(host.c_str());
}

TEST_CASE("imagefs: a host file cut short under a mounted image: errors, never a crash" * UKP_NEEDS_FAULT_RECOVERY) {
    Tree t;
    const std::vector<unsigned char> image = image_of(t.dir);
    std::string host = embed(image, 0);
    Result<Ref<imagefs::Sb>> lower = imagefs::open(host.c_str(), 0, image.size());
    REQUIRE(lower.ok());
    mount_lower(*lower, "/over-cut", 64 << 20);
    mount_at(host, 0, image.size(), "/img-cut");
    CHECK(read_all("/over-cut/hello.txt") == "hello from the image\n");
    REQUIRE(::truncate(host.c_str(), 0) == 0);  // the data pages are gone; the tables were copied
    CHECK(list_dir("/over-cut/sub").size() == 5);
    CHECK(list_dir("/img-cut/sub").size() == 5);
    CHECK(read_link("/img-cut/sub/rel").value() == "../hello.txt");
    char buf[100];
    for (const char* path : {"/over-cut/big.bin", "/img-cut/big.bin"}) {
        int fd = open_ok(path, LX_O_RDONLY);
        CHECK(err(sys::pread64(fd, buf, sizeof buf, 8192)) == LX_EFAULT);
        CHECK(sys::close(fd).ok());
    }
    // Copy-up of a page whose image bytes are gone: EIO, and the file system goes on.
    int fd = open_ok("/over-cut/page.bin", LX_O_WRONLY);
    CHECK(err(sys::pwrite64(fd, "x", 1, 10)) == LX_EIO);
    CHECK(sys::close(fd).ok());
    write_at("/over-cut/fresh", 0, "still works", LX_O_CREAT);
    CHECK(read_all("/over-cut/fresh") == "still works");
    ::unlink(host.c_str());
}
