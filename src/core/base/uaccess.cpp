#include "core/base/uaccess.hpp"

#include "core/mem/arena.hpp"
#include "host/host.hpp"

namespace ukp {

Result<void> check_app_range(const void* app, std::size_t n) {
    if (n && mem::overlaps(app, n)) return LX_EFAULT;
    return success();
}

Result<void> copy_from_app(void* dst, const void* app_src, std::size_t n) {
    TRY(check_app_range(app_src, n));
    if (!host::mem_copy_from_app(dst, app_src, n)) return LX_EFAULT;
    return success();
}

Result<void> copy_to_app(void* app_dst, const void* src, std::size_t n) {
    TRY(check_app_range(app_dst, n));
    if (!host::mem_copy_to_app(app_dst, src, n)) return LX_EFAULT;
    return success();
}

Result<void> copy_path(const char* app_path, PathBuf& out) {
    std::ptrdiff_t len = host::mem_copy_string_from_app(out.data, app_path, LX_PATH_MAX);
    if (len < 0) return LX_EFAULT;
    TRY(check_app_range(app_path, static_cast<std::size_t>(len) + 1));
    if (len >= LX_PATH_MAX) return LX_ENAMETOOLONG;
    out.len = static_cast<std::size_t>(len);
    return success();
}

}  // namespace ukp
