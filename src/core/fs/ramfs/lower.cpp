// ramfs over a read-only image (see ramfs.hpp): directories filled from the
// image on first use, file bytes read from the image until written.
#include <algorithm>
#include <cstring>

#include "core/fs/imagefs/imagefs.hpp"
#include "core/fs/ramfs/ramfs.hpp"
#include "host/host.hpp"

namespace ukp::ramfs {

void Sb::set_lower(Ref<imagefs::Sb> image) {
    lower_image_ = image.get();
    lower_sb_ = std::move(image);
    root_->set_lower(0);
}

void Dir::set_lower(std::uint32_t index) {
    imagefs::Sb& image = *ramfs().lower();
    const imagefs::format::Node n = image.node_at(index);
    lower_ = index;
    filled_.store(n.b == 0, std::memory_order_release);
    nlink_ = image.nlink_of(index);
}

// Until it is filled a directory has no entries of its own (every change
// fills it first): it has the image's.
std::uint64_t Dir::entry_count_locked() const {
    if (filled_.load(std::memory_order_acquire)) return entries_.size();
    return ramfs().lower()->node_at(lower_).b;
}

void Dir::fill() {
    if (filled_.load(std::memory_order_acquire)) return;
    LockGuard g(ramfs().ns_lock());
    if (filled_.load(std::memory_order_relaxed)) return;
    imagefs::Sb& image = *ramfs().lower();
    const imagefs::format::Node dir = image.node_at(lower_);
    for (std::uint64_t i = 0; i < dir.b; ++i) {
        const imagefs::format::Dirent e = image.dirent_at(dir.a + i);
        insert_locked(image.string_at(e.name_offset, e.name_len), make_lower_node(e.node));
    }
    filled_.store(true, std::memory_order_release);
}

// The ramfs node showing image node `index`, with the image's attributes.
// Under the namespace lock, held exclusively (by fill()).
Ref<Node> Dir::make_lower_node(std::uint32_t index) {
    imagefs::Sb& image = *ramfs().lower();
    const imagefs::format::Node n = image.node_at(index);
    const std::uint32_t nlink = image.nlink_of(index);
    auto& links = ramfs().lower_links();
    if (nlink > 1 && (n.mode & imagefs::format::kTypeMask) != imagefs::format::kDir) {
        if (auto it = links.find(index); it != links.end()) {
            Ref<Node> shared = it->second.node;
            if (--it->second.names_left == 0) links.erase(it);  // its last name is in place
            return shared;
        }
    }
    vfs::Cred owner{};
    owner.uid = n.uid;
    owner.gid = n.gid;
    Ref<Node> node;
    switch (n.mode & imagefs::format::kTypeMask) {
        case imagefs::format::kDir: {
            auto d = make_ref<Dir>(ramfs(), n.mode, owner, this);
            d->set_lower(index);
            node = std::move(d);
            break;
        }
        case imagefs::format::kLink:
            node = make_ref<Symlink>(ramfs(), image.string_at(n.a, n.b), owner);
            node->nlink_ = nlink;
            break;
        default:  // regular: the image's checker allows nothing else
            node = make_ref<Regular>(ramfs(), n.mode, owner, 0);
            node->size_ = node->lower_size_ = static_cast<std::int64_t>(n.b);
            node->lower_ = n.b ? image.data(n.a) : nullptr;
            node->lower_at_ = n.a;
            node->nlink_ = nlink;
            break;
    }
    const lx_timespec mtime{n.mtime_sec, n.mtime_nsec};
    node->atime_ = node->mtime_ = node->ctime_ = node->btime_ = mtime;
    if (nlink > 1 && !node->is_dir()) links.emplace(index, Sb::LowerLink{node, nlink - 1});
    return node;
}

// A private mapping of a file still all in the image maps the image's
// pages from its host file: nothing copied, nothing charged (an image's file
// data is page aligned and zero-padded to its next page). Once written, a
// file's own pages are what mappings show.
bool Regular::private_map_source(std::uint64_t pgoff, std::uint64_t pages, std::intptr_t* handle,
                                 std::int64_t* host_offset) {
    LockGuard g(lock_);
    if (!lower_ || page_count_ != 0 || lower_size_ != size_) return false;
    if (pgoff > valid_pages_locked() || pages > valid_pages_locked() - pgoff) return false;  // SIGBUS pages
    return ramfs().lower()->host_source(lower_at_ + pgoff * PageTree::kPage, handle, host_offset);
}

bool Regular::copy_lower_locked(std::uint64_t index, char* page) const {
    const std::int64_t at = static_cast<std::int64_t>(index * PageTree::kPage);
    if (at >= lower_size_) return true;
    const auto n = static_cast<std::size_t>(std::min<std::int64_t>(PageTree::kPage, lower_size_ - at));
    // The image is a host file's mapping: a file cut short under it faults.
    if (host::mem_copy_from_app(page, lower_ + at, n)) return true;
    std::memset(page, 0, n);
    return false;
}

}  // namespace ukp::ramfs
