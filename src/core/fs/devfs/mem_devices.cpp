// The memory devices of major 1: null, zero, full, random, urandom. Each is
// stateless: reads and writes never depend on the offset, and lseek leaves
// it at 0, as Linux's null_lseek does.
#include <cstring>

#include "core/base/uaccess.hpp"
#include "core/fs/devfs/devfs.hpp"
#include "core/vfs/device.hpp"
#include "host/host.hpp"

namespace ukp::devfs {
namespace {

enum class Kind { null, zero, full, random };

constexpr std::size_t kChunk = 4096;
const unsigned char kZeros[kChunk] = {};

// Fills n bytes of application memory chunk by chunk from `fill`; a fault
// after some bytes were copied reports those bytes, as Linux does.
template <typename Fill>
Result<std::size_t> fill_app(void* app_buf, std::size_t n, Fill&& fill) {
    auto* dst = static_cast<unsigned char*>(app_buf);
    std::size_t done = 0;
    while (done < n) {
        std::size_t step = n - done < kChunk ? n - done : kChunk;
        const void* src = fill(step);
        if (!copy_to_app(dst + done, src, step).ok()) return done > 0 ? Result<std::size_t>(done) : LX_EFAULT;
        done += step;
    }
    return done;
}

class MemFile final : public vfs::File {
public:
    MemFile(Ref<vfs::Vnode> node, int flags, Kind kind) : File(std::move(node), flags), kind_(kind) {}

    Result<std::size_t> read(void* buf, std::size_t n) override {
        switch (kind_) {
            case Kind::null: return std::size_t{0};
            case Kind::zero:
            case Kind::full: return fill_app(buf, n, [](std::size_t) { return kZeros; });
            case Kind::random: {
                unsigned char tmp[kChunk];
                return fill_app(buf, n, [&tmp](std::size_t step) {
                    host::random_fill(tmp, step);
                    return tmp;
                });
            }
        }
        return LX_EINVAL;
    }
    // Written bytes are dropped unread (random: Linux would mix them in).
    Result<std::size_t> write(const void*, std::size_t n) override {
        if (kind_ == Kind::full) return LX_ENOSPC;
        return n;
    }
    Result<std::size_t> pread(void* buf, std::size_t n, std::int64_t off) override {
        if (off < 0) return LX_EINVAL;
        return read(buf, n);
    }
    Result<std::size_t> pwrite(const void* buf, std::size_t n, std::int64_t off) override {
        if (off < 0) return LX_EINVAL;
        return write(buf, n);
    }
    Result<std::int64_t> seek(std::int64_t, int) override { return std::int64_t{0}; }

private:
    const Kind kind_;
};

template <Kind K>
Result<Ref<vfs::File>> open_mem(Ref<vfs::Vnode> node, int flags) {
    return Ref<vfs::File>(make_ref<MemFile>(std::move(node), flags, K));
}

}  // namespace

void register_mem_drivers() {
    vfs::register_char_device(kNull, open_mem<Kind::null>);
    vfs::register_char_device(kZero, open_mem<Kind::zero>);
    vfs::register_char_device(kFull, open_mem<Kind::full>);
    vfs::register_char_device(kRandom, open_mem<Kind::random>);
    vfs::register_char_device(kUrandom, open_mem<Kind::random>);
}

}  // namespace ukp::devfs
