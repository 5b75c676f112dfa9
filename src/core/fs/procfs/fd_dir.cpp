// /proc/self/fd and /proc/self/fdinfo: one entry per open descriptor of the
// process, made fresh on every lookup (descriptors come and go).
#include "core/fs/procfs/fd_dir.hpp"

#include <fmt/format.h>

#include "core/fs/procfs/procfs.hpp"
#include "core/kernel/kernel.hpp"
#include "core/vfs/path.hpp"

namespace ukp::procfs {
namespace {

// "0", "12": the descriptor a name stands for; no sign, no leading zeros.
bool parse_fd(std::string_view name, int& fd) {
    if (name.empty() || name.size() > 9 || (name.size() > 1 && name[0] == '0')) return false;
    int v = 0;
    for (char c : name) {
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
    }
    fd = v;
    return true;
}

// Finds the name `ino` has in `dir` now (after a rename in place).
struct NameOfIno final : vfs::DirSink {
    std::uint64_t ino = 0;
    vfs::String name{mem::resource()};
    bool emit(std::uint64_t entry_ino, std::string_view entry, std::uint8_t, std::uint64_t) override {
        if (entry_ino != ino || entry == "." || entry == "..") return true;
        name.assign(entry);
        return false;
    }
};

vfs::String join(vfs::String dir, std::string_view name) {
    if (dir.empty() || dir.back() != '/') dir += '/';
    dir += name;
    return dir;
}

// The link's permission bits follow the access mode, as Linux shows them.
std::uint32_t link_perm(const vfs::File& f) {
    switch (f.flags() & LX_O_ACCMODE) {
        case LX_O_RDONLY: return 0500;
        case LX_O_WRONLY: return 0300;
        default: return 0700;
    }
}

class FdLink final : public Node {
public:
    FdLink(Sb& sb, int fd, Ref<vfs::File> f)
        : Node(sb, kFdInoBase + static_cast<std::uint64_t>(fd), LX_S_IFLNK | link_perm(*f), true), fd_(fd) {}
    Result<vfs::String> readlink() override {
        Result<Ref<vfs::File>> f = current().fds().get(fd_);
        if (!f.ok()) return LX_ENOENT;
        return fd_link_text(**f);
    }
    bool magic_target(Ref<vfs::File>& out) override {
        Result<Ref<vfs::File>> f = current().fds().get(fd_);
        if (!f.ok()) return false;
        out = std::move(*f);
        return true;
    }

private:
    void fill(vfs::Attr& a) override { a.size = 64; }
    const int fd_;
};

class FdInfo final : public Node {
public:
    FdInfo(Sb& sb, int fd)
        : Node(sb, kFdInfoInoBase + static_cast<std::uint64_t>(fd), LX_S_IFREG | 0444, true), fd_(fd) {}
    Result<Ref<vfs::File>> open(int flags) override {
        Ref<vfs::File> f = TRY(current().fds().get(fd_));
        bool cloexec = current().fds().cloexec(fd_).value_or(false);
        Result<std::int64_t> pos = f->seek(0, LX_SEEK_CUR);
        // 64-bit Linux forces O_LARGEFILE on every open file.
        int shown = f->flags() | LX_O_LARGEFILE | (cloexec ? LX_O_CLOEXEC : 0);
        vfs::String text(mem::resource());
        fmt::format_to(std::back_inserter(text), "pos:\t{}\nflags:\t0{:o}\nino:\t{}\n", pos.value_or(0), shown,
                       f->vnode() ? f->vnode()->ino() : 0);
        return Ref<vfs::File>(make_ref<SnapshotFile>(Ref<vfs::Vnode>(this), flags, std::move(text)));
    }

private:
    const int fd_;
};

}  // namespace

Result<vfs::String> fd_link_text(const vfs::File& f) {
    const Ref<vfs::Vnode>& node = f.vnode();
    // Anonymous inodes (core/vfs/anon_inode.hpp), also reopened through
    // /proc/self/fd (a place without a mount), know their own text.
    if (!f.path() || !f.path().mount || !node) {
        if (node) {
            Result<vfs::String> text = node->readlink();
            if (text.ok()) return text;
        }
        vfs::String out(mem::resource());
        if (node && !f.name().empty()) {  // a file of no mount that names itself (memfd)
            out.assign(f.name());
            if (node->getattr().nlink == 0) out += " (deleted)";
            return out;
        }
        auto it = std::back_inserter(out);
        std::uint64_t ino = node ? node->ino() : 0;
        std::uint32_t type = node ? node->type() : 0;
        if (type == LX_S_IFIFO)
            fmt::format_to(it, "pipe:[{}]", ino);
        else if (type == LX_S_IFSOCK)
            fmt::format_to(it, "socket:[{}]", ino);
        else
            fmt::format_to(it, "anon_inode:[{}]", node ? node->sb().fs_type() : std::string_view("unknown"));
        return out;
    }
    vfs::PathRef root = current().root();
    const bool gone = node->getattr().nlink == 0;
    vfs::String out(mem::resource());
    if (node->is_dir() || !f.parent_dir()) {
        // Directories know their own place; so does anything opened by "/" alone.
        Result<vfs::String> p = vfs::absolute_path(root, f.path());
        if (p.ok()) return p;
        out = vfs::String(f.name(), mem::resource());
    } else {
        vfs::String name(f.name(), mem::resource());
        if (!gone) {
            Result<Ref<vfs::Vnode>> same = f.parent_dir().vnode->lookup(name);
            if (!same.ok() || *same != node) {
                NameOfIno finder;
                finder.ino = node->ino();
                if (f.parent_dir().vnode->readdir(0, finder).ok() && !finder.name.empty()) name = finder.name;
            }
        }
        Result<vfs::String> dir = vfs::absolute_path(root, f.parent_dir());
        out = dir.ok() ? join(std::move(*dir), name) : join(vfs::String(mem::resource()), name);
    }
    if (gone) out += " (deleted)";
    return out;
}

Result<Ref<vfs::Vnode>> FdDir::lookup(std::string_view name) {
    int fd;
    if (!parse_fd(name, fd)) return LX_ENOENT;
    Result<Ref<vfs::File>> f = current().fds().get(fd);
    if (!f.ok()) return LX_ENOENT;
    Ref<Node> n;
    if (info_)
        n = make_ref<FdInfo>(static_cast<Sb&>(sb()), fd);
    else
        n = make_ref<FdLink>(static_cast<Sb&>(sb()), fd, std::move(*f));
    n->set_parent(this);
    return Ref<vfs::Vnode>(std::move(n));
}

Result<void> FdDir::readdir(std::uint64_t cookie, vfs::DirSink& sink) {
    if (!emit_dots(cookie, sink)) return success();
    std::uint64_t first = cookie < kFirstCookie ? 0 : cookie - kFirstCookie;
    // Take the list first: the sink may be slow, the fd table lock is hot.
    std::pmr::vector<int> fds(mem::resource());
    current().fds().for_each([&](int fd, const Ref<vfs::File>&) {
        if (static_cast<std::uint64_t>(fd) >= first) fds.push_back(fd);
    });
    const std::uint64_t base = info_ ? kFdInfoInoBase : kFdInoBase;
    const std::uint8_t type = info_ ? LX_DT_REG : LX_DT_LNK;
    for (int fd : fds) {
        char name[16];
        auto r = fmt::format_to_n(name, sizeof name, "{}", fd);
        auto ufd = static_cast<std::uint64_t>(fd);
        if (!sink.emit(base + ufd, std::string_view(name, r.size), type, kFirstCookie + ufd + 1)) break;
    }
    return success();
}

void FdDir::fill(vfs::Attr& a) {
    a.nlink = 2;
    std::int64_t count = 0;
    current().fds().for_each([&](int, const Ref<vfs::File>&) { ++count; });
    a.size = count;
}

}  // namespace ukp::procfs
