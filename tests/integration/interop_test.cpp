// Interoperability with the identity providers that provision real tenants: the request shapes
// Microsoft Entra ID (and Microsoft's SCIM validator), Okta and OneLogin send, through nginx into
// PostgreSQL. Written from RFC 7643 (schema), RFC 7644 (protocol) and RFC 7232 (conditional
// requests), and from the IdPs' public provisioning documentation, not from the server's code:
//   - filters: value paths with a sub-attribute, unquoted values, case-insensitive names;
//   - projections: `attributes` with value filters and meta sub-attributes;
//   - endpoint spellings IdPs use (lower case, trailing slash, SCIM 1.1 names) and /Me;
//   - group members with `$ref: null`, `display` and Microsoft's `displayName`;
//   - lifecycle: PUT without `active`, remove `active`, membership and versions, If-Match forms;
//   - one end-to-end scenario per IdP.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "scim/schema/schema.h"
#include "stack.h"

using namespace itest;

namespace {

namespace urn = scim::schema::urn;
const std::string kUserUrn(urn::kUser);
const std::string kGroupUrn(urn::kGroup);
const std::string kEnterpriseUrn(urn::kEnterpriseUser);
const std::string kListUrn(urn::kListResponse);

using Ids = std::set<std::string>;

// POSTs a User made of `members` (JSON object members, without braces) and returns the 201 body.
Json::Value create_user(const Tenant& t, const std::string& members) {
    auto created = post(t, "/Users", R"({"schemas":[")" + kUserUrn + R"("],)" + members + "}");
    BOOST_REQUIRE_MESSAGE(created.status == 201, created.body);
    return created.json;
}

// A user with nothing but a unique userName; its id.
std::string plain_user(const Tenant& t, const std::string& prefix) {
    return create_user(t, R"("userName":")" + unique(prefix) + R"(@x.com")")["id"].asString();
}

// POSTs a Group; `members` is the JSON array of members, or empty for none. Its id.
std::string create_group(const Tenant& t, const std::string& display_name, const std::string& members = "") {
    std::string body = R"({"schemas":[")" + kGroupUrn + R"("],"displayName":")" + display_name + "\"" +
                       (members.empty() ? "" : R"(,"members":)" + members) + "}";
    auto created = post(t, "/Groups", body);
    BOOST_REQUIRE_MESSAGE(created.status == 201, created.body);
    return created.json["id"].asString();
}

// A list request must be a 200 ListResponse (RFC 7644 §3.4.2) whose itemsPerPage, when given,
// counts its Resources; when `complete`, the page holds all totalResults of them.
void check_list(const HttpResult& result, const std::string& what, bool complete = true) {
    BOOST_TEST_REQUIRE(result.status == 200, what << ": status " << result.status << " body " << result.body);
    BOOST_TEST(result.json["schemas"][0].asString() == kListUrn, what);
    BOOST_TEST(result.json["totalResults"].isIntegral(), what << ": " << result.body);
    auto on_page = result.json["Resources"].size();
    if (result.json.isMember("itemsPerPage")) {
        BOOST_TEST(result.json["itemsPerPage"].asUInt() == on_page, what << ": " << result.body);
    }
    if (complete) {
        BOOST_TEST(result.json["totalResults"].asUInt() == on_page, what << ": " << result.body);
    } else {
        BOOST_TEST(result.json["totalResults"].asUInt() >= on_page, what << ": " << result.body);
    }
}

std::set<std::string> ids_of(const HttpResult& result) {
    std::set<std::string> ids;
    for (const auto& r : result.json["Resources"]) ids.insert(r["id"].asString());
    return ids;
}

// The ids of the Users that `filter` selects (one page large enough for any test here).
Ids found(const Tenant& t, const std::string& filter, const std::string& extra = "") {
    auto result = get(t, "/Users?count=1000&filter=" + url_encode(filter) + extra);
    check_list(result, "filter " + filter);
    return ids_of(result);
}

std::set<std::string> names_of(const Json::Value& object) {
    std::set<std::string> names;
    for (const auto& name : object.getMemberNames()) names.insert(name);
    return names;
}

std::set<std::string> member_ids(const Json::Value& group) {
    std::set<std::string> ids;
    for (const auto& m : group["members"]) ids.insert(m["value"].asString());
    return ids;
}

std::set<std::string> group_ids(const Json::Value& user) {
    std::set<std::string> ids;
    for (const auto& g : user["groups"]) ids.insert(g["value"].asString());
    return ids;
}

std::set<std::string> email_values(const Json::Value& user) {
    std::set<std::string> values;
    for (const auto& e : user["emails"]) values.insert(e["value"].asString());
    return values;
}

std::string upper(std::string text) {
    for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return text;
}

// An RFC 3339 date-time (RFC 7643 §2.3.5) as microseconds since the epoch, so that timestamps
// with different fraction lengths or offsets compare as instants rather than as strings.
long long to_micros(const std::string& timestamp) {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, consumed = 0;
    int fields = std::sscanf(timestamp.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &year, &month, &day, &hour, &minute, &second,
                             &consumed);
    BOOST_REQUIRE_MESSAGE(fields == 6, "not a date-time: " + timestamp);
    std::size_t pos = static_cast<std::size_t>(consumed);
    long long micros = 0;
    if (pos < timestamp.size() && timestamp[pos] == '.') {
        int digits = 0;
        for (++pos; pos < timestamp.size() && std::isdigit(static_cast<unsigned char>(timestamp[pos])); ++pos) {
            if (digits < 6) {
                micros = micros * 10 + (timestamp[pos] - '0');
                ++digits;
            }
        }
        for (; digits < 6; ++digits) micros *= 10;
    }
    long long offset = 0;
    if (pos < timestamp.size() && (timestamp[pos] == '+' || timestamp[pos] == '-')) {
        int offset_hours = 0, offset_minutes = 0;
        BOOST_REQUIRE(std::sscanf(timestamp.c_str() + pos + 1, "%2d:%2d", &offset_hours, &offset_minutes) == 2);
        offset = (offset_hours * 3600LL + offset_minutes * 60LL) * (timestamp[pos] == '-' ? -1 : 1);
    }
    std::tm tm{};
    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = day;
    tm.tm_hour = hour;
    tm.tm_min = minute;
    tm.tm_sec = second;
    return (static_cast<long long>(timegm(&tm)) - offset) * 1000000LL + micros;
}

// The three member shapes IdPs send (RFC 7643 §4.2 members: value, $ref, display):
// Okta and Entra send "$ref": null; RFC 7643 §8.4 uses "display"; Entra's group
// provisioning and the SCIM validator send "displayName" for the same text.
std::string idp_members(const std::vector<std::string>& users, const std::string& display,
                        const std::string& display_name) {
    return R"([{"value":")" + users[0] + R"(","$ref":null},{"value":")" + users[1] + R"(","display":")" + display +
           R"("},{"value":")" + users[2] + R"(","displayName":")" + display_name + R"("}])";
}

// Three users whose own displayName differs from any text a test sends as a member's display.
std::vector<std::string> three_users(const Tenant& t) {
    std::vector<std::string> users;
    for (int i = 0; i < 3; ++i) {
        users.push_back(create_user(t, R"("userName":")" + unique("member") + R"(@x.com","displayName":"Own Name")")["id"].asString());
    }
    return users;
}

// Reads the group back: exactly these three members, the second and third with the sent text.
void check_idp_members(const Tenant& t, const std::string& group, const std::vector<std::string>& users,
                       const std::string& display, const std::string& display_name) {
    auto fetched = get(t, "/Groups/" + group);
    BOOST_TEST_REQUIRE(fetched.status == 200, fetched.body);
    BOOST_TEST(member_ids(fetched.json) == (Ids{users[0], users[1], users[2]}), fetched.body);
    std::map<std::string, std::string> shown;
    for (const auto& m : fetched.json["members"]) shown[m["value"].asString()] = m["display"].asString();
    BOOST_TEST(shown[users[1]] == display, fetched.body);
    BOOST_TEST(shown[users[2]] == display_name, fetched.body);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(interop_test)

// ---------------------------------------------------------------------------------------------
// Filters (RFC 7644 §3.4.2.2)
// ---------------------------------------------------------------------------------------------

// Entra ID matches users on `emails[type eq "work"].value eq "..."`: a value path followed by a
// sub-attribute. It must mean the same as the RFC's `emails[type eq "work" and value eq "..."]`:
// one e-mail that is both of type work and has that value. emails.value is caseExact=false
// (RFC 7643 §4.1.2), so the comparison ignores case.
BOOST_AUTO_TEST_CASE(value_path_with_sub_attribute_matches_like_the_bracketed_filter) {
    const auto& t = demo_tenant();
    std::string address = unique("Work.Person") + "@Acme.com";
    std::string match = create_user(t, R"("userName":")" + unique("vp") + R"(@x.com","emails":[{"value":")" + address +
                                           R"(","type":"work"},{"value":"vp-home@x.com","type":"home"}])")["id"].asString();
    // Has the address, but only as type home (and another work address).
    std::string home_only = create_user(t, R"("userName":")" + unique("vp") + R"(@x.com","emails":[{"value":")" + address +
                                               R"(","type":"home"},{"value":")" + unique("w") + R"(@acme.com","type":"work"}])")["id"].asString();
    // Its only work address merely contains the address.
    std::string other_work = create_user(t, R"("userName":")" + unique("vp") + R"(@x.com","emails":[{"value":"other.)" +
                                                address + R"(","type":"work"}])")["id"].asString();
    BOOST_TEST(found(t, R"(emails[type eq "work"].value eq ")" + address + "\"") == Ids{match});
    BOOST_TEST(found(t, R"(emails[type eq "work" and value eq ")" + address + "\"]") == Ids{match});
    // Case-insensitively, in both forms.
    BOOST_TEST(found(t, R"(emails[type eq "work"].value eq ")" + upper(address) + "\"") == Ids{match});
    BOOST_TEST(found(t, R"(emails[type eq "work" and value eq ")" + upper(address) + "\"]") == Ids{match});
    // The address alone (any type) finds both users that have it, and a looser work filter
    // finds the one whose work address only contains it: each user is selectable.
    BOOST_TEST(found(t, R"(emails.value eq ")" + address + "\"") == (Ids{match, home_only}));
    BOOST_TEST(found(t, R"(emails[type eq "work" and value co ")" + address + "\"]") == (Ids{match, other_work}));
}

// Microsoft's SCIM validator (and clients modelled on it) sends comparison values without
// quotes: strings, .NET date-times with seven fraction digits and an offset, and True/False in
// any case.
// A bare value takes the type of the attribute it is compared with (RFC 7644 §3.4.2.2: the
// comparison follows the attribute's type), so an all-digit externalId is the string "12345",
// compared as a string.
BOOST_AUTO_TEST_CASE(unquoted_values_as_idps_send_them) {
    auto t = new_tenant(unique("bare"));  // filters here select from the whole organisation
    std::string prefix = unique("bare");
    std::string guid = "b5a1e4c2-7f3d-4e8a-9c6b-2d1f0a9e8c7b";
    std::string a = create_user(t, R"("userName":")" + prefix + R"(a@x.com","externalId":")" + guid +
                                       R"(","name":{"familyName":"Lindqvist"},"active":true)")["id"].asString();
    std::string b = create_user(t, R"("userName":")" + prefix + R"(b@x.com","externalId":"12345",
                                       "name":{"familyName":"Okafor"},"active":false)")["id"].asString();
    std::string c = create_user(t, R"("userName":"someone@x.com","externalId":"012345","active":true)")["id"].asString();

    BOOST_TEST(found(t, "externalId eq " + guid) == Ids{a});
    BOOST_TEST(found(t, "userName sw " + prefix) == (Ids{a, b}));
    BOOST_TEST(found(t, "name.familyName eq Lindqvist") == Ids{a});
    BOOST_TEST(found(t, "meta.created gt 2015-10-10T14:38:21.8617979-07:00") == (Ids{a, b, c}));
    BOOST_TEST(found(t, "meta.created lt 2015-10-10T14:38:21.8617979-07:00").empty());
    BOOST_TEST(found(t, "active eq True") == (Ids{a, c}));
    BOOST_TEST(found(t, "active eq FALSE") == Ids{b});
    BOOST_TEST(found(t, "externalId eq 12345") == Ids{b});
}

// A date-time outside what the server can represent is the client's error, reported as
// invalidFilter (RFC 7644 §3.12, Table 9), never a 500.
BOOST_AUTO_TEST_CASE(year_zero_date_time_in_a_filter_is_invalid_filter) {
    const auto& t = demo_tenant();
    auto result = get(t, "/Users?filter=" + url_encode(R"(meta.created gt "0000-01-01T00:00:00Z")"));
    check_scim_error(result, 400, "invalidFilter");
}

// RFC 7643 §2.1: attribute names are case-insensitive, wherever they appear (RFC 7644 §3.10):
// in filters, sortBy, attributes and PATCH paths. Entra ID and the validator send them with
// varying case (e.g. "name.FamilyName", "emails.Value").
BOOST_AUTO_TEST_CASE(attribute_names_are_case_insensitive_everywhere) {
    const auto& t = demo_tenant();
    std::string prefix = unique("case");
    std::string family = unique("Fam");
    auto make = [&](const std::string& letter) {
        return create_user(t, R"("userName":")" + prefix + letter + R"(@x.com","name":{"givenName":"Given","familyName":")" +
                                  family + letter + R"("},"emails":[{"value":")" + prefix + letter + R"(@acme.com","type":"work"}])")["id"]
            .asString();
    };
    std::string c = make("c"), a = make("a"), b = make("b");
    std::string scope = R"( and userName sw ")" + prefix + "\"";

    BOOST_TEST(found(t, R"(name.FamilyName eq ")" + family + "a\"") == Ids{a});
    BOOST_TEST(found(t, R"(emails.Value eq ")" + prefix + "b@acme.com\"") == Ids{b});
    BOOST_TEST(found(t, R"(meta.Created gt "2011-05-13T04:42:34Z")" + scope) == (Ids{a, b, c}));
    BOOST_TEST(found(t, R"(meta.Created lt "2011-05-13T04:42:34Z")" + scope).empty());

    for (std::string sort_by : {"name.familyName", "Name.FamilyName"}) {
        auto sorted = get(t, "/Users?sortBy=" + sort_by + "&filter=" + url_encode("userName sw \"" + prefix + "\""));
        check_list(sorted, "sortBy " + sort_by);
        std::vector<std::string> order;
        for (const auto& r : sorted.json["Resources"]) order.push_back(r["id"].asString());
        BOOST_TEST(order == (std::vector<std::string>{a, b, c}), boost::test_tools::per_element());
    }

    auto projected = get(t, "/Users/" + a + "?attributes=" + url_encode("Emails,Name.FamilyName"));
    BOOST_TEST_REQUIRE(projected.status == 200, projected.body);
    BOOST_TEST(names_of(projected.json) == (std::set<std::string>{"id", "schemas", "emails", "name"}), projected.body);
    BOOST_TEST(names_of(projected.json["name"]) == std::set<std::string>{"familyName"}, projected.body);
    BOOST_TEST(projected.json["name"]["familyName"].asString() == family + "a");
    BOOST_TEST(projected.json["emails"][0]["value"].asString() == prefix + "a@acme.com");

    auto patched = patch(t, "/Users/" + a, R"([{"op":"replace","path":"Name.GivenName","value":"Renamed"}])");
    BOOST_TEST(patched.status == 204, patched.body);
    auto after = get(t, "/Users/" + a);
    BOOST_TEST(after.status == 200);
    BOOST_TEST(after.json["name"]["givenName"].asString() == "Renamed");
    BOOST_TEST(after.json["name"]["familyName"].asString() == family + "a");
}

// id is caseExact (RFC 7643 §3.1, and its schema in §8.7.1): another case of a real id selects
// nothing, and is not an error.
BOOST_AUTO_TEST_CASE(id_is_case_exact_in_filters) {
    const auto& t = demo_tenant();
    std::string id = plain_user(t, "idcase");
    BOOST_TEST_REQUIRE(upper(id) != id);  // a UUID with no hex letter is vanishingly unlikely
    auto other_case = get(t, "/Users?filter=" + url_encode("id eq \"" + upper(id) + "\""));
    check_list(other_case, "upper-cased id");
    BOOST_TEST(other_case.json["totalResults"].asInt() == 0);
    BOOST_TEST(found(t, "id eq \"" + id + "\"") == Ids{id});
}

// ---------------------------------------------------------------------------------------------
// Projections (RFC 7644 §3.4.2.5, §3.10)
// ---------------------------------------------------------------------------------------------

// Entra ID's attribute mappings address e-mails as `emails[type eq "work"]`; a client asking
// for that as `attributes` gets the multi-valued attribute with only the values the filter
// selects (RFC 7644 §3.10 allows value paths in attribute names).
BOOST_AUTO_TEST_CASE(attributes_with_a_value_filter_return_only_the_matching_values) {
    const auto& t = demo_tenant();
    std::string name = unique("proj") + "@x.com";
    std::string w1 = unique("w1") + "@acme.com", w2 = unique("w2") + "@acme.com", h1 = unique("h1") + "@home.org";
    std::string id = create_user(t, R"("userName":")" + name + R"(","title":"Hidden","emails":[{"value":")" + w1 +
                                        R"(","type":"work","primary":true},{"value":")" + h1 + R"(","type":"home"},{"value":")" +
                                        w2 + R"(","type":"work"}])")["id"].asString();

    auto work = get(t, "/Users/" + id + "?attributes=" + url_encode(R"(emails[type eq "work"])"));
    BOOST_TEST_REQUIRE(work.status == 200, work.body);
    BOOST_TEST(names_of(work.json) == (std::set<std::string>{"id", "schemas", "emails"}), work.body);
    BOOST_TEST(work.json["id"].asString() == id);
    BOOST_TEST(email_values(work.json) == (std::set<std::string>{w1, w2}), work.body);
    for (const auto& e : work.json["emails"]) BOOST_TEST(e["type"].asString() == "work");

    auto listed = get(t, "/Users?filter=" + url_encode("userName eq \"" + name + "\"") + "&attributes=" +
                             url_encode(R"(emails[type eq "work"])"));
    check_list(listed, "list with value-filtered attributes");
    BOOST_TEST_REQUIRE(listed.json["Resources"].size() == 1u);
    BOOST_TEST(names_of(listed.json["Resources"][0]) == (std::set<std::string>{"id", "schemas", "emails"}));
    BOOST_TEST(email_values(listed.json["Resources"][0]) == (std::set<std::string>{w1, w2}));

    auto by_value = get(t, "/Users/" + id + "?attributes=" + url_encode("emails[value eq \"" + h1 + "\"]"));
    BOOST_TEST_REQUIRE(by_value.status == 200, by_value.body);
    BOOST_TEST(names_of(by_value.json) == (std::set<std::string>{"id", "schemas", "emails"}), by_value.body);
    BOOST_TEST(email_values(by_value.json) == std::set<std::string>{h1}, by_value.body);
    BOOST_TEST(by_value.json["emails"][0]["type"].asString() == "home");
}

// A reconciliation that only wants to know what changed asks for `meta.lastModified` alone
// (RFC 7644 §3.10: sub-attributes by their full path): meta comes back with that
// sub-attribute and not the others.
BOOST_AUTO_TEST_CASE(attributes_meta_last_modified_returns_only_that_sub_attribute) {
    const auto& t = demo_tenant();
    std::string prefix = unique("lm");
    std::map<std::string, std::string> last_modified;
    for (const char* letter : {"a", "b"}) {
        auto user = create_user(t, R"("userName":")" + prefix + letter + R"(@x.com","title":"T")");
        last_modified[user["id"].asString()] = user["meta"]["lastModified"].asString();
    }
    auto listed = get(t, "/Users?attributes=meta.lastModified&filter=" + url_encode("userName sw \"" + prefix + "\""));
    check_list(listed, "attributes=meta.lastModified");
    BOOST_TEST_REQUIRE(listed.json["Resources"].size() == 2u);
    for (const auto& r : listed.json["Resources"]) {
        std::string id = r["id"].asString();
        BOOST_TEST_REQUIRE(last_modified.count(id) == 1u, listed.body);
        BOOST_TEST(r["meta"]["lastModified"].asString() == last_modified[id], listed.body);
        BOOST_TEST(!r["meta"].isMember("created"), listed.body);
        BOOST_TEST(!r.isMember("userName"));
        BOOST_TEST(!r.isMember("title"));
    }
    const std::string& one = last_modified.begin()->first;
    auto single = get(t, "/Users/" + one + "?attributes=meta.lastModified");
    BOOST_TEST_REQUIRE(single.status == 200, single.body);
    BOOST_TEST(single.json["meta"]["lastModified"].asString() == last_modified[one]);
    BOOST_TEST(!single.json["meta"].isMember("created"));
    BOOST_TEST(!single.json.isMember("userName"));
}

// ---------------------------------------------------------------------------------------------
// Endpoints (RFC 7644 §3.2, §4, §3.11)
// ---------------------------------------------------------------------------------------------

// IdP connectors are configured with base URLs by hand and build paths in their own spelling:
// lower-case resource types, a tenant URL entered with a trailing slash ("/Users/?filter="),
// and the SCIM 1.1 and older clients' names of the service provider configuration
// ("ServiceProviderConfigs", "serviceConfiguration"). Each answers like the canonical endpoint.
BOOST_AUTO_TEST_CASE(endpoint_spellings_idps_use_answer_like_the_canonical_ones) {
    const auto& t = demo_tenant();
    std::string name = unique("url") + "@x.com";
    std::string id = create_user(t, R"("userName":")" + name + "\"")["id"].asString();
    std::string by_name = "?filter=" + url_encode("userName eq \"" + name + "\"");

    for (std::string path : {"/Users" + by_name, "/users" + by_name, "/Users/" + by_name}) {
        auto result = get(t, path);
        check_list(result, path);
        BOOST_TEST(ids_of(result) == Ids{id}, path);
    }
    // Unfiltered: the demo organisation may hold more users than one page.
    for (std::string path : {"/Users/", "/users"}) {
        auto result = get(t, path);
        check_list(result, path, false);
        BOOST_TEST(result.json["totalResults"].asInt() >= 1, path);
        BOOST_TEST(result.json["Resources"].size() >= 1u, path);
    }

    auto canonical_user = get(t, "/Users/" + id);
    auto lower_user = get(t, "/users/" + id);
    BOOST_TEST_REQUIRE(lower_user.status == 200, lower_user.body);
    BOOST_TEST(lower_user.json["id"].asString() == id);
    BOOST_TEST(lower_user.json["userName"].asString() == name);
    BOOST_TEST(lower_user.json["meta"]["version"] == canonical_user.json["meta"]["version"]);
    BOOST_TEST(lower_user.header("etag") == canonical_user.header("etag"));

    std::string group_name = unique("url-group");
    std::string group = create_group(t, group_name);
    auto groups = get(t, "/groups?filter=" + url_encode("displayName eq \"" + group_name + "\""));
    check_list(groups, "/groups");
    BOOST_TEST(ids_of(groups) == Ids{group});

    for (auto [spelled, canonical] : std::vector<std::pair<std::string, std::string>>{
             {"/schemas", "/Schemas"}, {"/resourcetypes", "/ResourceTypes"}}) {
        auto expected = get(t, canonical);
        auto result = get(t, spelled);
        check_list(result, spelled);
        BOOST_TEST(result.json["totalResults"] == expected.json["totalResults"], spelled);
        BOOST_TEST(ids_of(result) == ids_of(expected), spelled);
    }

    auto config = get(t, "/ServiceProviderConfig");
    BOOST_TEST_REQUIRE(config.status == 200);
    for (std::string path : {"/serviceproviderconfig", "/ServiceProviderConfigs", "/serviceConfiguration"}) {
        auto result = get(t, path);
        BOOST_TEST_REQUIRE(result.status == 200, path << ": " << result.body);
        BOOST_TEST(result.json["schemas"] == config.json["schemas"], path);
        BOOST_TEST(result.json["patch"]["supported"].isBool(), path);
        BOOST_TEST(result.json["patch"]["supported"] == config.json["patch"]["supported"], path);
        BOOST_TEST(result.json["filter"]["maxResults"] == config.json["filter"]["maxResults"], path);
    }
}

// RFC 7644 §3.11: /Me is an alias for the authenticated subject, which may be unsupported
// (501). The token here belongs to an application, not a user, so the answer is a SCIM 501.
BOOST_AUTO_TEST_CASE(me_is_a_scim_501) {
    const auto& t = demo_tenant();
    auto result = get(t, "/Me");
    check_scim_error(result, 501);
    BOOST_TEST(result.json["status"].asString() == "501");
}

// ---------------------------------------------------------------------------------------------
// Group members as IdPs send them (RFC 7643 §4.2)
// ---------------------------------------------------------------------------------------------

// POST /Groups (Okta group push, Entra ID group provisioning).
BOOST_AUTO_TEST_CASE(group_members_in_idp_shapes_on_post) {
    const auto& t = demo_tenant();
    auto users = three_users(t);
    std::string group = create_group(t, unique("posted"), idp_members(users, "Posted Display", "Posted DisplayName"));
    check_idp_members(t, group, users, "Posted Display", "Posted DisplayName");
}

// PUT /Groups/{id} (Okta's "push group" with full replacement; RFC 7644 §3.5.1).
BOOST_AUTO_TEST_CASE(group_members_in_idp_shapes_on_put) {
    const auto& t = demo_tenant();
    auto users = three_users(t);
    std::string name = unique("put");
    std::string group = create_group(t, name);
    auto replaced = put(t, "/Groups/" + group,
                        R"({"schemas":[")" + kGroupUrn + R"("],"id":")" + group + R"(","displayName":")" + name +
                            R"(","members":)" + idp_members(users, "Put Display", "Put DisplayName") + "}");
    BOOST_TEST_REQUIRE(replaced.status == 200, replaced.body);
    BOOST_TEST(member_ids(replaced.json) == (Ids{users[0], users[1], users[2]}), replaced.body);
    check_idp_members(t, group, users, "Put Display", "Put DisplayName");
}

// PATCH add members (Entra ID: "op":"Add","path":"members"; Okta: "op":"add"; RFC 7644 §3.5.2.1).
BOOST_AUTO_TEST_CASE(group_members_in_idp_shapes_on_patch_add) {
    const auto& t = demo_tenant();
    auto users = three_users(t);
    std::string group = create_group(t, unique("patched"));
    auto added = patch(t, "/Groups/" + group,
                       R"([{"op":"add","path":"members","value":)" + idp_members(users, "Patched Display", "Patched DisplayName") +
                           "}]");
    BOOST_TEST_REQUIRE(added.status == 204, added.body);
    check_idp_members(t, group, users, "Patched Display", "Patched DisplayName");
}

// ---------------------------------------------------------------------------------------------
// Lifecycle
// ---------------------------------------------------------------------------------------------

// Okta and OneLogin PUT the attributes they map, which need not include `active`. RFC 7644
// §3.5.1 lets the service provider keep attributes it defaults when the client omits them;
// for `active` that means the current value, so a PUT never silently reactivates a user that
// the IdP deactivated (nor deactivates an active one).
BOOST_AUTO_TEST_CASE(put_without_active_keeps_the_current_value) {
    const auto& t = demo_tenant();
    std::string name = unique("keep") + "@x.com";
    std::string id = create_user(t, R"("userName":")" + name + R"(","active":true)")["id"].asString();
    BOOST_TEST_REQUIRE(patch(t, "/Users/" + id, R"([{"op":"replace","path":"active","value":false}])").status == 204);

    std::string without_active = R"({"schemas":[")" + kUserUrn + R"("],"userName":")" + name + R"(","title":"After PUT"})";
    auto replaced = put(t, "/Users/" + id, without_active);
    BOOST_TEST_REQUIRE(replaced.status == 200, replaced.body);
    BOOST_TEST(replaced.json["title"].asString() == "After PUT");
    BOOST_TEST(replaced.json["active"].isBool(), replaced.body);
    BOOST_TEST(replaced.json["active"].asBool() == false);
    auto fetched = get(t, "/Users/" + id);
    BOOST_TEST(fetched.status == 200);
    BOOST_TEST(fetched.json["active"].isBool());
    BOOST_TEST(fetched.json["active"].asBool() == false);

    // And an active user stays active.
    BOOST_TEST_REQUIRE(patch(t, "/Users/" + id, R"([{"op":"replace","path":"active","value":true}])").status == 204);
    auto again = put(t, "/Users/" + id, R"({"schemas":[")" + kUserUrn + R"("],"userName":")" + name + R"(","title":"Again"})");
    BOOST_TEST_REQUIRE(again.status == 200, again.body);
    BOOST_TEST(again.json["title"].asString() == "Again");
    BOOST_TEST(again.json["active"].isBool());
    BOOST_TEST(again.json["active"].asBool() == true);
}

// RFC 7644 §3.5.2.2: remove clears the attribute; for `active` a cleared value means the user
// is no longer active, and the representation says so explicitly.
BOOST_AUTO_TEST_CASE(patch_remove_active_leaves_the_user_inactive) {
    const auto& t = demo_tenant();
    std::string id = create_user(t, R"("userName":")" + unique("rmactive") + R"(@x.com","active":true)")["id"].asString();
    auto removed = patch(t, "/Users/" + id, R"([{"op":"remove","path":"active"}])");
    BOOST_TEST_REQUIRE(removed.status == 204, removed.body);
    auto fetched = get(t, "/Users/" + id);
    BOOST_TEST_REQUIRE(fetched.status == 200);
    BOOST_TEST(fetched.json["active"].isBool(), fetched.body);
    BOOST_TEST(fetched.json["active"].asBool() == false);
    BOOST_TEST(found(t, "id eq \"" + id + "\" and active eq false") == Ids{id});
}

// User.groups is part of the user (RFC 7643 §4.1.2, read-only, derived from Group.members),
// so a membership change is a change of the user: a new meta.version and ETag (RFC 7644 §3.14),
// a later meta.lastModified, a full 200 for a stale If-None-Match, and a hit for Okta's and
// Entra's incremental `meta.lastModified gt` queries.
BOOST_AUTO_TEST_CASE(group_membership_changes_advance_the_users_version_and_last_modified) {
    auto t = new_tenant(unique("membership"));  // the lastModified filter must see only this user
    std::string user = plain_user(t, "member");
    std::string group = create_group(t, unique("team"));
    auto before = get(t, "/Users/" + user);
    BOOST_TEST_REQUIRE(before.status == 200);
    std::string etag0 = before.header("etag");
    std::string modified0 = before.json["meta"]["lastModified"].asString();
    BOOST_TEST_REQUIRE(!etag0.empty());
    // Past the resolution of any timestamp, so that "gt" below is decided by the change alone.
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));

    auto added = patch(t, "/Groups/" + group, R"([{"op":"add","path":"members","value":[{"value":")" + user + R"("}]}])");
    BOOST_TEST_REQUIRE(added.status == 204, added.body);
    auto joined = get(t, "/Users/" + user);
    BOOST_TEST_REQUIRE(joined.status == 200);
    std::string etag1 = joined.header("etag");
    std::string modified1 = joined.json["meta"]["lastModified"].asString();
    BOOST_TEST(joined.json["meta"]["version"].asString() != before.json["meta"]["version"].asString());
    BOOST_TEST(etag1 != etag0);
    BOOST_TEST(etag1 == joined.json["meta"]["version"].asString());
    BOOST_TEST(to_micros(modified1) >= to_micros(modified0), modified0 << " then " << modified1);
    BOOST_TEST(group_ids(joined.json) == Ids{group}, joined.body);

    auto revalidated = get(t, "/Users/" + user, {"If-None-Match: " + etag0});
    BOOST_TEST(revalidated.status == 200);
    BOOST_TEST(group_ids(revalidated.json) == Ids{group}, revalidated.body);
    BOOST_TEST(revalidated.header("etag") == etag1);
    BOOST_TEST(found(t, "meta.lastModified gt \"" + modified0 + "\"") == Ids{user});

    auto removed = patch(t, "/Groups/" + group, R"([{"op":"remove","path":"members[value eq \")" + user + R"(\"]"}])");
    BOOST_TEST_REQUIRE(removed.status == 204, removed.body);
    auto left = get(t, "/Users/" + user);
    BOOST_TEST_REQUIRE(left.status == 200);
    BOOST_TEST(left.json["meta"]["version"].asString() != joined.json["meta"]["version"].asString());
    BOOST_TEST(left.header("etag") != etag1);
    BOOST_TEST(left.header("etag") == left.json["meta"]["version"].asString());
    BOOST_TEST(to_micros(left.json["meta"]["lastModified"].asString()) >= to_micros(modified1));
    BOOST_TEST(group_ids(left.json).empty(), left.body);
    auto after_leave = get(t, "/Users/" + user, {"If-None-Match: " + etag1});
    BOOST_TEST(after_leave.status == 200);
    BOOST_TEST(group_ids(after_leave.json).empty());
}

// RFC 7232 §3.1: If-Match is a list of entity-tags or "*", and it uses the weak comparison for
// the tags SCIM hands out as weak (RFC 7644 §3.14), so `"3"` matches `W/"3"`. Any tag in the
// list that matches the current version lets the request through; none is 412.
BOOST_AUTO_TEST_CASE(if_match_accepts_lists_wildcards_and_unprefixed_tags) {
    const auto& t = demo_tenant();
    std::string name = unique("ifmatch") + "@x.com";
    auto created = create_user(t, R"("userName":")" + name + R"(","title":"v0")");
    std::string id = created["id"].asString();
    std::string original = created["meta"]["version"].asString();
    auto current = [&] {
        auto fetched = get(t, "/Users/" + id);
        BOOST_REQUIRE(fetched.status == 200);
        return fetched;
    };

    auto listed = patch(t, "/Users/" + id, R"([{"op":"replace","path":"title","value":"v1"}])",
                        {"If-Match: \"nope\", " + original});
    BOOST_TEST(listed.status == 204, listed.body);
    BOOST_TEST(current().json["title"].asString() == "v1");

    auto wildcard = put(t, "/Users/" + id, R"({"schemas":[")" + kUserUrn + R"("],"userName":")" + name + R"(","title":"v2"})",
                        {"If-Match: *"});
    BOOST_TEST(wildcard.status == 200, wildcard.body);
    BOOST_TEST(wildcard.json["title"].asString() == "v2");

    auto now = current();
    std::string version = now.json["meta"]["version"].asString();
    BOOST_TEST_REQUIRE(version.rfind("W/", 0) == 0u, version);
    auto unprefixed = patch(t, "/Users/" + id, R"([{"op":"replace","path":"title","value":"v3"}])",
                            {"If-Match: " + version.substr(2)});
    BOOST_TEST(unprefixed.status == 204, unprefixed.body);
    BOOST_TEST(current().json["title"].asString() == "v3");

    auto stale_patch = patch(t, "/Users/" + id, R"([{"op":"replace","path":"title","value":"stale"}])",
                             {"If-Match: " + original});
    check_scim_error(stale_patch, 412);
    auto stale_put = put(t, "/Users/" + id, R"({"schemas":[")" + kUserUrn + R"("],"userName":")" + name + R"(","title":"stale"})",
                         {"If-Match: \"nope\", " + version});
    check_scim_error(stale_put, 412);
    BOOST_TEST(current().json["title"].asString() == "v3");
}

// ---------------------------------------------------------------------------------------------
// IdP scenarios
// ---------------------------------------------------------------------------------------------

// Microsoft Entra ID's provisioning cycle, as its SCIM documentation describes it: a matching
// query on userName (or externalId) before create, POST with the enterprise extension, PATCH
// with capitalised ops, "True"/"False" strings and path-less value objects, group create and
// lookup with excludedAttributes=members, member add/remove by value, and hard delete.
BOOST_AUTO_TEST_CASE(entra_id_provisioning_cycle) {
    const auto& t = demo_tenant();
    std::string name = unique("entra") + "@contoso.com";
    std::string external = unique("aad");
    std::string by_name = "/Users?filter=" + url_encode("userName eq \"" + name + "\"");
    std::string by_external = "/Users?filter=" + url_encode("externalId eq \"" + external + "\"");

    auto absent = get(t, by_name);
    check_list(absent, "matching query before create");
    BOOST_TEST(absent.json["totalResults"].asInt() == 0);
    auto absent_external = get(t, by_external);
    check_list(absent_external, "externalId query before create");
    BOOST_TEST(absent_external.json["totalResults"].asInt() == 0);

    auto created = post(t, "/Users", R"({"schemas":[")" + kUserUrn + R"(",")" + kEnterpriseUrn + R"("],
        "externalId":")" + external + R"(","userName":")" + name + R"(","active":true,"displayName":"Adele Vance",
        "emails":[{"primary":true,"type":"work","value":")" + name + R"("}],"meta":{"resourceType":"User"},
        "name":{"formatted":"Adele Vance","familyName":"Vance","givenName":"Adele"},"title":"Engineer",
        ")" + kEnterpriseUrn + R"(":{"employeeNumber":"E-1","department":"Retail"}})");
    BOOST_TEST_REQUIRE(created.status == 201, created.body);
    std::string id = created.json["id"].asString();
    BOOST_TEST(created.json[kEnterpriseUrn]["department"].asString() == "Retail");

    for (const auto& query : {by_name, by_external}) {
        auto present = get(t, query);
        check_list(present, query);
        BOOST_TEST(ids_of(present) == Ids{id}, query);
        BOOST_TEST(present.json["Resources"][0]["userName"].asString() == name);
    }

    auto updated = patch(t, "/Users/" + id, R"([
        {"op":"Replace","path":"active","value":"False"},
        {"op":"Replace","value":{"displayName":"Adele V.","title":"Lead"}},
        {"op":"Add","path":"name.givenName","value":"Adela"}])");
    BOOST_TEST_REQUIRE(updated.status == 204, updated.body);
    auto user = get(t, "/Users/" + id);
    BOOST_TEST_REQUIRE(user.status == 200);
    BOOST_TEST(user.json["active"].isBool(), user.body);
    BOOST_TEST(user.json["active"].asBool() == false);
    BOOST_TEST(user.json["displayName"].asString() == "Adele V.");
    BOOST_TEST(user.json["title"].asString() == "Lead");
    BOOST_TEST(user.json["name"]["givenName"].asString() == "Adela");
    BOOST_TEST(user.json["name"]["familyName"].asString() == "Vance");

    auto reactivated = patch(t, "/Users/" + id, R"([{"op":"Replace","path":"active","value":"True"}])");
    BOOST_TEST_REQUIRE(reactivated.status == 204, reactivated.body);
    BOOST_TEST(get(t, "/Users/" + id).json["active"] == Json::Value(true));

    std::string group_name = unique("Entra Group ");
    auto group_created = post(t, "/Groups", R"({"schemas":[")" + kGroupUrn + R"("],"externalId":")" + unique("aadg") +
                                                R"(","displayName":")" + group_name + R"(","meta":{"resourceType":"Group"}})");
    BOOST_TEST_REQUIRE(group_created.status == 201, group_created.body);
    std::string group = group_created.json["id"].asString();
    auto lookup = get(t, "/Groups?excludedAttributes=members&filter=" + url_encode("displayName eq \"" + group_name + "\""));
    check_list(lookup, "group matching query");
    BOOST_TEST(ids_of(lookup) == Ids{group});
    BOOST_TEST(!lookup.json["Resources"][0].isMember("members"));

    auto add = patch(t, "/Groups/" + group, R"([{"op":"Add","path":"members","value":[{"value":")" + id + R"("}]}])");
    BOOST_TEST_REQUIRE(add.status == 204, add.body);
    BOOST_TEST(member_ids(get(t, "/Groups/" + group).json) == Ids{id});
    BOOST_TEST(group_ids(get(t, "/Users/" + id).json) == Ids{group});
    auto remove = patch(t, "/Groups/" + group, R"([{"op":"Remove","path":"members","value":[{"value":")" + id + R"("}]}])");
    BOOST_TEST_REQUIRE(remove.status == 204, remove.body);
    auto emptied = get(t, "/Groups/" + group);
    BOOST_TEST(emptied.status == 200);
    BOOST_TEST(member_ids(emptied.json).empty(), emptied.body);

    auto deleted = del(t, "/Users/" + id);
    BOOST_TEST(deleted.status == 204);
    auto gone = get(t, by_name);
    check_list(gone, "matching query after delete");
    BOOST_TEST(gone.json["totalResults"].asInt() == 0);
}

// Okta's import reads every user in pages (startIndex/count, RFC 7644 §3.4.2.4) until it has
// seen totalResults of them; totalResults stays the same across pages and no user repeats.
BOOST_AUTO_TEST_CASE(okta_import_pages_through_every_user) {
    auto t = new_tenant(unique("okta-import"));  // totalResults must be exactly what this test made
    std::set<std::string> created;
    for (int i = 0; i < 5; ++i) created.insert(plain_user(t, "okta" + std::to_string(i)));

    std::vector<std::string> seen;
    int start = 1;
    int total = -1;
    for (int page_number = 0; page_number < 10; ++page_number) {
        auto page = get(t, "/Users?startIndex=" + std::to_string(start) + "&count=2");
        check_list(page, "page at " + std::to_string(start), false);
        int page_total = page.json["totalResults"].asInt();
        if (total < 0) total = page_total;
        BOOST_TEST(page_total == total, "totalResults changed between pages");
        BOOST_TEST(page.json["startIndex"].asInt() == start);
        int items = static_cast<int>(page.json["Resources"].size());
        BOOST_TEST(page.json["itemsPerPage"].asInt() == items);
        BOOST_TEST(items <= 2);
        for (const auto& r : page.json["Resources"]) seen.push_back(r["id"].asString());
        if (items == 0 || start - 1 + items >= total) break;
        start += items;
    }
    BOOST_TEST(total == 5);
    BOOST_TEST(seen.size() == 5u);
    BOOST_TEST(std::set<std::string>(seen.begin(), seen.end()) == created);
}

// Okta updates a user with a PUT of its whole profile (with read-only "id" and "groups": []),
// and integrations without PATCH deactivate and reactivate that way, "active" in the profile;
// it then finds the user with its userName matching query (startIndex=1&count=100).
BOOST_AUTO_TEST_CASE(okta_deactivates_and_reactivates_with_put) {
    const auto& t = demo_tenant();
    std::string name = unique("okta") + "@example.com";
    auto profile = [&](const std::string& id, bool active) {
        return R"({"schemas":[")" + kUserUrn + R"("],)" + (id.empty() ? "" : R"("id":")" + id + R"(",)") +
               R"("userName":")" + name + R"(","name":{"givenName":"Isaac","familyName":"Brock"},
               "emails":[{"primary":true,"value":")" + name + R"(","type":"work"}],"displayName":"Isaac Brock",
               "locale":"en-US","externalId":"00ujl29u0le5T6Aj10h7","groups":[],"active":)" +
               (active ? "true" : "false") + "}";
    };
    auto created = post(t, "/Users", profile("", true));
    BOOST_TEST_REQUIRE(created.status == 201, created.body);
    std::string id = created.json["id"].asString();

    auto deactivated = put(t, "/Users/" + id, profile(id, false));
    BOOST_TEST_REQUIRE(deactivated.status == 200, deactivated.body);
    BOOST_TEST(deactivated.json["active"] == Json::Value(false));
    BOOST_TEST(deactivated.json["displayName"].asString() == "Isaac Brock");
    auto matched = get(t, "/Users?filter=" + url_encode("userName eq \"" + name + "\"") + "&startIndex=1&count=100");
    check_list(matched, "Okta matching query");
    BOOST_TEST_REQUIRE(ids_of(matched) == Ids{id});
    BOOST_TEST(matched.json["Resources"][0]["active"] == Json::Value(false));

    auto reactivated = put(t, "/Users/" + id, profile(id, true));
    BOOST_TEST_REQUIRE(reactivated.status == 200, reactivated.body);
    BOOST_TEST(reactivated.json["active"] == Json::Value(true));
    BOOST_TEST(get(t, "/Users/" + id).json["active"] == Json::Value(true));
}

// Okta group push: POST /Groups with members, rename with a path-less replace that repeats the
// group's id, add members, and remove one with a value-filter path (Okta's SCIM 2.0 guide).
BOOST_AUTO_TEST_CASE(okta_group_push) {
    const auto& t = demo_tenant();
    std::string u1 = plain_user(t, "push"), u2 = plain_user(t, "push"), u3 = plain_user(t, "push");
    std::string group = create_group(t, unique("Okta Push "),
                                     R"([{"value":")" + u1 + R"(","display":"one@x.com"},{"value":")" + u2 +
                                         R"(","display":"two@x.com"}])");
    BOOST_TEST(member_ids(get(t, "/Groups/" + group).json) == (Ids{u1, u2}));

    std::string renamed = unique("Okta Renamed ");
    auto rename = patch(t, "/Groups/" + group,
                        R"([{"op":"replace","value":{"id":")" + group + R"(","displayName":")" + renamed + R"("}}])");
    BOOST_TEST_REQUIRE(rename.status == 204, rename.body);
    auto after_rename = get(t, "/Groups/" + group);
    BOOST_TEST(after_rename.status == 200);
    BOOST_TEST(after_rename.json["displayName"].asString() == renamed);
    BOOST_TEST(after_rename.json["id"].asString() == group);
    BOOST_TEST(member_ids(after_rename.json) == (Ids{u1, u2}));

    auto add = patch(t, "/Groups/" + group,
                     R"([{"op":"add","path":"members","value":[{"value":")" + u3 + R"(","display":"three@x.com"}]}])");
    BOOST_TEST_REQUIRE(add.status == 204, add.body);
    BOOST_TEST(member_ids(get(t, "/Groups/" + group).json) == (Ids{u1, u2, u3}));

    auto remove = patch(t, "/Groups/" + group, R"([{"op":"remove","path":"members[value eq \")" + u1 + R"(\"]"}])");
    BOOST_TEST_REQUIRE(remove.status == 204, remove.body);
    auto after_remove = get(t, "/Groups/" + group);
    BOOST_TEST(after_remove.status == 200);
    BOOST_TEST(member_ids(after_remove.json) == (Ids{u2, u3}), after_remove.body);
    BOOST_TEST(group_ids(get(t, "/Users/" + u1).json).empty());
}

// OneLogin's SCIM provisioning sends "id": null on create and booleans as strings ("true").
// The id is the server's (RFC 7643 §3.1: readOnly, assigned by the service provider) and the
// booleans come back as JSON booleans (RFC 7643 §2.3.2).
BOOST_AUTO_TEST_CASE(onelogin_create_with_null_id_and_string_booleans) {
    const auto& t = demo_tenant();
    std::string name = unique("onelogin") + "@example.com";
    auto created = post(t, "/Users", R"({"schemas":[")" + kUserUrn + R"("],"id":null,"userName":")" + name + R"(",
        "name":{"givenName":"One","familyName":"Login"},"active":"true",
        "emails":[{"value":")" + name + R"(","type":"work","primary":"true"}]})");
    BOOST_TEST_REQUIRE(created.status == 201, created.body);
    const auto& user = created.json;
    BOOST_TEST(user["id"].isString());
    BOOST_TEST(user["id"].asString().size() == 36u);
    BOOST_TEST(user["active"] == Json::Value(true), created.body);
    BOOST_TEST(user["emails"][0]["primary"] == Json::Value(true), created.body);
    BOOST_TEST(user["emails"][0]["value"].asString() == name);
    auto fetched = get(t, "/Users/" + user["id"].asString());
    BOOST_TEST(fetched.status == 200);
    BOOST_TEST(fetched.json == user);

    auto inactive = post(t, "/Users", R"({"schemas":[")" + kUserUrn + R"("],"id":null,"userName":")" + unique("onelogin") +
                                          R"(@example.com","active":"false"})");
    BOOST_TEST_REQUIRE(inactive.status == 201, inactive.body);
    BOOST_TEST(inactive.json["active"] == Json::Value(false), inactive.body);
}

BOOST_AUTO_TEST_SUITE_END()
