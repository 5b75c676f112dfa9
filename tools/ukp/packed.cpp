#include "packed.hpp"

#include <fcntl.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "elf.hpp"
#include "file_io.hpp"
#include "libraries.hpp"
#include "options.hpp"
#include "run.hpp"

namespace ukp::tool {
namespace {

std::string base_name(const char* path) {
    const char* slash = std::strrchr(path, '/');
    return slash ? slash + 1 : path;
}

// A sealed memfd holding bytes [e.offset, +e.size) of `self`; -1 and errno.
int memfd_copy(int self, const Extent& e, const char* name, bool cloexec) {
    int fd = memfd_create(name, MFD_ALLOW_SEALING | (cloexec ? MFD_CLOEXEC : 0));
    if (fd < 0) return -1;
    if (!copy_range(self, e.offset, e.size, fd)) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    // Nothing in the process can change the code it runs from here on.
    fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL);
    return fd;
}

// Run-time flags over the manifest's: same guest path, guest port or key
// replaces, lists (--net) and single values replace wholesale.
std::string volume_guest(const std::string& v) {
    auto c1 = v.find(':');
    std::string g = c1 == std::string::npos ? std::string() : v.substr(c1 + 1, v.find(':', c1 + 1) - c1 - 1);
    while (g.size() > 1 && g.back() == '/') g.pop_back();
    return g;
}

std::string publish_guest(const std::string& p) {
    std::string g = p.substr(p.rfind(':') + 1);
    return g.find('/') == std::string::npos ? g + "/tcp" : g;
}

std::string env_key(const std::string& e) { return e.substr(0, e.find('=')); }

void override_list(std::vector<std::string>& base, const std::vector<std::string>& over,
                   std::string (*key)(const std::string&)) {
    for (const std::string& o : over) {
        bool replaced = false;
        for (std::string& b : base)
            if (key(b) == key(o)) {
                b = o;
                replaced = true;
            }
        if (!replaced) base.push_back(o);
    }
}

void merge(RunOptions& m, RunOptions& r) {
    override_list(m.volumes, r.volumes, volume_guest);
    override_list(m.publish, r.publish, publish_guest);
    // `-e KEY` copies the launcher's value now; unset, the manifest's stays.
    override_list(m.env, resolve_env(r.env), env_key);
    if (!r.nets.empty()) m.nets = r.nets;
    for (auto [to, from] : {std::pair{&m.workdir, &r.workdir}, {&m.user, &r.user}, {&m.capture, &r.capture},
                            {&m.trace, &r.trace}, {&m.log, &r.log}})
        if (!from->empty()) *to = *from;
    if (!r.host_dirs) m.host_dirs = false;
    if (r.args_given) {
        m.argv.resize(1);
        m.argv.insert(m.argv.end(), r.argv.begin(), r.argv.end());
    }
}

void usage(const std::string& self, const RunOptions& m) {
    std::printf(
        "usage: %s [OPTIONS] [-- ARGS...]\n"
        "\n"
        "A packed ukp app (made by `ukp pack`): runs %s on ukp's in-process kernel\n"
        "with the settings packed into it. ARGS replace its packed arguments; the\n"
        "options below override the packed ones (-v by guest path, -p by guest port,\n"
        "-e by key; --net, -w, --user, --capture, --trace, --log replace).\n"
        "\n%s"
        "      --manifest                print the packed settings and exit\n",
        self.c_str(), m.argv[0].c_str(), kRunFlags);
}

int run_packed(int argc, char** argv, int self, const Trailer& t) {
    const std::string me = base_name(argv[0]);
    auto fail = [&](const std::string& msg, int status = 2) {
        std::fprintf(stderr, "%s: %s\n", me.c_str(), msg.c_str());
        return status;
    };
    std::string bytes(t.manifest.size, '\0');
    if (!read_exact(self, bytes.data(), bytes.size(), t.manifest.offset))
        return fail(std::string("cannot read the packed manifest: ") + std::strerror(errno));
    RunOptions m, r;
    PackedParts parts;
    std::string err;
    if (!decode_manifest(bytes, m, parts, err)) return fail("corrupt packed app: " + err);
    // The trailer and the manifest must tell the same story: never run an
    // app without its root tree, or without the kernel.
    if (parts.image != (t.image.size != 0)) return fail("corrupt packed app: the manifest and the image disagree");
    if (parts.kernel_in_app != (t.lib.size == 0))
        return fail("corrupt packed app: the manifest and the packed libukp disagree");
    const bool image = parts.image;
    err = parse_run_options(argc, argv, 1, r, Command::packed);
    if (err == "help") {
        usage(me, m);
        return 0;
    }
    if (err == "manifest") {
        std::fputs(describe_manifest(bytes).c_str(), stdout);
        return 0;
    }
    if (!err.empty()) return fail(err + " (see " + me + " --help)");
    merge(m, r);
    if (err = check_run_options(m); !err.empty()) return fail(err);
    // The image is the whole root: nothing of the host's but the -v mounts.
    if (image) m.host_dirs = false;
    std::vector<std::string> kernel = kernel_environment(m, err);
    if (!err.empty()) return fail(err);
    if (image) {
        // The kernel maps the image from this very file (kept open across exec).
        kernel.push_back("UKP_IMAGE=/proc/self/fd/" + std::to_string(self) + ":" +
                         std::to_string(t.image.offset) + ":" + std::to_string(t.image.size) + ":/");
    } else {
        fcntl(self, F_SETFD, FD_CLOEXEC);
    }
    // Preloaded from memory: libukp.so first (its libc names come before
    // libc's; an app linked with the kernel itself needs none), then the
    // bundled libraries, which stand in for the host's by their sonames.
    std::vector<Library> libs;
    if (!parts.kernel_in_app) libs.push_back({"libukp.so", {}, t.lib});
    if (err = read_libraries(self, t.libs, libs); !err.empty()) return fail("corrupt packed app: " + err);
    std::string preload;
    for (const Library& l : libs) {
        int fd = memfd_copy(self, l.bytes, l.soname.c_str(), false);
        if (fd < 0) return fail(std::string("cannot unpack into memory (memfd): ") + std::strerror(errno));
        std::string path = "/proc/self/fd/" + std::to_string(fd);
        // ld.so skips a preload it cannot open and would run the app on the
        // host: make sure it can.
        if (access(path.c_str(), R_OK) != 0) return fail("cannot reach " + path + ": is /proc mounted?");
        preload += (preload.empty() ? "" : " ") + path;
    }
    int app = memfd_copy(self, t.app, base_name(m.argv[0].c_str()).c_str(), true);
    if (app < 0) return fail(std::string("cannot unpack into memory (memfd): ") + std::strerror(errno));
    if (!preload.empty()) kernel.push_back("LD_PRELOAD=" + preload);
    std::vector<std::string> env = program_environment(m, kernel);
    std::vector<char*> cargv, cenv;
    for (std::string& a : m.argv) cargv.push_back(a.data());
    cargv.push_back(nullptr);
    for (std::string& e : env) cenv.push_back(e.data());
    cenv.push_back(nullptr);
    fexecve(app, cargv.data(), cenv.data());
    return fail("exec " + m.argv[0] + ": " + std::strerror(errno), 126);
}

}  // namespace

TrailerCheck read_trailer(int fd, Trailer& t, std::string& error) {
    struct stat st;
    unsigned char raw[kTrailerSize];
    if (fstat(fd, &st) != 0 || static_cast<std::uint64_t>(st.st_size) < kTrailerSize ||
        !read_exact(fd, raw, sizeof raw, static_cast<std::uint64_t>(st.st_size) - kTrailerSize))
        return TrailerCheck::absent;
    return decode_trailer(raw, static_cast<std::uint64_t>(st.st_size), t, error);
}

std::optional<int> run_if_packed(int argc, char** argv) {
    // Not O_CLOEXEC: with an image, the app's kernel reads it through this fd.
    int self = open("/proc/self/exe", O_RDONLY);
    if (self < 0) {
        // No /proc: the path this program was started by, so that a packed
        // app still says why it cannot run instead of acting as `ukp`.
        const auto* started_as = reinterpret_cast<const char*>(getauxval(AT_EXECFN));
        self = started_as ? open(started_as, O_RDONLY | O_CLOEXEC) : -1;
        if (self < 0) return std::nullopt;
    }
    Trailer t;
    std::string err;
    TrailerCheck check = read_trailer(self, t, err);
    if (check == TrailerCheck::ok) {
        const std::uint64_t launcher_end = elf_end(self);
        for (const Extent* e : t.parts())
            if (e->size && e->offset < launcher_end) {
                check = TrailerCheck::corrupt;
                err = "a packed part overlaps the launcher";
            }
    }
    if (check == TrailerCheck::ok) return run_packed(argc, argv, self, t);
    struct stat st;
    bool appended = fstat(self, &st) == 0 && static_cast<std::uint64_t>(st.st_size) > elf_end(self);
    close(self);
    if (check == TrailerCheck::absent && !appended) return std::nullopt;
    if (check == TrailerCheck::absent) err = "data after the launcher but no pack trailer (truncated?)";
    std::fprintf(stderr, "%s: corrupt packed app, not run: %s\n", base_name(argv[0]).c_str(), err.c_str());
    return 2;
}

}  // namespace ukp::tool
