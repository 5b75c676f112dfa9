// RecordSet: Linux's merge and split rules for one file's POSIX and OFD
// locks, and its order of owners for "the first conflicting lock".
#include <doctest/doctest.h>

#include <string>

#include "core/vfs/lock.hpp"

using namespace ukp;
using vfs::kLockEnd;
using vfs::LockKind;
using vfs::RecordLock;
using vfs::RecordSet;

namespace {

int owner_a, owner_b, owner_c;

void set(RecordSet& s, const void* owner, LockKind k, std::int64_t start, std::int64_t end) {
    RecordLock r;
    r.owner = owner;
    r.start = start;
    r.end = end;
    r.pid = owner == &owner_a ? 1 : owner == &owner_b ? 2 : 3;
    s.apply(r, k);
}

// "a:R0-9 b:W10-E": owner, kind, range (E for the end of everything).
std::string show(const RecordSet& s) {
    std::string out;
    for (const RecordLock& l : s.locks()) {
        if (!out.empty()) out += ' ';
        out += l.owner == &owner_a ? "a:" : l.owner == &owner_b ? "b:" : "c:";
        out += l.write ? 'W' : 'R';
        out += std::to_string(l.start) + '-' + (l.end == kLockEnd ? std::string("E") : std::to_string(l.end));
    }
    return out;
}

}  // namespace

TEST_CASE("record locks: same-kind locks merge when they overlap or touch") {
    RecordSet s;
    set(s, &owner_a, LockKind::read, 10, 19);
    set(s, &owner_a, LockKind::read, 0, 9);
    CHECK(show(s) == "a:R0-19");
    set(s, &owner_a, LockKind::read, 21, 30);  // a gap of one byte stays
    CHECK(show(s) == "a:R0-19 a:R21-30");
    set(s, &owner_a, LockKind::read, 20, 20);
    CHECK(show(s) == "a:R0-30");
    set(s, &owner_a, LockKind::read, 5, 8);  // inside: nothing changes
    CHECK(show(s) == "a:R0-30");
    set(s, &owner_a, LockKind::read, 25, kLockEnd);
    CHECK(show(s) == "a:R0-E");
}

TEST_CASE("record locks: another kind splits, trims and replaces") {
    RecordSet s;
    set(s, &owner_a, LockKind::read, 0, 99);
    set(s, &owner_a, LockKind::write, 40, 59);
    CHECK(show(s) == "a:R0-39 a:W40-59 a:R60-99");
    set(s, &owner_a, LockKind::write, 90, 120);  // trims the tail
    CHECK(show(s) == "a:R0-39 a:W40-59 a:R60-89 a:W90-120");
    set(s, &owner_a, LockKind::write, 0, 5);  // trims the head
    CHECK(show(s) == "a:W0-5 a:R6-39 a:W40-59 a:R60-89 a:W90-120");
    set(s, &owner_a, LockKind::write, 60, 89);  // fills the gap: one write lock
    CHECK(show(s) == "a:W0-5 a:R6-39 a:W40-120");
    set(s, &owner_a, LockKind::read, 0, 200);  // swallows everything
    CHECK(show(s) == "a:R0-200");
}

TEST_CASE("record locks: unlocks cut holes and never merge") {
    RecordSet s;
    set(s, &owner_a, LockKind::write, 0, kLockEnd);
    set(s, &owner_a, LockKind::unlock, 10, 19);
    CHECK(show(s) == "a:W0-9 a:W20-E");
    set(s, &owner_a, LockKind::unlock, 0, 0);
    CHECK(show(s) == "a:W1-9 a:W20-E");
    set(s, &owner_a, LockKind::unlock, 100, kLockEnd);
    CHECK(show(s) == "a:W1-9 a:W20-99");
    set(s, &owner_a, LockKind::unlock, 500, 600);  // nothing there
    CHECK(show(s) == "a:W1-9 a:W20-99");
    set(s, &owner_a, LockKind::unlock, 0, kLockEnd);
    CHECK(show(s).empty());
}

TEST_CASE("record locks: the last byte of the offset space") {
    RecordSet s;
    set(s, &owner_a, LockKind::read, kLockEnd, kLockEnd);
    set(s, &owner_a, LockKind::read, kLockEnd - 1, kLockEnd - 1);
    CHECK(show(s) == "a:R9223372036854775806-E");
    set(s, &owner_a, LockKind::write, kLockEnd, kLockEnd);
    CHECK(show(s) == "a:R9223372036854775806-9223372036854775806 a:W9223372036854775807-E");
}

TEST_CASE("record locks: owners are kept apart, in the order they first locked") {
    RecordSet s;
    set(s, &owner_b, LockKind::read, 50, 59);
    set(s, &owner_a, LockKind::read, 0, 9);
    set(s, &owner_b, LockKind::read, 0, 9);  // shared: no merge across owners
    set(s, &owner_a, LockKind::read, 10, 10);
    CHECK(show(s) == "b:R0-9 b:R50-59 a:R0-10");
    // The first conflict is in list order, not the lowest offset.
    const RecordLock* c = s.test(&owner_c, LockKind::write, 0, kLockEnd);
    REQUIRE(c);
    CHECK(c->owner == &owner_b);
    CHECK(c->start == 0);
    // Own locks never conflict; read locks share.
    CHECK(s.test(&owner_a, LockKind::write, 10, 10) == nullptr);
    CHECK(s.test(&owner_c, LockKind::read, 0, kLockEnd) == nullptr);
    c = s.test(&owner_a, LockKind::write, 5, 60);
    REQUIRE(c);
    CHECK(c->owner == &owner_b);
    CHECK(c->start == 0);
    // Unlock asks for the owner's own overlapping locks (F_OFD_GETLK F_UNLCK).
    c = s.test(&owner_b, LockKind::unlock, 20, 55);
    REQUIRE(c);
    CHECK(c->start == 50);
    CHECK(s.test(&owner_c, LockKind::unlock, 0, kLockEnd) == nullptr);
    // An owner that drops everything and locks again goes to the end.
    CHECK(s.remove_owner(&owner_b));
    CHECK_FALSE(s.remove_owner(&owner_b));
    set(s, &owner_b, LockKind::write, 100, 100);
    CHECK(show(s) == "a:R0-10 b:W100-100");
}
