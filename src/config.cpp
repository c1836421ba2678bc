#include "config.h"

#include <cstdlib>
#include <stdexcept>
#include <string_view>

namespace config {
namespace {

long long parse_positive(std::string_view name, const std::string& text) {
    std::size_t used = 0;
    long long value = 0;
    try {
        value = std::stoll(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != text.size() || value <= 0) {
        throw std::invalid_argument(std::string(name) + " must be a positive integer, not '" + text + "'");
    }
    return value;
}

std::string env(const char* name) {
    const char* value = std::getenv(name);
    return value == nullptr ? std::string() : std::string(value);
}

}  // namespace

Config load(int argc, char** argv) {
    Config c;
    c.database = env("SCIM_DB");
    c.socket_path = env("SCIM_SOCKET");
    if (!env("SCIM_WORKERS").empty()) c.workers = static_cast<int>(parse_positive("SCIM_WORKERS", env("SCIM_WORKERS")));
    if (!env("SCIM_MAX_BODY_BYTES").empty()) {
        c.max_body_bytes = parse_positive("SCIM_MAX_BODY_BYTES", env("SCIM_MAX_BODY_BYTES"));
    }
    if (!env("SCIM_STATEMENT_TIMEOUT_MS").empty()) {
        c.statement_timeout_ms = parse_positive("SCIM_STATEMENT_TIMEOUT_MS", env("SCIM_STATEMENT_TIMEOUT_MS"));
    }
    if (!env("SCIM_REQUEST_TIMEOUT_MS").empty()) {
        c.request_timeout_ms = parse_positive("SCIM_REQUEST_TIMEOUT_MS", env("SCIM_REQUEST_TIMEOUT_MS"));
    }
    if (!env("SCIM_LISTEN_BACKLOG").empty()) {
        c.listen_backlog = static_cast<int>(parse_positive("SCIM_LISTEN_BACKLOG", env("SCIM_LISTEN_BACKLOG")));
    }
    if (!env("SCIM_MAX_RESULTS").empty()) {
        c.max_results = static_cast<int>(parse_positive("SCIM_MAX_RESULTS", env("SCIM_MAX_RESULTS")));
    }
    if (!env("SCIM_CURSOR_TIMEOUT_SECONDS").empty()) {
        c.cursor_timeout_seconds = parse_positive("SCIM_CURSOR_TIMEOUT_SECONDS", env("SCIM_CURSOR_TIMEOUT_SECONDS"));
    }
    if (!env("SCIM_BULK_MAX_OPERATIONS").empty()) {
        c.bulk_max_operations =
            static_cast<int>(parse_positive("SCIM_BULK_MAX_OPERATIONS", env("SCIM_BULK_MAX_OPERATIONS")));
    }
    if (!env("SCIM_BULK_MAX_PAYLOAD_BYTES").empty()) {
        c.bulk_max_payload_bytes = parse_positive("SCIM_BULK_MAX_PAYLOAD_BYTES", env("SCIM_BULK_MAX_PAYLOAD_BYTES"));
    }
    if (!env("SCIM_ACCESS_TOKEN_SECONDS").empty()) {
        c.access_token_seconds = parse_positive("SCIM_ACCESS_TOKEN_SECONDS", env("SCIM_ACCESS_TOKEN_SECONDS"));
        if (c.access_token_seconds < 3600 || c.access_token_seconds > 21600) {
            throw std::invalid_argument("SCIM_ACCESS_TOKEN_SECONDS must be between 3600 and 21600");
        }
    }
    for (int i = 1; i < argc; ++i) {
        std::string_view flag = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) throw std::invalid_argument(std::string(flag) + " needs a value");
            return argv[++i];
        };
        if (flag == "--socket") c.socket_path = value();
        else if (flag == "--workers") c.workers = static_cast<int>(parse_positive("--workers", value()));
        else if (flag == "--max-body-bytes") c.max_body_bytes = parse_positive("--max-body-bytes", value());
        else if (flag == "--database") c.database = value();
        else throw std::invalid_argument("unknown option " + std::string(flag));
    }
    if (c.database.empty()) throw std::invalid_argument("SCIM_DB (the PostgreSQL connection string) is not set");
    return c;
}

}  // namespace config
