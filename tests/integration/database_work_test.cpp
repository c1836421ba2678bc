// What a request costs the database, read from the workers' own counters
// (scim_database_round_trips_total, scim_database_prepares_total): statements prepared once
// per connection and reused, no ping, reads in one statement after the token's, no count for
// a page that shows its total; and what those savings must not change: exact totals, User.groups
// on every read, many statement shapes past the cache's bound.
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "stack.h"

using namespace itest;

namespace {

long long round_trips() { return metric("scim_database_round_trips_total"); }

// The test stack's workers (scripts/check.sh): each prepares a statement once.
constexpr long long kWorkers = 2;

std::string new_user(const Tenant& t, const std::string& user_name) {
    auto created = post(t, "/Users", user_body(user_name));
    BOOST_REQUIRE_MESSAGE(created.status == 201, created.body);
    return created.json["id"].asString();
}

// Round trips of `n` sequential GETs of path after as many to warm every worker's statements.
long long round_trips_of(const Tenant& t, const std::string& path, int n) {
    for (int i = 0; i < n; ++i) BOOST_TEST_REQUIRE(get(t, path).status == 200);
    long long before = round_trips();
    for (int i = 0; i < n; ++i) BOOST_TEST_REQUIRE(get(t, path).status == 200);
    return round_trips() - before;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(database_work_test)

// The token lookup and the user with its groups in one statement; a statement prepared per
// request, a ping, a separate token lookup or membership query would each add one per request.
BOOST_AUTO_TEST_CASE(a_read_by_id_is_one_round_trip) {
    auto t = new_tenant(unique("trips-get"));
    std::string id = new_user(t, "trips@x.com");
    long long trips = round_trips_of(t, "/Users/" + id, 20);
    BOOST_TEST(trips >= 20);
    BOOST_TEST(trips <= 20 + 2 * kWorkers, trips << " round trips for 20 reads");
    // A missing user costs the same one statement, and is 404.
    const std::string missing = "/Users/00000000-0000-4000-8000-000000000000";
    BOOST_TEST(get(t, missing).status == 404);
    long long before = round_trips();
    for (int i = 0; i < 10; ++i) BOOST_TEST(get(t, missing).status == 404);
    BOOST_TEST(round_trips() - before <= 10 + 2 * kWorkers);
}

BOOST_AUTO_TEST_CASE(a_filtered_list_with_one_match_is_not_counted_separately) {
    auto t = new_tenant(unique("trips-filter"));
    new_user(t, "one@x.com");
    new_user(t, "two@x.com");
    const std::string path = "/Users?filter=" + url_encode("userName eq \"one@x.com\"");
    auto page = get(t, path);
    BOOST_TEST(page.json["totalResults"].asInt() == 1);
    BOOST_TEST(page.json["Resources"][0]["userName"].asString() == "one@x.com");
    long long trips = round_trips_of(t, path, 20);
    BOOST_TEST(trips <= 40 + 2 * kWorkers, trips << " round trips for 20 filtered lists");
}

// The total comes from the page only when the page starts at the first result and is not
// full; otherwise it is counted (RFC 7644 §3.4.2.4: totalResults is the number of results).
BOOST_AUTO_TEST_CASE(totals_are_exact_whether_or_not_the_page_shows_them) {
    auto t = new_tenant(unique("totals"));
    for (int i = 0; i < 5; ++i) new_user(t, "t" + std::to_string(i) + "@x.com");
    const std::string filter = "&filter=" + url_encode("userName sw \"t\"");
    struct Case {
        std::string query;
        int total, items;
    };
    for (const Case& c : std::vector<Case>{{"count=10", 5, 5},
                                           {"count=5", 5, 5},
                                           {"count=2", 5, 2},
                                           {"startIndex=4&count=10", 5, 2},
                                           {"startIndex=9&count=10", 5, 0},
                                           {"count=0", 5, 0}}) {
        for (const std::string& extra : {std::string(), filter}) {
            auto page = get(t, "/Users?" + c.query + extra);
            BOOST_TEST_CONTEXT(c.query + extra) {
                BOOST_TEST(page.status == 200);
                BOOST_TEST(page.json["totalResults"].asInt() == c.total);
                BOOST_TEST(page.json["Resources"].size() == static_cast<unsigned>(c.items));
            }
        }
    }
}

// The organisation's total is kept in several counter rows (sql/0008) that concurrent
// creates and deletes write at once; their sum stays the number of users.
BOOST_AUTO_TEST_CASE(unfiltered_totals_stay_exact_under_concurrent_creates_and_deletes) {
    auto t = new_tenant(unique("striped"));
    std::atomic<int> created{0};
    std::vector<std::vector<std::string>> ids(8);
    std::vector<std::thread> threads;
    for (int n = 0; n < 8; ++n) {
        threads.emplace_back([&, n] {
            for (int i = 0; i < 10; ++i) {
                auto r = threaded(t, "POST", "/Users", user_body("c" + std::to_string(n) + "-" + std::to_string(i) + "@x.com"));
                if (r.status == 201) {
                    ++created;
                    ids[n].push_back(r.json["id"].asString());
                }
            }
        });
    }
    for (auto& thread : threads) thread.join();
    BOOST_TEST_REQUIRE(created.load() == 80);
    BOOST_TEST(get(t, "/Users?count=0").json["totalResults"].asInt() == 80);
    threads.clear();
    std::atomic<int> deleted{0};
    for (int n = 0; n < 8; n += 2) {
        threads.emplace_back([&, n] {
            for (const auto& id : ids[n]) deleted += threaded(t, "DELETE", "/Users/" + id).status == 204 ? 1 : 0;
        });
    }
    for (auto& thread : threads) thread.join();
    BOOST_TEST(deleted.load() == 40);
    BOOST_TEST(get(t, "/Users?count=0").json["totalResults"].asInt() == 40);
    BOOST_TEST(get(t, "/Users?count=100").json["Resources"].size() == 40u);
}

// User.groups is read with the user in the same statement, on GET, on a list and after a
// write, and a user in no group has none.
BOOST_AUTO_TEST_CASE(user_groups_are_read_with_the_user_everywhere) {
    auto t = new_tenant(unique("withgroups"));
    std::string member = new_user(t, "member@x.com");
    std::string loner = new_user(t, "loner@x.com");
    auto group = post(t, "/Groups",
                      R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Team",)"
                      R"("members":[{"value":")" + member + R"("}]})");
    BOOST_TEST_REQUIRE(group.status == 201, group.body);
    const std::string group_id = group.json["id"].asString();
    auto check = [&](const Json::Value& user, const std::string& where) {
        BOOST_TEST_CONTEXT(where) {
            BOOST_TEST_REQUIRE(user["groups"].size() == 1u, user.toStyledString());
            BOOST_TEST(user["groups"][0]["value"].asString() == group_id);
            BOOST_TEST(user["groups"][0]["display"].asString() == "Team");
            BOOST_TEST(user["groups"][0]["type"].asString() == "direct");
            BOOST_TEST(user["groups"][0]["$ref"].asString() == t.base_url + "/Groups/" + group_id);
        }
    };
    check(get(t, "/Users/" + member).json, "GET");
    auto list = get(t, "/Users?sortBy=userName");
    BOOST_TEST_REQUIRE(list.json["Resources"].size() == 2u);
    BOOST_TEST(list.json["Resources"][0]["userName"].asString() == "loner@x.com");
    BOOST_TEST(!list.json["Resources"][0].isMember("groups"));
    check(list.json["Resources"][1], "list");
    check(put(t, "/Users/" + member, user_body("member@x.com")).json, "PUT");
    BOOST_TEST(!get(t, "/Users/" + loner).json.isMember("groups"));
    BOOST_TEST(!get(t, "/Users/" + member + "?excludedAttributes=groups").json.isMember("groups"));
}

// More distinct statements than the per-connection cache holds (Statements::kCapacity, 256):
// the least recently used are deallocated, prepared again when needed, and every answer stays
// right. 750 texts over the stack's 2 workers.
BOOST_AUTO_TEST_CASE(more_statement_shapes_than_the_cache_holds_are_all_answered) {
    auto t = new_tenant(unique("shapes"));
    new_user(t, "shape@x.com");
    // One clause that matches, then up to 149 that match nothing (a filter has 200 at most).
    auto filter_of = [](const std::string& attribute, int clauses) {
        std::string filter = "userName eq \"shape@x.com\"";
        for (int i = 1; i < clauses; ++i) filter += " or " + attribute + " eq \"none" + std::to_string(i) + "\"";
        return filter;
    };
    const std::vector<std::string> attributes = {"externalId", "title", "nickName", "userType", "locale"};
    for (const auto& attribute : attributes) {
        for (int clauses = 2; clauses <= 151; ++clauses) {
            auto page = get(t, "/Users?filter=" + url_encode(filter_of(attribute, clauses)));
            BOOST_TEST_REQUIRE(page.status == 200, attribute << " " << clauses << ": " << page.body);
            BOOST_TEST_REQUIRE(page.json["totalResults"].asInt() == 1, attribute << " " << clauses);
        }
    }
    // The first shapes were evicted by the worker that served most of the later ones (nginx
    // may send most of one client's requests to one worker over a kept connection; the other
    // may still hold a few): asked again, most are prepared again, and all answer right.
    long long prepares = metric("scim_database_prepares_total");
    for (int clauses = 2; clauses <= 21; ++clauses) {
        auto page = get(t, "/Users?filter=" + url_encode(filter_of("externalId", clauses)));
        BOOST_TEST(page.json["totalResults"].asInt() == 1, clauses);
    }
    BOOST_TEST(metric("scim_database_prepares_total") - prepares >= 10);
}

BOOST_AUTO_TEST_SUITE_END()
