// Generators for the text files of /proc (see node.hpp, Generator).
#pragma once

#include "core/base/result.hpp"
#include "core/vfs/types.hpp"

namespace ukp::procfs {

Result<void> mounts_text(vfs::String& out);   // /proc/self/mounts
Result<void> meminfo_text(vfs::String& out);  // /proc/meminfo
Result<void> cpuinfo_text(vfs::String& out);  // /proc/cpuinfo
Result<void> maps_text(vfs::String& out);     // /proc/self/maps
Result<void> stat_text(vfs::String& out);     // /proc/self/stat: the host's
Result<void> cmdline_text(vfs::String& out);  // /proc/self/cmdline: the host's
Result<void> environ_text(vfs::String& out);  // /proc/self/environ: the host's
Result<void> statm_text(vfs::String& out);    // /proc/self/statm: the host's
Result<void> log_text(vfs::String& out);      // /proc/ukp/log: the kernel log ring
Result<void> stats_text(vfs::String& out);    // /proc/ukp/stats
Result<void> status_text(vfs::String& out);   // /proc/self/status: the host's, with the kernel's ids
Result<void> limits_text(vfs::String& out);   // /proc/self/limits: the host's, with the kernel's NOFILE
Result<void> uptime_text(vfs::String& out);   // /proc/uptime: the host's
Result<void> loadavg_text(vfs::String& out);  // /proc/loadavg: the host's
Result<void> machine_stat_text(vfs::String& out);  // /proc/stat: the host's
Result<void> vmstat_text(vfs::String& out);   // /proc/vmstat: the host's

// The kernel's own texts (kernel_texts.cpp).
Result<void> version_text(vfs::String& out);      // /proc/version
Result<void> filesystems_text(vfs::String& out);  // /proc/filesystems
// /proc/sys/...
Result<void> ostype_text(vfs::String& out);             // kernel/ostype
Result<void> osrelease_text(vfs::String& out);          // kernel/osrelease
Result<void> hostname_text(vfs::String& out);           // kernel/hostname
Result<void> pid_max_text(vfs::String& out);            // kernel/pid_max
Result<void> dmesg_restrict_text(vfs::String& out);     // kernel/dmesg_restrict
Result<void> uuid_text(vfs::String& out);               // kernel/random/uuid: fresh at each open
Result<void> boot_id_text(vfs::String& out);            // kernel/random/boot_id
Result<void> overcommit_memory_text(vfs::String& out);  // vm/overcommit_memory
Result<void> somaxconn_text(vfs::String& out);          // net/core/somaxconn
Result<void> file_max_text(vfs::String& out);           // fs/file-max
Result<void> nr_open_text(vfs::String& out);            // fs/nr_open
// Draws this boot's boot_id; called once per boot, when proc is made.
void new_boot_id();

}  // namespace ukp::procfs
