// syslog(2): the kernel log (core/base/log.hpp) read as Linux's printk
// buffer. Each log line is one record, shown as "<level>line" (facility 0,
// the kernel's); there are no timestamps. Positions are the log's byte
// positions at line starts, so a record is never split across reads except
// by READ with a buffer smaller than the record, as Linux.
#include <string_view>

#include "core/base/lock.hpp"
#include "core/base/log.hpp"
#include "core/base/uaccess.hpp"
#include "core/kernel/kernel.hpp"
#include "core/mem/arena.hpp"
#include "core/sys/sys.hpp"
#include "core/vfs/types.hpp"

namespace ukp::sys {
namespace {

// SYSLOG_ACTION_* (include/linux/syslog.h).
enum : int {
    kClose = 0,
    kOpen = 1,
    kRead = 2,
    kReadAll = 3,
    kReadClear = 4,
    kClear = 5,
    kConsoleOff = 6,
    kConsoleOn = 7,
    kConsoleLevel = 8,
    kSizeUnread = 9,
    kSizeBuffer = 10,
};

struct State {
    Mutex lock;
    std::uint64_t read_pos = 0;      // READ's next record
    std::size_t read_partial = 0;    // bytes of that record READ already gave
    std::uint64_t clear_pos = 0;     // READ_ALL starts here (CLEAR moves it)
    int console_level = 7;           // CONSOLE_LOGLEVEL_DEFAULT
    int saved_console_level = -1;    // while the console is off
};
State g_state;

// "ukp[12] warn: ..." -> the printk level of "warn".
int level_of(std::string_view line) {
    std::size_t at = line.find("] ");
    std::string_view rest = at == std::string_view::npos ? line : line.substr(at + 2);
    if (rest.starts_with("debug:")) return 7;
    if (rest.starts_with("warn:")) return 4;
    if (rest.starts_with("error:")) return 3;
    return 6;  // info
}

// The complete records from raw position `from` to the log's end, formatted.
// starts[i] is the raw position of record i, ends[i] its end in `text`.
struct Records {
    vfs::String text{mem::resource()};
    std::pmr::vector<std::uint64_t> starts{mem::resource()};  // raw position of each record
    std::pmr::vector<std::size_t> ends{mem::resource()};      // end of each record in text
    std::uint64_t end = 0;                                    // raw position after the last
};

Records collect(std::uint64_t from) {
    Records r;
    vfs::String raw(mem::resource());
    raw.resize(log::capacity());
    std::uint64_t pos = from;
    raw.resize(log::read_from(&pos, raw.data(), raw.size()));
    r.end = pos;
    std::uint64_t base = pos - raw.size();  // raw position of raw[0]
    std::size_t at = 0;
    // Older than what the log keeps: the first line may be cut; skip to a start.
    if (base != from && base != 0) {
        std::size_t nl = raw.find('\n');
        at = nl == vfs::String::npos ? raw.size() : nl + 1;
    }
    while (at < raw.size()) {
        std::size_t nl = raw.find('\n', at);
        if (nl == vfs::String::npos) break;  // lines are written whole; never here
        std::string_view line(raw.data() + at, nl + 1 - at);
        r.starts.push_back(base + at);
        r.text += '<';
        r.text += static_cast<char>('0' + level_of(line));
        r.text += '>';
        r.text += line;
        r.ends.push_back(r.text.size());
        at = nl + 1;
    }
    return r;
}

std::size_t record_begin(const Records& r, std::size_t i) { return i == 0 ? 0 : r.ends[i - 1]; }

Result<int> read_records(char* app_buf, int len) {
    LockGuard g(g_state.lock);
    Records r = collect(g_state.read_pos);
    std::size_t room = static_cast<std::size_t>(len);
    std::size_t from = 0, to = 0;  // the text given: [from, to)
    std::size_t whole = 0;         // records given whole
    std::size_t partial = 0;
    bool first_is_read_one = !r.starts.empty() && r.starts[0] == g_state.read_pos;
    if (!r.starts.empty()) {
        from = first_is_read_one ? g_state.read_partial : 0;
        to = from;
        for (std::size_t i = 0; i < r.ends.size(); ++i) {
            if (r.ends[i] - to <= room) {
                room -= r.ends[i] - to;
                to = r.ends[i];
                ++whole;
                continue;
            }
            if (to == from) {  // not even one record fits: a piece of it
                to += room;
                partial = to - record_begin(r, i);
            }
            break;
        }
    }
    TRY(copy_to_app(app_buf, r.text.data() + from, to - from));
    g_state.read_pos = whole < r.starts.size() ? r.starts[whole] : r.end;
    g_state.read_partial = partial;
    return static_cast<int>(to - from);
}

// READ_ALL: the newest records that fit, whole.
Result<int> read_all(char* app_buf, int len, bool clear) {
    LockGuard g(g_state.lock);
    Records r = collect(g_state.clear_pos);
    std::size_t first = 0;
    while (first < r.ends.size() && r.text.size() - record_begin(r, first) > static_cast<std::size_t>(len)) ++first;
    std::size_t begin = record_begin(r, first);
    TRY(copy_to_app(app_buf, r.text.data() + begin, r.text.size() - begin));
    if (clear) g_state.clear_pos = r.end;
    return static_cast<int>(r.text.size() - begin);
}

int unread_size() {
    LockGuard g(g_state.lock);
    Records r = collect(g_state.read_pos);
    std::size_t skip = !r.starts.empty() && r.starts[0] == g_state.read_pos ? g_state.read_partial : 0;
    return static_cast<int>(r.text.size() - skip);
}

}  // namespace

Result<int> syslog(int type, char* app_buf, int len) {
    // dmesg_restrict is 0: anyone may read all and ask the size; the rest
    // needs CAP_SYSLOG, which only root has here. Checked before the type.
    if (type != kReadAll && type != kSizeBuffer && current().cred().uid != 0) return LX_EPERM;
    switch (type) {
        case kClose:
        case kOpen: return 0;
        case kRead:
            if (!app_buf || len < 0) return LX_EINVAL;
            if (len == 0) return 0;
            TRY(check_app_range(app_buf, static_cast<std::size_t>(len)));
            return read_records(app_buf, len);
        case kReadAll:
        case kReadClear:
            if (!app_buf || len < 0) return LX_EINVAL;
            if (len == 0) return 0;
            TRY(check_app_range(app_buf, static_cast<std::size_t>(len)));
            return read_all(app_buf, len, type == kReadClear);
        case kClear: {
            LockGuard g(g_state.lock);
            g_state.clear_pos = log::end();
            return 0;
        }
        // The console level is kept for CONSOLE_ON to restore; what reaches
        // the host's stderr is UKP_LOG's choice.
        case kConsoleOff: {
            LockGuard g(g_state.lock);
            if (g_state.saved_console_level < 0) g_state.saved_console_level = g_state.console_level;
            g_state.console_level = 1;  // minimum_console_loglevel
            return 0;
        }
        case kConsoleOn: {
            LockGuard g(g_state.lock);
            if (g_state.saved_console_level >= 0) {
                g_state.console_level = g_state.saved_console_level;
                g_state.saved_console_level = -1;
            }
            return 0;
        }
        case kConsoleLevel: {
            if (len < 1 || len > 8) return LX_EINVAL;
            LockGuard g(g_state.lock);
            g_state.console_level = len;
            g_state.saved_console_level = -1;
            return 0;
        }
        case kSizeUnread: return unread_size();
        // Room for everything READ_ALL can give: the retained log plus the
        // "<n>" of each line (lines are at least 15 bytes).
        case kSizeBuffer: return static_cast<int>(log::capacity() + log::capacity() / 4);
        default: return LX_EINVAL;
    }
}

}  // namespace ukp::sys
