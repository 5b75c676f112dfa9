#include "core/vfs/path.hpp"

#include "core/vfs/file.hpp"
#include "core/vfs/mount.hpp"
#include "core/vfs/perm.hpp"

namespace ukp::vfs {
namespace {

bool same(const PathRef& a, const PathRef& b) { return a.vnode == b.vnode && a.mount == b.mount; }

// "..": stays at the process root, leaves a mounted file system through its
// mountpoint.
void step_up(const Walk& w, PathRef& cur) {
    for (;;) {
        if (same(cur, w.root)) return;
        if (cur.vnode == cur.mount->root()) {
            if (!cur.mount->mountpoint()) return;
            PathRef below = cur.mount->mountpoint();
            cur = std::move(below);
            continue;
        }
        cur.vnode = cur.vnode->parent();
        return;
    }
}

// Enters whatever is mounted on cur (the topmost of a stack).
void step_down(const Walk& w, PathRef& cur) {
    while (cur.vnode->mount_count.load(std::memory_order_acquire) != 0) {
        Mount* m = w.mounts->covering(cur);
        if (!m) return;
        cur = PathRef{m, m->root()};
    }
}

Result<void> may_search(const PathRef& dir, const Cred& cred) {
    if (!dir.vnode->is_dir()) return LX_ENOTDIR;
    return dir.vnode->permission(cred, kMayExec);
}

// The shared walk. With `parent` set, stops before the last component and
// fills it in instead of looking that component up.
Result<PathRef> walk(const Walk& w, std::string_view path, unsigned flags, Parent* parent,
                     Parent* located) {
    if (path.empty()) return LX_ENOENT;
    if (path.size() >= static_cast<std::size_t>(LX_PATH_MAX)) return LX_ENAMETOOLONG;
    PathRef cur = path[0] == '/' ? w.root : w.start;
    String expanded(mem::resource());  // the path after symlink expansion, once there is one
    int links = 0;
    std::size_t i = 0;
    bool saw_component = false;
    for (;;) {
        while (i < path.size() && path[i] == '/') ++i;
        if (i == path.size()) break;
        std::size_t end = path.find('/', i);
        if (end == std::string_view::npos) end = path.size();
        std::string_view comp = path.substr(i, end - i);
        std::size_t after = end;
        while (after < path.size() && path[after] == '/') ++after;
        bool last = after == path.size();
        bool trailing_slash = last && end != path.size();
        if (comp.size() > static_cast<std::size_t>(LX_NAME_MAX)) return LX_ENAMETOOLONG;
        saw_component = true;
        if (last && parent) {
            TRY(may_search(cur, *w.cred));
            parent->last.assign(comp);
            parent->trailing_slash = trailing_slash;
            parent->dir = std::move(cur);
            return parent->dir;
        }
        TRY(may_search(cur, *w.cred));
        i = end;
        if (located) located->dir = PathRef{};
        if (comp == ".") continue;
        if (comp == "..") {
            step_up(w, cur);
            continue;
        }
        Ref<Vnode> child = TRY(cur.vnode->lookup(comp));
        bool follow = !last || (flags & kFollow) || trailing_slash;
        if (child->is_symlink() && follow) {
            PathRef next{cur.mount, std::move(child)};
            if (++links > LX_SYMLOOP_MAX) return LX_ELOOP;
            Ref<File> jump;
            if (next.vnode->magic_target(jump)) {
                // Land on the open file's own place; the rest goes on from there.
                cur = jump->path() ? jump->path() : PathRef{nullptr, jump->vnode()};
                if (located && last) {
                    located->dir = jump->parent_dir();
                    located->last.assign(jump->name());
                }
                i = end;
                continue;
            }
            String target = TRY(next.vnode->readlink());
            if (target.empty()) return LX_ENOENT;
            // Continue with the target followed by the rest of the path.
            String rest(path.substr(end), mem::resource());
            expanded = std::move(target);
            expanded += rest;
            if (expanded.size() >= static_cast<std::size_t>(LX_PATH_MAX)) return LX_ENAMETOOLONG;
            path = expanded;
            i = 0;
            if (path[0] == '/') cur = w.root;
            continue;
        }
        if (located && last) {
            located->dir = cur;
            located->last.assign(comp);
        }
        // Most steps stay inside one mount: keep its reference, swap the vnode.
        cur.vnode = std::move(child);
        step_down(w, cur);
    }
    if (parent) {
        // Only slashes (or "." / "..": handled above as components): the path
        // names a directory itself, with no last component to act on.
        if (!saw_component) {
            parent->last.clear();
            parent->trailing_slash = true;
            parent->dir = std::move(cur);
            return parent->dir;
        }
    }
    if ((flags & kDirectory) && !cur.vnode->is_dir()) return LX_ENOTDIR;
    // A trailing slash demands a directory.
    if (path.size() > 1 && path.back() == '/' && !cur.vnode->is_dir()) return LX_ENOTDIR;
    return cur;
}

struct FindName final : DirSink {
    std::uint64_t ino;
    String name{mem::resource()};
    bool found = false;
    bool emit(std::uint64_t entry_ino, std::string_view entry, std::uint8_t, std::uint64_t) override {
        if (entry_ino == ino && entry != "." && entry != "..") {
            name.assign(entry);
            found = true;
        }
        return !found;
    }
};

}  // namespace

Result<PathRef> resolve(const Walk& w, std::string_view path, unsigned flags, Parent* located) {
    return walk(w, path, flags, nullptr, located);
}

Result<Parent> resolve_parent(const Walk& w, std::string_view path) {
    Parent p{PathRef{}, String(mem::resource()), false};
    TRY(walk(w, path, 0, &p, nullptr));
    return p;
}

Result<String> absolute_path(const PathRef& root, const PathRef& p) {
    if (p.vnode->is_dir() && p.vnode->getattr().nlink == 0) return LX_ENOENT;
    String out(mem::resource());
    PathRef cur = p;
    Walk w{nullptr, root, root, nullptr};
    // Collect names bottom-up, then reverse the components.
    std::pmr::vector<String> names(mem::resource());
    for (int depth = 0; !same(cur, root); ++depth) {
        if (depth > LX_PATH_MAX / 2) return LX_ENAMETOOLONG;
        PathRef up = cur;
        step_up(w, up);
        if (same(up, cur)) break;  // a root we cannot leave (outside the process root)
        FindName finder;
        finder.ino = cur.vnode->ino();
        // The name is looked up in the directory that holds cur; at a mount
        // root that is the mountpoint's directory.
        PathRef holder = up;
        PathRef named = cur;
        if (cur.vnode == cur.mount->root() && cur.mount->mountpoint()) {
            named = cur.mount->mountpoint();
            finder.ino = named.vnode->ino();
            holder = named;
            step_up(w, holder);
        }
        TRY(holder.vnode->readdir(0, finder));
        if (!finder.found) return LX_ENOENT;
        names.push_back(std::move(finder.name));
        cur = std::move(holder);
    }
    if (names.empty()) return String("/", mem::resource());
    for (auto it = names.rbegin(); it != names.rend(); ++it) {
        out += '/';
        out += *it;
    }
    return out;
}

}  // namespace ukp::vfs
