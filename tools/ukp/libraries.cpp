#include "libraries.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string_view>

#include "file_io.hpp"

namespace ukp::tool {
namespace {

// glibc's libraries are built with its loader and must match the host's:
// never bundled. Sanitizer runtimes must load first, from the host.
bool stays_on_host(std::string_view soname) {
    for (std::string_view p : {"libc.so", "libm.so", "libmvec.so", "libpthread.so", "libdl.so", "librt.so",
                               "libresolv.so", "libutil.so", "libanl.so", "libnss_", "libBrokenLocale.so",
                               "libthread_db.so", "libc_malloc_debug.so", "ld-linux", "linux-vdso", "libasan.so",
                               "libtsan.so", "libubsan.so", "liblsan.so", "libukp.so"})
        if (soname.starts_with(p)) return true;
    return false;
}

// Runs argv, returning its standard output; false if it could not run or
// did not exit 0.
bool capture_output(const std::vector<std::string>& argv, std::string& out) {
    int pipefd[2];
    if (pipe2(pipefd, O_CLOEXEC) != 0) return false;
    pid_t pid = fork();
    if (pid < 0) {
        close(pipefd[0]);
        close(pipefd[1]);
        return false;
    }
    if (pid == 0) {
        dup2(pipefd[1], 1);
        std::vector<char*> args;
        for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        execv(args[0], args.data());
        _exit(127);
    }
    close(pipefd[1]);
    char buf[4096];
    for (;;) {
        ssize_t n = read(pipefd[0], buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        out.append(buf, static_cast<std::size_t>(n));
    }
    close(pipefd[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace

std::string needed_libraries(const std::string& interpreter, const std::vector<std::string>& objects,
                             std::vector<Library>& out) {
    for (const std::string& object : objects) {
        std::string listing;
        if (!capture_output({interpreter, "--list", object}, listing))
            return interpreter + " --list " + object + " failed (a library missing on this host?)";
        // "\tlibfmt.so.9 => /lib/x86_64-linux-gnu/libfmt.so.9 (0x...)"
        std::string_view rest = listing;
        while (!rest.empty()) {
            std::string_view line = rest.substr(0, rest.find('\n'));
            rest.remove_prefix(std::min(rest.size(), line.size() + 1));
            auto arrow = line.find(" => ");
            if (arrow == std::string_view::npos) continue;  // the vdso, the loader itself
            std::string_view soname = line.substr(0, arrow);
            soname.remove_prefix(std::min(soname.size(), soname.find_first_not_of(" \t")));
            std::string_view path = line.substr(arrow + 4);
            path = path.substr(0, path.rfind(" ("));
            if (path == "not found") return object + ": needs " + std::string(soname) + ", not found on this host";
            if (soname.empty() || stays_on_host(soname)) continue;
            bool seen = false;
            for (const Library& l : out) seen = seen || l.soname == soname;
            if (!seen) out.push_back({std::string(soname), std::string(path), {}});
        }
    }
    return {};
}

std::string write_libraries(int fd, const std::vector<Library>& libs, std::uint64_t* size) {
    *size = 0;
    for (const Library& l : libs) {
        int in = open(l.path.c_str(), O_RDONLY | O_CLOEXEC);
        if (in < 0) return l.path + ": " + std::strerror(errno);
        off_t len = lseek(in, 0, SEEK_END);
        unsigned char head[16];
        put_u64(head, l.soname.size());
        put_u64(head + 8, static_cast<std::uint64_t>(len));
        bool ok = len >= 0 && write_all(fd, head, sizeof head) && write_all(fd, l.soname.data(), l.soname.size()) &&
                  copy_range(in, 0, static_cast<std::uint64_t>(len), fd);
        close(in);
        if (!ok) return l.path + ": cannot copy it into the packed file";
        *size += sizeof head + l.soname.size() + static_cast<std::uint64_t>(len);
    }
    return {};
}

std::string read_libraries(int fd, const Extent& part, std::vector<Library>& out) {
    for (std::uint64_t at = 0; at < part.size;) {
        unsigned char head[16];
        if (part.size - at < sizeof head || !read_exact(fd, head, sizeof head, part.offset + at))
            return "a library record is cut short";
        const std::uint64_t name_len = get_u64(head), len = get_u64(head + 8);
        at += sizeof head;
        if (name_len == 0 || name_len > 255 || name_len > part.size - at) return "a bad library name";
        std::string name(name_len, '\0');
        if (!read_exact(fd, name.data(), name.size(), part.offset + at)) return "a library record is cut short";
        if (name.find_first_of(std::string_view("/\0", 2)) != std::string::npos) return "a bad library name";
        at += name_len;
        if (len > part.size - at) return "library " + name + " lies outside its part";
        out.push_back({std::move(name), {}, {part.offset + at, len}});
        at += len;
    }
    return {};
}

}  // namespace ukp::tool
