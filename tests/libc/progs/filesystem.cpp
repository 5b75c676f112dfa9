// std::filesystem over the kernel: it uses opendir/readdir/fdopendir,
// stat/lstat, mkdir, realpath, remove, rename, symlink and friends.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>
#include <vector>

namespace fs = std::filesystem;

static int failures = 0;
static void check(const char* what, bool ok) {
    std::printf("%s: %s\n", what, ok ? "ok" : "FAIL");
    if (!ok) ++failures;
}

static std::vector<std::string> listing(const fs::path& dir, bool recursive) {
    std::vector<std::string> out;
    std::error_code ec;
    if (recursive) {
        for (auto& e : fs::recursive_directory_iterator(dir, ec))
            out.push_back(fs::relative(e.path(), dir).string() + (e.is_directory() ? "/" : ""));
    } else {
        for (auto& e : fs::directory_iterator(dir, ec)) out.push_back(e.path().filename().string());
    }
    if (ec) out.push_back("error: " + ec.message());
    std::sort(out.begin(), out.end());
    return out;
}

static void print(const char* label, const std::vector<std::string>& v) {
    std::printf("%s:", label);
    for (auto& s : v) std::printf(" %s", s.c_str());
    std::printf("\n");
}

int main() {
    std::error_code ec;
    check("create_directories", fs::create_directories("w/a/b/c", ec) && !ec);
    check("create_directories again is false", !fs::create_directories("w/a/b/c", ec) && !ec);
    check("create_directory", fs::create_directory("w/d") && fs::is_directory("w/d"));
    std::ofstream("w/a/file.txt") << "hello filesystem";
    std::ofstream("w/a/b/other.dat") << std::string(5000, 'x');
    check("exists", fs::exists("w/a/file.txt") && !fs::exists("w/nope"));
    check("file_size", fs::file_size("w/a/file.txt") == 16 && fs::file_size("w/a/b/other.dat") == 5000);
    check("is_regular_file", fs::is_regular_file("w/a/file.txt") && !fs::is_regular_file("w/a"));
    fs::create_symlink("file.txt", "w/a/link");
    fs::create_directory_symlink("b", "w/a/dirlink");
    check("is_symlink", fs::is_symlink("w/a/link") && fs::read_symlink("w/a/link") == "file.txt");
    check("symlink_status", fs::symlink_status("w/a/dirlink").type() == fs::file_type::symlink &&
                                fs::status("w/a/dirlink").type() == fs::file_type::directory);
    print("directory_iterator w/a", listing("w/a", false));
    print("recursive_directory_iterator w", listing("w", true));

    fs::path canon = fs::canonical("w/a/dirlink/../link");
    check("canonical through symlinks", canon == fs::current_path() / "w/a/file.txt");
    check("weakly_canonical", fs::weakly_canonical("w/a/./missing/x") == fs::current_path() / "w/a/missing/x");
    (void)fs::canonical("w/missing", ec);
    check("canonical missing fails", ec == std::errc::no_such_file_or_directory);
    check("absolute", fs::absolute("w") == fs::current_path() / "w");

    fs::rename("w/a/file.txt", "w/d/moved.txt");
    check("rename", fs::exists("w/d/moved.txt") && !fs::exists("w/a/file.txt"));
    check("copy_file", fs::copy_file("w/d/moved.txt", "w/d/copy.txt", ec) && !ec &&
                           fs::file_size("w/d/copy.txt") == 16);
    fs::resize_file("w/d/copy.txt", 4);
    check("resize_file", fs::file_size("w/d/copy.txt") == 4);
    fs::permissions("w/d/copy.txt", fs::perms::owner_read);
    check("permissions", (fs::status("w/d/copy.txt").permissions() & fs::perms::all) == fs::perms::owner_read);
    auto t = fs::last_write_time("w/d/moved.txt");
    fs::last_write_time("w/d/moved.txt", t - std::chrono::hours(1));
    check("last_write_time", fs::last_write_time("w/d/moved.txt") == t - std::chrono::hours(1));
    check("remove file", fs::remove("w/d/copy.txt") && !fs::exists("w/d/copy.txt"));
    check("remove missing is false", !fs::remove("w/d/copy.txt"));
    check("remove non-empty dir fails", !fs::remove("w/a", ec) && ec);

    std::uintmax_t n = fs::remove_all("w");
    std::printf("remove_all removed %ju\n", n);
    check("remove_all", !fs::exists("w"));
    check("remove_all missing is 0", fs::remove_all("w") == 0);
    check("temp_directory_path", fs::is_directory(fs::temp_directory_path()));
    std::printf("failures: %d\n", failures);
    return failures ? 1 : 0;
}
