// The server's settings, read and validated once at start from the command line and
// the environment (SCIM_DB, SCIM_SOCKET, SCIM_WORKERS, SCIM_MAX_BODY_BYTES, SCIM_MAX_RESULTS, and
// the limits below).
#pragma once

#include <string>

namespace config {

struct Config {
    std::string database;     // libpq connection string (SCIM_DB)
    std::string socket_path;  // FastCGI unix socket; ignored under systemd socket activation
    int workers = 0;          // 0: one per CPU
    long long max_body_bytes = 10 * 1024 * 1024;
    int max_results = 1000;
    // Every statement's limit (PostgreSQL statement_timeout and lock_timeout), and the
    // request's: no statement starts after it. Both well below nginx's fastcgi_read_timeout
    // (60 s), so the worker answers before nginx gives up: request + one statement < 60 s.
    long long statement_timeout_ms = 10000;  // SCIM_STATEMENT_TIMEOUT_MS
    long long request_timeout_ms = 30000;    // SCIM_REQUEST_TIMEOUT_MS
    // The FastCGI socket's listen queue when the server opens it itself (systemd's
    // scim-server.socket sets its own Backlog=): room for a burst of 2,000 requests and more.
    int listen_backlog = 4096;  // SCIM_LISTEN_BACKLOG
    long long cursor_timeout_seconds = 3600;         // SCIM_CURSOR_TIMEOUT_SECONDS (RFC 9865 cursorTimeout)
    int bulk_max_operations = 1000;                  // SCIM_BULK_MAX_OPERATIONS (RFC 7644 §3.7.4)
    long long bulk_max_payload_bytes = 1024 * 1024;  // SCIM_BULK_MAX_PAYLOAD_BYTES
    // OAuth 2.0 access tokens' lifetime: 60 minutes to 6 hours, as Entra ID's gallery asks.
    long long access_token_seconds = 3600;  // SCIM_ACCESS_TOKEN_SECONDS
};

// Command-line flags override the environment. Throws std::invalid_argument with a
// message fit for the operator on a bad value.
Config load(int argc, char** argv);

}  // namespace config
