#include "manifest.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <vector>

#include "file_io.hpp"

namespace ukp::tool {
namespace {

void record(std::string& out, std::string_view key, std::string_view value) {
    out.append(key);
    out += '=';
    out.append(value);
    out += '\0';
}

}  // namespace

void encode_trailer(const Trailer& t, unsigned char (&out)[kTrailerSize]) {
    std::memcpy(out, kPackMagic, 8);
    put_u64(out + 8, kPackVersion);
    unsigned char* p = out + 16;
    for (const Extent* e : t.parts()) {
        put_u64(p, e->offset);
        put_u64(p + 8, e->size);
        p += 16;
    }
}

TrailerCheck decode_trailer(const unsigned char (&in)[kTrailerSize], std::uint64_t file_size, Trailer& t,
                            std::string& error) {
    if (file_size < kTrailerSize || std::memcmp(in, kPackMagic, 8) != 0) return TrailerCheck::absent;
    auto corrupt = [&](std::string why) {
        error = std::move(why);
        return TrailerCheck::corrupt;
    };
    if (std::uint64_t v = get_u64(in + 8); v != kPackVersion)
        return corrupt("pack format version " + std::to_string(v) + ", this launcher reads " +
                       std::to_string(kPackVersion));
    const unsigned char* p = in + 16;
    const auto extents = t.parts();
    const auto& names = Trailer::kNames;
    const std::uint64_t end = file_size - kTrailerSize;
    for (Extent* e : extents) {
        e->offset = get_u64(p);
        e->size = get_u64(p + 8);
        p += 16;
    }
    for (std::size_t i = 0; i < extents.size(); ++i) {
        const Extent& e = *extents[i];
        if (e.offset > end || e.size > end - e.offset)
            return corrupt(std::string(names[i]) + " lies outside the file (truncated?)");
        // Optional: the image (no --root), libukp (the app carries the
        // kernel), the libraries (none beyond glibc's).
        if ((extents[i] == &t.app || extents[i] == &t.manifest) && e.size == 0)
            return corrupt(std::string("no ") + names[i]);
        for (std::size_t j = 0; j < i; ++j) {
            const Extent& f = *extents[j];
            if (e.size && f.size && e.offset < f.offset + f.size && f.offset < e.offset + e.size)
                return corrupt(std::string(names[i]) + " overlaps " + names[j]);
        }
    }
    // Its file data must be mappable straight from this file.
    if (t.image.size && t.image.offset % kPackAlign)
        return corrupt("image not page-aligned");
    if (t.manifest.size > kMaxManifest) return corrupt("manifest larger than 16 MiB");
    return TrailerCheck::ok;
}

std::string encode_manifest(const RunOptions& o, const PackedParts& parts) {
    std::string m;
    record(m, "program", o.argv.at(0));
    for (std::size_t i = 1; i < o.argv.size(); ++i) record(m, "arg", o.argv[i]);
    for (const std::string& v : o.volumes) record(m, "volume", v);
    for (const std::string& v : o.publish) record(m, "publish", v);
    for (const std::string& v : o.nets) record(m, "net", v);
    for (const std::string& v : o.env) record(m, "env", v);
    const std::pair<const char*, const std::string*> singles[] = {
        {"workdir", &o.workdir}, {"user", &o.user}, {"capture", &o.capture}, {"trace", &o.trace}, {"log", &o.log}};
    for (const auto& [key, value] : singles)
        if (!value->empty()) record(m, key, *value);
    if (!o.host_dirs) record(m, "no-host-dirs", "1");
    if (parts.image) record(m, "root", "1");
    if (parts.kernel_in_app) record(m, "kernel", "app");
    return m;
}

bool decode_manifest(std::string_view bytes, RunOptions& o, PackedParts& parts, std::string& error) {
    parts = {};
    bool have_program = false;
    if (bytes.empty() || bytes.back() != '\0') {
        error = "manifest: not NUL-terminated";
        return false;
    }
    while (!bytes.empty()) {
        std::string_view rec = bytes.substr(0, bytes.find('\0'));
        bytes.remove_prefix(rec.size() + 1);
        auto eq = rec.find('=');
        if (eq == std::string_view::npos) {
            error = "manifest: a record without '='";
            return false;
        }
        std::string_view key = rec.substr(0, eq);
        std::string value(rec.substr(eq + 1));
        if (key == "program") {
            if (have_program || value.empty()) {
                error = "manifest: program given twice or empty";
                return false;
            }
            have_program = true;
            o.argv.insert(o.argv.begin(), value);
        } else if (key == "arg") {
            o.argv.push_back(value);
        } else if (key == "volume") {
            o.volumes.push_back(value);
        } else if (key == "publish") {
            o.publish.push_back(value);
        } else if (key == "net") {
            o.nets.push_back(value);
        } else if (key == "env") {
            if (value.find('=') == std::string::npos) {
                error = "manifest: env " + value + " without a value";
                return false;
            }
            o.env.push_back(value);
        } else if (key == "workdir") {
            o.workdir = value;
        } else if (key == "user") {
            o.user = value;
        } else if (key == "capture") {
            o.capture = value;
        } else if (key == "trace") {
            o.trace = value;
        } else if (key == "log") {
            o.log = value;
        } else if (key == "no-host-dirs") {
            o.host_dirs = false;
        } else if (key == "root") {
            parts.image = true;
        } else if (key == "kernel" && value == "app") {
            parts.kernel_in_app = true;
        } else {
            error = "manifest: unknown key " + std::string(key);
            return false;
        }
    }
    if (!have_program) {
        error = "manifest: no program";
        return false;
    }
    return true;
}

std::string describe_manifest(std::string_view bytes) {
    std::string out;
    bool line_open = false;
    for (unsigned char c : bytes) {
        if (c == '\0') {
            out += '\n';
            line_open = false;
            continue;
        }
        line_open = true;
        if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c == '\\') {
            out += "\\\\";
        } else if (c < 0x20 || c == 0x7f) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "\\x%02x", c);
            out += hex;
        } else {
            out += static_cast<char>(c);
        }
    }
    if (line_open) out += '\n';
    return out;
}

}  // namespace ukp::tool
