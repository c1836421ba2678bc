// Deadlines (issue: reliability): every statement runs under statement_timeout and
// lock_timeout (the test stack sets SCIM_STATEMENT_TIMEOUT_MS=3000, scripts/check.sh), so a
// request never waits on the database until nginx gives up. A list query that computes past
// the limit is the client's to narrow: 400 tooMany (RFC 7644 §3.12). A wait for a lock is the
// server's state: 503 with Retry-After. Both come back as SCIM errors, well before nginx's 60 s.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "stack.h"

using namespace itest;
using namespace std::chrono_literals;

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(deadlines_test)

BOOST_AUTO_TEST_CASE(a_query_past_the_statement_timeout_is_400_too_many) {
    const Tenant t = new_tenant(unique("deadline"));
    seed_users(t, 100000);
    // 200 substring tests of each user's e-mails (no index can serve "co" on emails.display):
    // some 20 million JSON reads, far past 3 s.
    std::string filter;
    for (int i = 0; i < 200; ++i) filter += (i ? " or " : "") + std::string("emails.display co \"q") + std::to_string(i) + "\"";
    const auto start = std::chrono::steady_clock::now();
    auto slow = get(t, "/Users?filter=" + url_encode(filter) + "&count=5");
    const double took = seconds_since(start);
    check_scim_error(slow, 400, "tooMany");
    BOOST_TEST(slow.json["detail"].asString().find("3000 ms") != std::string::npos, slow.body);
    BOOST_TEST(took < 20.0, "answered after " << took << " s");
    // The worker and its connection are fine afterwards.
    auto after = get(t, "/Users?filter=" + url_encode("userName eq \"user7@example.com\""));
    BOOST_TEST(after.status == 200, after.body);
    BOOST_TEST(after.json["totalResults"].asInt() == 1);
}

BOOST_AUTO_TEST_CASE(a_write_waiting_on_a_lock_past_the_limit_is_503_with_retry_after) {
    const auto& t = demo_tenant();
    auto created = post(t, "/Users", user_body(unique("locked") + "@x.com"));
    BOOST_TEST_REQUIRE(created.status == 201, created.body);
    const std::string id = created.json["id"].asString();
    // Another session holds the user's row for 8 s: the PATCH's lock wait gives up at 3 s.
    const std::string hold = "'" + psql() + "' -X -q '" + env("SCIM_DB") +
                             "' -c \"BEGIN; SELECT 1 FROM scim_users WHERE id = '" + id +
                             "' FOR UPDATE; SELECT pg_sleep(8); COMMIT;\" >/dev/null 2>&1";
    int locker_status = -1;
    std::thread locker([&] { locker_status = std::system(hold.c_str()); });
    std::this_thread::sleep_for(500ms);
    const auto start = std::chrono::steady_clock::now();
    auto waited = patch(t, "/Users/" + id, R"([{"op":"replace","path":"active","value":false}])");
    const double took = seconds_since(start);
    check_scim_error(waited, 503);
    BOOST_TEST(!waited.header("retry-after").empty());
    BOOST_TEST(took >= 2.5, took);
    BOOST_TEST(took < 7.5, took);
    locker.join();
    BOOST_TEST(locker_status == 0);
    // Nothing of it was applied, and the same PATCH works once the lock is gone.
    BOOST_TEST(get(t, "/Users/" + id).json["active"].asBool());
    auto again = patch(t, "/Users/" + id, R"([{"op":"replace","path":"active","value":false}])");
    BOOST_TEST(again.status == 204, again.body);
}

BOOST_AUTO_TEST_SUITE_END()
