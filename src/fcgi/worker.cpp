#include "fcgi/worker.h"

#include <fcgiapp.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "scim/error.h"

namespace fcgi {
namespace {

volatile sig_atomic_t g_stop = 0;

void on_terminate(int) { g_stop = 1; }

std::string param(FCGX_Request& request, const char* name) {
    const char* value = FCGX_GetParam(name, request.envp);
    return value == nullptr ? std::string() : std::string(value);
}

void write_response(FCGX_Request& request, const http::Response& response) {
    std::string head = "Status: " + std::to_string(response.status) + " " + http::reason_phrase(response.status) + "\r\n";
    for (const auto& [name, value] : response.headers) head += name + ": " + value + "\r\n";
    head += "\r\n";
    FCGX_PutStr(head.data(), static_cast<int>(head.size()), request.out);
    if (!response.body.empty()) FCGX_PutStr(response.body.data(), static_cast<int>(response.body.size()), request.out);
}

// Copies what handlers may read out of libfcgi's buffers. Returns false (and fills
// `refusal`) when the declared body is too large to read.
bool read_request(FCGX_Request& in, long long max_body, http::Request& out, http::Response& refusal) {
    out.method = param(in, "REQUEST_METHOD");
    std::string uri = param(in, "REQUEST_URI");
    auto question = uri.find('?');
    out.path = uri.substr(0, question);
    out.query = param(in, "QUERY_STRING");
    out.content_type = param(in, "CONTENT_TYPE");
    out.authorization = param(in, "HTTP_AUTHORIZATION");
    std::string scheme = param(in, "REQUEST_SCHEME");
    out.scheme = !scheme.empty() ? scheme : (param(in, "HTTPS") == "on" ? "https" : "http");
    // Debian's fastcgi_params sends HTTP_HOST as $host, without the port: put back a
    // non-default port so that meta.location and Location address this server.
    out.host = param(in, "HTTP_HOST");
    std::string port = param(in, "SERVER_PORT");
    bool has_port = out.host.find(':') != std::string::npos && out.host.back() != ']';
    bool default_port = port.empty() || (out.scheme == "https" && port == "443") || (out.scheme == "http" && port == "80");
    if (!out.host.empty() && !has_port && !default_port) out.host += ":" + port;
    out.request_id = param(in, "REQUEST_ID");
    out.if_match = param(in, "HTTP_IF_MATCH");
    out.if_none_match = param(in, "HTTP_IF_NONE_MATCH");

    std::string length_text = param(in, "CONTENT_LENGTH");
    long long length = length_text.empty() ? 0 : std::strtoll(length_text.c_str(), nullptr, 10);
    if (length < 0 || length > max_body) {
        refusal = http::Response::json(
            413, scim::ScimError::payload_too_large("Request body exceeds " + std::to_string(max_body) + " bytes")
                     .to_json());
        return false;
    }
    out.body.resize(static_cast<std::size_t>(length));
    std::size_t got = 0;
    while (got < out.body.size()) {
        int n = FCGX_GetStr(out.body.data() + got, static_cast<int>(out.body.size() - got), in.in);
        if (n <= 0) break;
        got += static_cast<std::size_t>(n);
    }
    out.body.resize(got);
    return true;
}

// The connections one worker holds. nginx keeps FastCGI connections open between requests
// (fastcgi_keep_conn, upstream keepalive); a worker that blocked on one kept connection would
// leave new connections waiting in the backlog, so a worker polls all of its connections and
// the listening socket together and serves, one request at a time, whichever is ready.
//
// libfcgi offers no accessor for a request's connection: ipcFd (documented as internal, unchanged
// since libfcgi 2.4.0) is read to poll it, and set to a connection accepted here so that
// FCGX_Accept_r reads the request from it instead of accepting one itself.
class Connections {
public:
    Connections(int listen_fd, std::function<void()> on_connection)
        : listen_fd_(listen_fd), on_connection_(std::move(on_connection)), slots_(kMaxConnections) {
        for (auto& slot : slots_) FCGX_InitRequest(&slot.request, listen_fd, FCGI_FAIL_ACCEPT_ON_INTR);
    }
    ~Connections() {
        for (auto& slot : slots_) drop(slot);
    }
    Connections(const Connections&) = delete;
    Connections& operator=(const Connections&) = delete;

    // Serves until a stop signal, then drains: no more accepts, every request nginx sends on a
    // kept connection is still served, and each connection is left for nginx to close (its
    // upstream keepalive_timeout is shorter than kDrainIdle), so that no request nginx has
    // just sent meets a closed connection. What is still open after kDrainLimit is closed.
    template <typename Serve>
    void run(Serve& serve, const sigset_t& waiting_mask) {
        std::vector<pollfd> fds;
        std::vector<Slot*> polled;
        Clock::time_point stop_at{};
        for (;;) {
            bool stopping = g_stop != 0;
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
    std::size_t open_count() const {
        std::size_t n = 0;
        for (const auto& slot : slots_) n += open(slot) ? 1 : 0;
        return n;
    }

    // Closes without libfcgi's lingering close (which waits up to 2 s for the peer).
    static void drop(Slot& slot) {
        if (open(slot)) ::close(slot.request.ipcFd);
        slot.request.ipcFd = -1;
        FCGX_Free(&slot.request, 0);
    }

    template <typename Serve>
    void serve_kept(Slot& slot, Serve& serve) {
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

    template <typename Serve>
    void serve_new(Slot& slot, Serve& serve) {
        int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0) return;  // EAGAIN: another worker took it
        if (on_connection_) on_connection_();
        slot.request.ipcFd = fd;
        // FCGX_Accept_r first finishes the slot's previous request, closing its connection
        // unless that was kept: mark it kept so the connection just accepted survives.
        slot.request.keepConnection = 1;
        if (FCGX_Accept_r(&slot.request) >= 0) serve(slot.request);
        slot.idle_since = Clock::now();
    }

    int listen_fd_;
    std::function<void()> on_connection_;
    std::vector<Slot> slots_;
};

}  // namespace

void run_worker(int listen_fd, long long max_body_bytes, const Handler& handler,
                const std::function<void()>& on_connection) {
    struct sigaction action {};
    action.sa_handler = on_terminate;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);
    signal(SIGPIPE, SIG_IGN);

    // A stop signal must never interrupt a request (a read or write cut short by EINTR loses
    // it), yet must wake a worker waiting for one. So the signals stay blocked, and only the
    // wait (ppoll) lets them in. The listening socket is non-blocking: when another worker
    // takes a connection first, accept fails with EAGAIN instead of blocking.
    sigset_t stop_signals, waiting_mask;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    sigprocmask(SIG_BLOCK, &stop_signals, &waiting_mask);
    sigdelset(&waiting_mask, SIGTERM);
    sigdelset(&waiting_mask, SIGINT);
    int flags = fcntl(listen_fd, F_GETFL);
    if (flags >= 0) fcntl(listen_fd, F_SETFL, flags | O_NONBLOCK);

    FCGX_Init();
    Connections connections(listen_fd, on_connection);
    auto serve = [&](FCGX_Request& request) {
        http::Request owned;
        http::Response response;
        if (read_request(request, max_body_bytes, owned, response)) response = handler(owned);
        write_response(request, response);
        FCGX_Finish_r(&request);
    };
    connections.run(serve, waiting_mask);
}

}  // namespace fcgi
