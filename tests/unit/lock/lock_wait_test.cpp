// Lock requests on a real ramfs vnode: waiting, EDEADLK chains between
// POSIX owners (stand-ins for processes), flock upgrades, the release hooks.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "../vfs/helpers.hpp"
#include "core/vfs/lock.hpp"

using namespace vfstest;
using vfs::kLockEnd;
using vfs::LockKind;
using vfs::RecordLock;

namespace {

// Three processes as POSIX lock owners.
int proc_a, proc_b, proc_c;

RecordLock req(const void* owner, std::int64_t start, std::int64_t end) {
    RecordLock r;
    r.owner = owner;
    r.start = start;
    r.end = end;
    r.pid = 42;
    return r;
}

Result<void> posix_lock(vfs::Vnode& v, const void* owner, LockKind k, std::int64_t at, bool wait) {
    return vfs::set_record_lock(v, req(owner, at, at), k, true, wait);
}

void settle() { std::this_thread::sleep_for(std::chrono::milliseconds(50)); }

struct OpenFile {
    int fd;
    Ref<vfs::File> file;
    explicit OpenFile(const std::string& path, int flags = LX_O_RDWR) {
        fd = open_file(path, flags);
        file = current().fds().get(fd).value();
    }
};

}  // namespace

TEST_CASE("locks: a vnode never locked has no lock state") {
    AsRoot root;
    std::string d = scratch("lock-none");
    put(d + "/f", "x");
    OpenFile a(d + "/f");
    CHECK(a.file->vnode()->lock_state.load() == nullptr);
    // Unlocks and tests do not create it either.
    CHECK(err(sys::flock(a.fd, 8)) == 0);
    CHECK(err(posix_lock(*a.file->vnode(), &proc_a, LockKind::unlock, 0, false)) == 0);
    RecordLock c;
    CHECK_FALSE(vfs::test_record_lock(*a.file->vnode(), &proc_a, LockKind::write, 0, kLockEnd, &c));
    CHECK(a.file->vnode()->lock_state.load() == nullptr);
    CHECK(err(sys::close(a.fd)) == 0);
}

TEST_CASE("locks: EDEADLK when two POSIX owners would wait for each other") {
    AsRoot root;
    std::string d = scratch("lock-deadlock2");
    put(d + "/f", "x");
    OpenFile f(d + "/f");
    vfs::Vnode& v = *f.file->vnode();
    REQUIRE(err(posix_lock(v, &proc_a, LockKind::write, 0, false)) == 0);
    REQUIRE(err(posix_lock(v, &proc_b, LockKind::write, 1, false)) == 0);
    CHECK(err(posix_lock(v, &proc_a, LockKind::write, 1, false)) == LX_EAGAIN);

    std::atomic<int> a_result{-1};
    std::thread t([&] { a_result = err(posix_lock(v, &proc_a, LockKind::write, 1, true)); });
    settle();
    CHECK(a_result == -1);  // a waits for b
    // b waiting for a would close the cycle.
    CHECK(err(posix_lock(v, &proc_b, LockKind::write, 0, true)) == LX_EDEADLK);
    // Reading the same byte would too: a holds a write lock there.
    CHECK(err(posix_lock(v, &proc_b, LockKind::read, 0, true)) == LX_EDEADLK);
    CHECK(a_result == -1);
    REQUIRE(err(posix_lock(v, &proc_b, LockKind::unlock, 1, false)) == 0);
    t.join();
    CHECK(a_result == 0);
    REQUIRE(err(vfs::set_record_lock(v, req(&proc_a, 0, kLockEnd), LockKind::unlock, true, false)) == 0);
    CHECK(err(sys::close(f.fd)) == 0);
}

TEST_CASE("locks: EDEADLK through a chain of three owners; OFD waiters are not in the graph") {
    AsRoot root;
    std::string d = scratch("lock-deadlock3");
    put(d + "/f", "x");
    OpenFile f(d + "/f");
    vfs::Vnode& v = *f.file->vnode();
    REQUIRE(err(posix_lock(v, &proc_a, LockKind::write, 0, false)) == 0);
    REQUIRE(err(posix_lock(v, &proc_b, LockKind::write, 1, false)) == 0);
    REQUIRE(err(posix_lock(v, &proc_c, LockKind::write, 2, false)) == 0);
    std::atomic<int> a_result{-1}, b_result{-1};
    std::thread ta([&] { a_result = err(posix_lock(v, &proc_a, LockKind::write, 1, true)); });
    std::thread tb([&] { b_result = err(posix_lock(v, &proc_b, LockKind::write, 2, true)); });
    settle();
    CHECK(a_result == -1);
    CHECK(b_result == -1);
    // c -> a -> b -> c.
    CHECK(err(posix_lock(v, &proc_c, LockKind::write, 0, true)) == LX_EDEADLK);
    // c gives up its byte: b gets it, then a still waits for b.
    REQUIRE(err(posix_lock(v, &proc_c, LockKind::unlock, 2, false)) == 0);
    tb.join();
    CHECK(b_result == 0);
    settle();
    CHECK(a_result == -1);
    REQUIRE(err(vfs::set_record_lock(v, req(&proc_b, 0, kLockEnd), LockKind::unlock, true, false)) == 0);
    ta.join();
    CHECK(a_result == 0);
    REQUIRE(err(vfs::set_record_lock(v, req(&proc_a, 0, kLockEnd), LockKind::unlock, true, false)) == 0);
    CHECK(err(sys::close(f.fd)) == 0);
}

TEST_CASE("locks: closing any fd drops the process's POSIX locks, the last close the OFD ones") {
    AsRoot root;
    std::string d = scratch("lock-close");
    put(d + "/f", "x");
    OpenFile a(d + "/f");
    OpenFile b(d + "/f");
    vfs::Vnode& v = *a.file->vnode();
    const void* me = &current();
    REQUIRE(err(vfs::set_record_lock(v, req(me, 0, 9), LockKind::write, true, false)) == 0);
    RecordLock ofd = req(b.file.get(), 20, 29);
    REQUIRE(err(vfs::set_record_lock(v, ofd, LockKind::read, false, false)) == 0);
    RecordLock c;
    CHECK(vfs::test_record_lock(v, &proc_a, LockKind::write, 0, kLockEnd, &c));
    CHECK(c.owner == me);
    int dupfd = sys::dup(b.fd).value();
    REQUIRE(err(sys::close(b.fd)) == 0);  // b's description lives on in dupfd
    CHECK(vfs::test_record_lock(v, &proc_a, LockKind::write, 0, kLockEnd, &c));
    CHECK(c.owner == b.file.get());
    b.file = nullptr;
    REQUIRE(err(sys::close(dupfd)) == 0);
    CHECK_FALSE(vfs::test_record_lock(v, &proc_a, LockKind::write, 0, kLockEnd, &c));
    CHECK(err(sys::close(a.fd)) == 0);
}

TEST_CASE("flock: an upgrade drops the shared lock before it waits") {
    AsRoot root;
    std::string d = scratch("flock-upgrade");
    put(d + "/f", "x");
    OpenFile a(d + "/f", LX_O_RDONLY);
    OpenFile b(d + "/f", LX_O_RDONLY);
    constexpr int kSh = 1, kEx = 2, kNb = 4, kUn = 8;
    REQUIRE(err(sys::flock(a.fd, kSh)) == 0);
    REQUIRE(err(sys::flock(b.fd, kSh)) == 0);
    std::atomic<int> a_result{-1};
    std::thread t([&] { a_result = err(sys::flock(a.fd, kEx)); });
    settle();
    CHECK(a_result == -1);
    // a's shared lock is gone already: b can upgrade at once... and block a further.
    CHECK(err(sys::flock(b.fd, kEx | kNb)) == 0);
    CHECK(a_result == -1);
    REQUIRE(err(sys::flock(b.fd, kUn)) == 0);
    t.join();
    CHECK(a_result == 0);
    CHECK(err(sys::flock(b.fd, kSh | kNb)) == LX_EAGAIN);
    CHECK(err(sys::close(a.fd)) == 0);
    a.file = nullptr;
    CHECK(err(sys::flock(b.fd, kEx | kNb)) == 0);
    CHECK(err(sys::close(b.fd)) == 0);
}
