// get_mempolicy(2) and set_mempolicy(2) on a machine with one NUMA node,
// node 0: every policy Linux accepts is accepted when it names node 0, and
// reads back as Linux shows it. Memory is the host's either way.
#include "core/base/lock.hpp"
#include "core/base/uaccess.hpp"
#include "core/sys/sys.hpp"

namespace ukp::sys {
namespace {

// include/uapi/linux/mempolicy.h
enum : int {
    kDefault = 0,
    kPreferred = 1,
    kBind = 2,
    kInterleave = 3,
    kLocal = 4,
    kPreferredMany = 5,
    kWeightedInterleave = 6,
    kMax = 7,
};
constexpr int kStaticNodes = 1 << 15, kRelativeNodes = 1 << 14, kNumaBalancing = 1 << 13;
constexpr int kModeFlags = kStaticNodes | kRelativeNodes | kNumaBalancing;
constexpr std::uint64_t kFNode = 1, kFAddr = 2, kFMemsAllowed = 4;
constexpr std::uint64_t kNode0 = 1;
constexpr std::uint64_t kMaxNumNodes = 1024;  // the nodes Linux's masks hold (MAX_NUMNODES)

struct Policy {
    int mode = kDefault;     // kDefault: none set (Linux's default_policy, MPOL_LOCAL inside)
    int flags = 0;           // kStaticNodes / kRelativeNodes / kNumaBalancing
    std::uint64_t user = 0;  // the nodes as given, kept for static/relative policies
};
Mutex g_lock;
Policy g_policy;

// Linux's get_nodes: maxnode - 1 bits of the application's mask; bits past
// the nodes Linux knows must be clear. Only the first word can name a node
// of this machine.
Result<std::uint64_t> nodes_in(const std::uint64_t* app_mask, std::uint64_t maxnode) {
    --maxnode;
    if (maxnode == 0 || !app_mask) return std::uint64_t{0};
    if (maxnode > 4096 * 8) return LX_EINVAL;
    std::uint64_t words = (maxnode + 63) / 64;
    std::uint64_t first = 0;
    for (std::uint64_t w = 0; w < words; ++w) {
        std::uint64_t v = 0;
        TRY(copy_in(v, app_mask + w));
        std::uint64_t bits = maxnode - w * 64 < 64 ? maxnode - w * 64 : 64;
        if (bits < 64) v &= (std::uint64_t{1} << bits) - 1;
        if (w == 0) first = v;
        else if (v && w * 64 >= kMaxNumNodes) return LX_EINVAL;
    }
    return first;
}

// Linux's copy_nodes_to_user for a machine whose masks are one word long.
Result<void> nodes_out(std::uint64_t* app_mask, std::uint64_t maxnode, std::uint64_t nodes) {
    std::uint64_t copy = ((maxnode - 1 + 63) & ~std::uint64_t{63}) / 8;  // ALIGN(maxnode - 1, 64) / 8
    if (copy > sizeof nodes) {
        if (copy > 4096) return LX_EINVAL;
        char zeros[4096] = {};
        TRY(copy_to_app(reinterpret_cast<char*>(app_mask) + sizeof nodes, zeros, copy - sizeof nodes));
        copy = sizeof nodes;
    }
    return copy_to_app(app_mask, &nodes, copy);
}

}  // namespace

Result<int> get_mempolicy(int* app_mode, std::uint64_t* app_nodemask, std::uint64_t maxnode, std::uintptr_t addr,
                          std::uint64_t flags) {
    if (app_nodemask && maxnode < 1) return LX_EINVAL;  // fewer bits than nodes
    if (flags & ~(kFNode | kFAddr | kFMemsAllowed)) return LX_EINVAL;
    int mode = 0;
    std::uint64_t nodes = 0;
    if (flags & kFMemsAllowed) {
        if (flags & (kFNode | kFAddr)) return LX_EINVAL;
        nodes = kNode0;
    } else {
        Policy pol;
        if (flags & kFAddr) {
            // An address's policy is its mapping's (mbind), which is always
            // the default here; the address must be mapped.
            char probe;
            if (!copy_from_app(&probe, reinterpret_cast<const void*>(addr), 1).ok()) return LX_EFAULT;
        } else {
            if (addr) return LX_EINVAL;
            LockGuard g(g_lock);
            pol = g_policy;
        }
        if (flags & kFNode) {
            // The node of the page at addr, or the next interleave node: 0.
            if (!(flags & kFAddr) && pol.mode != kInterleave && pol.mode != kWeightedInterleave)
                return LX_EINVAL;
            mode = 0;
        } else {
            mode = pol.mode | (pol.flags & (kStaticNodes | kRelativeNodes));
        }
        if (pol.flags & (kStaticNodes | kRelativeNodes))
            nodes = pol.user;
        else if (pol.mode != kDefault && pol.mode != kLocal)
            nodes = kNode0;
    }
    if (app_mode) TRY(copy_out(app_mode, mode));
    if (app_nodemask) TRY(nodes_out(app_nodemask, maxnode, nodes));
    return 0;
}

Result<void> set_mempolicy(int mode_arg, const std::uint64_t* app_nodemask, std::uint64_t maxnode) {
    int flags = mode_arg & kModeFlags;
    int mode = mode_arg & ~kModeFlags;
    if (static_cast<unsigned>(mode) >= kMax) return LX_EINVAL;
    if ((flags & kStaticNodes) && (flags & kRelativeNodes)) return LX_EINVAL;
    if ((flags & kNumaBalancing) && mode != kBind && mode != kPreferredMany) return LX_EINVAL;
    std::uint64_t nodes = TRY(nodes_in(app_nodemask, maxnode));
    Policy pol{mode, flags, nodes};
    if (mode == kDefault) {
        if (nodes) return LX_EINVAL;
        pol = Policy{};
    } else if (mode == kPreferred && !nodes) {
        if (flags & (kStaticNodes | kRelativeNodes)) return LX_EINVAL;
        pol.mode = kLocal;  // preferred with no node: local allocation
    } else if (mode == kLocal) {
        if (nodes || (flags & (kStaticNodes | kRelativeNodes))) return LX_EINVAL;
    } else {
        if (!nodes) return LX_EINVAL;
        // Relative nodes fold onto the allowed ones (node 0); otherwise
        // node 0 must be among them.
        if (!(flags & kRelativeNodes) && !(nodes & kNode0)) return LX_EINVAL;
    }
    LockGuard g(g_lock);
    g_policy = pol;
    return success();
}

}  // namespace ukp::sys
