// The layout of /proc.
#include "core/fs/procfs/procfs.hpp"

#include "core/fs/procfs/fd_dir.hpp"
#include "core/fs/procfs/node.hpp"
#include "core/fs/procfs/texts.hpp"
#include <fmt/format.h>

#include <iterator>

#include "core/kernel/kernel.hpp"
#include "core/sys/sys.hpp"
#include "core/vfs/path.hpp"
#include "host/host.hpp"

namespace ukp::procfs {
namespace {

vfs::String pid_name() {
    vfs::String out(mem::resource());
    fmt::format_to(std::back_inserter(out), "{}", sys::getpid());
    return out;
}

Result<vfs::String> self_target() { return pid_name(); }
Result<vfs::String> mounts_target() { return vfs::String("self/mounts", mem::resource()); }
Result<vfs::String> cwd_target() { return vfs::absolute_path(current().root(), current().cwd()); }
Result<vfs::String> root_target() { return vfs::absolute_path(current().root(), current().root()); }
// The program file is the host's (its loader mapped it): the host's path,
// which the default host directories usually show at the same place.
Result<vfs::String> exe_target() {
    char buf[LX_PATH_MAX];
    std::ptrdiff_t n = host::self_exe(buf, sizeof buf);
    if (n < 0) return static_cast<Errno>(-n);
    return vfs::String(buf, static_cast<std::size_t>(n), mem::resource());
}

Ref<Node> text(Sb& sb, Generator gen, bool per_process = false) {
    return make_ref<TextNode>(sb, sb.next_ino(), 0444, per_process, gen);
}

Ref<Dir> dir(Sb& sb) { return make_ref<Dir>(sb, sb.next_ino(), 0555, false); }

// /proc/sys: the sysctl values programs read. Read-only here.
Ref<Dir> sys_dir(Sb& sb) {
    auto random = dir(sb);
    random->add("boot_id", text(sb, boot_id_text));
    random->add("uuid", text(sb, uuid_text));
    auto kernel = dir(sb);
    kernel->add("dmesg_restrict", text(sb, dmesg_restrict_text));
    kernel->add("hostname", text(sb, hostname_text));
    kernel->add("osrelease", text(sb, osrelease_text));
    kernel->add("ostype", text(sb, ostype_text));
    kernel->add("pid_max", text(sb, pid_max_text));
    kernel->add("random", random);
    auto core = dir(sb);
    core->add("somaxconn", text(sb, somaxconn_text));
    auto net = dir(sb);
    net->add("core", core);
    auto vm = dir(sb);
    vm->add("overcommit_memory", text(sb, overcommit_memory_text));
    auto fs = dir(sb);
    fs->add("file-max", text(sb, file_max_text));
    fs->add("nr_open", text(sb, nr_open_text));
    auto sys = dir(sb);
    sys->add("fs", fs);
    sys->add("kernel", kernel);
    sys->add("net", net);
    sys->add("vm", vm);
    return sys;
}

}  // namespace

Ref<vfs::Superblock> make() {
    new_boot_id();
    auto sb = make_ref<Sb>();
    auto root = make_ref<Dir>(*sb, sb->next_ino(), 0555, false);

    // One process per kernel for now: /proc/<pid> is its directory, with the
    // host's pid (getpid), and "self" links to it.
    auto self = make_ref<Dir>(*sb, sb->next_ino(), 0555, true);
    self->add("fd", make_ref<FdDir>(*sb, sb->next_ino(), false));
    self->add("fdinfo", make_ref<FdDir>(*sb, sb->next_ino(), true));
    self->add("mounts", text(*sb, mounts_text, true));
    self->add("maps", text(*sb, maps_text, true));
    self->add("stat", text(*sb, stat_text, true));
    self->add("statm", text(*sb, statm_text, true));
    self->add("cmdline", text(*sb, cmdline_text, true));
    self->add("environ", text(*sb, environ_text, true));
    self->add("status", text(*sb, status_text, true));
    self->add("limits", text(*sb, limits_text, true));
    self->add("cwd", make_ref<LinkNode>(*sb, sb->next_ino(), true, cwd_target));
    self->add("root", make_ref<LinkNode>(*sb, sb->next_ino(), true, root_target));
    self->add("exe", make_ref<LinkNode>(*sb, sb->next_ino(), true, exe_target));

    auto ukp_dir = make_ref<Dir>(*sb, sb->next_ino(), 0555, false);
    ukp_dir->add("log", text(*sb, log_text));
    ukp_dir->add("stats", text(*sb, stats_text));

    root->add(pid_name(), self);
    root->add("self", make_ref<LinkNode>(*sb, sb->next_ino(), false, self_target));
    root->add("mounts", make_ref<LinkNode>(*sb, sb->next_ino(), false, mounts_target));
    root->add("meminfo", text(*sb, meminfo_text));
    root->add("cpuinfo", text(*sb, cpuinfo_text));
    root->add("uptime", text(*sb, uptime_text));
    root->add("loadavg", text(*sb, loadavg_text));
    root->add("stat", text(*sb, machine_stat_text));
    root->add("vmstat", text(*sb, vmstat_text));
    root->add("version", text(*sb, version_text));
    root->add("filesystems", text(*sb, filesystems_text));
    root->add("sys", sys_dir(*sb));
    root->add("ukp", ukp_dir);
    sb->set_root(root);
    return sb;
}

}  // namespace ukp::procfs
