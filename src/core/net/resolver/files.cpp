#include "core/net/resolver/files.hpp"

#include "core/sys/sys.hpp"

namespace ukp::net::resolver {

void CachedFile::refresh() {
    Result<int> fd = sys::openat(LX_AT_FDCWD, path_, LX_O_RDONLY | LX_O_CLOEXEC, 0);
    if (!fd.ok()) {
        present_ = false;
        loaded_ = false;
        data_.clear();
        return;
    }
    lx_stat st;
    bool same = false;
    if (sys::fstat(*fd, &st).ok()) {
        same = loaded_ && st.st_ino == ino_ && st.st_dev == dev_ && st.st_size == size_ &&
               st.st_mtim.tv_sec == mtime_sec_ && st.st_mtim.tv_nsec == mtime_nsec_;
        ino_ = st.st_ino;
        dev_ = st.st_dev;
        size_ = st.st_size;
        mtime_sec_ = st.st_mtim.tv_sec;
        mtime_nsec_ = st.st_mtim.tv_nsec;
    }
    if (!same) {
        data_.clear();
        // The buffer is on this thread's stack: kernel calls copy to it like
        // to application memory (the arena is refused).
        char buf[2048];
        for (;;) {
            Result<std::size_t> n = sys::read(*fd, buf, sizeof buf);
            if (!n.ok() || *n == 0) break;
            data_.append(buf, *n);
            if (data_.size() > (1u << 20)) break;  // a runaway file: keep the first MiB
        }
        loaded_ = true;
    }
    present_ = true;
    (void)sys::close(*fd);
}

CachedFile& hosts_file() {
    static CachedFile* f = new CachedFile("/etc/hosts");
    return *f;
}
CachedFile& resolv_conf_file() {
    static CachedFile* f = new CachedFile("/etc/resolv.conf");
    return *f;
}
CachedFile& services_file() {
    static CachedFile* f = new CachedFile("/etc/services");
    return *f;
}

Fields::Fields(std::string_view line) : rest_(line) {}

std::string_view Fields::next() {
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; };
    std::size_t i = 0;
    while (i < rest_.size() && space(rest_[i])) ++i;
    std::size_t j = i;
    while (j < rest_.size() && !space(rest_[j])) ++j;
    std::string_view f = rest_.substr(i, j - i);
    rest_ = rest_.substr(j);
    return f;
}

bool equal_nocase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x + 32);
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y + 32);
        if (x != y) return false;
    }
    return true;
}

}  // namespace ukp::net::resolver
