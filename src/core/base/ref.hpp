// Intrusive reference counting for kernel objects that several owners share
// (vnodes, open file descriptions, mounts). Objects live in the arena.
#pragma once

#include <atomic>
#include <cstdint>
#include <utility>

#include "core/mem/arena.hpp"

namespace ukp {

class RefCounted : public ArenaObject {
public:
    RefCounted() = default;
    RefCounted(const RefCounted&) = delete;
    RefCounted& operator=(const RefCounted&) = delete;
    virtual ~RefCounted() = default;

    void ref() const { refs_.fetch_add(1, std::memory_order_relaxed); }
    void unref() const {
        if (refs_.fetch_sub(1, std::memory_order_acq_rel) == 1)
            const_cast<RefCounted*>(this)->last_ref_dropped();
    }
    std::uint32_t ref_count() const { return refs_.load(std::memory_order_relaxed); }

protected:
    // Runs when the last reference goes; objects that must detach from
    // others while still whole (an open file from its watchers) override it.
    virtual void last_ref_dropped() { delete this; }

private:
    mutable std::atomic<std::uint32_t> refs_{0};
};

template <typename T>
class Ref {
public:
    Ref() = default;
    Ref(std::nullptr_t) {}
    Ref(T* p) : p_(p) {
        if (p_) p_->ref();
    }
    Ref(const Ref& o) : Ref(o.p_) {}
    Ref(Ref&& o) noexcept : p_(std::exchange(o.p_, nullptr)) {}
    template <typename U>
    Ref(const Ref<U>& o) : Ref(static_cast<T*>(o.get())) {}
    template <typename U>
    Ref(Ref<U>&& o) noexcept : p_(o.leak()) {}
    ~Ref() {
        if (p_) p_->unref();
    }
    Ref& operator=(Ref o) noexcept {
        std::swap(p_, o.p_);
        return *this;
    }

    T* get() const { return p_; }
    T* operator->() const { return p_; }
    T& operator*() const { return *p_; }
    explicit operator bool() const { return p_ != nullptr; }
    bool operator==(const Ref& o) const { return p_ == o.p_; }
    bool operator==(const T* o) const { return p_ == o; }
    // Gives up ownership without dropping the reference.
    T* leak() { return std::exchange(p_, nullptr); }

private:
    T* p_ = nullptr;
};

template <typename T, typename... Args>
Ref<T> make_ref(Args&&... args) {
    return Ref<T>(new T(std::forward<Args>(args)...));
}

}  // namespace ukp
