// Running it: health and readiness without a token, Prometheus metrics, rate limiting
// with 429 + Retry-After, the JSON access log without secrets, HTTP refused on the TLS
// port, and the audit trail of every write.
#include <atomic>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "stack.h"

using namespace itest;

namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

long long metric(const std::string& text, const std::string& series) {
    // At the start of a line: not the series' name in its # HELP or # TYPE comment.
    auto at = text.find("\n" + series + " ");
    if (at == std::string::npos) return 0;
    return std::stoll(text.substr(at + series.size() + 2));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(operations_test)

BOOST_AUTO_TEST_CASE(health_endpoints_answer_without_a_token) {
    auto health = request("GET", origin() + "/healthz", "");
    BOOST_TEST(health.status == 200);
    BOOST_TEST(health.json["status"].asString() == "ok");
    auto ready = request("GET", origin() + "/readyz", "");
    BOOST_TEST(ready.status == 200);
    BOOST_TEST(ready.json["status"].asString() == "ready");
    BOOST_TEST(request("POST", origin() + "/healthz", "", "{}").status == 405);
}

BOOST_AUTO_TEST_CASE(metrics_count_requests_by_route_method_and_status) {
    const auto& t = demo_tenant();
    const std::string series = R"(scim_requests_total{route="/Users/{id}",method="GET",status="404"})";
    long long before = metric(request("GET", origin() + "/metrics", "").body, series);
    for (int i = 0; i < 3; ++i) get(t, "/Users/00000000-0000-4000-8000-00000000000" + std::to_string(i));
    auto after = request("GET", origin() + "/metrics", "");
    BOOST_TEST(after.status == 200);
    BOOST_TEST(after.header("content-type").find("text/plain") == 0);
    BOOST_TEST(metric(after.body, series) == before + 3);
    BOOST_TEST(after.body.find("scim_request_duration_seconds_bucket{route=\"/Users/{id}\",le=\"+Inf\"}") !=
               std::string::npos);
    BOOST_TEST(after.body.find("scim_database_errors_total") != std::string::npos);
    BOOST_TEST(after.body.find("scim_worker_restarts_total") != std::string::npos);
    BOOST_TEST(after.body.find(t.token) == std::string::npos);
}

// nginx keeps its FastCGI connections to the workers (upstream keep-alive): sequential
// requests reuse them, so the workers accept far fewer connections than they answer requests.
BOOST_AUTO_TEST_CASE(nginx_reuses_its_connections_to_the_workers) {
    auto t = new_tenant(unique("keepalive"));
    const std::string series = "scim_fastcgi_connections_total";
    long long before = metric(request("GET", origin() + "/metrics", "").body, series);
    for (int i = 0; i < 60; ++i) BOOST_TEST_REQUIRE(get(t, "/Users?count=1").status == 200);
    long long accepted = metric(request("GET", origin() + "/metrics", "").body, series) - before;
    BOOST_TEST(accepted >= 0);
    BOOST_TEST(accepted <= 12, accepted << " connections for 61 requests");
}

// More concurrent clients than workers, on kept connections: a worker that holds idle kept
// connections still takes new ones, so every request is answered (none waits for an idle
// connection to time out; the bound is far above the second or so this takes).
BOOST_AUTO_TEST_CASE(kept_connections_never_stall_more_clients_than_workers) {
    auto t = new_tenant(unique("stall"));
    std::atomic<int> ok{0}, other{0};
    auto started = std::chrono::steady_clock::now();
    std::vector<std::thread> clients;
    for (int c = 0; c < 8; ++c) {
        clients.emplace_back([&] {
            for (int i = 0; i < 15; ++i) {
                RequestOptions options;
                options.require_response = false;
                auto result = request_with(options, "GET", t.base_url + "/Users?count=1", t.token);
                (result.status == 200 ? ok : other)++;
            }
        });
    }
    for (auto& client : clients) client.join();
    auto seconds = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started).count();
    BOOST_TEST(ok.load() == 120);
    BOOST_TEST(other.load() == 0);
    BOOST_TEST(seconds < 20);
}

BOOST_AUTO_TEST_CASE(requests_within_the_rate_pass_and_a_flood_gets_429) {
    auto t = new_tenant(unique("rate"));
    // Within the limit: a steady sequence is never refused.
    for (int i = 0; i < 200; ++i) {
        auto result = get(t, "/ServiceProviderConfig");
        BOOST_TEST_REQUIRE(result.status == 200, "request " << i << " got " << result.status);
    }
    // A flood on one token beyond its burst: some requests get 429 with Retry-After and a SCIM body.
    // It stops at the first refusals, or at a bound that outruns the burst (2000) plus the rate
    // (100/s) on any machine that serves more than about 200 requests a second.
    std::atomic<int> refused{0}, ok{0}, other{0}, sent{0};
    std::atomic<bool> saw_body{false}, saw_retry_after{false};
    std::vector<std::thread> threads;
    for (int n = 0; n < 8; ++n) {
        threads.emplace_back([&] {
            while (refused.load() < 20 && sent++ < 8000) {
                auto result = get(t, "/ServiceProviderConfig");
                if (result.status == 429) {
                    ++refused;
                    if (result.json["status"].asString() == "429" &&
                        result.json["schemas"][0].asString() == "urn:ietf:params:scim:api:messages:2.0:Error") {
                        saw_body = true;
                    }
                    if (!result.header("retry-after").empty()) saw_retry_after = true;
                } else if (result.status == 200) {
                    ++ok;
                } else {
                    ++other;
                }
            }
        });
    }
    for (auto& thread : threads) thread.join();
    BOOST_TEST(refused.load() > 0);
    BOOST_TEST(ok.load() >= 2000);  // the burst passes
    BOOST_TEST(other.load() == 0);
    BOOST_TEST(saw_body.load());
    BOOST_TEST(saw_retry_after.load());
    // Another token is not affected.
    auto fresh = new_tenant(unique("rate2"));
    BOOST_TEST(get(fresh, "/ServiceProviderConfig").status == 200);
}

// The organisation's bucket is keyed by the {orgId} of the URL: made-up tokens aimed at one
// organisation share its bucket (each would have had a fresh one under a token key), and the
// refusals leave neither the tokens nor the query strings in nginx's error log.
BOOST_AUTO_TEST_CASE(made_up_tokens_share_the_organisations_bucket_and_leave_no_trace) {
    auto t = new_tenant(unique("rate-forged"));
    const std::string marker = unique("secret-filter-value");
    std::atomic<int> refused{0}, unauthorized{0}, other{0}, sent{0};
    std::vector<std::thread> threads;
    for (int n = 0; n < 8; ++n) {
        threads.emplace_back([&, n] {
            int i = 0;
            while (refused.load() < 20 && sent++ < 8000) {
                const std::string forged = "scim_forged_" + std::to_string(n) + "_" + std::to_string(i++);
                auto result = request_with({.require_response = false}, "GET",
                                           t.base_url + "/Users?filter=" + url_encode("userName eq \"" + marker + "\""),
                                           forged);
                if (result.status == 429) ++refused;
                else if (result.status == 401) ++unauthorized;
                else ++other;
            }
        });
    }
    for (auto& thread : threads) thread.join();
    BOOST_TEST(refused.load() > 0);
    BOOST_TEST(unauthorized.load() >= 2000);  // the burst passed, then the bucket was empty
    BOOST_TEST(other.load() == 0);
    // The organisation's own token meets the same bucket for a moment; another organisation does not.
    auto fresh = new_tenant(unique("rate-bystander"));
    BOOST_TEST(get(fresh, "/ServiceProviderConfig").status == 200);
    const std::string errors = read_file(env("SCIM_VAR_DIR") + "/log/nginx-error.log");
    BOOST_TEST(errors.find(marker) == std::string::npos);
    BOOST_TEST(errors.find("scim_forged_") == std::string::npos);
    const std::string access = read_file(env("SCIM_VAR_DIR") + "/log/access.log");
    BOOST_TEST(access.find(marker) == std::string::npos);
    BOOST_TEST(access.find("\"status\":429") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(access_log_is_json_without_the_authorization_header) {
    const auto& t = demo_tenant();
    auto result = get(t, "/Users?count=1");
    BOOST_TEST_REQUIRE(result.status == 200);
    std::string request_id = result.header("x-request-id");
    BOOST_TEST(request_id.size() == 32u);
    // nginx writes its line after the response has gone, so the test may read first.
    std::string log, worker_log;
    BOOST_TEST(eventually(
        [&] {
            log = read_file(env("SCIM_VAR_DIR") + "/log/access.log");
            return log.find("\"request_id\":\"" + request_id + "\"") != std::string::npos;
        },
        std::chrono::milliseconds(3000)));
    BOOST_TEST(log.find(t.token) == std::string::npos);
    BOOST_TEST(log.find("Bearer") == std::string::npos);
    BOOST_TEST(eventually(
        [&] {
            worker_log = read_file(env("SCIM_VAR_DIR") + "/log/scim.log");
            return worker_log.find("request_id=" + request_id) != std::string::npos;
        },
        std::chrono::milliseconds(3000)));
    BOOST_TEST(worker_log.find(t.token) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(plain_http_to_the_tls_port_is_refused) {
    auto result = request("GET", "http://127.0.0.1:" + env("SCIM_HTTPS_PORT") + "/healthz", "");
    BOOST_TEST(result.status == 400);
    BOOST_TEST(result.json["schemas"][0].asString() == "urn:ietf:params:scim:api:messages:2.0:Error");
}

BOOST_AUTO_TEST_CASE(every_write_is_audited_with_its_request_id) {
    auto t = new_tenant(unique("audit"));
    auto created = post(t, "/Users", user_body("audited@x.com"));
    std::string id = created.json["id"].asString();
    auto replaced = put(t, "/Users/" + id, user_body("audited@x.com"));
    auto patched = request("PATCH", t.base_url + "/Users/" + id, t.token,
                           R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"title","value":"A"}]})",
                           {"Content-Type: application/scim+json"});
    auto deleted = del(t, "/Users/" + id);
    BOOST_TEST_REQUIRE(deleted.status == 204);
    std::string audit = scimctl("audit " + t.org_id);
    std::istringstream lines(audit);
    std::vector<std::string> operations;
    for (std::string line; std::getline(lines, line);) {
        std::istringstream fields(line);
        std::string at, operation, type, resource;
        fields >> at >> operation >> type >> resource;
        BOOST_TEST(type == "User");
        BOOST_TEST(resource == id);
        operations.push_back(operation);
    }
    BOOST_TEST(operations == (std::vector<std::string>{"create", "replace", "patch", "delete"}),
               boost::test_tools::per_element());
    for (const auto& result : {created, replaced, patched, deleted}) {
        BOOST_TEST(audit.find("request=" + result.header("x-request-id")) != std::string::npos);
    }
    // A failed write leaves no trace.
    post(t, "/Users", user_body("audited2@x.com"));
    std::string before = scimctl("audit " + t.org_id);
    post(t, "/Users", user_body("audited2@x.com"));  // 409
    BOOST_TEST(scimctl("audit " + t.org_id) == before);
}

BOOST_AUTO_TEST_SUITE_END()
