// The server's settings, read and validated once at start from the command line and
// the environment (SCIM_DB, SCIM_SOCKET, SCIM_WORKERS, SCIM_MAX_BODY_BYTES, SCIM_MAX_RESULTS).
#pragma once

#include <string>

namespace config {

struct Config {
    std::string database;     // libpq connection string (SCIM_DB)
    std::string socket_path;  // FastCGI unix socket; ignored under systemd socket activation
    int workers = 0;          // 0: one per CPU
    long long max_body_bytes = 10 * 1024 * 1024;
    int max_results = 1000;
};

// Command-line flags override the environment. Throws std::invalid_argument with a
// message fit for the operator on a bad value.
Config load(int argc, char** argv);

}  // namespace config
