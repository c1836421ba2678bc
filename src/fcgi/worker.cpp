#include "fcgi/worker.h"

#include <fcgiapp.h>
#include <fcntl.h>
#include <signal.h>

#include <cstdlib>
#include <cstring>
#include <string>

#include "fcgi/connections.h"
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
    out.cookie = param(in, "HTTP_COOKIE");

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
    connections.run(serve, g_stop, waiting_mask);
}

}  // namespace fcgi
