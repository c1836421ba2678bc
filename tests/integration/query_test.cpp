// Filtering, sorting, pagination, projection and POST searches through nginx
// (RFC 7644 §3.4.2, §3.4.3, §3.9), scoped to the caller's organisation.
#include <algorithm>
#include <random>
#include <set>

#include <boost/test/unit_test.hpp>

#include "http/uri.h"
#include "scim/filter/evaluate.h"
#include "scim/filter/parser.h"
#include "scim/schema/registry.h"
#include "stack.h"

using namespace itest;

namespace {

HttpResult filtered(const Tenant& t, const std::string& filter, const std::string& extra = "") {
    return get(t, "/Users?count=1000&filter=" + url_encode(filter) + extra);
}

std::set<std::string> ids_of(const HttpResult& result) {
    std::set<std::string> ids;
    for (const auto& r : result.json["Resources"]) ids.insert(r["id"].asString());
    return ids;
}

std::string user_json(const std::string& user_name, const std::string& extra) {
    return R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":")" + user_name + "\"" +
           (extra.empty() ? "" : "," + extra) + "}";
}

// A small organisation with the RFC 7643 §8.2 user and a few others.
struct Directory {
    Tenant tenant = new_tenant(unique("query"));
    std::string bjensen, jsmith, ojones, inactive;
    Directory() {
        bjensen = post(tenant, "/Users", user_json("bjensen@example.com",
            R"("externalId":"701984","name":{"familyName":"Jensen","givenName":"Barbara"},"title":"Tour Guide",
               "userType":"Employee","emails":[{"value":"bjensen@example.com","type":"work","primary":true},
               {"value":"babs@jensen.org","type":"home"}],"ims":[{"value":"someaimhandle","type":"aim"}],
               "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"701984","department":"Tour Operations"})"))
                      .json["id"].asString();
        jsmith = post(tenant, "/Users", user_json("JSmith@Example.org",
            R"("externalId":"ext-2","name":{"familyName":"Smith","givenName":"John"},"userType":"Contractor",
               "emails":[{"value":"john@example.org","type":"work"}])"))
                     .json["id"].asString();
        ojones = post(tenant, "/Users", user_json("ojones@example.net",
            R"("name":{"familyName":"O'Malley","givenName":"Olga"},"userType":"Employee",
               "emails":[{"value":"olga@foo.com","type":"other"}],"ims":[{"value":"olga@foo.com","type":"xmpp"}])"))
                     .json["id"].asString();
        inactive = post(tenant, "/Users", user_json("zed@example.com", R"("active":false,"name":{"familyName":"Zed"})"))
                       .json["id"].asString();
        BOOST_REQUIRE(!bjensen.empty() && !jsmith.empty() && !ojones.empty() && !inactive.empty());
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(query_test)

BOOST_AUTO_TEST_CASE(rfc7644_figure2_filters_select_what_the_rfc_means) {
    Directory d;
    const auto& t = d.tenant;
    using Ids = std::set<std::string>;
    BOOST_TEST(ids_of(filtered(t, R"(userName Eq "bjensen@example.com")")) == Ids{d.bjensen});
    BOOST_TEST(ids_of(filtered(t, R"(name.familyName co "O'Malley")")) == Ids{d.ojones});
    BOOST_TEST(ids_of(filtered(t, R"(userName sw "J")")) == Ids{d.jsmith});
    BOOST_TEST(ids_of(filtered(t, R"(urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J")")) == Ids{d.jsmith});
    BOOST_TEST(ids_of(filtered(t, "title pr")) == Ids{d.bjensen});
    BOOST_TEST(ids_of(filtered(t, R"(title pr and userType eq "Employee")")) == Ids{d.bjensen});
    BOOST_TEST(ids_of(filtered(t, R"(title pr or userType eq "Contractor")")) == (Ids{d.bjensen, d.jsmith}));
    BOOST_TEST(ids_of(filtered(t, R"(userType eq "Employee" and (emails co "example.com" or emails.value co "example.org"))")) ==
               Ids{d.bjensen});
    BOOST_TEST(ids_of(filtered(t, R"(userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org"))")) ==
               Ids{d.inactive});
    BOOST_TEST(ids_of(filtered(t, R"(userType eq "Employee" and (emails.type eq "work"))")) == Ids{d.bjensen});
    BOOST_TEST(ids_of(filtered(t, R"(userType eq "Employee" and emails[type eq "work" and value co "@example.com"])")) ==
               Ids{d.bjensen});
    BOOST_TEST(ids_of(filtered(t, R"(emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"])")) ==
               (Ids{d.bjensen, d.ojones}));
    BOOST_TEST(ids_of(filtered(t, R"(urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "701984")")) ==
               Ids{d.bjensen});
    BOOST_TEST(ids_of(filtered(t, R"(schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")")) == Ids{d.bjensen});
    BOOST_TEST(ids_of(filtered(t, R"(meta.lastModified gt "2011-05-13T04:42:34Z")")).size() == 4u);
    BOOST_TEST(ids_of(filtered(t, R"(meta.lastModified lt "2011-05-13T04:42:34Z")")).empty());
}

BOOST_AUTO_TEST_CASE(case_rules_follow_the_registry) {
    Directory d;
    const auto& t = d.tenant;
    using Ids = std::set<std::string>;
    // userName and emails.value are caseExact=false; externalId and id are caseExact=true.
    BOOST_TEST(ids_of(filtered(t, R"(userName eq "BJENSEN@EXAMPLE.COM")")) == Ids{d.bjensen});
    BOOST_TEST(ids_of(filtered(t, R"(emails.value eq "BABS@JENSEN.ORG")")) == Ids{d.bjensen});
    BOOST_TEST(ids_of(filtered(t, R"(externalId eq "EXT-2")")).empty());
    BOOST_TEST(ids_of(filtered(t, R"(externalId eq "ext-2")")) == Ids{d.jsmith});
    BOOST_TEST(ids_of(filtered(t, "id eq \"" + d.ojones + "\"")) == Ids{d.ojones});
    BOOST_TEST(ids_of(filtered(t, R"(active eq false)")) == Ids{d.inactive});
}

BOOST_AUTO_TEST_CASE(like_metacharacters_are_literal) {
    auto t = new_tenant(unique("like"));
    auto pct = post(t, "/Users", user_body("100%_sure@x.com")).json["id"].asString();
    post(t, "/Users", user_body("1000sure@x.com"));
    BOOST_TEST(ids_of(filtered(t, R"(userName co "%_")")) == std::set<std::string>{pct});
    BOOST_TEST(ids_of(filtered(t, R"(userName sw "100%")")) == std::set<std::string>{pct});
    BOOST_TEST(filtered(t, R"(userName co "\\")").json["totalResults"].asInt() == 0);
}

BOOST_AUTO_TEST_CASE(invalid_filters_are_400_invalid_filter) {
    const auto& t = demo_tenant();
    for (std::string filter : std::vector<std::string>{"userName", "userName eq", "shoeSize eq 4", "name.nickname eq \"x\"", "active gt true",
                               "userName eq true", "(userName eq \"a\"", "userName eq \"a\" and", "emails[type eq \"work\"",
                               "userName eq \"a\"; DROP TABLE scim_users", "userName eq 'a'", "meta.created gt \"soon\"",
                               std::string(5000, '(') + "userName pr" + std::string(5000, ')')}) {
        check_scim_error(filtered(t, filter), 400, "invalidFilter");
    }
}

BOOST_AUTO_TEST_CASE(injection_attempts_in_sort_and_attributes_are_refused) {
    const auto& t = demo_tenant();
    check_scim_error(get(t, "/Users?sortBy=" + url_encode("userName; DROP TABLE scim_users")), 400, "invalidValue");
    check_scim_error(get(t, "/Users?sortBy=" + url_encode("userName desc")), 400, "invalidValue");
    check_scim_error(get(t, "/Users?sortBy=userName&sortOrder=sideways"), 400, "invalidValue");
    check_scim_error(get(t, "/Users?attributes=" + url_encode("userName,'||pg_sleep(1)||'")), 400, "invalidValue");
    BOOST_TEST(get(t, "/Users?count=1").status == 200);
}

BOOST_AUTO_TEST_CASE(sorting_is_stable_and_follows_sort_order) {
    Directory d;
    const auto& t = d.tenant;
    auto ascending = get(t, "/Users?sortBy=name.familyName");
    std::vector<std::string> names;
    for (const auto& r : ascending.json["Resources"]) names.push_back(r["name"]["familyName"].asString());
    BOOST_TEST(names == (std::vector<std::string>{"Jensen", "O'Malley", "Smith", "Zed"}), boost::test_tools::per_element());
    auto descending = get(t, "/Users?sortBy=userName&sortOrder=descending");
    std::vector<std::string> users;
    for (const auto& r : descending.json["Resources"]) users.push_back(r["userName"].asString());
    // caseExact=false: "JSmith@Example.org" sorts as "jsmith@example.org".
    BOOST_TEST(users == (std::vector<std::string>{"zed@example.com", "ojones@example.net", "JSmith@Example.org",
                                                  "bjensen@example.com"}),
               boost::test_tools::per_element());
    // Missing values sort last when ascending: only bjensen has a title.
    auto by_title = get(t, "/Users?sortBy=title");
    BOOST_TEST(by_title.json["Resources"][0]["id"].asString() == d.bjensen);
    // Multi-valued: by the primary (else first) value.
    auto by_email = get(t, "/Users?sortBy=emails&count=3");
    BOOST_TEST(by_email.json["Resources"][0]["id"].asString() == d.bjensen);
    BOOST_TEST(by_email.json["Resources"][1]["id"].asString() == d.jsmith);
    BOOST_TEST(by_email.json["Resources"][2]["id"].asString() == d.ojones);
}

BOOST_AUTO_TEST_CASE(pagination_totals_are_exact_for_the_filter) {
    auto t = new_tenant(unique("paging"));
    for (int i = 0; i < 7; ++i) post(t, "/Users", user_body("p" + std::to_string(i) + "@x.com"));
    post(t, "/Users", user_body("other@y.com"));
    std::vector<std::string> seen;
    for (int start = 1; start <= 7; start += 3) {
        auto page = get(t, "/Users?filter=" + url_encode("userName ew \"@x.com\"") + "&sortBy=userName&startIndex=" +
                               std::to_string(start) + "&count=3");
        BOOST_TEST(page.json["totalResults"].asInt() == 7);
        BOOST_TEST(page.json["startIndex"].asInt() == start);
        BOOST_TEST(page.json["itemsPerPage"].asInt() == static_cast<int>(page.json["Resources"].size()));
        for (const auto& r : page.json["Resources"]) seen.push_back(r["userName"].asString());
    }
    BOOST_TEST(seen == (std::vector<std::string>{"p0@x.com", "p1@x.com", "p2@x.com", "p3@x.com", "p4@x.com", "p5@x.com",
                                                 "p6@x.com"}),
               boost::test_tools::per_element());
    auto only_total = get(t, "/Users?count=0&filter=" + url_encode("userName ew \"@x.com\""));
    BOOST_TEST(only_total.json["totalResults"].asInt() == 7);
    BOOST_TEST(only_total.json["Resources"].size() == 0u);
}

BOOST_AUTO_TEST_CASE(projection_on_get_list_post_and_put) {
    Directory d;
    const auto& t = d.tenant;
    auto only = get(t, "/Users/" + d.bjensen + "?attributes=userName,name.givenName");
    BOOST_TEST(only.status == 200);
    BOOST_TEST(only.json["id"].asString() == d.bjensen);  // returned: always
    BOOST_TEST(only.json.isMember("schemas"));
    BOOST_TEST(only.json["userName"].asString() == "bjensen@example.com");
    BOOST_TEST(only.json["name"]["givenName"].asString() == "Barbara");
    BOOST_TEST(!only.json["name"].isMember("familyName"));
    BOOST_TEST(!only.json.isMember("emails"));
    BOOST_TEST(!only.json.isMember("title"));

    auto without = get(t, "/Users/" + d.bjensen + "?excludedAttributes=emails,name.familyName,id");
    BOOST_TEST(!without.json.isMember("emails"));
    BOOST_TEST(!without.json["name"].isMember("familyName"));
    BOOST_TEST(without.json["name"]["givenName"].asString() == "Barbara");
    BOOST_TEST(without.json["id"].asString() == d.bjensen);  // cannot be excluded
    BOOST_TEST(without.json.isMember("title"));

    auto enterprise = get(t, "/Users/" + d.bjensen +
                                 "?attributes=urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber");
    BOOST_TEST(enterprise.json["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]["employeeNumber"].asString() ==
               "701984");
    BOOST_TEST(!enterprise.json["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"].isMember("department"));
    BOOST_TEST(!enterprise.json.isMember("userName"));

    auto list = get(t, "/Users?attributes=userName");
    for (const auto& r : list.json["Resources"]) {
        BOOST_TEST(r.isMember("id"));
        BOOST_TEST(r.isMember("userName"));
        BOOST_TEST(!r.isMember("name"));
    }
    auto created = request("POST", t.base_url + "/Users?attributes=userName", t.token,
                           user_json(unique("proj") + "@x.com", R"("title":"Boss")"), {"Content-Type: application/scim+json"});
    BOOST_TEST(created.status == 201);
    BOOST_TEST(!created.json.isMember("title"));
    BOOST_TEST(created.json.isMember("userName"));
    check_scim_error(get(t, "/Users?attributes=shoeSize"), 400, "invalidValue");
}

BOOST_AUTO_TEST_CASE(post_search_matches_get_with_the_same_parameters) {
    Directory d;
    const auto& t = d.tenant;
    std::string body = R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
        "attributes":["displayName","userName"],"filter":"userType eq \"Employee\"","sortBy":"userName",
        "sortOrder":"descending","startIndex":1,"count":10})";
    auto searched = post(t, "/Users/.search", body);
    BOOST_TEST_REQUIRE(searched.status == 200, searched.body);
    auto got = get(t, "/Users?attributes=displayName,userName&filter=" + url_encode("userType eq \"Employee\"") +
                          "&sortBy=userName&sortOrder=descending&startIndex=1&count=10");
    BOOST_TEST(searched.json == got.json);
    BOOST_TEST(searched.json["totalResults"].asInt() == 2);
    BOOST_TEST(searched.json["Resources"][0]["id"].asString() == d.ojones);
    auto root = post(t, "/.search", body);
    BOOST_TEST(root.status == 200);
    BOOST_TEST(root.json["totalResults"].asInt() == 2);
    check_scim_error(post(t, "/Users/.search", R"({"filter":"userName pr"})"), 400, "invalidSyntax");
    check_scim_error(post(t, "/Users/.search", R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"count":"ten"})"),
                     400, "invalidValue");
    auto wrong_method = get(t, "/Users/.search");
    check_scim_error(wrong_method, 405);
}

BOOST_AUTO_TEST_CASE(filters_never_reach_another_organisation) {
    auto a = new_tenant(unique("scopeA"));
    auto b = new_tenant(unique("scopeB"));
    auto in_a = post(a, "/Users", user_body("shared@acme.com")).json["id"].asString();
    post(b, "/Users", user_body("shared@acme.com"));
    for (std::string filter : std::vector<std::string>{"userName eq \"shared@acme.com\"", "userName pr", "id eq \"" + in_a + "\"",
                               "userName pr or not (userName pr)", "meta.created gt \"2000-01-01T00:00:00Z\""}) {
        auto result = filtered(b, filter);
        BOOST_TEST(result.status == 200);
        BOOST_TEST(ids_of(result).count(in_a) == 0u, filter);
    }
    BOOST_TEST(filtered(b, "userName pr or not (userName pr)").json["totalResults"].asInt() == 1);
}

// The SQL translation and the in-memory evaluator are two back-ends of one AST: on random
// data and random filters they must select exactly the same users.
BOOST_AUTO_TEST_CASE(sql_and_evaluator_agree_on_random_filters) {
    auto t = new_tenant(unique("diff"));
    std::mt19937 rng(20261129);
    auto pick = [&](const std::vector<std::string>& options) { return options[rng() % options.size()]; };
    const std::vector<std::string> given = {"Ann", "ann", "Bob", "BOB", "Cy", "Dee", "Ed", "émile"};
    const std::vector<std::string> family = {"Smith", "smith", "Jones", "O'Hara", "Lee", "Li", "de la Cruz"};
    const std::vector<std::string> domains = {"Example.com", "example.org", "foo.COM", "x.io"};
    const std::vector<std::string> types = {"work", "home", "other", "Work"};
    const std::vector<std::string> titles = {"Engineer", "engineer", "Manager", "", "CTO"};
    for (int i = 0; i < 60; ++i) {
        std::string extra = R"("name":{"givenName":")" + pick(given) + R"(","familyName":")" + pick(family) + "\"}";
        extra += R"(,"active":)" + std::string(rng() % 3 ? "true" : "false");
        if (rng() % 2) extra += R"(,"title":")" + pick(titles) + "\"";
        if (rng() % 3) extra += R"(,"externalId":"ext-)" + std::to_string(rng() % 20) + (rng() % 2 ? "A" : "a") + "\"";
        int emails = static_cast<int>(rng() % 4);
        if (emails > 0) {
            extra += R"(,"emails":[)";
            for (int e = 0; e < emails; ++e) {
                extra += std::string(e ? "," : "") + R"({"value":")" + pick(given) + std::to_string(rng() % 5) + "@" +
                         pick(domains) + R"(","type":")" + pick(types) + "\"" + (e == 0 && rng() % 2 ? R"(,"primary":true)" : "") +
                         "}";
            }
            extra += "]";
        }
        if (rng() % 2) {
            extra += R"(,"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":")" +
                     std::to_string(rng() % 50) + R"(","department":")" + pick(titles) + "\"}";
        }
        std::string user_name = pick(given) + std::to_string(i) + "@" + pick(domains);
        BOOST_TEST_REQUIRE(post(t, "/Users", user_json(user_name, extra)).status == 201);
    }
    auto all = get(t, "/Users?count=1000");
    BOOST_TEST_REQUIRE(all.json["totalResults"].asInt() == 60);
    const auto registry = scim::schema::Registry::standard();
    const auto& type = *registry.resource_type("User");

    const std::vector<std::string> string_paths = {
        "userName", "name.givenName", "name.familyName", "title", "externalId", "emails.value", "emails.type",
        "emails", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department"};
    const std::vector<std::string> ops = {"eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le"};
    const std::vector<std::string> fragments = {"ann", "ANN", "bob", "Smith", "smith", "example", ".com", "ext-1", "EXT-1a",
                                                "engineer", "Work", "1", "", "o'h", "Li", "l", "é"};
    std::function<std::string(int)> random_filter = [&](int depth) -> std::string {
        int kind = static_cast<int>(rng() % (depth > 2 ? 5 : 9));
        switch (kind) {
            case 0:
            case 1:
            case 2:
                return pick(string_paths) + " " + pick(ops) + " \"" + pick(fragments) + "\"";
            case 3:
                return pick(string_paths) + " pr";
            case 4:
                return std::string("active eq ") + (rng() % 2 ? "true" : "false");
            case 5:
                return random_filter(depth + 1) + " and " + random_filter(depth + 1);
            case 6:
                return random_filter(depth + 1) + " or " + random_filter(depth + 1);
            case 7:
                return "not (" + random_filter(depth + 1) + ")";
            default:
                return "emails[type " + pick(ops) + " \"" + pick(types) + "\" " + (rng() % 2 ? "and" : "or") + " value " +
                       pick(ops) + " \"" + pick(fragments) + "\"]";
        }
    };
    int checked = 0, non_trivial = 0;
    for (int i = 0; i < 1500; ++i) {
        std::string filter = random_filter(0);
        std::set<std::string> expected;
        auto ast = scim::filter::parse_filter(filter, registry, type);
        for (const auto& user : all.json["Resources"]) {
            if (scim::filter::matches(*ast, user)) expected.insert(user["id"].asString());
        }
        auto result = filtered(t, filter);
        BOOST_TEST_REQUIRE(result.status == 200, filter << " → " << result.body);
        BOOST_TEST(ids_of(result) == expected, "filter: " << filter);
        BOOST_TEST(result.json["totalResults"].asInt() == static_cast<int>(expected.size()));
        ++checked;
        if (!expected.empty() && expected.size() < 60) ++non_trivial;
    }
    BOOST_TEST(checked == 1500);
    // The generator must exercise both outcomes, not only empty or full sets.
    BOOST_TEST(non_trivial > 300);
}

BOOST_AUTO_TEST_SUITE_END()
