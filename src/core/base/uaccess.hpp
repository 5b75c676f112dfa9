// Copies between the kernel and application memory. The application may
// pass any pointer; a bad one gives EFAULT, never a crash of the kernel.
#pragma once

#include <cstddef>
#include <string_view>

#include "core/abi/linux.hpp"
#include "core/base/result.hpp"

namespace ukp {

// EFAULT when an application range touches the kernel arena: an
// application (buggy or hostile) must not make the kernel read or overwrite
// its own state, as Linux's access_ok() keeps user pointers out of kernel
// memory. Host calls that take application buffers directly check with it.
Result<void> check_app_range(const void* app, std::size_t n);

Result<void> copy_from_app(void* dst, const void* app_src, std::size_t n);
Result<void> copy_to_app(void* app_dst, const void* src, std::size_t n);

template <typename T>
Result<void> copy_in(T& dst, const void* app_src) {
    return copy_from_app(&dst, app_src, sizeof(T));
}
template <typename T>
Result<void> copy_out(void* app_dst, const T& src) {
    return copy_to_app(app_dst, &src, sizeof(T));
}

// A path copied in from the application: EFAULT for a bad pointer,
// ENAMETOOLONG when it does not fit in PATH_MAX bytes with its NUL.
struct PathBuf {
    char data[LX_PATH_MAX];
    std::size_t len = 0;
    std::string_view view() const { return {data, len}; }
};
Result<void> copy_path(const char* app_path, PathBuf& out);

}  // namespace ukp
