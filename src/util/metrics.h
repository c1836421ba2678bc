// Request metrics shared by the master and its pre-forked workers: counters in one
// anonymous shared mapping made before the fork, updated with atomic adds, rendered in
// the Prometheus text format by whichever worker serves /metrics.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

namespace util {

class Metrics {
public:
    // Route templates with their own series; anything else counts under "other".
    static constexpr std::string_view kRoutes[] = {
        "/ServiceProviderConfig", "/Schemas", "/Schemas/{id}", "/ResourceTypes", "/ResourceTypes/{id}",
        "/Users", "/Users/{id}", "/Users/.search", "/Groups", "/Groups/{id}", "/Groups/.search", "/.search",
        "/healthz", "/readyz", "/metrics", "other"};
    static constexpr std::string_view kMethods[] = {"GET", "POST", "PUT", "PATCH", "DELETE", "other"};
    static constexpr int kStatuses[] = {200, 201, 204, 304, 400, 401, 403, 404, 405, 409, 412, 413, 415, 429,
                                        500, 501, 503, 0};
    static constexpr double kBuckets[] = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};

    // A zeroed mapping shared with every process forked afterwards. Never unmapped.
    static Metrics* create_shared();

    void record_request(std::string_view route, std::string_view method, int status, double seconds);
    void record_database_error() { database_errors_.fetch_add(1, std::memory_order_relaxed); }
    void record_worker_restart() { worker_restarts_.fetch_add(1, std::memory_order_relaxed); }
    void record_fastcgi_connection() { fastcgi_connections_.fetch_add(1, std::memory_order_relaxed); }
    void record_database_round_trips(int n) { database_round_trips_.fetch_add(n, std::memory_order_relaxed); }
    void record_database_prepare() { database_prepares_.fetch_add(1, std::memory_order_relaxed); }

    std::string prometheus_text() const;

private:
    static constexpr int kRouteCount = sizeof(kRoutes) / sizeof(kRoutes[0]);
    static constexpr int kMethodCount = sizeof(kMethods) / sizeof(kMethods[0]);
    static constexpr int kStatusCount = sizeof(kStatuses) / sizeof(kStatuses[0]);
    static constexpr int kBucketCount = sizeof(kBuckets) / sizeof(kBuckets[0]);

    std::atomic<uint64_t> requests_[kRouteCount][kMethodCount][kStatusCount];
    std::atomic<uint64_t> latency_buckets_[kRouteCount][kBucketCount + 1];  // last: +Inf
    std::atomic<uint64_t> latency_sum_micros_[kRouteCount];
    std::atomic<uint64_t> database_errors_;
    std::atomic<uint64_t> worker_restarts_;
    std::atomic<uint64_t> fastcgi_connections_;
    std::atomic<uint64_t> database_round_trips_;
    std::atomic<uint64_t> database_prepares_;

    static_assert(std::atomic<uint64_t>::is_always_lock_free, "shared-memory counters need lock-free atomics");
};

}  // namespace util
