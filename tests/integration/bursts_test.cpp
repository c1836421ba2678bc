// Bursts (issue: reliability): an identity provider's first full sync opens many connections
// at once. 2,000 concurrent requests from one client, inside the organisation's burst of
// 2,000, each on its own TLS connection (HTTP/1.1, no reuse) and all started before any is
// answered, must all be answered 200: they wait in nginx and in the FastCGI listen queue
// (4096) for a worker instead of being refused. To have them all in flight together on any
// machine, another session holds the users table for 2 s while they arrive, so the workers
// (busy waiting for it, under the 3 s lock timeout of the test stack) accept none meanwhile.
// Bounded: 2,000 requests, 120 s, 127.0.0.1.
#include <boost/test/unit_test.hpp>

#include <curl/curl.h>

#include <chrono>
#include <cstdlib>
#include <map>
#include <thread>
#include <memory>
#include <string>
#include <vector>

#include "stack.h"

using namespace itest;

namespace {

size_t discard(char*, size_t size, size_t count, void*) { return size * count; }

// Runs `count` GETs of `url` at once through one curl multi handle; the status of each
// (0 for a transport failure: a reset or refused connection).
std::vector<long> burst(const std::string& url, const std::string& token, int count) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    CURLM* multi = curl_multi_init();
    curl_multi_setopt(multi, CURLMOPT_PIPELINING, CURLPIPE_NOTHING);
    curl_multi_setopt(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, 0L);
    const std::string ca = env("SCIM_VAR_DIR") + "/nginx/cert.pem";
    const std::string authorization = "Authorization: Bearer " + token;
    std::vector<CURL*> handles;
    std::vector<curl_slist*> headers;
    for (int i = 0; i < count; ++i) {
        CURL* easy = curl_easy_init();
        curl_slist* list = curl_slist_append(nullptr, authorization.c_str());
        headers.push_back(list);
        curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
        curl_easy_setopt(easy, CURLOPT_CAINFO, ca.c_str());
        curl_easy_setopt(easy, CURLOPT_HTTPHEADER, list);
        curl_easy_setopt(easy, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_1_1));
        curl_easy_setopt(easy, CURLOPT_FORBID_REUSE, 1L);
        curl_easy_setopt(easy, CURLOPT_FRESH_CONNECT, 1L);
        curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, discard);
        curl_easy_setopt(easy, CURLOPT_TIMEOUT, 120L);
        curl_multi_add_handle(multi, easy);
        handles.push_back(easy);
    }
    int running = 0;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(130);
    do {
        curl_multi_perform(multi, &running);
        if (running > 0) curl_multi_poll(multi, nullptr, 0, 100, nullptr);
    } while (running > 0 && std::chrono::steady_clock::now() < deadline);
    std::vector<long> statuses;
    for (CURL* easy : handles) {
        long status = 0;
        curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
        statuses.push_back(status);
        curl_multi_remove_handle(multi, easy);
        curl_easy_cleanup(easy);
    }
    for (curl_slist* list : headers) curl_slist_free_all(list);
    curl_multi_cleanup(multi);
    return statuses;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(bursts_test)

BOOST_AUTO_TEST_CASE(a_burst_of_concurrent_requests_waits_instead_of_failing) {
    const Tenant t = new_tenant(unique("burst"));
    BOOST_TEST_REQUIRE(post(t, "/Users", user_body(unique("b") + "@x.com")).status == 201);
    const std::string hold = "'" + psql() + "' -X -q '" + env("SCIM_DB") +
                             "' -c \"BEGIN; LOCK TABLE scim_users IN ACCESS SHARE MODE; LOCK TABLE scim_users IN "
                             "ACCESS EXCLUSIVE MODE; SELECT pg_sleep(2); COMMIT;\" >/dev/null 2>&1";
    int locker_status = -1;
    std::thread locker([&] { locker_status = std::system(hold.c_str()); });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const auto statuses = burst(t.base_url + "/Users?count=1", t.token, 2000);
    locker.join();
    BOOST_TEST(locker_status == 0);
    std::map<long, int> by_status;
    for (long status : statuses) ++by_status[status];
    std::string summary;
    for (auto [status, n] : by_status) summary += std::to_string(status) + "x" + std::to_string(n) + " ";
    BOOST_TEST(by_status[200] == 2000, summary);
    BOOST_TEST(by_status[0] == 0, summary);  // no connection reset or refused
    // The service is still answering normally afterwards.
    BOOST_TEST(get(t, "/Users?count=1").status == 200);
}

BOOST_AUTO_TEST_SUITE_END()
