// `ukp run`: starts an unmodified program with libukp preloaded and the
// kernel configured from docker-style flags. The launcher itself runs on the
// host; it only builds the environment and execs the program.
#include "run.hpp"

#include <limits.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "options.hpp"

namespace ukp::tool {
namespace {

constexpr const char* kDefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

bool is_file(const std::string& p) { return access(p.c_str(), F_OK) == 0; }

std::string self_dir() {
    char buf[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0) return {};
    std::string s(buf, static_cast<std::size_t>(n));
    return s.substr(0, s.rfind('/'));
}

}  // namespace

std::string find_libukp() {
    if (const char* env = std::getenv("UKP_LIBRARY"); env && *env) return env;
    std::string dir = self_dir();
    // The build tree (build/tools/ukp -> build/src), then an installed prefix.
    for (const char* rel : {"/../src/libukp.so", "/../lib/x86_64-linux-gnu/libukp.so",
                            "/../lib64/libukp.so", "/../lib/libukp.so"}) {
        std::string p = dir + rel;
        if (is_file(p)) {
            char real[PATH_MAX];
            return realpath(p.c_str(), real) ? std::string(real) : p;
        }
    }
    return {};
}

std::string find_program(const std::string& name, const std::string& path) {
    if (name.find('/') != std::string::npos) return name;
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t end = path.find(':', start);
        if (end == std::string::npos) end = path.size();
        std::string cand = path.substr(start, end - start) + "/" + name;
        if (access(cand.c_str(), X_OK) == 0) return cand;
        start = end + 1;
    }
    return {};
}

std::vector<std::string> program_environment(const RunOptions& o, const std::vector<std::string>& settings) {
    // A clean environment, as a container gets: the program's view of the
    // host is what the flags say, not what the launching shell had.
    std::vector<std::string> env = {std::string("PATH=") + kDefaultPath,
                                    o.user.empty() && getuid() == 0 ? "HOME=/root" : "HOME=/"};
    if (const char* term = std::getenv("TERM")) env.push_back(std::string("TERM=") + term);
    for (std::string& e : resolve_env(o.env)) env.push_back(std::move(e));
    env.insert(env.end(), settings.begin(), settings.end());
    // Later entries win for the same key (the -e ones over the defaults).
    std::vector<std::string> dedup;
    for (auto it = env.rbegin(); it != env.rend(); ++it) {
        std::string key = it->substr(0, it->find('='));
        bool seen = false;
        for (const std::string& d : dedup) seen = seen || d.compare(0, key.size() + 1, key + "=") == 0;
        if (!seen) dedup.insert(dedup.begin(), *it);
    }
    return dedup;
}

std::string environment_path(const std::vector<std::string>& env) {
    std::string path = kDefaultPath;
    for (const std::string& d : env)
        if (d.starts_with("PATH=")) path = d.substr(5);
    return path;
}

int run_main(int argc, char** argv) {
    RunOptions o;
    std::string err = parse_run_options(argc, argv, 2, o);
    if (err == "help") {
        std::fputs(kRunUsage, stdout);
        return 0;
    }
    if (!err.empty()) {
        std::fprintf(stderr, "ukp run: %s (see ukp run --help)\n", err.c_str());
        return 2;
    }
    std::string lib = find_libukp();
    if (lib.empty()) {
        std::fprintf(stderr, "ukp run: cannot find libukp.so (set UKP_LIBRARY)\n");
        return 2;
    }
    std::vector<std::string> kernel = kernel_environment(o, err);
    if (!err.empty()) {
        std::fprintf(stderr, "ukp run: %s\n", err.c_str());
        return 2;
    }
    kernel.push_back("LD_PRELOAD=" + lib);
    std::vector<std::string> env = program_environment(o, kernel);
    std::string path = environment_path(env);
    std::string program = find_program(o.argv[0], path);
    if (program.empty()) {
        std::fprintf(stderr, "ukp run: %s: not found in %s\n", o.argv[0].c_str(), path.c_str());
        return 127;
    }
    std::vector<char*> cargv, cenv;
    for (std::string& a : o.argv) cargv.push_back(a.data());
    cargv.push_back(nullptr);
    for (std::string& e : env) cenv.push_back(e.data());
    cenv.push_back(nullptr);
    execve(program.c_str(), cargv.data(), cenv.data());
    std::fprintf(stderr, "ukp run: %s: %s\n", program.c_str(), std::strerror(errno));
    return 126;
}

}  // namespace ukp::tool
