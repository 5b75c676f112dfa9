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

}  // namespace ukp::procfs
