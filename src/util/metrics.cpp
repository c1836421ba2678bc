#include "util/metrics.h"

#include <sys/mman.h>

#include <cstdio>
#include <new>
#include <stdexcept>

namespace util {
namespace {

template <typename Table>
int index_of(const Table& table, std::string_view value, int fallback) {
    int i = 0;
    for (const auto& candidate : table) {
        if (candidate == value) return i;
        ++i;
    }
    return fallback;
}

}  // namespace

Metrics* Metrics::create_shared() {
    void* memory = mmap(nullptr, sizeof(Metrics), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (memory == MAP_FAILED) throw std::runtime_error("cannot map shared memory for metrics");
    // The mapping is zero-filled, which is the counters' initial state.
    return new (memory) Metrics();
}

void Metrics::record_request(std::string_view route, std::string_view method, int status, double seconds) {
    int r = index_of(kRoutes, route, kRouteCount - 1);
    int m = index_of(kMethods, method, kMethodCount - 1);
    int s = kStatusCount - 1;
    for (int i = 0; i < kStatusCount - 1; ++i) {
        if (kStatuses[i] == status) s = i;
    }
    requests_[r][m][s].fetch_add(1, std::memory_order_relaxed);
    int bucket = kBucketCount;
    for (int i = 0; i < kBucketCount; ++i) {
        if (seconds <= kBuckets[i]) {
            bucket = i;
            break;
        }
    }
    latency_buckets_[r][bucket].fetch_add(1, std::memory_order_relaxed);
    latency_sum_micros_[r].fetch_add(static_cast<uint64_t>(seconds * 1e6), std::memory_order_relaxed);
}

std::string Metrics::prometheus_text() const {
    std::string out;
    char line[256];
    out += "# HELP scim_requests_total Requests answered, by route template, method and status.\n";
    out += "# TYPE scim_requests_total counter\n";
    for (int r = 0; r < kRouteCount; ++r) {
        for (int m = 0; m < kMethodCount; ++m) {
            for (int s = 0; s < kStatusCount; ++s) {
                uint64_t n = requests_[r][m][s].load(std::memory_order_relaxed);
                if (n == 0) continue;
                std::string status = kStatuses[s] == 0 ? "other" : std::to_string(kStatuses[s]);
                std::snprintf(line, sizeof line, "scim_requests_total{route=\"%.*s\",method=\"%.*s\",status=\"%s\"} %llu\n",
                              static_cast<int>(kRoutes[r].size()), kRoutes[r].data(), static_cast<int>(kMethods[m].size()),
                              kMethods[m].data(), status.c_str(), static_cast<unsigned long long>(n));
                out += line;
            }
        }
    }
    out += "# HELP scim_request_duration_seconds Time from the worker reading a request to its response.\n";
    out += "# TYPE scim_request_duration_seconds histogram\n";
    for (int r = 0; r < kRouteCount; ++r) {
        uint64_t cumulative = 0;
        for (int b = 0; b <= kBucketCount; ++b) cumulative += latency_buckets_[r][b].load(std::memory_order_relaxed);
        if (cumulative == 0) continue;
        const std::string route(kRoutes[r]);
        uint64_t running = 0;
        for (int b = 0; b <= kBucketCount; ++b) {
            running += latency_buckets_[r][b].load(std::memory_order_relaxed);
            std::string le = b == kBucketCount ? "+Inf" : std::to_string(kBuckets[b]);
            le.erase(le.find_last_not_of('0') + 1);
            if (!le.empty() && le.back() == '.') le.pop_back();
            std::snprintf(line, sizeof line, "scim_request_duration_seconds_bucket{route=\"%s\",le=\"%s\"} %llu\n",
                          route.c_str(), le.c_str(), static_cast<unsigned long long>(running));
            out += line;
        }
        std::snprintf(line, sizeof line, "scim_request_duration_seconds_sum{route=\"%s\"} %.6f\n", route.c_str(),
                      static_cast<double>(latency_sum_micros_[r].load(std::memory_order_relaxed)) / 1e6);
        out += line;
        std::snprintf(line, sizeof line, "scim_request_duration_seconds_count{route=\"%s\"} %llu\n", route.c_str(),
                      static_cast<unsigned long long>(running));
        out += line;
    }
    out += "# HELP scim_database_errors_total Requests that failed because of the database.\n";
    out += "# TYPE scim_database_errors_total counter\n";
    out += "scim_database_errors_total " + std::to_string(database_errors_.load(std::memory_order_relaxed)) + "\n";
    out += "# HELP scim_worker_restarts_total Workers that died and were replaced by the master.\n";
    out += "# TYPE scim_worker_restarts_total counter\n";
    out += "scim_worker_restarts_total " + std::to_string(worker_restarts_.load(std::memory_order_relaxed)) + "\n";
    // Far fewer than requests while nginx reuses its connections to the workers (keep-alive).
    out += "# HELP scim_fastcgi_connections_total Connections from nginx that workers accepted.\n";
    out += "# TYPE scim_fastcgi_connections_total counter\n";
    out += "scim_fastcgi_connections_total " + std::to_string(fastcgi_connections_.load(std::memory_order_relaxed)) +
           "\n";
    // Each statement, prepare and transaction command is one round trip (store::Db).
    out += "# HELP scim_database_round_trips_total Round trips from the workers to PostgreSQL.\n";
    out += "# TYPE scim_database_round_trips_total counter\n";
    out += "scim_database_round_trips_total " +
           std::to_string(database_round_trips_.load(std::memory_order_relaxed)) + "\n";
    out += "# HELP scim_database_prepares_total Statements the workers prepared (once per connection each).\n";
    out += "# TYPE scim_database_prepares_total counter\n";
    out += "scim_database_prepares_total " + std::to_string(database_prepares_.load(std::memory_order_relaxed)) +
           "\n";
    return out;
}

}  // namespace util
