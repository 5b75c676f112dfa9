// The resolver's configuration files, read from the kernel's own file
// system (through kernel calls, so the process's root applies) and kept in
// the arena; a file is read again when its inode, size or mtime changes.
#pragma once

#include <string_view>

#include "core/base/lock.hpp"
#include "core/mem/arena.hpp"

namespace ukp::net::resolver {

class CachedFile : public ArenaObject {
public:
    explicit CachedFile(const char* path) : path_(path) {}

    // Calls fn(contents) with the current text ("" when the file is absent).
    // fn runs under the cache's lock and must not block.
    template <typename F>
    auto with(F&& fn) {
        LockGuard<Mutex> g(lock_);
        refresh();
        return fn(std::string_view(data_));
    }
    bool exists() {
        LockGuard<Mutex> g(lock_);
        refresh();
        return present_;
    }

private:
    void refresh();

    const char* path_;
    Mutex lock_;
    std::pmr::string data_{mem::resource()};
    bool present_ = false, loaded_ = false;
    std::uint64_t ino_ = 0, dev_ = 0;
    std::int64_t size_ = -1, mtime_sec_ = 0, mtime_nsec_ = 0;
};

CachedFile& hosts_file();
CachedFile& resolv_conf_file();
CachedFile& services_file();

// Splits text into lines without their '#' comments, then into fields.
class Fields {
public:
    explicit Fields(std::string_view line);
    // The next whitespace-separated field, or "" at the end.
    std::string_view next();
    std::string_view rest() const { return rest_; }

private:
    std::string_view rest_;
};

template <typename F>
void for_each_line(std::string_view text, F&& fn) {
    while (!text.empty()) {
        std::size_t nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
        if (std::size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
        if (!fn(line)) return;
    }
}

bool equal_nocase(std::string_view a, std::string_view b);

}  // namespace ukp::net::resolver
