#include "core/vfs/anon_inode.hpp"

#include <cstdint>

#include <fmt/format.h>

#include "core/base/time.hpp"
#include "core/ipc/fifo.hpp"
#include "core/vfs/superblock.hpp"

namespace ukp::vfs {
namespace {

constexpr std::int64_t kPipefsMagic = 0x50495045, kSockfsMagic = 0x534F434B, kAnonInodeMagic = 0x09041934;

// One hidden superblock per kind; never mounted, never freed.
class AnonSb final : public Superblock {
public:
    AnonSb(const char* type, std::int64_t magic) : type_(type), magic_(magic) {}
    std::string_view fs_type() const override { return type_; }
    // Nothing walks these file systems; the root is a placeholder inode.
    Ref<Vnode> root() override {
        LockGuard g(lock_);
        if (!root_) root_ = make_ref<AnonInode>(*this, 1, AnonKind::Other, "", Cred{});
        return root_;
    }
    lx_statfs statfs() override {
        lx_statfs s{};
        s.f_type = magic_;
        s.f_bsize = 4096;
        s.f_namelen = LX_NAME_MAX;
        return s;
    }
    // Inode numbers start high, as Linux's get_next_ino() does in practice.
    std::uint64_t next_ino() { return next_ino_.fetch_add(1, std::memory_order_relaxed); }

private:
    const char* type_;
    std::int64_t magic_;
    Mutex lock_;
    Ref<Vnode> root_;
    std::atomic<std::uint64_t> next_ino_{4096};
};

AnonSb& sb_of(AnonKind kind) {
    // Leaked on purpose: anonymous inodes may outlive static destructors.
    static AnonSb* pipefs = [] { auto* s = new AnonSb("pipefs", kPipefsMagic); s->ref(); return s; }();
    static AnonSb* sockfs = [] { auto* s = new AnonSb("sockfs", kSockfsMagic); s->ref(); return s; }();
    static AnonSb* anonfs = [] { auto* s = new AnonSb("anon_inodefs", kAnonInodeMagic); s->ref(); return s; }();
    switch (kind) {
        case AnonKind::Pipe: return *pipefs;
        case AnonKind::Socket: return *sockfs;
        default: return *anonfs;
    }
}

std::uint32_t type_bits(AnonKind kind) {
    switch (kind) {
        case AnonKind::Pipe: return LX_S_IFIFO;
        case AnonKind::Socket: return LX_S_IFSOCK;
        default: return 0;
    }
}

// Every "Other" inode shows the one number Linux's shared anon inode has.
constexpr std::uint64_t kSharedAnonIno = 2;
// Linux's anon inode is made at boot (its times are the boot time) and
// owned by root; ours by the first use.
std::int64_t shared_anon_time() {
    static const std::int64_t t = host::clock_realtime_coarse();
    return t;
}

// Times far beyond ±292 years saturate (utimensat may ask for any second).
std::int64_t to_ns(const lx_timespec& t) {
    constexpr std::int64_t kLimit = INT64_MAX / 1'000'000'000 - 1;
    if (t.tv_sec > kLimit) return INT64_MAX;
    if (t.tv_sec < -kLimit) return INT64_MIN;
    return t.tv_sec * 1'000'000'000 + t.tv_nsec;
}

}  // namespace

AnonInode::AnonInode(Superblock& sb, std::uint64_t ino, AnonKind kind, const char* name, const Cred& cred)
    : Vnode(sb, ino, type_bits(kind)), kind_(kind), name_(name ? name : "") {
    switch (kind) {
        case AnonKind::Pipe:
            mode_ = LX_S_IFIFO | 0600;
            uid_ = cred.uid;
            gid_ = cred.gid;
            atime_ = mtime_ = ctime_ = host::clock_realtime_coarse();
            break;
        case AnonKind::Socket:
            // Linux leaves a socket inode's times at zero.
            mode_ = LX_S_IFSOCK | 0777;
            uid_ = cred.uid;
            gid_ = cred.gid;
            atime_ = mtime_ = ctime_ = 0;
            break;
        case AnonKind::Other:
            mode_ = 0600;
            uid_ = gid_ = 0;
            atime_ = mtime_ = ctime_ = shared_anon_time();
            break;
    }
}

Attr AnonInode::getattr() {
    Attr a;
    a.dev = sb().dev();
    a.ino = ino();
    a.nlink = 1;
    a.blksize = 4096;
    LockGuard g(lock_);
    a.mode = mode_;
    a.uid = uid_;
    a.gid = gid_;
    a.atime = to_timespec(atime_.load(std::memory_order_relaxed));
    a.mtime = to_timespec(mtime_.load(std::memory_order_relaxed));
    a.ctime = to_timespec(ctime_.load(std::memory_order_relaxed));
    return a;
}

Result<void> AnonInode::setattr(const SetAttr& s) {
    if (s.mask & SetAttr::kSize) return LX_EINVAL;
    LockGuard g(lock_);
    if (s.mask & SetAttr::kMode) mode_ = (mode_ & LX_S_IFMT) | (s.mode & LX_S_IALLUGO);
    if (s.mask & SetAttr::kUid) uid_ = s.uid;
    if (s.mask & SetAttr::kGid) gid_ = s.gid;
    if (s.mask & SetAttr::kAtime) atime_ = to_ns(s.atime);
    if (s.mask & SetAttr::kMtime) mtime_ = to_ns(s.mtime);
    ctime_ = (s.mask & SetAttr::kCtime) ? to_ns(s.ctime) : host::clock_realtime_coarse();
    return success();
}

Result<String> AnonInode::readlink() {
    String out(mem::resource());
    auto it = std::back_inserter(out);
    switch (kind_) {
        case AnonKind::Pipe: fmt::format_to(it, "pipe:[{}]", ino()); break;
        case AnonKind::Socket: fmt::format_to(it, "socket:[{}]", ino()); break;
        case AnonKind::Other:
            // Linux's names are "[eventfd]"; callers may give them bare or bracketed.
            if (name_[0] == '[') fmt::format_to(it, "anon_inode:{}", name_);
            else fmt::format_to(it, "anon_inode:[{}]", name_);
            break;
    }
    return out;
}

Result<Ref<File>> AnonInode::open(int flags) {
    if (kind_ == AnonKind::Pipe) return ipc::fifo_open(*this, flags);
    return LX_ENXIO;
}

Ref<AnonInode> make_anon_inode(AnonKind kind, const Cred& cred, const char* name) {
    AnonSb& sb = sb_of(kind);
    std::uint64_t ino = kind == AnonKind::Other ? kSharedAnonIno : sb.next_ino();
    return make_ref<AnonInode>(sb, ino, kind, name, cred);
}

}  // namespace ukp::vfs
