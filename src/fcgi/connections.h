// The connections one worker holds. nginx keeps FastCGI connections open between requests
// (fastcgi_keep_conn, upstream keepalive); a worker that blocked on one kept connection would
// leave new connections waiting in the backlog, so a worker polls all of its connections and
// the listening socket together and serves, one request at a time, whichever is ready.
//
// libfcgi offers no accessor for a request's connection: ipcFd (documented as internal, unchanged
// since libfcgi 2.4.0) is read to poll it, and set to a connection accepted here so that
// FCGX_Accept_r reads the request from it instead of accepting one itself.
#pragma once

#include <fcgiapp.h>
#include <signal.h>

#include <chrono>
#include <cstddef>
#include <functional>
#include <vector>

namespace fcgi {

class Connections {
public:
    // Reads the accepted request, answers it and finishes it (FCGX_Finish_r).
    using Serve = std::function<void(FCGX_Request&)>;

    // on_connection runs for every connection accepted.
    Connections(int listen_fd, std::function<void()> on_connection);
    ~Connections();
    Connections(const Connections&) = delete;
    Connections& operator=(const Connections&) = delete;

    // Serves until `stop` is set (by a signal let in only while waiting, through waiting_mask),
    // then drains: no more accepts, every request nginx sends on a kept connection is still
    // served, and each connection is left for nginx to close (its upstream keepalive_timeout is
    // shorter than kDrainIdle), so that no request nginx has just sent meets a closed
    // connection. What is still open after kDrainLimit is closed.
    void run(const Serve& serve, const volatile sig_atomic_t& stop, const sigset_t& waiting_mask);

private:
    using Clock = std::chrono::steady_clock;
    static constexpr std::size_t kMaxConnections = 64;
    static constexpr auto kDrainIdle = std::chrono::seconds(3);
    static constexpr auto kDrainLimit = std::chrono::seconds(15);

    struct Slot {
        FCGX_Request request{};
        Clock::time_point idle_since{};
    };

    static bool open(const Slot& slot) { return slot.request.ipcFd >= 0; }
    std::size_t open_count() const;
    static void drop(Slot& slot);
    void serve_kept(Slot& slot, const Serve& serve);
    void serve_new(Slot& slot, const Serve& serve);

    int listen_fd_;
    std::function<void()> on_connection_;
    std::vector<Slot> slots_;
};

}  // namespace fcgi
