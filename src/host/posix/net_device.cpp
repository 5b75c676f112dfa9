#include "net_device.hpp"

namespace ukp::host {

void net_send(NetDevice* d, const void* frame, std::size_t len) { d->send(frame, len); }

void net_close(NetDevice* d) { d->close(); }

}  // namespace ukp::host
