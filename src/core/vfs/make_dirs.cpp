#include "core/vfs/path.hpp"
#include "core/vfs/vnode.hpp"

namespace ukp::vfs {

Result<PathRef> make_dirs(const Walk& walk, std::string_view path, const Cred& owner) {
    for (std::size_t pos = 0;;) {
        pos = path.find_first_not_of('/', pos);
        if (pos == std::string_view::npos) return resolve(walk, path, kFollow | kDirectory);
        std::size_t end = path.find('/', pos);
        std::string_view prefix = path.substr(0, end);
        Result<PathRef> found = resolve(walk, prefix, kFollow | kDirectory);
        if (!found.ok() && found.error() == LX_ENOENT) {
            Parent p = TRY(resolve_parent(walk, prefix));
            if (p.last.empty() || p.last == "." || p.last == "..") return LX_ENOENT;
            TRY(p.dir.vnode->create(p.last, LX_S_IFDIR | 0755, owner, 0));
            found = resolve(walk, prefix, kFollow | kDirectory);
        }
        if (end == std::string_view::npos) return found;
        TRY(found);
        pos = end;
    }
}

}  // namespace ukp::vfs
