// The process lifecycle, with real signals: a SIGKILLed worker is replaced, SIGHUP replaces
// every worker without failing a request, SIGTERM lets a request in flight finish. Runs
// last (file order): it ends with the server stopped.
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include <boost/test/unit_test.hpp>

#include "stack.h"

using namespace itest;
using namespace std::chrono_literals;

namespace {

long long worker_restarts() {
    auto text = request("GET", origin() + "/metrics", "").body;
    auto at = text.find("\nscim_worker_restarts_total ");
    BOOST_REQUIRE(at != std::string::npos);
    return std::stoll(text.substr(at + 28));
}

// Running, not merely a zombie waiting for its parent to reap it.
bool alive(pid_t pid) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!std::getline(stat, line)) return false;
    auto close = line.rfind(')');
    return close != std::string::npos && close + 2 < line.size() && line[close + 2] != 'Z';
}

}  // namespace

BOOST_AUTO_TEST_SUITE(zz_lifecycle_test)

BOOST_AUTO_TEST_CASE(a_killed_worker_is_replaced_and_later_requests_succeed) {
    const auto& t = demo_tenant();
    pid_t master = master_pid();
    auto before = worker_pids(master);
    BOOST_TEST_REQUIRE(!before.empty());
    long long restarts_before = worker_restarts();
    pid_t victim = *before.begin();
    BOOST_TEST_REQUIRE(kill(victim, SIGKILL) == 0);
    BOOST_TEST(eventually([&] { return !worker_pids(master).count(victim) && worker_pids(master).size() == before.size(); }, 5000ms));
    for (int i = 0; i < 20; ++i) BOOST_TEST(get(t, "/ServiceProviderConfig").status == 200);
    BOOST_TEST(worker_restarts() == restarts_before + 1);
}

// Three reloads in a row under a mixed load of reads with large answers and writes: a stop
// signal that reached a worker in the middle of reading a request or writing its answer would
// cut it short, so every request must still succeed.
BOOST_AUTO_TEST_CASE(sighup_replaces_every_worker_without_failing_a_request) {
    // A token of its own: this load would drain the shared demo token's rate-limit burst.
    auto t = new_tenant(unique("reload"));
    pid_t master = master_pid();
    std::atomic<int> failures{0}, done{0};
    std::atomic<bool> stop{false};
    std::mutex first_failure_mutex;
    std::string first_failure;
    std::vector<std::thread> clients;
    for (int c = 0; c < 4; ++c) {
        clients.emplace_back([&, c] {
            for (int i = 0; !stop; ++i) {
                bool write = (c % 2) == 1;
                auto result = write ? post(t, "/Users", user_body(unique("reload") + "@x.com")) : get(t, "/Schemas");
                if (result.status != (write ? 201 : 200)) {
                    std::lock_guard<std::mutex> lock(first_failure_mutex);
                    if (failures++ == 0) first_failure = std::to_string(result.status) + " " + result.body;
                }
                ++done;
                // A steady load, not a flood: the token's rate limit would refuse a flood.
                std::this_thread::sleep_for(20ms);
            }
        });
    }
    bool replaced = true;
    for (int reload = 0; reload < 3; ++reload) {
        std::this_thread::sleep_for(300ms);
        auto before = worker_pids(master);
        BOOST_TEST_REQUIRE(kill(master, SIGHUP) == 0);
        replaced = replaced && eventually(
                                   [&] {
                                       auto now = worker_pids(master);
                                       for (pid_t pid : now) {
                                           if (before.count(pid)) return false;
                                       }
                                       return now.size() == before.size();
                                   },
                                   10000ms);
    }
    std::this_thread::sleep_for(300ms);
    stop = true;
    for (auto& client : clients) client.join();
    BOOST_TEST(replaced);
    BOOST_TEST(done.load() > 40);
    BOOST_TEST(failures.load() == 0, "first failure: " << first_failure);
    BOOST_TEST(alive(master));
}

BOOST_AUTO_TEST_CASE(sigterm_lets_the_request_in_flight_finish_then_exits) {
    const auto& t = demo_tenant();
    auto created = post(t, "/Users", user_body(unique("drain") + "@x.com"));
    std::string id = created.json["id"].asString();
    pid_t master = master_pid();
    // Hold the user's row lock so that a PUT is certainly in flight when SIGTERM arrives.
    std::string hold = "'" + psql() + "' -X -q '" + env("SCIM_DB") +
                       "' -c \"BEGIN; SELECT 1 FROM scim_users WHERE id = '" + id +
                       "' FOR UPDATE; SELECT pg_sleep(1.5); COMMIT;\" >/dev/null 2>&1";
    int locker_status = -1;
    std::thread locker([&] { locker_status = std::system(hold.c_str()); });
    std::this_thread::sleep_for(400ms);
    HttpResult in_flight;
    std::thread writer([&] { in_flight = put(t, "/Users/" + id, user_body(unique("drained") + "@x.com")); });
    std::this_thread::sleep_for(300ms);
    BOOST_TEST_REQUIRE(kill(master, SIGTERM) == 0);
    writer.join();
    locker.join();
    BOOST_TEST(locker_status == 0);
    BOOST_TEST(in_flight.status == 200, in_flight.body);
    BOOST_TEST(eventually([&] { return !alive(master); }, 10000ms));
}

BOOST_AUTO_TEST_SUITE_END()
