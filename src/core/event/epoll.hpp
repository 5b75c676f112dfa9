// epoll(7): an interest set of (fd, File) items, each a Watch on its file's
// Notifier, and a ready list that only notified items join. epoll_wait
// visits the ready list alone, so its cost does not grow with idle items.
//
// An item is linked to the ready list when its file notifies events it is
// interested in; epoll_wait re-polls each linked item (poll_mask), reports
// those still ready and, for level-triggered ones, links them again at the
// tail. Edge-triggered items leave the list until the next notification;
// EPOLLONESHOT items are disarmed until EPOLL_CTL_MOD.
//
// Ownership: the Epoll owns its items; an item holds no reference on its
// file. When the file's last reference goes, Notifier::release_file calls
// the item's released(), which removes it (a dup'ed fd keeps the file and so
// the item, as on Linux).
//
// Locks, outer first: attach_lock() (close, file release, ctl on epoll
// targets) -> mtx_ (interest set, item lifetime, ready-list scans; an outer
// epoll's before an inner one's) -> the target file's lock -> its Notifier's
// lock -> lock_ (ready list, waiters; a leaf, taken from Watch::notify) ->
// notifier_'s lock (towards epolls that contain this one).
#pragma once

#include <cstdint>
#include <map>
#include <memory_resource>
#include <typeinfo>
#include <vector>

#include "core/base/lock.hpp"
#include "core/base/wait_queue.hpp"
#include "core/event/abi.hpp"
#include "core/event/notifier.hpp"
#include "core/vfs/file.hpp"

namespace ukp::event {

class Epoll final : public vfs::File {
public:
    Epoll(Ref<vfs::Vnode> node, int flags);

    // The Epoll behind a file, or null (Epoll is final: one type compare).
    static Epoll* from(vfs::File& f) { return typeid(f) == typeid(Epoll) ? static_cast<Epoll*>(&f) : nullptr; }

    // epoll_ctl once the syscall has checked the fds, EPERM, self-insertion
    // and the EPOLLEXCLUSIVE rules. `ev` is ignored for DEL.
    Result<void> ctl(int op, int fd, vfs::File& target, const lx_epoll_event& ev);
    // Copies up to maxevents events to app_events (an application array).
    // deadline_ns: kNoWait, kForever, or a monotonic time.
    static constexpr std::int64_t kNoWait = -2, kForever = -1;
    Result<int> wait(void* app_events, int maxevents, std::int64_t deadline_ns);

    // Linux's noop_llseek: the position stays 0.
    Result<std::int64_t> seek(std::int64_t, int) override { return 0; }
    std::uint32_t poll_mask() override;
    Notifier* notifier() override { return &notifier_; }

    // Number of items (tests).
    std::size_t size();

protected:
    void last_ref_dropped() override;

private:
    struct Item;
    struct Key {
        const vfs::File* file;
        int fd;
        bool operator<(const Key& o) const { return file != o.file ? file < o.file : fd < o.fd; }
    };

    // Called from Item (Watch) callbacks.
    bool item_notify(Item* it, std::uint32_t events, bool exclusive);
    void item_released(Item* it);

    Result<void> insert(int fd, vfs::File& target, Epoll* target_ep, const lx_epoll_event& ev);
    void modify(Item* it, const lx_epoll_event& ev);
    void remove(Item* it);
    // Links it (ready now) and wakes a waiter; mtx_ held.
    void make_ready(Item* it);
    std::uint32_t item_poll(Item* it);
    Result<int> send_events(char* app_events, int maxevents);

    // Ready list, lock_ held.
    void link_ready(Item* it);
    void unlink_ready(Item* it);
    Item* take_ready();
    void put_back(Item* first);

    // Nesting, attach_lock() held.
    bool nesting_too_deep(Epoll* target);
    int height();
    int depth_above();

    Mutex mtx_;
    std::pmr::map<Key, Item*> items_;
    std::pmr::vector<Item*> children_;  // items of ours that watch epolls
    std::pmr::vector<Item*> parents_;   // items of other epolls that watch us

    Mutex lock_;
    Item* rd_head_ = nullptr;
    Item* rd_tail_ = nullptr;
    std::uint32_t waiters_ = 0;
    WaitQueue wq_;

    Notifier notifier_;
};

}  // namespace ukp::event
