// Two organisations with the same userNames, externalIds and group displayNames. Org B's token
// never reads, changes or links org A's resources, through any endpoint or method, and a refusal
// about A's id looks exactly like the refusal about an id that exists nowhere (same status,
// scimType, headers and body, the detail differing only by the id), so B cannot even learn that
// the id exists. B's token on A's URLs is the 401 of an unknown token.
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "stack.h"

using namespace itest;

namespace {

const std::string kUserUrn = "urn:ietf:params:scim:schemas:core:2.0:User";
const std::string kGroupUrn = "urn:ietf:params:scim:schemas:core:2.0:Group";
const std::string kPatchUrn = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const std::string kSearchUrn = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";

std::string random_uuid() {
    static std::mt19937_64 rng(std::random_device{}());
    static constexpr char kHex[] = "0123456789abcdef";
    std::string s = "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx";
    for (char& c : s) {
        if (c == 'x') c = kHex[rng() % 16];
        if (c == 'y') c = kHex[8 + rng() % 4];
    }
    return s;
}

HttpResult send(const Tenant& t, const std::string& method, const std::string& path, const std::string& body,
                std::vector<std::string> headers = {}) {
    if (!body.empty()) headers.push_back("Content-Type: application/scim+json");
    return request(method, t.base_url + path, t.token, body, headers);
}

std::string patch_body(const std::string& operations) {
    return R"({"schemas":[")" + kPatchUrn + R"("],"Operations":)" + operations + "}";
}

std::string search_body(const std::string& filter) {
    Json::Value body;
    body["schemas"].append(kSearchUrn);
    body["filter"] = filter;
    return body.toStyledString();
}

std::string group_body(const std::string& name, const std::vector<std::string>& members) {
    std::string list;
    for (const auto& id : members) list += std::string(list.empty() ? "" : ",") + R"({"value":")" + id + "\"}";
    return R"({"schemas":[")" + kGroupUrn + R"("],"displayName":")" + name + R"(","members":[)" + list + "]}";
}

// The body with every occurrence of `id` replaced by a placeholder.
std::string without(std::string text, const std::string& id) {
    for (auto at = text.find(id); at != std::string::npos; at = text.find(id, at)) text.replace(at, id.size(), "{id}");
    return text;
}

// `cross` (about A's id) and `missing` (about an id that exists nowhere) are the same answer:
// status, headers (but the per-request ones) and body, once each id is replaced by a placeholder.
void check_same_shape(const HttpResult& cross, const std::string& a_id, const HttpResult& missing,
                      const std::string& random_id, const std::string& what) {
    BOOST_TEST_CONTEXT(what) {
        BOOST_TEST(cross.status == missing.status);
        BOOST_TEST(without(cross.body, a_id) == without(missing.body, random_id));
        auto headers = [](const HttpResult& r) {
            auto h = r.headers;
            h.erase("date");
            h.erase("x-request-id");
            // A change both calls made to B's own resource carries B's new version.
            if (r.status < 300) h.erase("etag");
            return h;
        };
        BOOST_TEST((headers(cross) == headers(missing)));
        if (cross.status >= 400) {
            BOOST_TEST(cross.header("etag").empty());
            BOOST_TEST(cross.header("location").empty());
        }
    }
}

// Org A: users and groups B must never see. B has users and groups with the same names.
struct Orgs {
    Tenant a = new_tenant(unique("isoA"));
    Tenant b = new_tenant(unique("isoB"));
    std::vector<std::string> a_users, b_users;  // alice, bob
    std::string a_group, b_group, a_outer, b_outer;
    Json::Value a_user_before, a_group_before, a_outer_before;
    std::string a_etag;

    static std::string user(const std::string& name, const std::string& ext, const std::string& marker) {
        return R"({"schemas":[")" + kUserUrn + R"("],"userName":")" + name + R"(","externalId":")" + ext +
               R"(","title":")" + marker + R"(","emails":[{"value":")" + name + R"(","primary":true}]})";
    }

    Orgs() {
        for (auto [t, users, marker] : {std::tuple{&a, &a_users, "only-in-A"}, std::tuple{&b, &b_users, "only-in-B"}}) {
            for (std::string who : std::vector<std::string>{"alice", "bob"}) {
                auto created = post(*t, "/Users", user(who + "@acme.com", "ext-" + who, marker));
                BOOST_REQUIRE_MESSAGE(created.status == 201, created.body);
                users->push_back(created.json["id"].asString());
            }
        }
        auto ga = post(a, "/Groups", group_body("Engineering", a_users));
        auto gb = post(b, "/Groups", group_body("Engineering", b_users));
        BOOST_REQUIRE_MESSAGE(ga.status == 201 && gb.status == 201, ga.body + gb.body);
        a_group = ga.json["id"].asString();
        b_group = gb.json["id"].asString();
        auto oa = post(a, "/Groups", group_body("Everyone", {a_group}));
        auto ob = post(b, "/Groups", group_body("Everyone", {b_group}));
        BOOST_REQUIRE_MESSAGE(oa.status == 201 && ob.status == 201, oa.body + ob.body);
        a_outer = oa.json["id"].asString();
        b_outer = ob.json["id"].asString();
        auto fetched = get(a, "/Users/" + a_users[0]);
        a_user_before = fetched.json;
        a_etag = fetched.header("etag");
        a_group_before = get(a, "/Groups/" + a_group).json;
        a_outer_before = get(a, "/Groups/" + a_outer).json;
    }

    // Nothing of A's changed.
    void check_a_untouched() const {
        BOOST_TEST(get(a, "/Users/" + a_users[0]).json == a_user_before);
        BOOST_TEST(get(a, "/Users/" + a_users[1]).status == 200);
        BOOST_TEST(get(a, "/Groups/" + a_group).json == a_group_before);
        BOOST_TEST(get(a, "/Groups/" + a_outer).json == a_outer_before);
        BOOST_TEST(get(a, "/Users?count=0").json["totalResults"].asInt() == 2);
        BOOST_TEST(get(a, "/Groups?count=0").json["totalResults"].asInt() == 2);
    }

    // No trace of A in a body B received.
    void check_no_a_data(const HttpResult& r, const std::string& what, const std::string& echoed = "") const {
        std::string body = echoed.empty() ? r.body : without(r.body, echoed);
        BOOST_TEST_CONTEXT(what) {
            BOOST_TEST(body.find("only-in-A") == std::string::npos, body.substr(0, 300));
            for (const auto& id : {a_users[0], a_users[1], a_group, a_outer}) {
                BOOST_TEST(body.find(id) == std::string::npos, "A's id " << id << " in " << body.substr(0, 300));
            }
        }
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(isolation_test)

BOOST_AUTO_TEST_CASE(b_reading_and_writing_a_resources_by_id_looks_like_a_missing_id) {
    Orgs o;
    const auto& b = o.b;
    const std::string rnd = random_uuid();
    const std::string user_put = Orgs::user("carol@acme.com", "ext-carol", "only-in-B");
    const std::string user_put_taken = Orgs::user("alice@acme.com", "ext-alice", "only-in-B");  // B's own alice
    const std::string group_put = group_body("Engineering", o.b_users);
    const std::string user_ops = patch_body(R"([{"op":"replace","path":"title","value":"pwned"}])");
    const std::string user_rename = patch_body(R"([{"op":"replace","path":"userName","value":"bob@acme.com"}])");
    const std::string group_ops = patch_body(R"([{"op":"replace","path":"displayName","value":"pwned"}])");
    const std::string group_add = patch_body(R"([{"op":"add","path":"members","value":[{"value":")" + o.b_users[0] + R"("}]}])");
    const std::string group_remove_all = patch_body(R"([{"op":"remove","path":"members"}])");

    struct Probe {
        std::string method, path_prefix, suffix, body;
        std::vector<std::string> headers;
    };
    const std::vector<std::pair<std::string, std::vector<Probe>>> targets = {
        {o.a_users[0],
         {{"GET", "/Users/", "", "", {}},
          {"GET", "/Users/", "?attributes=userName", "", {}},
          {"GET", "/Users/", "?excludedAttributes=emails", "", {}},
          {"GET", "/Users/", "", "", {"If-None-Match: " + o.a_etag}},
          {"PUT", "/Users/", "", user_put, {}},
          {"PUT", "/Users/", "", user_put_taken, {}},
          {"PUT", "/Users/", "", user_put, {"If-Match: " + o.a_etag}},
          {"PATCH", "/Users/", "", user_ops, {}},
          {"PATCH", "/Users/", "", user_rename, {}},
          {"PATCH", "/Users/", "", user_ops, {"If-Match: " + o.a_etag}},
          {"DELETE", "/Users/", "", "", {"If-Match: " + o.a_etag}},
          {"DELETE", "/Users/", "", "", {}},
          // A user's id on the Groups endpoint is no group of B's either.
          {"GET", "/Groups/", "", "", {}}}},
        {o.a_group,
         {{"GET", "/Groups/", "", "", {}},
          {"GET", "/Groups/", "?attributes=members", "", {}},
          {"PUT", "/Groups/", "", group_put, {}},
          {"PATCH", "/Groups/", "", group_ops, {}},
          {"PATCH", "/Groups/", "", group_add, {}},
          {"PATCH", "/Groups/", "", group_remove_all, {}},
          {"DELETE", "/Groups/", "", "", {}},
          {"GET", "/Users/", "", "", {}}}},
    };
    for (const auto& [a_id, probes] : targets) {
        for (const auto& p : probes) {
            auto cross = send(b, p.method, p.path_prefix + a_id + p.suffix, p.body, p.headers);
            auto missing = send(b, p.method, p.path_prefix + rnd + p.suffix, p.body, p.headers);
            std::string what = p.method + " " + p.path_prefix + "{A's id}" + p.suffix +
                               (p.headers.empty() ? "" : " " + p.headers[0]);
            BOOST_TEST_CONTEXT(what) { check_scim_error(cross, 404); }
            check_same_shape(cross, a_id, missing, rnd, what);
            o.check_no_a_data(cross, what, a_id);
        }
    }
    o.check_a_untouched();
    // B's own resources did not change either.
    BOOST_TEST(get(b, "/Users/" + o.b_users[0]).json["title"].asString() == "only-in-B");
    BOOST_TEST(get(b, "/Groups/" + o.b_group).json["displayName"].asString() == "Engineering");
}

BOOST_AUTO_TEST_CASE(b_lists_and_searches_never_show_a_resources) {
    Orgs o;
    const auto& b = o.b;
    const std::string rnd = random_uuid();

    // Filters naming A's ids: the same (empty) answer as for an id that exists nowhere.
    const std::vector<std::pair<std::string, std::string>> by_id = {
        {"/Users", "id eq \"{id}\""},
        {"/Users", "groups.value eq \"{id}\""},
        {"/Users", "groups[value eq \"{id}\"]"},
        {"/Users", "id eq \"{id}\" or userName eq \"nobody\""},
        {"/Users", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq \"{id}\""},
        {"/Groups", "id eq \"{id}\""},
        {"/Groups", "members.value eq \"{id}\""},
        {"/Groups", "members[value eq \"{id}\"]"},
    };
    auto fill = [](std::string filter, const std::string& id) {
        auto at = filter.find("{id}");
        return filter.replace(at, 4, id);
    };
    for (const auto& [resource, filter] : by_id) {
        for (const auto& a_id : {o.a_users[0], o.a_group, o.a_outer}) {
            const std::string what = resource + " filter " + filter;
            auto cross = get(b, resource + "?filter=" + url_encode(fill(filter, a_id)));
            auto missing = get(b, resource + "?filter=" + url_encode(fill(filter, rnd)));
            BOOST_TEST(cross.status == 200, what << ": " << cross.body);
            BOOST_TEST(cross.json["totalResults"].asInt() == 0, what);
            check_same_shape(cross, a_id, missing, rnd, "GET " + what);
            for (std::string search : std::vector<std::string>{resource + "/.search", std::string("/.search")}) {
                auto searched = post(b, search, search_body(fill(filter, a_id)));
                auto searched_missing = post(b, search, search_body(fill(filter, rnd)));
                // The root search spans resource types; a filter on one type's attribute may be
                // refused there (invalidFilter) — alike for both ids.
                if (search == "/.search" && searched.status == 400) {
                    check_scim_error(searched, 400, "invalidFilter");
                } else {
                    BOOST_TEST(searched.status == 200, search << " " << what << ": " << searched.body);
                    BOOST_TEST(searched.json["totalResults"].asInt() == 0, search << " " << what);
                }
                check_same_shape(searched, a_id, searched_missing, rnd, "POST " + search + " " + what);
            }
        }
    }

    // Filters on values both organisations share find only B's resources.
    const std::vector<std::tuple<std::string, std::string, std::set<std::string>>> shared = {
        {"/Users", "userName eq \"alice@acme.com\"", {o.b_users[0]}},
        {"/Users", "userName sw \"ALICE\"", {o.b_users[0]}},
        {"/Users", "externalId eq \"ext-bob\"", {o.b_users[1]}},
        {"/Users", "emails.value co \"@acme.com\"", {o.b_users[0], o.b_users[1]}},
        {"/Users", "emails[value eq \"alice@acme.com\" and primary eq true]", {o.b_users[0]}},
        {"/Users", "userName pr", {o.b_users[0], o.b_users[1]}},
        {"/Users", "userName pr or not (userName pr)", {o.b_users[0], o.b_users[1]}},
        {"/Users", "meta.created gt \"2000-01-01T00:00:00Z\"", {o.b_users[0], o.b_users[1]}},
        {"/Users", "groups.display eq \"Engineering\"", {o.b_users[0], o.b_users[1]}},
        {"/Groups", "displayName eq \"Engineering\"", {o.b_group}},
        {"/Groups", "displayName pr", {o.b_group, o.b_outer}},
        {"/Groups", "members.value pr", {o.b_group, o.b_outer}},
        {"/Groups", "members.display eq \"alice@acme.com\"", {o.b_group}},
    };
    auto ids = [](const HttpResult& r) {
        std::set<std::string> out;
        for (const auto& res : r.json["Resources"]) out.insert(res["id"].asString());
        return out;
    };
    for (const auto& [resource, filter, want] : shared) {
        auto listed = get(b, resource + "?count=1000&filter=" + url_encode(filter));
        if (listed.status == 400) {
            // A filter the server does not support (e.g. on display): refused alike, no leak.
            check_scim_error(listed, 400, "invalidFilter");
        } else {
            BOOST_TEST(listed.status == 200, filter << ": " << listed.body);
            BOOST_TEST((ids(listed) == want), resource << " " << filter);
            BOOST_TEST(listed.json["totalResults"].asInt() == static_cast<int>(want.size()), filter);
        }
        o.check_no_a_data(listed, "GET " + resource + " " + filter);
        auto searched = post(b, resource + "/.search", search_body(filter));
        BOOST_TEST(searched.status == listed.status, filter << ": " << searched.body);
        if (searched.status == 200) BOOST_TEST((ids(searched) == want), resource << "/.search " << filter);
        o.check_no_a_data(searched, "POST " + resource + "/.search " + filter);
        // The root search spans both resource types: whatever it returns is B's.
        auto root = post(b, "/.search", search_body(filter));
        BOOST_TEST((root.status == 200 || root.status == 400), filter << ": " << root.body);
        if (root.status == 400) check_scim_error(root, 400, "invalidFilter");
        o.check_no_a_data(root, "POST /.search " + filter);
    }

    // Unfiltered lists, the root search, sorting and projections of members and groups.
    for (std::string path : std::vector<std::string>{"/Users?count=1000", "/Groups?count=1000", "/Users?sortBy=userName&count=1000",
                             "/Groups?attributes=members", "/Users?attributes=groups", "/Users/" + o.b_users[0],
                             "/Groups/" + o.b_group, "/Groups/" + o.b_outer}) {
        auto listed = get(b, path);
        BOOST_TEST(listed.status == 200, path << ": " << listed.body);
        o.check_no_a_data(listed, "GET " + path);
    }
    BOOST_TEST(get(b, "/Users?count=0").json["totalResults"].asInt() == 2);
    BOOST_TEST(get(b, "/Groups?count=0").json["totalResults"].asInt() == 2);
    auto root = post(b, "/.search", search_body("meta.created pr"));
    BOOST_TEST(root.json["totalResults"].asInt() == 4);
    o.check_no_a_data(root, "POST /.search meta.created pr");
    auto alice = get(b, "/Users/" + o.b_users[0]).json;
    std::set<std::string> groups_of_alice;
    for (const auto& g : alice["groups"]) groups_of_alice.insert(g["value"].asString());
    BOOST_TEST((groups_of_alice == std::set<std::string>{o.b_group, o.b_outer}));
    o.check_a_untouched();
}

// Linking A's resources into B's groups: the same 400 as linking an id that exists nowhere
// (RFC 7644 §3.12 invalidValue), and B's group does not change.
BOOST_AUTO_TEST_CASE(b_cannot_link_a_resources_into_its_groups) {
    Orgs o;
    const auto& b = o.b;
    const std::string rnd = random_uuid();
    auto b_group_before = get(b, "/Groups/" + o.b_group).json;

    const std::vector<std::pair<std::string, std::string>> a_ids = {{"user", o.a_users[0]}, {"group", o.a_group}};
    for (const auto& [kind, a_id] : a_ids) {
        struct Probe {
            std::string what, method, path, body;
        };
        auto probes = [&](const std::string& id) {
            return std::vector<Probe>{
                {"PATCH add (Okta)", "PATCH", "/Groups/" + o.b_group,
                 patch_body(R"([{"op":"add","path":"members","value":[{"value":")" + id + R"("}]}])")},
                {"PATCH Add (Entra)", "PATCH", "/Groups/" + o.b_group,
                 patch_body(R"([{"op":"Add","path":"members","value":[{"$ref":null,"value":")" + id + R"("}]}])")},
                {"PATCH add with a member of B", "PATCH", "/Groups/" + o.b_group,
                 patch_body(R"([{"op":"add","path":"members","value":[{"value":")" + o.b_users[1] + R"("},{"value":")" + id +
                            R"("}]}])")},
                {"PATCH replace members", "PATCH", "/Groups/" + o.b_group,
                 patch_body(R"([{"op":"replace","path":"members","value":[{"value":")" + id + R"("}]}])")},
                {"PATCH path-less add", "PATCH", "/Groups/" + o.b_group,
                 patch_body(R"([{"op":"add","value":{"members":[{"value":")" + id + R"("}]}}])")},
                {"PATCH remove by filter", "PATCH", "/Groups/" + o.b_group,
                 patch_body(R"([{"op":"remove","path":"members[value eq \")" + id + R"(\"]"}])")},
                {"PATCH remove by value (Entra)", "PATCH", "/Groups/" + o.b_group,
                 patch_body(R"([{"op":"Remove","path":"members","value":[{"value":")" + id + R"("}]}])")},
                {"PUT with A's member", "PUT", "/Groups/" + o.b_group, group_body("Engineering", {o.b_users[0], id})},
                {"POST with A's member", "POST", "/Groups", group_body("Stolen", {id})},
                {"PATCH user manager", "PATCH", "/Users/" + o.b_users[0],
                 patch_body(R"([{"op":"replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":")" +
                            id + R"("}])")},
            };
        };
        auto cross_probes = probes(a_id);
        auto missing_probes = probes(rnd);
        for (std::size_t i = 0; i < cross_probes.size(); ++i) {
            const auto& p = cross_probes[i];
            const auto& m = missing_probes[i];
            // Manager changes alter B's user; restore between the two calls so both start equal.
            auto cross = send(b, p.method, p.path, p.body);
            if (p.what == "PATCH user manager" && (cross.status == 200 || cross.status == 204)) {
                send(b, "PATCH", p.path,
                     patch_body(R"([{"op":"remove","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager"}])"));
            }
            auto missing = send(b, m.method, m.path, m.body);
            if (p.what == "PATCH user manager" && (missing.status == 200 || missing.status == 204)) {
                send(b, "PATCH", p.path,
                     patch_body(R"([{"op":"remove","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager"}])"));
            }
            const std::string what = p.what + " of A's " + kind;
            if (p.what.rfind("PATCH remove", 0) != 0 && p.what != "PATCH user manager") {
                BOOST_TEST_CONTEXT(what) { check_scim_error(cross, 400, "invalidValue"); }
            }
            check_same_shape(cross, a_id, missing, rnd, what);
            o.check_no_a_data(cross, what, a_id);
            BOOST_TEST(get(b, "/Groups/" + o.b_group).json == b_group_before, what);
        }
    }
    BOOST_TEST(get(b, "/Groups?count=0").json["totalResults"].asInt() == 2);
    o.check_a_untouched();
}

// A token opens its own organisation only: B's token on any of A's URLs, with any method, gets
// exactly what an unknown token gets (README: 401, WWW-Authenticate: Bearer, same body).
BOOST_AUTO_TEST_CASE(b_token_on_a_urls_is_the_401_of_an_unknown_token) {
    Orgs o;
    const std::string unknown_token = "scim_" + std::string(43, 'Q');
    const std::vector<std::tuple<std::string, std::string, std::string>> calls = {
        {"GET", "/Users", ""},
        {"GET", "/Users?filter=" + url_encode("userName eq \"alice@acme.com\""), ""},
        {"GET", "/Users/" + o.a_users[0], ""},
        {"GET", "/Users/" + o.b_users[0], ""},
        {"GET", "/Users/" + random_uuid(), ""},
        {"POST", "/Users", Orgs::user("mallory@acme.com", "ext-m", "only-in-B")},
        {"PUT", "/Users/" + o.a_users[0], Orgs::user("alice@acme.com", "ext-alice", "pwned")},
        {"PATCH", "/Users/" + o.a_users[0], patch_body(R"([{"op":"replace","path":"active","value":false}])")},
        {"DELETE", "/Users/" + o.a_users[0], ""},
        {"GET", "/Groups", ""},
        {"GET", "/Groups/" + o.a_group, ""},
        {"POST", "/Groups", group_body("Engineering", {})},
        {"PUT", "/Groups/" + o.a_group, group_body("Engineering", {o.b_users[0]})},
        {"PATCH", "/Groups/" + o.a_group,
         patch_body(R"([{"op":"add","path":"members","value":[{"value":")" + o.b_users[0] + R"("}]}])")},
        {"DELETE", "/Groups/" + o.a_group, ""},
        {"POST", "/.search", search_body("userName pr")},
        {"POST", "/Users/.search", search_body("userName pr")},
        {"POST", "/Groups/.search", search_body("displayName pr")},
        {"GET", "/ServiceProviderConfig", ""},
        {"GET", "/Schemas", ""},
        {"GET", "/Schemas/" + kUserUrn, ""},
        {"GET", "/ResourceTypes", ""},
        {"GET", "/ResourceTypes/User", ""},
    };
    for (const auto& [method, path, body] : calls) {
        const std::string what = method + " " + path;
        std::vector<std::string> headers;
        if (!body.empty()) headers.push_back("Content-Type: application/scim+json");
        auto with_b = request(method, o.a.base_url + path, o.b.token, body, headers);
        auto with_unknown = request(method, o.a.base_url + path, unknown_token, body, headers);
        BOOST_TEST_CONTEXT(what) {
            check_scim_error(with_b, 401);
            BOOST_TEST(with_b.header("www-authenticate").rfind("Bearer", 0) == 0u);
            BOOST_TEST(with_b.body == with_unknown.body);
            BOOST_TEST(with_b.header("www-authenticate") == with_unknown.header("www-authenticate"));
            BOOST_TEST(with_b.header("content-type") == with_unknown.header("content-type"));
            BOOST_TEST(with_b.header("allow") == with_unknown.header("allow"));
        }
        o.check_no_a_data(with_b, what);
        // And A's token on B's URL, symmetrically.
        auto a_on_b = request(method, o.b.base_url + path, o.a.token, body, headers);
        BOOST_TEST_CONTEXT("A on B: " + what) { check_scim_error(a_on_b, 401); }
    }
    o.check_a_untouched();
    BOOST_TEST(get(o.b, "/Users?count=0").json["totalResults"].asInt() == 2);
    BOOST_TEST(get(o.b, "/Groups?count=0").json["totalResults"].asInt() == 2);
}

BOOST_AUTO_TEST_SUITE_END()
