// A database outage: requests fail fast with 503 and Retry-After (never internals, never
// a hang), and every worker serves again once PostgreSQL is back, with no restart.
#include <cstdlib>

#include <boost/test/unit_test.hpp>

#include "stack.h"

using namespace itest;

namespace {

void stack_command(const std::string& command) {
    std::string line = "bash '" + env("SCIM_STACK_SCRIPT") + "' " + command + " >/dev/null 2>&1";
    BOOST_REQUIRE_MESSAGE(std::system(line.c_str()) == 0, line);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(outage_test)

BOOST_AUTO_TEST_CASE(database_down_is_503_then_recovers_without_restart) {
    const auto& t = demo_tenant();
    auto created = post(t, "/Users", user_body(unique("outage") + "@acme.com"));
    BOOST_TEST_REQUIRE(created.status == 201);
    std::string id = created.json["id"].asString();

    stack_command("db-stop");
    // Enough requests to reach every worker.
    for (int i = 0; i < 6; ++i) {
        auto down = get(t, "/Users/" + id);
        check_scim_error(down, 503);
        BOOST_TEST(down.header("retry-after") == "5");
        BOOST_TEST(down.body.find("soci") == std::string::npos);
        BOOST_TEST(down.body.find("PGSQL") == std::string::npos);
    }
    stack_command("db-start");

    for (int i = 0; i < 6; ++i) {
        auto up = get(t, "/Users/" + id);
        BOOST_TEST(up.status == 200, "request " << i << ": " << up.body);
        BOOST_TEST(up.json["id"].asString() == id);
    }
}

BOOST_AUTO_TEST_SUITE_END()
