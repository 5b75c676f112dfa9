#include "net_device.hpp"

#include <signal.h>

namespace ukp::host {

void net_send(NetDevice* d, const void* frame, std::size_t len) { d->send(frame, len); }

void net_close(NetDevice* d) { d->close(); }

int start_device_thread(pthread_t* thread, void* (*fn)(void*), void* arg) {
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    int rc = pthread_create(thread, nullptr, fn, arg);
    pthread_sigmask(SIG_SETMASK, &old, nullptr);
    return -rc;
}

}  // namespace ukp::host
