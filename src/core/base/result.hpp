// Result<T>: a value or a Linux errno. Kernel functions return it; TRY
// propagates the error to the caller (SerenityOS's ErrorOr + TRY).
#pragma once

#include <new>
#include <type_traits>
#include <utility>

#include "core/abi/errno.hpp"
#include "core/base/assert.hpp"

namespace ukp {

template <typename T>
class [[nodiscard]] Result {
public:
    Result(Errno e) : error_(e) { UKP_ASSERT(e != 0, "an error result carries an errno"); }
    template <typename U = T,
              typename = std::enable_if_t<std::is_constructible_v<T, U&&> &&
                                          !std::is_same_v<std::decay_t<U>, Errno> &&
                                          !std::is_same_v<std::decay_t<U>, Result>>>
    Result(U&& v) : error_(Errno{}) {
        new (&value_) T(std::forward<U>(v));
    }
    Result(const Result& o) : error_(o.error_) {
        if (!error_) new (&value_) T(o.value_);
    }
    Result(Result&& o) noexcept : error_(o.error_) {
        if (!error_) new (&value_) T(std::move(o.value_));
    }
    Result& operator=(Result o) noexcept {
        this->~Result();
        new (this) Result(std::move(o));
        return *this;
    }
    ~Result() {
        if (!error_) value_.~T();
    }

    bool ok() const { return error_ == 0; }
    explicit operator bool() const { return ok(); }
    Errno error() const { return error_; }

    T& value() & {
        UKP_ASSERT(ok(), "value() of an error result");
        return value_;
    }
    const T& value() const& {
        UKP_ASSERT(ok(), "value() of an error result");
        return value_;
    }
    T&& value() && {
        UKP_ASSERT(ok(), "value() of an error result");
        return std::move(value_);
    }
    T* operator->() { return &value(); }
    T& operator*() { return value(); }
    T value_or(T fallback) const { return ok() ? value_ : fallback; }

private:
    Errno error_;
    union {
        T value_;
    };
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() : error_(Errno{}) {}
    Result(Errno e) : error_(e) { UKP_ASSERT(e != 0, "an error result carries an errno"); }
    bool ok() const { return error_ == 0; }
    explicit operator bool() const { return ok(); }
    Errno error() const { return error_; }
    void value() const { UKP_ASSERT(ok(), "value() of an error result"); }

private:
    Errno error_;
};

inline Result<void> success() { return {}; }

}  // namespace ukp

// Evaluates a Result; on error returns the errno from the enclosing function,
// otherwise yields the value (GNU statement expression).
#define TRY(expr)                                              \
    ({                                                         \
        auto&& ukp_try_result_ = (expr);                       \
        if (!ukp_try_result_.ok()) return ukp_try_result_.error(); \
        std::move(ukp_try_result_).value();                    \
    })
