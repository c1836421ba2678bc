#include "fcgi/connections.h"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <utility>

namespace fcgi {

Connections::Connections(int listen_fd, std::function<void()> on_connection)
    : listen_fd_(listen_fd), on_connection_(std::move(on_connection)), slots_(kMaxConnections) {
    for (auto& slot : slots_) FCGX_InitRequest(&slot.request, listen_fd, FCGI_FAIL_ACCEPT_ON_INTR);
}

Connections::~Connections() {
    for (auto& slot : slots_) drop(slot);
}

void Connections::run(const Serve& serve, const volatile sig_atomic_t& stop, const sigset_t& waiting_mask) {
    std::vector<pollfd> fds;
    std::vector<Slot*> polled;
    Clock::time_point stop_at{};
    for (;;) {
        bool stopping = stop != 0;
        auto now = Clock::now();
        if (stopping && stop_at == Clock::time_point{}) stop_at = now;
        if (stopping) {
            for (auto& slot : slots_) {
                if (open(slot) && (now - slot.idle_since > kDrainIdle || now - stop_at > kDrainLimit)) drop(slot);
            }
            if (open_count() == 0) return;
        }
        fds.clear();
        polled.clear();
        Slot* free_slot = nullptr;
        for (auto& slot : slots_) {
            if (open(slot)) {
                fds.push_back({slot.request.ipcFd, POLLIN, 0});
                polled.push_back(&slot);
            } else if (free_slot == nullptr) {
                free_slot = &slot;
            }
        }
        bool accepting = !stopping && free_slot != nullptr;
        if (accepting) fds.push_back({listen_fd_, POLLIN, 0});
        timespec tick{0, 100 * 1000 * 1000};
        int ready = ppoll(fds.data(), fds.size(), stopping ? &tick : nullptr, &waiting_mask);
        if (ready <= 0) continue;  // EINTR (a stop signal) or the drain tick
        for (std::size_t i = 0; i < polled.size(); ++i) {
            if (fds[i].revents != 0) serve_kept(*polled[i], serve);
        }
        if (accepting && (fds.back().revents & POLLIN)) serve_new(*free_slot, serve);
    }
}

std::size_t Connections::open_count() const {
    std::size_t n = 0;
    for (const auto& slot : slots_) n += open(slot) ? 1 : 0;
    return n;
}

// Closes without libfcgi's lingering close (which waits up to 2 s for the peer).
void Connections::drop(Slot& slot) {
    if (open(slot)) ::close(slot.request.ipcFd);
    slot.request.ipcFd = -1;
    FCGX_Free(&slot.request, 0);
}

void Connections::serve_kept(Slot& slot, const Serve& serve) {
    char byte;
    ssize_t peeked = recv(slot.request.ipcFd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    if (peeked < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return;
    if (peeked <= 0) {  // readable with nothing to read: nginx closed the connection
        drop(slot);
        return;
    }
    if (FCGX_Accept_r(&slot.request) >= 0) serve(slot.request);
    slot.idle_since = Clock::now();
}

void Connections::serve_new(Slot& slot, const Serve& serve) {
    int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) return;  // EAGAIN: another worker took it
    if (on_connection_) on_connection_();
    slot.request.ipcFd = fd;
    // FCGX_Accept_r first finishes the slot's previous request, closing its connection unless
    // that was kept: mark it kept so that the connection just accepted survives.
    slot.request.keepConnection = 1;
    if (FCGX_Accept_r(&slot.request) >= 0) serve(slot.request);
    slot.idle_since = Clock::now();
}

}  // namespace fcgi
