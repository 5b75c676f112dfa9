// ramfs through the system calls: sparse files, O_APPEND, truncate,
// readdir while entries change, hard links, unlink while open, ENOSPC.
#include <cstring>
#include <set>
#include <vector>

#include "core/fs/ramfs/ramfs.hpp"
#include "core/sys/common.hpp"
#include "helpers.hpp"

using namespace vfstest;

TEST_CASE("ramfs: sparse files read zeros and SEEK_DATA/SEEK_HOLE find the data") {
    AsRoot root;
    std::string d = scratch("sparse");
    int fd = open_file(d + "/f", LX_O_RDWR | LX_O_CREAT);
    const std::int64_t at = 1 << 20;
    REQUIRE(sys::pwrite64(fd, "hello", 5, at).value() == 5);
    lx_stat st{};
    REQUIRE(err(sys::fstat(fd, &st)) == 0);
    CHECK(st.st_size == at + 5);
    CHECK(st.st_blocks == 8);  // one 4 KiB page
    char buf[16];
    std::memset(buf, 'x', sizeof buf);
    REQUIRE(sys::pread64(fd, buf, sizeof buf, 4096).value() == sizeof buf);
    for (char c : buf) CHECK(c == 0);
    CHECK(sys::lseek(fd, 0, LX_SEEK_DATA).value() == at);
    CHECK(sys::lseek(fd, 0, LX_SEEK_HOLE).value() == 0);
    CHECK(sys::lseek(fd, at, LX_SEEK_HOLE).value() == at + 5);  // the end counts as a hole
    CHECK(err(sys::lseek(fd, at + 5, LX_SEEK_DATA)) == LX_ENXIO);
    CHECK(err(sys::lseek(fd, -1, LX_SEEK_DATA)) == LX_ENXIO);
    CHECK(err(sys::close(fd)) == 0);
}

TEST_CASE("ramfs: O_APPEND writes at the end, even with a moved offset") {
    AsRoot root;
    std::string d = scratch("append");
    put(d + "/f", "abc");
    int fd = open_file(d + "/f", LX_O_WRONLY | LX_O_APPEND);
    REQUIRE(sys::lseek(fd, 0, LX_SEEK_SET).value() == 0);
    REQUIRE(sys::write(fd, "de", 2).value() == 2);
    CHECK(sys::lseek(fd, 0, LX_SEEK_CUR).value() == 5);
    // Linux: pwrite on an O_APPEND file appends too.
    REQUIRE(sys::pwrite64(fd, "f", 1, 0).value() == 1);
    CHECK(get(d + "/f") == "abcdef");
    // F_SETFL can turn O_APPEND off.
    REQUIRE(err(sys::fcntl(fd, LX_F_SETFL, 0)) == 0);
    REQUIRE(sys::lseek(fd, 0, LX_SEEK_SET).value() == 0);
    REQUIRE(sys::write(fd, "X", 1).value() == 1);
    CHECK(get(d + "/f") == "Xbcdef");
    CHECK(err(sys::close(fd)) == 0);
}

TEST_CASE("ramfs: truncate shrinks and grows; regrown bytes read as zeros") {
    AsRoot root;
    std::string d = scratch("trunc");
    std::string data(10000, 'a');
    put(d + "/f", data);
    REQUIRE(err(sys::truncate((d + "/f").c_str(), 5000)) == 0);
    CHECK(stat_of(d + "/f").st_size == 5000);
    REQUIRE(err(sys::truncate((d + "/f").c_str(), 9000)) == 0);
    std::string back = get(d + "/f");
    REQUIRE(back.size() == 9000);
    CHECK(back.substr(0, 5000) == std::string(5000, 'a'));
    CHECK(back.substr(5000) == std::string(4000, '\0'));
    int fd = open_file(d + "/f", LX_O_RDWR);
    REQUIRE(err(sys::ftruncate(fd, 1)) == 0);
    CHECK(stat_of(d + "/f").st_size == 1);
    CHECK(err(sys::ftruncate(fd, -1)) == LX_EINVAL);
    CHECK(err(sys::truncate((d + "/f").c_str(), -1)) == LX_EINVAL);
    CHECK(err(sys::truncate(d.c_str(), 0)) == LX_EISDIR);
    // tmpfs takes any size up to 2^63-1; it is all hole.
    REQUIRE(err(sys::ftruncate(fd, LX_MAX_LFS_FILESIZE)) == 0);
    CHECK(stat_of(d + "/f").st_size == LX_MAX_LFS_FILESIZE);
    char tail[4] = {1, 1, 1, 1};
    // A range that would end past 2^63-1 is EINVAL (Linux's rw_verify_area).
    CHECK(err(sys::pread64(fd, tail, sizeof tail, LX_MAX_LFS_FILESIZE - 2)) == LX_EINVAL);
    CHECK(sys::pread64(fd, tail, sizeof tail, LX_MAX_LFS_FILESIZE - 4).value() == 4);
    CHECK(tail[0] == 0);
    REQUIRE(err(sys::ftruncate(fd, 1)) == 0);
    int ro = open_file(d + "/f", LX_O_RDONLY);
    CHECK(err(sys::ftruncate(ro, 0)) == LX_EINVAL);
    int dir = open_file(d, LX_O_RDONLY);
    CHECK(err(sys::ftruncate(dir, 0)) == LX_EINVAL);
    int path = open_file(d + "/f", LX_O_PATH);
    CHECK(err(sys::ftruncate(path, 0)) == LX_EBADF);
    for (int f : {fd, ro, dir, path}) CHECK(err(sys::close(f)) == 0);
}

TEST_CASE("ramfs: fallocate extends with zeros and KEEP_SIZE keeps the size") {
    AsRoot root;
    std::string d = scratch("falloc");
    int fd = open_file(d + "/f", LX_O_RDWR | LX_O_CREAT);
    REQUIRE(err(sys::fallocate(fd, 0, 0, 10000)) == 0);
    lx_stat st{};
    REQUIRE(err(sys::fstat(fd, &st)) == 0);
    CHECK(st.st_size == 10000);
    CHECK(st.st_blocks == 24);
    REQUIRE(err(sys::fallocate(fd, sys::LX_FALLOC_FL_KEEP_SIZE, 0, 20000)) == 0);
    REQUIRE(err(sys::fstat(fd, &st)) == 0);
    CHECK(st.st_size == 10000);
    CHECK(err(sys::fallocate(fd, 0, 0, 0)) == LX_EINVAL);
    CHECK(err(sys::fallocate(fd, 0, -1, 10)) == LX_EINVAL);
    int ro = open_file(d + "/f", LX_O_RDONLY);
    CHECK(err(sys::fallocate(ro, 0, 0, 10)) == LX_EBADF);
    CHECK(err(sys::close(ro)) == 0);
    CHECK(err(sys::close(fd)) == 0);
}

namespace {

std::vector<std::string> list_dir(int fd, std::size_t bufsize = 4096) {
    std::vector<std::string> names;
    std::vector<char> buf(bufsize);
    for (;;) {
        std::size_t n = sys::getdents64(fd, buf.data(), buf.size()).value();
        if (n == 0) break;
        for (std::size_t off = 0; off < n;) {
            auto* e = reinterpret_cast<lx_dirent64*>(buf.data() + off);
            names.emplace_back(e->d_name);
            off += e->d_reclen;
        }
    }
    return names;
}

}  // namespace

TEST_CASE("ramfs: readdir lists every entry once while entries change") {
    AsRoot root;
    std::string d = scratch("readdir");
    for (int i = 0; i < 100; ++i) put(d + "/f" + std::to_string(i), "");
    int fd = open_file(d, LX_O_RDONLY | LX_O_DIRECTORY);
    // Read part of the listing with a small buffer.
    char buf[256];
    std::size_t n = sys::getdents64(fd, buf, sizeof buf).value();
    REQUIRE(n > 0);
    std::set<std::string> seen;
    for (std::size_t off = 0; off < n;) {
        auto* e = reinterpret_cast<lx_dirent64*>(buf + off);
        seen.insert(e->d_name);
        off += e->d_reclen;
    }
    // Meanwhile: remove some entries not yet listed, add new ones.
    for (int i = 90; i < 100; ++i) REQUIRE(err(sys::unlinkat(LX_AT_FDCWD, (d + "/f" + std::to_string(i)).c_str(), 0)) == 0);
    for (int i = 0; i < 5; ++i) put(d + "/new" + std::to_string(i), "");
    for (const auto& name : list_dir(fd)) {
        CHECK_MESSAGE(seen.insert(name).second, "listed twice: ", name);
    }
    for (int i = 0; i < 90; ++i) CHECK(seen.count("f" + std::to_string(i)) == 1);
    for (int i = 90; i < 100; ++i) CHECK(seen.count("f" + std::to_string(i)) == 0);
    CHECK(seen.count(".") == 1);
    CHECK(seen.count("..") == 1);
    // Rewind: the whole listing again.
    REQUIRE(sys::lseek(fd, 0, LX_SEEK_SET).value() == 0);
    CHECK(list_dir(fd).size() == 2 + 90 + 5);
    // A buffer too small for one entry is EINVAL; a file is ENOTDIR.
    REQUIRE(sys::lseek(fd, 0, LX_SEEK_SET).value() == 0);
    CHECK(err(sys::getdents64(fd, buf, 8)) == LX_EINVAL);
    int file = open_file(d + "/f1", LX_O_RDONLY);
    CHECK(err(sys::getdents64(file, buf, sizeof buf)) == LX_ENOTDIR);
    CHECK(err(sys::close(file)) == 0);
    CHECK(err(sys::close(fd)) == 0);
}

TEST_CASE("ramfs: hard links share the node and count in nlink") {
    AsRoot root;
    std::string d = scratch("links2");
    put(d + "/a", "data");
    REQUIRE(err(sys::linkat(LX_AT_FDCWD, (d + "/a").c_str(), LX_AT_FDCWD, (d + "/b").c_str(), 0)) == 0);
    CHECK(stat_of(d + "/a").st_nlink == 2);
    CHECK(stat_of(d + "/a").st_ino == stat_of(d + "/b").st_ino);
    CHECK(err(sys::linkat(LX_AT_FDCWD, (d + "/a").c_str(), LX_AT_FDCWD, (d + "/b").c_str(), 0)) == LX_EEXIST);
    CHECK(err(sys::linkat(LX_AT_FDCWD, d.c_str(), LX_AT_FDCWD, (d + "/dirlink").c_str(), 0)) == LX_EPERM);
    CHECK(err(sys::linkat(LX_AT_FDCWD, (d + "/a").c_str(), LX_AT_FDCWD, (d + "/c/").c_str(), 0)) == LX_ENOENT);
    CHECK(err(sys::linkat(LX_AT_FDCWD, (d + "/a").c_str(), LX_AT_FDCWD, "/tmp/cross", 0)) == LX_EXDEV);
    CHECK(err(sys::linkat(LX_AT_FDCWD, (d + "/a").c_str(), LX_AT_FDCWD, (d + "/x").c_str(), 0x8000)) == LX_EINVAL);
    // linkat links the symlink itself unless AT_SYMLINK_FOLLOW.
    REQUIRE(err(sys::symlinkat("a", LX_AT_FDCWD, (d + "/sym").c_str())) == 0);
    REQUIRE(err(sys::linkat(LX_AT_FDCWD, (d + "/sym").c_str(), LX_AT_FDCWD, (d + "/sym2").c_str(), 0)) == 0);
    CHECK(lx_s_islnk(stat_of(d + "/sym2", LX_AT_SYMLINK_NOFOLLOW).st_mode));
    REQUIRE(err(sys::linkat(LX_AT_FDCWD, (d + "/sym").c_str(), LX_AT_FDCWD, (d + "/c").c_str(),
                            LX_AT_SYMLINK_FOLLOW)) == 0);
    CHECK(stat_of(d + "/a").st_nlink == 3);
    // AT_EMPTY_PATH links an open file.
    int fd = open_file(d + "/a", LX_O_RDONLY);
    REQUIRE(err(sys::linkat(fd, "", LX_AT_FDCWD, (d + "/e").c_str(), LX_AT_EMPTY_PATH)) == 0);
    CHECK(stat_of(d + "/a").st_nlink == 4);
    CHECK(err(sys::close(fd)) == 0);
    REQUIRE(err(sys::unlinkat(LX_AT_FDCWD, (d + "/a").c_str(), 0)) == 0);
    CHECK(stat_of(d + "/b").st_nlink == 3);
    CHECK(get(d + "/b") == "data");
    // Directories: 2 + one per subdirectory.
    CHECK(stat_of(d).st_nlink == 2);
    REQUIRE(err(sys::mkdirat(LX_AT_FDCWD, (d + "/sub").c_str(), 0755)) == 0);
    CHECK(stat_of(d).st_nlink == 3);
    REQUIRE(err(sys::unlinkat(LX_AT_FDCWD, (d + "/sub").c_str(), LX_AT_REMOVEDIR)) == 0);
    CHECK(stat_of(d).st_nlink == 2);
}

TEST_CASE("ramfs: an unlinked file lives on while open") {
    AsRoot root;
    std::string d = scratch("unlinkopen");
    put(d + "/f", "still here");
    int fd = open_file(d + "/f", LX_O_RDWR);
    REQUIRE(err(sys::unlinkat(LX_AT_FDCWD, (d + "/f").c_str(), 0)) == 0);
    CHECK_FALSE(exists(d + "/f"));
    lx_stat st{};
    REQUIRE(err(sys::fstat(fd, &st)) == 0);
    CHECK(st.st_nlink == 0);
    char buf[32] = {};
    CHECK(sys::pread64(fd, buf, sizeof buf, 0).value() == 10);
    CHECK(std::string(buf) == "still here");
    CHECK(sys::pwrite64(fd, "S", 1, 0).value() == 1);
    // It cannot be linked back (nlink 0).
    CHECK(err(sys::linkat(fd, "", LX_AT_FDCWD, (d + "/back").c_str(), LX_AT_EMPTY_PATH)) == LX_ENOENT);
    CHECK(err(sys::close(fd)) == 0);
}

TEST_CASE("ramfs: unlink and rmdir rules") {
    AsRoot root;
    std::string d = scratch("remove");
    REQUIRE(err(sys::mkdirat(LX_AT_FDCWD, (d + "/dir").c_str(), 0755)) == 0);
    put(d + "/dir/f", "");
    put(d + "/file", "");
    auto unlink = [](const std::string& p) { return err(sys::unlinkat(LX_AT_FDCWD, p.c_str(), 0)); };
    auto rmdir = [](const std::string& p) { return err(sys::unlinkat(LX_AT_FDCWD, p.c_str(), LX_AT_REMOVEDIR)); };
    CHECK(unlink(d + "/dir") == LX_EISDIR);
    CHECK(unlink(d + "/file/") == LX_ENOTDIR);
    CHECK(unlink(d + "/dir/") == LX_EISDIR);
    CHECK(unlink(d + "/nothing") == LX_ENOENT);
    CHECK(unlink("/") == LX_EISDIR);
    CHECK(unlink(d + "/.") == LX_EISDIR);
    CHECK(rmdir(d + "/file") == LX_ENOTDIR);
    CHECK(rmdir(d + "/dir") == LX_ENOTEMPTY);
    CHECK(rmdir(d + "/dir/.") == LX_EINVAL);
    CHECK(rmdir(d + "/dir/..") == LX_ENOTEMPTY);
    CHECK(rmdir("/") == LX_EBUSY);
    CHECK(rmdir("/tmp") == LX_EBUSY);  // a mount point
    CHECK(err(sys::unlinkat(LX_AT_FDCWD, (d + "/file").c_str(), 0x4)) == LX_EINVAL);
    CHECK(unlink(d + "/dir/f") == 0);
    CHECK(rmdir(d + "/dir/") == 0);
    CHECK(unlink(d + "/file") == 0);
    // mkdir of something that exists.
    CHECK(err(sys::mkdirat(LX_AT_FDCWD, d.c_str(), 0755)) == LX_EEXIST);
    CHECK(err(sys::mkdirat(LX_AT_FDCWD, "/", 0755)) == LX_EEXIST);
    CHECK(err(sys::mkdirat(LX_AT_FDCWD, (d + "/..").c_str(), 0755)) == LX_EEXIST);
    CHECK(err(sys::mkdirat(LX_AT_FDCWD, (d + "/new/").c_str(), 0755)) == 0);
    CHECK(err(sys::mknodat(LX_AT_FDCWD, (d + "/fifo/").c_str(), LX_S_IFIFO | 0644, 0)) == LX_ENOENT);
    CHECK(err(sys::mknodat(LX_AT_FDCWD, (d + "/fifo").c_str(), LX_S_IFIFO | 0644, 0)) == 0);
    CHECK((stat_of(d + "/fifo").st_mode & LX_S_IFMT) == LX_S_IFIFO);
    CHECK(err(sys::mknodat(LX_AT_FDCWD, (d + "/reg").c_str(), 0644, 0)) == 0);
    CHECK(lx_s_isreg(stat_of(d + "/reg").st_mode));
    CHECK(err(sys::mknodat(LX_AT_FDCWD, (d + "/dir2").c_str(), LX_S_IFDIR | 0755, 0)) == LX_EPERM);
    CHECK(err(sys::symlinkat("", LX_AT_FDCWD, (d + "/empty").c_str())) == LX_ENOENT);
    // A removed directory that is still the cwd of an open fd takes no names.
    int fd = open_file(d + "/new", LX_O_RDONLY | LX_O_DIRECTORY);
    REQUIRE(rmdir(d + "/new") == 0);
    CHECK(err(sys::mkdirat(fd, "x", 0755)) == LX_ENOENT);
    CHECK(err(sys::openat(fd, "x", LX_O_CREAT | LX_O_RDWR, 0644)) == LX_ENOENT);
    char dents[256];
    CHECK(err(sys::getdents64(fd, dents, sizeof dents)) == LX_ENOENT);  // not even "." and ".."
    CHECK(err(sys::openat(LX_AT_FDCWD, d.c_str(), LX_O_CREAT | LX_O_RDONLY, 0644)) == LX_EISDIR);
    CHECK(err(sys::close(fd)) == 0);
}

TEST_CASE("ramfs: readlink") {
    AsRoot root;
    std::string d = scratch("readlink");
    REQUIRE(err(sys::symlinkat("some/target", LX_AT_FDCWD, (d + "/l").c_str())) == 0);
    char buf[64] = {};
    CHECK(sys::readlinkat(LX_AT_FDCWD, (d + "/l").c_str(), buf, sizeof buf).value() == 11);
    CHECK(std::string(buf) == "some/target");
    char small[4] = {};
    CHECK(sys::readlinkat(LX_AT_FDCWD, (d + "/l").c_str(), small, 4).value() == 4);
    CHECK(std::string(small, 4) == "some");
    CHECK(err(sys::readlinkat(LX_AT_FDCWD, (d + "/l").c_str(), buf, 0)) == LX_EINVAL);
    CHECK(err(sys::readlinkat(LX_AT_FDCWD, d.c_str(), buf, sizeof buf)) == LX_EINVAL);
    CHECK(err(sys::readlinkat(LX_AT_FDCWD, "", buf, sizeof buf)) == LX_ENOENT);
    CHECK(lx_s_islnk(stat_of(d + "/l", LX_AT_SYMLINK_NOFOLLOW).st_mode));
    CHECK(stat_of(d + "/l", LX_AT_SYMLINK_NOFOLLOW).st_size == 11);
    // Through an O_PATH|O_NOFOLLOW fd with an empty path.
    int fd = open_file(d + "/l", LX_O_PATH | LX_O_NOFOLLOW);
    CHECK(sys::readlinkat(fd, "", buf, sizeof buf).value() == 11);
    CHECK(err(sys::close(fd)) == 0);
}

TEST_CASE("ramfs: a small ramfs runs out of space with ENOSPC") {
    AsRoot root;
    std::string d = scratch("small");
    REQUIRE(err(sys::mkdirat(LX_AT_FDCWD, (d + "/mnt").c_str(), 0755)) == 0);
    int mfd = open_file(d + "/mnt", LX_O_PATH | LX_O_DIRECTORY);
    vfs::PathRef where = sys::file_of(mfd).value()->path();
    REQUIRE(err(sys::close(mfd)) == 0);
    vfs::Cred owner;
    REQUIRE(kernel().mounts().mount(ramfs::make(64 * 1024, 0777, owner), where, "tmpfs", 0).ok());

    int fd = open_file(d + "/mnt/big", LX_O_WRONLY | LX_O_CREAT);
    std::string chunk(10000, 'z');
    std::size_t total = 0;
    Result<std::size_t> r = std::size_t{0};
    for (int i = 0; i < 100; ++i) {
        r = sys::write(fd, chunk.data(), chunk.size());
        if (!r.ok()) break;
        total += *r;
    }
    CHECK(err(r) == LX_ENOSPC);
    CHECK(total == 64 * 1024);  // short writes up to the last page, then ENOSPC
    CHECK(err(sys::fallocate(fd, 0, 0, 1 << 20)) == LX_ENOSPC);
    lx_statfs fs{};
    REQUIRE(err(sys::statfs((d + "/mnt").c_str(), &fs)) == 0);
    CHECK(fs.f_bfree == 0);
    // Freeing space makes room again.
    REQUIRE(err(sys::ftruncate(fd, 0)) == 0);
    REQUIRE(err(sys::statfs((d + "/mnt").c_str(), &fs)) == 0);
    CHECK(fs.f_bfree == 16);
    CHECK(sys::write(fd, "ok", 2).value() == 2);
    // Renames and links do not cross into or out of it.
    CHECK(err(sys::renameat2(LX_AT_FDCWD, (d + "/mnt/big").c_str(), LX_AT_FDCWD, (d + "/big").c_str(), 0)) ==
          LX_EXDEV);
    CHECK(err(sys::close(fd)) == 0);
    // It is a mount point now.
    CHECK(err(sys::unlinkat(LX_AT_FDCWD, (d + "/mnt").c_str(), LX_AT_REMOVEDIR)) == LX_EBUSY);
    CHECK(err(sys::renameat2(LX_AT_FDCWD, (d + "/mnt").c_str(), LX_AT_FDCWD, (d + "/mnt2").c_str(), 0)) == LX_EBUSY);
}

TEST_CASE("ramfs: O_TMPFILE makes an unnamed file that linkat can name") {
    AsRoot root;
    std::string d = scratch("tmpfile");
    CHECK(err(sys::openat(LX_AT_FDCWD, d.c_str(), LX_O_TMPFILE | LX_O_RDONLY, 0600)) == LX_EINVAL);
    CHECK(err(sys::openat(LX_AT_FDCWD, d.c_str(), LX_O_TMPFILE | LX_O_RDWR | LX_O_CREAT, 0600)) == LX_EINVAL);
    put(d + "/file", "");
    CHECK(err(sys::openat(LX_AT_FDCWD, (d + "/file").c_str(), LX_O_TMPFILE | LX_O_RDWR, 0600)) == LX_ENOTDIR);
    CHECK(err(sys::openat(LX_AT_FDCWD, (d + "/none").c_str(), LX_O_TMPFILE | LX_O_RDWR, 0600)) == LX_ENOENT);
    int fd = open_file(d, LX_O_TMPFILE | LX_O_RDWR, 0666);
    CHECK(sys::fcntl(fd, LX_F_GETFL, 0).value() == (LX_O_TMPFILE | LX_O_LARGEFILE | LX_O_RDWR));
    lx_stat st{};
    REQUIRE(err(sys::fstat(fd, &st)) == 0);
    CHECK(st.st_nlink == 0);
    CHECK(st.st_mode == (LX_S_IFREG | 0644));
    REQUIRE(sys::write(fd, "abc", 3).value() == 3);
    int dir = open_file(d, LX_O_RDONLY);
    CHECK(list_dir(dir).size() == 3);  // ".", "..", "file"
    CHECK(err(sys::close(dir)) == 0);
    REQUIRE(err(sys::linkat(fd, "", LX_AT_FDCWD, (d + "/named").c_str(), LX_AT_EMPTY_PATH)) == 0);
    CHECK(get(d + "/named") == "abc");
    REQUIRE(err(sys::fstat(fd, &st)) == 0);
    CHECK(st.st_nlink == 1);
    // O_EXCL: never linkable.
    int ex = open_file(d, LX_O_TMPFILE | LX_O_WRONLY | LX_O_EXCL);
    CHECK(err(sys::linkat(ex, "", LX_AT_FDCWD, (d + "/named2").c_str(), LX_AT_EMPTY_PATH)) == LX_ENOENT);
    CHECK(err(sys::close(ex)) == 0);
    CHECK(err(sys::close(fd)) == 0);
}

TEST_CASE("ramfs: a read-only mount refuses every change with EROFS") {
    AsRoot root;
    std::string d = scratch("rofs");
    REQUIRE(err(sys::mkdirat(LX_AT_FDCWD, (d + "/ro").c_str(), 0755)) == 0);
    int mfd = open_file(d + "/ro", LX_O_PATH | LX_O_DIRECTORY);
    vfs::PathRef where = sys::file_of(mfd).value()->path();
    REQUIRE(err(sys::close(mfd)) == 0);
    vfs::Cred owner;
    REQUIRE(kernel().mounts().mount(ramfs::make(1 << 20, 0777, owner), where, "tmpfs", LX_ST_RDONLY).ok());
    std::string ro = d + "/ro";
    CHECK(err(sys::mkdirat(LX_AT_FDCWD, (ro + "/x").c_str(), 0755)) == LX_EROFS);
    CHECK(err(sys::mknodat(LX_AT_FDCWD, (ro + "/x").c_str(), LX_S_IFIFO | 0644, 0)) == LX_EROFS);
    CHECK(err(sys::symlinkat("t", LX_AT_FDCWD, (ro + "/x").c_str())) == LX_EROFS);
    CHECK(err(sys::openat(LX_AT_FDCWD, (ro + "/x").c_str(), LX_O_CREAT | LX_O_WRONLY, 0644)) == LX_EROFS);
    CHECK(err(sys::unlinkat(LX_AT_FDCWD, (ro + "/x").c_str(), 0)) == LX_EROFS);
    CHECK(err(sys::unlinkat(LX_AT_FDCWD, (ro + "/x").c_str(), LX_AT_REMOVEDIR)) == LX_EROFS);
    CHECK(err(sys::renameat2(LX_AT_FDCWD, (ro + "/x").c_str(), LX_AT_FDCWD, (ro + "/y").c_str(), 0)) == LX_EROFS);
    CHECK(err(sys::fchmodat(LX_AT_FDCWD, ro.c_str(), 0700, 0)) == LX_EROFS);
    CHECK(err(sys::fchownat(LX_AT_FDCWD, ro.c_str(), 1, 1, 0)) == LX_EROFS);
    CHECK(err(sys::utimensat(LX_AT_FDCWD, ro.c_str(), nullptr, 0)) == LX_EROFS);
    CHECK(err(sys::faccessat2(LX_AT_FDCWD, ro.c_str(), LX_W_OK, 0)) == LX_EROFS);
    CHECK(err(sys::faccessat2(LX_AT_FDCWD, ro.c_str(), LX_R_OK, 0)) == 0);
    // EEXIST still wins over EROFS, as on Linux.
    CHECK(err(sys::mkdirat(LX_AT_FDCWD, (ro + "/.").c_str(), 0755)) == LX_EEXIST);
}
