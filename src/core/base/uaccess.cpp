#include "core/base/uaccess.hpp"

#include "host/host.hpp"

namespace ukp {

Result<void> copy_from_app(void* dst, const void* app_src, std::size_t n) {
    if (!host::mem_copy_from_app(dst, app_src, n)) return LX_EFAULT;
    return success();
}

Result<void> copy_to_app(void* app_dst, const void* src, std::size_t n) {
    if (!host::mem_copy_to_app(app_dst, src, n)) return LX_EFAULT;
    return success();
}

Result<void> copy_path(const char* app_path, PathBuf& out) {
    std::ptrdiff_t len = host::mem_copy_string_from_app(out.data, app_path, LX_PATH_MAX);
    if (len < 0) return LX_EFAULT;
    if (len >= LX_PATH_MAX) return LX_ENAMETOOLONG;
    out.len = static_cast<std::size_t>(len);
    return success();
}

}  // namespace ukp
