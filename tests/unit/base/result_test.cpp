#include <doctest/doctest.h>

#include <string>

#include "core/base/result.hpp"

using namespace ukp;

namespace {
Result<int> half(int x) {
    if (x % 2) return LX_EINVAL;
    return x / 2;
}
Result<int> quarter(int x) { return half(TRY(half(x))); }
}  // namespace

TEST_CASE("Result carries a value or an errno and TRY propagates") {
    CHECK(quarter(8).value() == 2);
    CHECK(quarter(6).error() == LX_EINVAL);
    CHECK(quarter(5).error() == LX_EINVAL);
    CHECK_FALSE(Result<void>(LX_ENOENT).ok());
    CHECK(std::string(errno_name(LX_ENOENT)) == "ENOENT");
}
