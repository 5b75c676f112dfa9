// AF_UNIX queued data: segments, files in flight, credentials.
#include <cstring>
#include <new>

#include "core/ipc/unix_socket.hpp"
#include "core/kernel/kernel.hpp"
#include "core/sys/sys.hpp"

namespace ukp::ipc {

Seg* seg_alloc(std::uint32_t cap) {
    void* p = mem::allocate(sizeof(Seg) + cap, alignof(Seg));
    Seg* s = new (p) Seg;
    s->cap = cap;
    return s;
}

void seg_free_chain(Seg* s) {
    while (s) {
        Seg* next = s->next;
        if (s->anc) anc_free(s->anc);
        std::uint32_t cap = s->cap;
        s->~Seg();
        mem::deallocate(s, sizeof(Seg) + cap, alignof(Seg));
        s = next;
    }
}

void anc_free(UnixAnc* a) {
    if (a && a->counted) gc_uncount(*a);
    delete a;
}

lx_ucred current_cred() {
    vfs::Cred c = current().cred();
    return lx_ucred{sys::getpid(), c.uid, c.gid};
}

Result<UnixAnc*> parse_control(const net::SendMsg& m) {
    if (m.controllen == 0) return static_cast<UnixAnc*>(nullptr);
    net::CmsgReader rd(m.control, m.controllen);
    UnixAnc* anc = nullptr;
    auto fail = [&](Errno e) -> Result<UnixAnc*> {
        anc_free(anc);
        return e;
    };
    for (;;) {
        Result<const lx_cmsghdr*> r = rd.next();
        if (!r.ok()) return fail(r.error());
        const lx_cmsghdr* h = *r;
        if (!h) break;
        if (h->cmsg_level != LX_SOL_SOCKET) continue;  // other levels mean nothing here
        std::size_t len = net::CmsgReader::data_len(h);
        if (h->cmsg_type == LX_SCM_RIGHTS) {
            std::size_t n = len / sizeof(int);
            if (n == 0) continue;
            if (!anc) anc = new UnixAnc;
            if (anc->files.size() + n > LX_SCM_MAX_FD) return fail(LX_EINVAL);
            const auto* fds = static_cast<const std::uint8_t*>(net::CmsgReader::data(h));
            for (std::size_t i = 0; i < n; ++i) {
                int fd;
                std::memcpy(&fd, fds + i * sizeof(int), sizeof fd);
                Result<Ref<vfs::File>> f = current().fds().get(fd);
                if (!f.ok() || ((*f)->flags() & LX_O_PATH)) return fail(LX_EBADF);
                anc->files.push_back(std::move(*f));
            }
        } else if (h->cmsg_type == LX_SCM_CREDENTIALS) {
            if (len != sizeof(lx_ucred)) return fail(LX_EINVAL);
            lx_ucred c;
            std::memcpy(&c, net::CmsgReader::data(h), sizeof c);
            // scm_check_creds: one's own ids unless privileged.
            lx_ucred me = current_cred();
            if (me.uid != 0 && (c.pid != me.pid || c.uid != me.uid || c.gid != me.gid)) return fail(LX_EPERM);
            if (!anc) anc = new UnixAnc;
            anc->has_cred = true;
            anc->cred = c;
        } else {
            return fail(LX_EINVAL);
        }
    }
    if (anc) gc_count(*anc);
    return anc;
}

Result<void> deliver_control(net::RecvMsg& m, UnixAnc* anc, bool passcred, bool peek) {
    if (passcred) {
        lx_ucred c = (anc && anc->has_cred) ? anc->cred : current_cred();
        if (m.cmsg) m.cmsg->put(LX_SOL_SOCKET, LX_SCM_CREDENTIALS, &c, sizeof c);
        else m.out_flags |= LX_MSG_CTRUNC;
    }
    if (!anc || anc->files.empty()) return success();
    std::size_t room = m.cmsg ? m.cmsg->room_for_data() / sizeof(int) : 0;
    std::size_t n = anc->files.size() < room ? anc->files.size() : room;
    if (n < anc->files.size()) m.out_flags |= LX_MSG_CTRUNC;
    if (n == 0) return success();
    int fds[LX_SCM_MAX_FD];
    bool cloexec = m.flags & LX_MSG_CMSG_CLOEXEC;
    std::size_t got = 0;
    for (; got < n; ++got) {
        Result<int> fd = current().fds().install(anc->files[got], cloexec);
        if (!fd.ok()) {
            m.out_flags |= LX_MSG_CTRUNC;
            break;
        }
        fds[got] = *fd;
    }
    if (got > 0) m.cmsg->put(LX_SOL_SOCKET, LX_SCM_RIGHTS, fds, got * sizeof(int));
    if (!peek) {
        // The new fds hold them now; the rest are dropped.
        if (anc->counted) gc_uncount(*anc);
        anc->counted = false;
        anc->files.clear();
    }
    return success();
}

}  // namespace ukp::ipc
