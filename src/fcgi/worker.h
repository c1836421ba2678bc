// A FastCGI worker: the accept loop on the shared listening socket. The only place that
// sees libfcgi; each request is copied into an owned http::Request before anything else runs.
#pragma once

#include <functional>

#include "http/request.h"
#include "http/response.h"

namespace fcgi {

using Handler = std::function<http::Response(const http::Request&)>;

// Serves requests on listen_fd until SIGTERM; a request in flight is finished first.
// Bodies over max_body_bytes are refused with 413 without being read.
// REQUIRES: called in a single-threaded process.
// on_connection runs for every connection accepted (a metric).
void run_worker(int listen_fd, long long max_body_bytes, const Handler& handler,
                const std::function<void()>& on_connection = {});

}  // namespace fcgi
