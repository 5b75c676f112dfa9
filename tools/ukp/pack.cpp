// `ukp pack`: everything is checked first, then OUT is written to a
// temporary file beside it and renamed into place, so OUT is either the old
// file or a complete new one.
#include "pack.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "elf.hpp"
#include "file_io.hpp"
#include "image_writer.hpp"
#include "libraries.hpp"
#include "manifest.hpp"
#include "options.hpp"
#include "packed.hpp"
#include "run.hpp"

namespace ukp::tool {
namespace {

const char kPackUsage[] =
    "usage: ukp pack [OPTIONS] -o OUT [--] APP [ARGS...]\n"
    "\n"
    "Makes OUT, one executable that runs APP (found like `ukp run` finds it) on\n"
    "ukp's in-process kernel with these options, needing nothing but glibc:\n"
    "libukp, APP, the shared libraries they need beyond glibc and the --root\n"
    "tree are inside it. Flags given to OUT when it runs override the packed\n"
    "ones (OUT --help).\n"
    "\n"
    "  -o, --output OUT              the file to write (required)\n"
    "      --root DIR                embed DIR's tree as the read-only root (writes go\n"
    "                                to memory); without it, OUT shows the host's\n"
    "                                system directories as `ukp run` does\n"
    "The options of `ukp run`, recorded in OUT (-v stays a host mount when OUT runs;\n"
    "-e KEY takes its value now):\n";

std::string errno_text(const std::string& what) { return what + ": " + std::strerror(errno); }

// Appends `limit` bytes of `path` (all of it when limit is 0) to `out`;
// the bytes copied go to *copied. Empty, or a one-line error.
std::string append_file(int out, const std::string& path, std::uint64_t limit, std::uint64_t* copied) {
    int in = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (in < 0) return errno_text(path);
    struct stat st;
    std::string err;
    if (fstat(in, &st) != 0) err = errno_text(path);
    *copied = limit ? limit : static_cast<std::uint64_t>(st.st_size);
    if (err.empty() && !copy_range(in, 0, *copied, out)) err = errno_text(path);
    close(in);
    return err;
}

// The launcher's own bytes: this executable, less what was packed into it
// when it is itself a packed app.
std::uint64_t launcher_size(const std::string& self) {
    int fd = open(self.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    Trailer t;
    std::string err;
    struct stat st;
    std::uint64_t size = fstat(fd, &st) == 0 ? static_cast<std::uint64_t>(st.st_size) : 0;
    if (read_trailer(fd, t, err) == TrailerCheck::ok)
        for (const Extent* e : t.parts()) size = std::min(size, e->offset);
    close(fd);
    return size;
}

bool is_elf(const std::string& path) {
    char magic[4] = {};
    int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    bool ok = fd >= 0 && read(fd, magic, 4) == 4 && std::memcmp(magic, "\x7f" "ELF", 4) == 0;
    if (fd >= 0) close(fd);
    return ok;
}

struct Parts {
    std::string root, lib, app, manifest;
    std::vector<Library> libs;
};

// Writes the packed file to `fd`; empty, or a one-line error.
std::string write_packed(int fd, const Parts& p) {
    Trailer t;
    std::uint64_t at = 0, n = 0;
    const std::string self = "/proc/self/exe";
    std::uint64_t launcher = launcher_size(self);
    if (launcher == 0) return errno_text("cannot read the launcher (/proc/self/exe)");
    if (std::string err = append_file(fd, self, launcher, &n); !err.empty()) return err;
    at = n;
    // The image's file data is page-aligned within it: page-aligned here too.
    std::vector<char> zeros((kPackAlign - at % kPackAlign) % kPackAlign, '\0');
    if (!write_all(fd, zeros.data(), zeros.size())) return errno_text("write");
    at += zeros.size();
    t.image.offset = at;
    if (!p.root.empty()) {
        ImageOptions opts;
        opts.root_owned = true;
        ImageResult img = write_image(p.root, fd, opts);
        if (!img.ok) return "--root: " + img.error;
        t.image.size = img.size;
        at += img.size;
    }
    t.lib = {at, 0};
    if (!p.lib.empty()) {
        if (std::string err = append_file(fd, p.lib, 0, &n); !err.empty()) return err;
        t.lib.size = n;
        at += n;
    }
    if (std::string err = write_libraries(fd, p.libs, &n); !err.empty()) return err;
    t.libs = {at, n};
    at += n;
    if (std::string err = append_file(fd, p.app, 0, &n); !err.empty()) return err;
    t.app = {at, n};
    at += n;
    t.manifest = {at, p.manifest.size()};
    unsigned char raw[kTrailerSize];
    encode_trailer(t, raw);
    if (!write_all(fd, p.manifest.data(), p.manifest.size()) || !write_all(fd, raw, sizeof raw))
        return errno_text("write");
    if (fchmod(fd, 0755) != 0) return errno_text("chmod");
    if (fsync(fd) != 0) return errno_text("fsync");  // on disk before the rename makes it OUT
    return {};
}

}  // namespace

int pack_main(int argc, char** argv) {
    auto fail = [](const std::string& msg) {
        std::fprintf(stderr, "ukp pack: %s\n", msg.c_str());
        return 2;
    };
    RunOptions o;
    std::string err = parse_run_options(argc, argv, 2, o, Command::pack);
    if (err == "help") {
        std::fputs(kPackUsage, stdout);
        std::fputs(kRunFlags, stdout);
        return 0;
    }
    if (!err.empty()) return fail(err + " (see ukp pack --help)");
    if (o.output.empty()) return fail("-o OUT is required (see ukp pack --help)");
    struct stat st;
    if (!o.root.empty() && (stat(o.root.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)))
        return fail("--root " + o.root + ": not a directory");
    o.env = resolve_env(o.env);  // -e KEY: the packing shell's value, fixed now
    RunOptions check = o;
    check.root.clear();
    kernel_environment(check, err);
    if (!err.empty()) return fail(err);

    Parts parts;
    parts.root = o.root;
    std::string path = environment_path(program_environment(o, {}));
    parts.app = find_program(o.argv[0], path);
    if (parts.app.empty()) return fail(o.argv[0] + ": not found in " + path);
    if (stat(parts.app.c_str(), &st) != 0) return fail(errno_text(parts.app));
    if (!S_ISREG(st.st_mode) || !is_elf(parts.app))
        return fail(parts.app + ": not an ELF executable (scripts: pack their interpreter)");
    // A program linked with the kernel (ukp_static_dep) exports libukp's
    // names itself; any other gets libukp.so packed beside it and preloaded.
    if (!elf_exports(parts.app, "ukp_version")) {
        parts.lib = find_libukp();
        if (parts.lib.empty()) return fail("cannot find libukp.so (set UKP_LIBRARY)");
    }
    const std::string interpreter = elf_interpreter(parts.app);
    if (interpreter.empty()) return fail(parts.app + ": statically linked (ukp runs dynamically linked programs)");
    std::vector<std::string> objects = {parts.app};
    if (!parts.lib.empty()) objects.push_back(parts.lib);
    if (err = needed_libraries(interpreter, objects, parts.libs); !err.empty()) return fail(err);
    parts.manifest = encode_manifest(o, PackedParts{!o.root.empty(), parts.lib.empty()});

    std::string tmp = o.output + ".ukp-pack-XXXXXX";
    int fd = mkstemp(tmp.data());
    if (fd < 0) return fail(errno_text(o.output));
    err = write_packed(fd, parts);
    if (close(fd) != 0 && err.empty()) err = errno_text("write " + o.output);
    if (err.empty() && rename(tmp.c_str(), o.output.c_str()) != 0) err = errno_text(o.output);
    if (!err.empty()) {
        unlink(tmp.c_str());
        return fail(err);
    }
    return 0;
}

}  // namespace ukp::tool
