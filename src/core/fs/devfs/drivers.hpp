// Inside devfs: each driver family registers itself.
#pragma once

namespace ukp::devfs {

void register_mem_drivers();      // mem_devices.cpp: null, zero, full, random, urandom
void register_console_drivers();  // console.cpp: tty, console

}  // namespace ukp::devfs
