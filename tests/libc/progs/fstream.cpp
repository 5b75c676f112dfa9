// std::fstream over fopen + fileno(): libstdc++'s basic_file opens with
// fopen and then reads, writes and seeks the fd itself.
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

static int failures = 0;
static void check(const char* what, bool ok) {
    std::printf("%s: %s\n", what, ok ? "ok" : "FAIL");
    if (!ok) ++failures;
}

static std::string read_all(const char* path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

int main() {
    {
        std::ofstream out("f.txt");
        check("ofstream open", out.is_open());
        out << "line one\n" << 12345 << '\n';
        for (int i = 0; i < 2000; ++i) out << "row " << i << '\n';
        check("ofstream good", out.good());
    }
    std::string all = read_all("f.txt");
    check("ifstream reads what was written", all.rfind("line one\n12345\nrow 0\n", 0) == 0 &&
                                                all.size() > 15000 && all.ends_with("row 1999\n"));
    {
        std::ifstream in("f.txt");
        std::string first;
        int n = 0;
        std::getline(in, first);
        in >> n;
        check("getline and >>", first == "line one" && n == 12345);
        in.seekg(5);
        std::string w;
        in >> w;
        check("seekg/tellg", w == "one" && in.tellg() == 8);
        in.seekg(0, std::ios::end);
        check("seekg end", static_cast<size_t>(in.tellg()) == all.size());
    }
    {
        std::ofstream app("f.txt", std::ios::app);
        app << "tail\n";
    }
    check("ios::app appends", read_all("f.txt").ends_with("row 1999\ntail\n"));
    {
        std::fstream io("g.bin", std::ios::in | std::ios::out | std::ios::trunc | std::ios::binary);
        check("fstream in|out|trunc", io.is_open());
        io.write("0123456789", 10);
        io.seekp(3);
        io.write("xy", 2);
        io.seekg(0);
        char buf[11] = {};
        io.read(buf, 10);
        check("fstream write/seek/read", std::string(buf) == "012xy56789");
    }
    {
        std::ifstream missing("no/such/file");
        check("ifstream missing fails", !missing.is_open());
        std::ofstream bad("no/such/file");
        check("ofstream into missing dir fails", !bad.is_open());
    }
    {
        // C stdio and iostream see the same file.
        FILE* f = std::fopen("f.txt", "r");
        char line[32] = {};
        check("fopen after ofstream", f && std::fgets(line, sizeof line, f) && std::string(line) == "line one\n");
        if (f) std::fclose(f);
    }
    unlink("f.txt");
    unlink("g.bin");
    std::printf("failures: %d\n", failures);
    return failures ? 1 : 0;
}
