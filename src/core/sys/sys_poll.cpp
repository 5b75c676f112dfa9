// poll, ppoll, select, pselect6.
#include "core/event/poll.hpp"

#include "core/event/wait_args.hpp"
#include "core/sys/common.hpp"
#include "core/sys/sys.hpp"

namespace ukp::sys {
namespace {

using event::PollRequest;

// Requests for small calls live on the stack, the rest in the arena.
class Requests {
public:
    explicit Requests(std::size_t n) : n_(n) {
        p_ = n <= kInline ? inline_ : static_cast<PollRequest*>(mem::allocate(n * sizeof(PollRequest)));
    }
    ~Requests() {
        if (p_ != inline_) mem::deallocate(p_, n_ * sizeof(PollRequest));
    }
    Requests(const Requests&) = delete;
    Requests& operator=(const Requests&) = delete;
    PollRequest* get() { return p_; }

private:
    static constexpr std::size_t kInline = 64;
    PollRequest inline_[kInline];
    PollRequest* p_;
    std::size_t n_;
};

Result<int> do_poll(void* app_fds, std::uint64_t nfds, std::int64_t deadline) {
    if (nfds > current().fds().limit()) return LX_EINVAL;
    std::size_t n = static_cast<std::size_t>(nfds);
    Requests reqs(n == 0 ? 1 : n);
    PollRequest* r = reqs.get();
    auto* app = static_cast<lx_pollfd*>(app_fds);
    // Copied in and out a chunk at a time.
    constexpr std::size_t kChunk = 64;
    lx_pollfd chunk[kChunk];
    for (std::size_t i = 0; i < n; i += kChunk) {
        std::size_t c = n - i < kChunk ? n - i : kChunk;
        TRY(copy_from_app(chunk, app + i, c * sizeof(lx_pollfd)));
        for (std::size_t j = 0; j < c; ++j)
            r[i + j] = PollRequest{chunk[j].fd, static_cast<std::uint16_t>(chunk[j].events), 0};
    }
    Result<int> res = event::poll_files(r, n, deadline, event::PollMode::poll);
    // revents go back even when the call is interrupted, as on Linux.
    for (std::size_t i = 0; i < n; i += kChunk) {
        std::size_t c = n - i < kChunk ? n - i : kChunk;
        for (std::size_t j = 0; j < c; ++j)
            chunk[j] = lx_pollfd{r[i + j].fd, static_cast<std::int16_t>(r[i + j].events),
                                 static_cast<std::int16_t>(r[i + j].revents)};
        TRY(copy_to_app(app + i, chunk, c * sizeof(lx_pollfd)));
    }
    return res;
}

// ---- select -------------------------------------------------------------------------

// Linux's POLLIN_SET, POLLOUT_SET and POLLEX_SET.
constexpr std::uint32_t kInSet = LX_POLLRDNORM | LX_POLLRDBAND | LX_POLLIN | LX_POLLHUP | LX_POLLERR;
constexpr std::uint32_t kOutSet = LX_POLLWRBAND | LX_POLLWRNORM | LX_POLLOUT | LX_POLLERR;
constexpr std::uint32_t kExSet = LX_POLLPRI;

constexpr std::size_t kWordBits = 64;

// The three fd_sets, copied in (bits below nfds only) and out.
struct FdSets {
    std::uint64_t* words = nullptr;  // in: 3 * nwords, out: 3 * nwords
    std::size_t nwords = 0;
    std::uint64_t inline_words[6 * (LX_FD_SETSIZE / kWordBits)];
    FdSets() = default;
    FdSets(const FdSets&) = delete;
    ~FdSets() {
        if (words && words != inline_words) mem::deallocate(words, 6 * nwords * sizeof(std::uint64_t));
    }
    std::uint64_t* in(int k) { return words + static_cast<std::size_t>(k) * nwords; }
    std::uint64_t* out(int k) { return words + (3 + static_cast<std::size_t>(k)) * nwords; }
};

Result<int> do_select(int nfds, void* sets[3], std::int64_t deadline) {
    if (nfds < 0) return LX_EINVAL;
    std::size_t n = static_cast<std::size_t>(nfds);
    // Linux stops at the fd table's size; no fd reaches RLIMIT_NOFILE here.
    std::uint64_t limit = current().fds().limit();
    if (n > limit) n = static_cast<std::size_t>(limit);
    FdSets s;
    s.nwords = (n + kWordBits - 1) / kWordBits;
    s.words = s.nwords * 6 <= sizeof s.inline_words / sizeof(std::uint64_t)
                  ? s.inline_words
                  : static_cast<std::uint64_t*>(mem::allocate(6 * s.nwords * sizeof(std::uint64_t)));
    const std::size_t bytes = s.nwords * sizeof(std::uint64_t);
    std::size_t count = 0;
    for (int k = 0; k < 3; ++k) {
        std::uint64_t* w = s.in(k);
        if (sets[k]) TRY(copy_from_app(w, sets[k], bytes));
        else for (std::size_t i = 0; i < s.nwords; ++i) w[i] = 0;
        // Bits at or past nfds are not ours to read or report.
        if (n % kWordBits && s.nwords) w[s.nwords - 1] &= (std::uint64_t{1} << (n % kWordBits)) - 1;
        for (std::size_t i = 0; i < s.nwords; ++i) count += static_cast<std::size_t>(__builtin_popcountll(w[i]));
    }
    Requests reqs(count == 0 ? 1 : count);
    PollRequest* r = reqs.get();
    std::size_t m = 0;
    for (std::size_t i = 0; i < s.nwords; ++i) {
        std::uint64_t any = s.in(0)[i] | s.in(1)[i] | s.in(2)[i];
        while (any) {
            int b = __builtin_ctzll(any);
            any &= any - 1;
            std::uint64_t bit = std::uint64_t{1} << b;
            std::uint32_t ev = 0;
            if (s.in(0)[i] & bit) ev |= kInSet;
            if (s.in(1)[i] & bit) ev |= kOutSet;
            if (s.in(2)[i] & bit) ev |= kExSet;
            r[m++] = PollRequest{static_cast<int>(i * kWordBits + static_cast<std::size_t>(b)), ev, 0};
        }
    }
    TRY(event::poll_files(r, m, deadline, event::PollMode::select));
    for (int k = 0; k < 3; ++k)
        for (std::size_t i = 0; i < s.nwords; ++i) s.out(k)[i] = 0;
    int total = 0;
    for (std::size_t j = 0; j < m; ++j) {
        std::size_t fd = static_cast<std::size_t>(r[j].fd);
        std::uint64_t bit = std::uint64_t{1} << (fd % kWordBits);
        std::size_t wi = fd / kWordBits;
        const std::uint32_t sets_of[3] = {kInSet, kOutSet, kExSet};
        for (int k = 0; k < 3; ++k) {
            if ((s.in(k)[wi] & bit) && (r[j].revents & sets_of[k])) {
                s.out(k)[wi] |= bit;
                ++total;
            }
        }
    }
    for (int k = 0; k < 3; ++k)
        if (sets[k]) TRY(copy_to_app(sets[k], s.out(k), bytes));
    return total;
}

// The time left until `deadline` (0 if passed), for select's write-back.
std::int64_t remaining_ns(std::int64_t deadline) {
    std::int64_t left = deadline - host::clock_monotonic();
    return left < 0 ? 0 : left;
}

}  // namespace

Result<int> poll(void* fds, std::uint64_t nfds, int timeout_ms) {
    return do_poll(fds, nfds, event::deadline_from_ms(timeout_ms));
}

Result<int> ppoll(void* fds, std::uint64_t nfds, const lx_timespec* timeout, const void* sigmask,
                  std::size_t sigsetsize) {
    std::int64_t deadline = TRY(event::deadline_from_timespec(timeout));
    event::SigmaskScope scope;
    TRY(scope.apply(sigmask, sigsetsize));
    return scope.finish(do_poll(fds, nfds, scope.deadline(deadline)));
}

Result<int> select(int nfds, void* readfds, void* writefds, void* exceptfds, void* app_timeout) {
    std::int64_t deadline = event::kPollForever;
    if (app_timeout) {
        lx_timeval tv;
        TRY(copy_in(tv, app_timeout));
        // Linux carries whole seconds out of tv_usec before checking.
        std::int64_t sec = tv.tv_sec + tv.tv_usec / 1'000'000;
        std::int64_t nsec = (tv.tv_usec % 1'000'000) * 1000;
        if (sec < 0 || nsec < 0) return LX_EINVAL;
        deadline = event::deadline_from_ns(sec, nsec);
    }
    void* sets[3] = {readfds, writefds, exceptfds};
    Result<int> r = do_select(nfds, sets, deadline);
    if (app_timeout && deadline >= 0) {
        std::int64_t left = remaining_ns(deadline);
        lx_timeval tv{left / 1'000'000'000, (left % 1'000'000'000) / 1000};
        (void)copy_out(app_timeout, tv);
    }
    return r;
}

Result<int> pselect6(int nfds, void* readfds, void* writefds, void* exceptfds, lx_timespec* timeout,
                     const void* sig_data) {
    std::int64_t deadline = TRY(event::deadline_from_timespec(timeout));
    struct {
        const void* set;
        std::uint64_t size;
    } sig{nullptr, 0};
    if (sig_data) TRY(copy_in(sig, sig_data));
    event::SigmaskScope scope;
    TRY(scope.apply(sig.set, static_cast<std::size_t>(sig.size)));
    void* sets[3] = {readfds, writefds, exceptfds};
    Result<int> r = scope.finish(do_select(nfds, sets, scope.deadline(deadline)));
    if (timeout && deadline >= 0) {
        std::int64_t left = remaining_ns(deadline);
        lx_timespec ts{left / 1'000'000'000, left % 1'000'000'000};
        (void)copy_out(timeout, ts);
    }
    return r;
}

}  // namespace ukp::sys
