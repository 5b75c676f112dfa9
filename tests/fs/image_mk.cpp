// mkimage ROOT OUT PREFIX: writes PREFIX bytes of junk, the image of the
// host directory ROOT, then a trailer into OUT (as `ukp pack` will put an
// image inside a binary) and prints "OFFSET SIZE". Exit 1 with the writer's
// message on failure.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "image_writer.hpp"

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: mkimage ROOT OUT PREFIX\n");
        return 2;
    }
    std::FILE* out = std::fopen(argv[2], "wb");
    if (!out) {
        std::perror(argv[2]);
        return 1;
    }
    const long prefix = std::atol(argv[3]);
    for (long i = 0; i < prefix; ++i) std::fputc(0x7f, out);
    ukp::tool::ImageResult r = ukp::tool::write_image(argv[1], out);
    if (!r.ok) {
        std::fprintf(stderr, "mkimage: %s\n", r.error.c_str());
        return 1;
    }
    std::fputs("TRAILER", out);
    if (std::fclose(out) != 0) {
        std::perror(argv[2]);
        return 1;
    }
    std::printf("%ld %llu\n", prefix, static_cast<unsigned long long>(r.size));
    return 0;
}
