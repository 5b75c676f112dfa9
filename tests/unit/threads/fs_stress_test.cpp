// Concurrent use of the file system from many threads. Each loop is bounded
// in count; the checks are on what must hold whatever the interleaving.
#include <doctest/doctest.h>

#include <atomic>
#include <cstring>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "core/sys/sys.hpp"

using namespace ukp;

namespace {

constexpr int kThreads = 8;

void run_threads(int n, const std::function<void(int)>& body) {
    std::vector<std::thread> ts;
    for (int t = 0; t < n; ++t) ts.emplace_back(body, t);
    for (auto& t : ts) t.join();
}

}  // namespace

TEST_CASE("threads: O_APPEND writers never overwrite each other") {
    int fd = sys::openat(LX_AT_FDCWD, "/tmp/append.log", LX_O_CREAT | LX_O_RDWR | LX_O_APPEND | LX_O_TRUNC, 0644).value();
    constexpr int kRecords = 2000;
    run_threads(kThreads, [&](int t) {
        char rec[32];
        std::memset(rec, 'a' + t, sizeof rec);
        rec[31] = '\n';
        for (int i = 0; i < kRecords; ++i) REQUIRE(sys::write(fd, rec, sizeof rec).value() == sizeof rec);
    });
    lx_stat st;
    REQUIRE(sys::fstat(fd, &st).ok());
    CHECK(st.st_size == kThreads * kRecords * 32);
    // Every 32-byte record is whole: one letter, then a newline.
    std::vector<char> all(static_cast<std::size_t>(st.st_size));
    REQUIRE(sys::pread64(fd, all.data(), all.size(), 0).value() == all.size());
    bool whole = true;
    for (std::size_t r = 0; r < all.size(); r += 32)
        for (std::size_t i = 1; i < 31; ++i)
            if (all[r + i] != all[r]) whole = false;
    CHECK(whole);
    CHECK(sys::close(fd).ok());
}

TEST_CASE("threads: create, rename and unlink in one directory") {
    REQUIRE(sys::mkdirat(LX_AT_FDCWD, "/tmp/churn", 0755).ok());
    std::atomic<int> failures{0};
    run_threads(kThreads, [&](int t) {
        for (int i = 0; i < 300; ++i) {
            std::string a = "/tmp/churn/a" + std::to_string(t) + "_" + std::to_string(i);
            std::string b = "/tmp/churn/b" + std::to_string(t) + "_" + std::to_string(i);
            auto fd = sys::openat(LX_AT_FDCWD, a.c_str(), LX_O_CREAT | LX_O_EXCL | LX_O_RDWR, 0600);
            if (!fd.ok()) {
                ++failures;
                continue;
            }
            if (!sys::write(*fd, a.data(), a.size()).ok()) ++failures;
            if (!sys::close(*fd).ok()) ++failures;
            if (!sys::renameat2(LX_AT_FDCWD, a.c_str(), LX_AT_FDCWD, b.c_str(), 0).ok()) ++failures;
            // Keep every third file; remove the rest.
            if (i % 3 && !sys::unlinkat(LX_AT_FDCWD, b.c_str(), 0).ok()) ++failures;
        }
    });
    CHECK(failures.load() == 0);
    // What is left is exactly the kept files, each listed once.
    int dfd = sys::openat(LX_AT_FDCWD, "/tmp/churn", LX_O_RDONLY | LX_O_DIRECTORY, 0).value();
    int entries = 0;
    alignas(8) char buf[4096];
    for (;;) {
        std::size_t n = sys::getdents64(dfd, buf, sizeof buf).value();
        if (n == 0) break;
        for (std::size_t off = 0; off < n;) {
            auto* d = reinterpret_cast<lx_dirent64*>(buf + off);
            if (std::strcmp(d->d_name, ".") && std::strcmp(d->d_name, "..")) ++entries;
            off += d->d_reclen;
        }
    }
    CHECK(entries == kThreads * 100);
    CHECK(sys::close(dfd).ok());
}

TEST_CASE("threads: readers see whole pages while a writer rewrites them") {
    int fd = sys::openat(LX_AT_FDCWD, "/tmp/pages", LX_O_CREAT | LX_O_RDWR | LX_O_TRUNC, 0644).value();
    std::vector<char> page(4096, 'x');
    REQUIRE(sys::pwrite64(fd, page.data(), page.size(), 0).value() == page.size());
    std::atomic<bool> stop{false};
    std::atomic<int> torn{0};
    std::thread writer([&] {
        std::vector<char> p(4096);
        for (int i = 0; i < 3000; ++i) {
            std::memset(p.data(), 'a' + i % 26, p.size());
            (void)sys::pwrite64(fd, p.data(), p.size(), 0);
        }
        stop = true;
    });
    run_threads(3, [&](int) {
        std::vector<char> p(4096);
        while (!stop) {
            if (sys::pread64(fd, p.data(), p.size(), 0).value() != p.size()) ++torn;
            for (char c : p)
                if (c != p[0]) {
                    ++torn;
                    break;
                }
        }
    });
    writer.join();
    CHECK(torn.load() == 0);
    CHECK(sys::close(fd).ok());
}

TEST_CASE("threads: open and close race on the fd table") {
    int fd = sys::openat(LX_AT_FDCWD, "/tmp/fdrace", LX_O_CREAT | LX_O_RDWR, 0644).value();
    CHECK(sys::close(fd).ok());
    std::atomic<int> errors{0};
    run_threads(kThreads, [&](int) {
        for (int i = 0; i < 2000; ++i) {
            auto f = sys::openat(LX_AT_FDCWD, "/tmp/fdrace", LX_O_RDONLY, 0);
            if (!f.ok()) {
                ++errors;
                continue;
            }
            lx_stat st;
            if (!sys::fstat(*f, &st).ok()) ++errors;
            if (!sys::close(*f).ok()) ++errors;
        }
    });
    CHECK(errors.load() == 0);
}
