// files: C++ streams and std::filesystem on the in-process kernel. Every
// path below is resolved by ukp's kernel, never by the host; relative paths
// start at the kernel's working directory, "/", not at the host's.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

int main() {
    const fs::path root = "projects/demo";
    fs::create_directories(root / "src");
    fs::create_directories(root / "docs");
    std::cout << "/projects/demo/src is a directory: " << std::boolalpha
              << fs::is_directory("/projects/demo/src") << "\n";

    {
        std::ofstream out(root / "src" / "main.txt");
        out << "line one\nline two\n";
    }
    {
        std::ofstream out(root / "docs" / "readme.txt", std::ios::app);
        out << "ukp keeps this file in memory\n";
    }
    std::cout << "main.txt is " << fs::file_size(root / "src" / "main.txt") << " bytes\n";

    std::ifstream in(root / "src" / "main.txt");
    std::string line;
    int n = 0;
    while (std::getline(in, line)) std::cout << "  line " << ++n << ": " << line << "\n";

    fs::rename(root / "docs" / "readme.txt", root / "README.txt");

    std::vector<std::string> entries;
    for (const auto& e : fs::recursive_directory_iterator(root))
        entries.push_back(e.path().string() + (e.is_directory() ? "/" : ""));
    std::sort(entries.begin(), entries.end());
    std::cout << "tree of " << root.string() << ":\n";
    for (const auto& e : entries) std::cout << "  " << e << "\n";

    std::ifstream readme(root / "README.txt");
    std::getline(readme, line);
    std::cout << "README.txt: " << line << "\n";

    auto removed = fs::remove_all("projects");
    std::cout << "removed " << removed << " entries; /projects exists: "
              << fs::exists("/projects") << "\n";
    return 0;
}
