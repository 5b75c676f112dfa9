// Timestamps: what changes mtime and ctime, utimensat's special values.
#include "core/base/time.hpp"
#include "helpers.hpp"

using namespace vfstest;

namespace {
const lx_timespec kOld = {1000, 500};

// Sets atime and mtime far in the past; ctime becomes "now".
void age(const std::string& p) {
    lx_timespec t[2] = {kOld, kOld};
    REQUIRE(err(sys::utimensat(LX_AT_FDCWD, p.c_str(), t, LX_AT_SYMLINK_NOFOLLOW)) == 0);
}
bool same(const lx_timespec& a, const lx_timespec& b) { return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec; }
bool newer(const lx_timespec& a, const lx_timespec& b) { return b < a; }
}  // namespace

TEST_CASE("time: utimensat sets, omits and uses now") {
    AsRoot root;
    std::string d = scratch("utimens");
    put(d + "/f", "x");
    std::string f = d + "/f";
    age(f);
    lx_stat st = stat_of(f);
    CHECK(same(st.st_atim, kOld));
    CHECK(same(st.st_mtim, kOld));
    lx_timespec t[2] = {{0, LX_UTIME_OMIT}, {5000, 7}};
    REQUIRE(err(sys::utimensat(LX_AT_FDCWD, f.c_str(), t, 0)) == 0);
    st = stat_of(f);
    CHECK(same(st.st_atim, kOld));
    CHECK(same(st.st_mtim, lx_timespec{5000, 7}));
    lx_timespec now[2] = {{0, LX_UTIME_NOW}, {0, LX_UTIME_OMIT}};
    REQUIRE(err(sys::utimensat(LX_AT_FDCWD, f.c_str(), now, 0)) == 0);
    st = stat_of(f);
    CHECK(st.st_atim.tv_sec > 1'000'000'000);
    CHECK(same(st.st_mtim, lx_timespec{5000, 7}));
    REQUIRE(err(sys::utimensat(LX_AT_FDCWD, f.c_str(), nullptr, 0)) == 0);
    CHECK(stat_of(f).st_mtim.tv_sec > 1'000'000'000);
    // Bad nanoseconds, flags, and the "both omitted" shortcut that skips the path.
    lx_timespec bad[2] = {{0, 1'000'000'000}, {0, 0}};
    CHECK(err(sys::utimensat(LX_AT_FDCWD, f.c_str(), bad, 0)) == LX_EINVAL);
    bad[0].tv_nsec = -1;
    CHECK(err(sys::utimensat(LX_AT_FDCWD, f.c_str(), bad, 0)) == LX_EINVAL);
    CHECK(err(sys::utimensat(LX_AT_FDCWD, (d + "/none").c_str(), bad, 0)) == LX_ENOENT);
    CHECK(err(sys::utimensat(LX_AT_FDCWD, f.c_str(), nullptr, 0x8)) == LX_EINVAL);
    lx_timespec omit[2] = {{0, LX_UTIME_OMIT}, {0, LX_UTIME_OMIT}};
    CHECK(err(sys::utimensat(LX_AT_FDCWD, (d + "/none").c_str(), omit, 0)) == 0);
    // futimens: a null path with an fd.
    int fd = open_file(f, LX_O_RDONLY);
    age(f);
    REQUIRE(err(sys::utimensat(fd, nullptr, nullptr, 0)) == 0);
    CHECK(newer(stat_of(f).st_mtim, kOld));
    CHECK(err(sys::utimensat(fd, nullptr, nullptr, LX_AT_SYMLINK_NOFOLLOW)) == LX_EINVAL);
    CHECK(err(sys::utimensat(LX_AT_FDCWD, nullptr, nullptr, 0)) == LX_EFAULT);
    CHECK(err(sys::close(fd)) == 0);
    // A symlink's own times with AT_SYMLINK_NOFOLLOW.
    REQUIRE(err(sys::symlinkat("f", LX_AT_FDCWD, (d + "/l").c_str())) == 0);
    age(d + "/l");
    CHECK(same(stat_of(d + "/l", LX_AT_SYMLINK_NOFOLLOW).st_mtim, kOld));
}

TEST_CASE("time: writes change mtime and ctime; chmod, chown and link change ctime") {
    AsRoot root;
    std::string d = scratch("times");
    std::string f = d + "/f";
    put(f, "x");
    age(f);
    lx_stat before = stat_of(f);
    int fd = open_file(f, LX_O_WRONLY);
    REQUIRE(sys::write(fd, "y", 1).value() == 1);
    lx_stat after = stat_of(f);
    CHECK(newer(after.st_mtim, before.st_mtim));
    CHECK(!(after.st_ctim < before.st_ctim));
    CHECK(same(after.st_atim, kOld));

    age(f);
    REQUIRE(err(sys::ftruncate(fd, 0)) == 0);
    CHECK(newer(stat_of(f).st_mtim, kOld));

    // chmod: ctime moves, mtime does not.
    age(f);
    lx_stat s1 = stat_of(f);
    REQUIRE(err(sys::fchmod(fd, 0600)) == 0);
    lx_stat s2 = stat_of(f);
    CHECK(same(s2.st_mtim, kOld));
    CHECK(!(s2.st_ctim < s1.st_ctim));
    REQUIRE(err(sys::fchown(fd, 0xffffffffu, 0xffffffffu)) == 0);
    CHECK(same(stat_of(f).st_mtim, kOld));

    // link: the file's ctime and the directory's mtime and ctime.
    age(d);
    lx_stat c1 = stat_of(f);
    REQUIRE(err(sys::linkat(LX_AT_FDCWD, f.c_str(), LX_AT_FDCWD, (d + "/g").c_str(), 0)) == 0);
    CHECK(!(stat_of(f).st_ctim < c1.st_ctim));
    CHECK(same(stat_of(f).st_mtim, kOld));
    CHECK(newer(stat_of(d).st_mtim, kOld));
    // unlink and rename change the directory too.
    age(d);
    REQUIRE(err(sys::unlinkat(LX_AT_FDCWD, (d + "/g").c_str(), 0)) == 0);
    CHECK(newer(stat_of(d).st_mtim, kOld));
    age(d);
    REQUIRE(err(sys::renameat2(LX_AT_FDCWD, f.c_str(), LX_AT_FDCWD, (d + "/h").c_str(), 0)) == 0);
    CHECK(newer(stat_of(d).st_mtim, kOld));
    CHECK(same(stat_of(d + "/h").st_mtim, kOld));
    CHECK(err(sys::close(fd)) == 0);
}
