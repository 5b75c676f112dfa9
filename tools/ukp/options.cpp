#include "options.hpp"

#include <dirent.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <string_view>

namespace ukp::tool {

#define UKP_RUN_FLAGS \
    "  -v, --volume HOST:GUEST[:ro]  show host directory HOST at GUEST (read-only with :ro)\n" \
    "  -p, --publish [HOSTIP:]HOSTPORT:GUESTPORT[/udp]\n" \
    "                                forward a host port into the user network\n" \
    "                                (HOSTIP defaults to 127.0.0.1)\n" \
    "      --net KIND                a network: loopback, user (the default),\n" \
    "                                tap:NAME:ADDR/PREFIX[:GATEWAY], host; repeatable\n" \
    "  -e, --env KEY=VALUE           set an environment variable (KEY alone: copy the host's)\n" \
    "  -w, --workdir DIR             the program's working directory (created if missing)\n" \
    "  -u, --user UID[:GID]          the ids the program runs as inside\n" \
    "      --no-host-dirs            do not show the host's /usr, /lib*, /bin, /sbin, /etc\n" \
    "      --trace[=FILE]            one line per kernel call, to stderr or FILE\n" \
    "      --capture=off|trap|strict how raw system calls are caught (default trap)\n" \
    "      --log LEVEL               kernel log level: error, warn, info, debug\n" \
    "  -h, --help                    this text\n"

const char kRunFlags[] = UKP_RUN_FLAGS;

const char kRunUsage[] =
    "usage: ukp run [OPTIONS] [--] PROGRAM [ARGS...]\n"
    "\n"
    "Runs an unmodified, dynamically linked PROGRAM with libukp preloaded: its\n"
    "system calls are served by a kernel inside the process.\n"
    "\n"
    UKP_RUN_FLAGS
    "      --root DIR                a host directory's tree, read-only, instead of the\n"
    "                                host's own system directories\n"
    "\n"
    "The program sees a clean environment (PATH, HOME, TERM and the -e variables),\n"
    "a root file system in memory with the host's system directories read-only,\n"
    "and nothing else of the host unless mounted with -v. fork and exec are not\n"
    "supported inside.\n";

namespace {

bool exists_dir(const char* path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

// Takes a flag's value from "--flag=value", "-fvalue" or the next argument.
bool take_value(std::string_view arg, std::string_view name, int argc, char** argv, int& i,
                std::string& value, std::string& error) {
    if (arg == name) {
        if (i + 1 >= argc) {
            error = std::string(name) + " needs a value";
            return true;
        }
        value = argv[++i];
        return true;
    }
    if (arg.size() > name.size() && arg.starts_with(name)) {
        std::string_view rest = arg.substr(name.size());
        if (name.starts_with("--")) {
            if (rest[0] != '=') return false;
            rest.remove_prefix(1);
        }
        value = rest;
        return true;
    }
    return false;
}

}  // namespace

std::string parse_run_options(int argc, char** argv, int first, RunOptions& o, Command cmd) {
    std::string error;
    int i = first;
    for (; i < argc; ++i) {
        std::string_view a = argv[i];
        if (a == "--") {
            o.args_given = true;
            ++i;
            break;
        }
        if (a.empty() || a[0] != '-') {
            o.args_given = true;
            break;
        }
        std::string v;
        auto flag = [&](std::string_view short_name, std::string_view long_name) {
            return (!short_name.empty() && take_value(a, short_name, argc, argv, i, v, error)) ||
                   take_value(a, long_name, argc, argv, i, v, error);
        };
        if (a == "-h" || a == "--help") return "help";
        if (cmd == Command::packed && a == "--manifest") return "manifest";
        if (a == "--no-host-dirs") {
            o.host_dirs = false;
        } else if (a == "--trace") {
            o.trace.assign(1, '-');  // stderr
        } else if (flag("-v", "--volume")) {
            o.volumes.push_back(v);
        } else if (flag("-p", "--publish")) {
            o.publish.push_back(v);
        } else if (flag("", "--net") || flag("", "--network")) {
            o.nets.push_back(v);
        } else if (flag("-e", "--env")) {
            o.env.push_back(v);
        } else if (flag("-w", "--workdir")) {
            o.workdir = v;
        } else if (flag("-u", "--user")) {
            o.user = v;
        } else if (flag("", "--trace")) {
            o.trace = v;
        } else if (flag("", "--capture")) {
            if (v != "off" && v != "trap" && v != "strict") return "--capture takes off, trap or strict";
            o.capture = v;
        } else if (flag("", "--log")) {
            o.log = v;
        } else if (cmd != Command::packed && flag("", "--root")) {
            o.root = v;
        } else if (cmd == Command::pack && flag("-o", "--output")) {
            o.output = v;
        } else {
            return "unknown flag " + std::string(a);
        }
        if (!error.empty()) return error;
    }
    if (i >= argc && cmd != Command::packed) return "no program given";
    for (; i < argc; ++i) o.argv.emplace_back(argv[i]);
    return check_run_options(o);
}

std::string check_run_options(const RunOptions& o) {
    for (const std::string& v : o.volumes)
        if (v.empty() || v[0] != '/') return "-v " + v + ": HOST must be an absolute path";
    // The kernel takes each of these as one comma list.
    for (const auto* list : {&o.volumes, &o.publish, &o.nets})
        for (const std::string& v : *list)
            if (v.find(',') != std::string::npos) return v + ": commas are not allowed here";
    if (!o.workdir.empty() && o.workdir[0] != '/') return "-w " + o.workdir + ": must be an absolute path";
    return {};
}

std::vector<std::string> root_volumes(const std::string& root, std::string& error) {
    std::vector<std::string> out;
    DIR* d = opendir(root.c_str());
    if (!d) {
        error = "--root " + root + ": not a directory";
        return out;
    }
    while (dirent* e = readdir(d)) {
        std::string name = e->d_name;
        // The kernel's own trees, and what a root directory holds only while it runs.
        if (name == "." || name == ".." || name == "dev" || name == "proc" || name == "sys" ||
            name == "tmp" || name == "run")
            continue;
        std::string host = root + "/" + name;
        struct stat st;
        if (lstat(host.c_str(), &st) != 0) continue;
        if (S_ISLNK(st.st_mode)) {
            // bin -> usr/bin: resolve inside DIR, never on the host's root.
            char target[PATH_MAX];
            ssize_t n = readlink(host.c_str(), target, sizeof target - 1);
            if (n <= 0) continue;
            target[n] = '\0';
            host = root + (target[0] == '/' ? "" : "/") + target;
            if (!exists_dir(host.c_str()) || host.find("..") != std::string::npos) continue;
        } else if (!S_ISDIR(st.st_mode)) {
            continue;  // top-level files: rare, and a volume is a directory
        }
        out.push_back(host + ":/" + name + ":ro");
    }
    closedir(d);
    return out;
}

std::vector<std::string> resolve_env(const std::vector<std::string>& entries) {
    std::vector<std::string> out;
    for (const std::string& e : entries) {
        if (e.find('=') != std::string::npos) out.push_back(e);
        else if (const char* v = std::getenv(e.c_str())) out.push_back(e + "=" + v);
    }
    return out;
}

std::vector<std::string> default_host_dirs() {
    std::vector<std::string> out;
    for (const char* d : {"/usr", "/lib", "/lib32", "/lib64", "/libx32", "/bin", "/sbin", "/etc"})
        if (exists_dir(d)) out.emplace_back(d);
    return out;
}

std::vector<std::string> kernel_environment(const RunOptions& o, std::string& error) {
    auto join = [](const std::vector<std::string>& items) {
        std::string s;
        for (const std::string& it : items) s += (s.empty() ? "" : ",") + it;
        return s;
    };
    std::vector<std::string> env;
    std::vector<std::string> volumes;
    if (!o.root.empty()) {
        volumes = root_volumes(o.root, error);
        if (!error.empty()) return {};
    } else if (o.host_dirs) {
        for (const std::string& d : default_host_dirs()) volumes.push_back(d + ":" + d + ":ro");
    }
    volumes.insert(volumes.end(), o.volumes.begin(), o.volumes.end());
    if (!volumes.empty()) env.push_back("UKP_VOLUME=" + join(volumes));
    env.push_back("UKP_NET=" + (o.nets.empty() ? std::string("user") : join(o.nets)));
    if (!o.publish.empty()) env.push_back("UKP_PUBLISH=" + join(o.publish));
    if (!o.workdir.empty()) env.push_back("UKP_WORKDIR=" + o.workdir);
    if (!o.user.empty()) {
        auto colon = o.user.find(':');
        env.push_back("UKP_UID=" + o.user.substr(0, colon));
        if (colon != std::string::npos) env.push_back("UKP_GID=" + o.user.substr(colon + 1));
    }
    if (!o.trace.empty()) env.push_back("UKP_TRACE=" + o.trace);
    if (!o.capture.empty()) env.push_back("UKP_CAPTURE=" + o.capture);
    if (!o.log.empty()) env.push_back("UKP_LOG=" + o.log);
    return env;
}

}  // namespace ukp::tool
