// In-memory filter evaluation against RFC 7644 §3.4.2.2 operator semantics, on RFC 7643
// §8.2/§8.3 example users and hand-written resources: case rules, any-value semantics for
// multi-valued attributes, absent and empty values, dateTime instants, value paths.
#include "scim/filter/evaluate.h"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "scim/datetime.h"
#include "scim/error.h"
#include "scim/filter/parser.h"
#include "scim/filter/patch_path.h"
#include "scim/json.h"
#include "scim/schema/registry.h"
#include "widget_registry.h"

namespace {

using scim::filter::matches;
using scim::filter::matches_value;
using scim::filter::parse_filter;
using scim::schema::Attribute;
using scim::schema::Registry;
using scim::schema::ResourceType;
using scim::schema::Schema;
using scim::schema::Type;

using filter_test::kWidget;
using filter_test::registry;
using filter_test::simple;
using filter_test::type;

Json::Value parse(const std::string& text) { return scim::json::parse_body(text); }

// RFC 7643 §8.2, "Full User Representation".
const std::string kFullUser = R"({
  "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
  "id": "2819c223-7f76-453a-919d-413861904646",
  "externalId": "701984",
  "userName": "bjensen@example.com",
  "name": {
    "formatted": "Ms. Barbara J Jensen, III",
    "familyName": "Jensen",
    "givenName": "Barbara",
    "middleName": "Jane",
    "honorificPrefix": "Ms.",
    "honorificSuffix": "III"
  },
  "displayName": "Babs Jensen",
  "nickName": "Babs",
  "profileUrl": "https://login.example.com/bjensen",
  "emails": [
    {"value": "bjensen@example.com", "type": "work", "primary": true},
    {"value": "babs@jensen.org", "type": "home"}
  ],
  "addresses": [
    {"type": "work", "streetAddress": "100 Universal City Plaza", "locality": "Hollywood", "region": "CA",
     "postalCode": "91608", "country": "USA",
     "formatted": "100 Universal City Plaza\nHollywood, CA 91608 USA", "primary": true},
    {"type": "home", "streetAddress": "456 Hollywood Blvd", "locality": "Hollywood", "region": "CA",
     "postalCode": "91608", "country": "USA", "formatted": "456 Hollywood Blvd\nHollywood, CA 91608 USA"}
  ],
  "phoneNumbers": [
    {"value": "555-555-5555", "type": "work"},
    {"value": "555-555-4444", "type": "mobile"}
  ],
  "ims": [{"value": "someaimhandle", "type": "aim"}],
  "photos": [
    {"value": "https://photos.example.com/profilephoto/72930000000Ccne/F", "type": "photo"},
    {"value": "https://photos.example.com/profilephoto/72930000000Ccne/T", "type": "thumbnail"}
  ],
  "userType": "Employee",
  "title": "Tour Guide",
  "preferredLanguage": "en-US",
  "locale": "en-US",
  "timezone": "America/Los_Angeles",
  "active": true,
  "password": "t1meMa$heen",
  "groups": [
    {"value": "e9e30dba-f08f-4109-8486-d5c6a331660a",
     "$ref": "https://example.com/v2/Groups/e9e30dba-f08f-4109-8486-d5c6a331660a", "display": "Tour Guides"},
    {"value": "fc348aa8-3835-40eb-a20b-c726e15c55b5",
     "$ref": "https://example.com/v2/Groups/fc348aa8-3835-40eb-a20b-c726e15c55b5", "display": "Employees"},
    {"value": "71ddacd2-a8e7-49b8-a5db-ae50d0a5bfd7",
     "$ref": "https://example.com/v2/Groups/71ddacd2-a8e7-49b8-a5db-ae50d0a5bfd7", "display": "US Employees"}
  ],
  "x509Certificates": [
    {"value": "MIIDQzCCAqygAwIBAgICEAAwDQYJKoZIhvcNAQEFBQAwTjELMAkGA1UEBhMCVVMx"}
  ],
  "meta": {
    "resourceType": "User",
    "created": "2010-01-23T04:56:22Z",
    "lastModified": "2011-05-13T04:42:34Z",
    "version": "W\/\"a330bc54f0671c9\"",
    "location": "https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646"
  }
})";

// RFC 7643 §8.3, "Enterprise User Extension Representation" (its extension part added to §8.2).
Json::Value enterprise_user() {
    Json::Value user = parse(kFullUser);
    user["schemas"].append("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
    user["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"] = parse(R"({
      "employeeNumber": "701984",
      "costCenter": "4130",
      "organization": "Universal Studios",
      "division": "Theme Park",
      "department": "Tour Operations",
      "manager": {
        "value": "26118915-6090-4610-87e4-49d8ca9f808d",
        "$ref": "../Users/26118915-6090-4610-87e4-49d8ca9f808d",
        "displayName": "John Smith"
      }
    })");
    return user;
}

struct Case {
    std::string filter;
    bool expected;
};

void check(const Json::Value& resource, const std::vector<Case>& cases, std::string_view type_name = "User") {
    for (const Case& c : cases) {
        try {
            auto node = parse_filter(c.filter, registry(), type(type_name));
            BOOST_TEST(matches(*node, resource) == c.expected, c.filter);
        } catch (const scim::ScimError& e) {
            BOOST_ERROR(c.filter << " -> " << e.detail());
        }
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(evaluate_test)

BOOST_AUTO_TEST_CASE(rfc7644_figure2_examples_on_the_rfc7643_full_user) {
    check(parse(kFullUser),
          {
              {R"(userName eq "bjensen")", false},
              {R"(userName eq "bjensen@example.com")", true},
              {R"(name.familyName co "O'Malley")", false},
              {R"(name.familyName co "ens")", true},
              {R"(userName sw "J")", false},
              {R"(userName sw "bj")", true},
              {R"(urn:ietf:params:scim:schemas:core:2.0:User:userName sw "bjensen")", true},
              {"title pr", true},
              {R"(meta.lastModified gt "2011-05-13T04:42:34Z")", false},
              {R"(meta.lastModified ge "2011-05-13T04:42:34Z")", true},
              {R"(meta.lastModified lt "2011-05-13T04:42:34Z")", false},
              {R"(meta.lastModified le "2011-05-13T04:42:34Z")", true},
              {R"(title pr and userType eq "Employee")", true},
              {R"(title pr and userType eq "Intern")", false},
              {R"(title pr or userType eq "Intern")", true},
              {R"(schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")", false},
              {R"(schemas eq "urn:ietf:params:scim:schemas:core:2.0:User")", true},
              {R"(userType eq "Employee" and (emails co "example.com" or emails.value co "example.org"))", true},
              {R"(userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org"))", false},
              {R"(userType eq "Employee" and (emails.type eq "work"))", true},
              {R"(userType eq "Employee" and emails[type eq "work" and value co "@example.com"])", true},
              {R"(emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"])",
               true},
              {R"(ims[type eq "xmpp" and value co "@foo.com"])", false},
          });
}

BOOST_AUTO_TEST_CASE(each_operator_on_strings) {
    check(parse(kFullUser),
          {
              {R"(title eq "Tour Guide")", true},
              {R"(title eq "Tour")", false},
              {R"(title ne "Tour Guide")", false},
              {R"(title ne "Tour")", true},
              {R"(title co "our G")", true},
              {R"(title co "")", true},
              {R"(title co "Guides")", false},
              {R"(title sw "Tour Guide")", true},  // "satisfied if the two strings are identical"
              {R"(title sw "Guide")", false},
              {R"(title ew "Guide")", true},
              {R"(title ew "Tour")", false},
              {R"(title gt "Tour")", true},
              {R"(title gt "Tour Guide")", false},
              {R"(title ge "Tour Guide")", true},
              {R"(title lt "Tour Guidf")", true},
              {R"(title lt "Tour Guide")", false},
              {R"(title le "Tour Guide")", true},
              {R"(title le "A")", false},
          });
}

BOOST_AUTO_TEST_CASE(case_exact_decides_case_sensitivity) {
    check(parse(kFullUser),
          {
              // userName, name, emails: caseExact false (RFC 7643 §4.1.1, §8.7.1).
              {R"(userName eq "BJENSEN@EXAMPLE.COM")", true},
              {R"(userName sw "BJ")", true},
              {R"(name.familyName co "ENS")", true},
              {R"(emails.value eq "BJENSEN@example.com")", true},
              {R"(groups.display eq "employees")", true},
              {R"(userName gt "BJ")", true},  // folded: "bjensen@..." > "bj"
              {R"(userName lt "Bk")", true},
              // id and externalId: caseExact (RFC 7643 §3.1).
              {R"(id eq "2819c223-7f76-453a-919d-413861904646")", true},
              {R"(id eq "2819C223-7F76-453A-919D-413861904646")", false},
              {R"(id sw "2819C")", false},
              {R"(id gt "2819C")", true},  // byte-wise: 'c' (0x63) > 'C' (0x43)
              {R"(externalId eq "701984")", true},
              {R"(externalId ge "701984")", true},
              {R"(externalId gt "701984")", false},
              {R"(meta.version eq "W/\"A330BC54F0671C9\"")", false},
              {R"(meta.version eq "W/\"a330bc54f0671c9\"")", true},
              // x509Certificates.value: binary is case exact (RFC 7643 §2.3.6); schemas too.
              {R"(x509Certificates.value sw "miid")", false},
              {R"(x509Certificates.value sw "MIID")", true},
              {R"(schemas eq "URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER")", false},
          });
}

BOOST_AUTO_TEST_CASE(multi_valued_attributes_match_when_any_value_matches) {
    check(parse(kFullUser),
          {
              {R"(emails.value eq "babs@jensen.org")", true},
              {R"(emails eq "babs@jensen.org")", true},
              {R"(emails.value ew "jensen.org")", true},
              {R"(emails.value ne "babs@jensen.org")", false},  // ne is "not eq": no value equals it
              {R"(emails.value ne "nobody@example.com")", true},
              {R"(emails.type eq "home")", true},
              {"emails.primary eq true", true},
              {"emails.primary eq false", false},
              {"emails.primary ne true", false},
              {R"(phoneNumbers.value eq "555-555-4444")", true},
              {R"(photos.type eq "thumbnail")", true},
              {"addresses.primary eq true", true},
              {R"(addresses.postalCode eq "91608")", true},
              {R"(groups.value eq "71ddacd2-a8e7-49b8-a5db-ae50d0a5bfd7")", true},
              {R"(groups.$ref ew "/Groups/fc348aa8-3835-40eb-a20b-c726e15c55b5")", true},
              // Across elements, unlike a value path below.
              {R"(emails.type eq "home" and emails.value co "@example.com")", true},
          });
}

BOOST_AUTO_TEST_CASE(value_paths_apply_the_whole_filter_to_one_value) {
    check(parse(kFullUser),
          {
              {R"(emails[type eq "home" and value co "@example.com"])", false},
              {R"(emails[type eq "home" and value co "@jensen.org"])", true},
              {R"(emails[type eq "work" and primary eq true])", true},
              {R"(emails[type eq "home" and primary eq true])", false},
              {R"(emails[not (type eq "work")])", true},
              {R"(emails[type ne "work" and type ne "home"])", false},
              {R"(emails[primary ne true])", true},  // the home address has no primary
              {R"(addresses[postalCode eq "91608" and type eq "home"])", true},
              {R"(addresses[streetAddress co "Universal" and type eq "home"])", false},
              {R"(groups[display sw "us" and value sw "71dd"])", true},
              {R"(ims[type eq "aim"])", true},
              {R"(entitlements[type ne "x"])", false},  // no values to match
              // A single-valued complex attribute is one value.
              {R"(name[givenName eq "barbara" and familyName eq "jensen"])", true},
              {R"(name[givenName eq "babs"])", false},
          });
}

BOOST_AUTO_TEST_CASE(absent_attributes_match_only_ne_and_eq_null) {
    const Json::Value user = parse(R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"1","userName":"a"})");
    check(user,
          {
              {R"(title eq "x")", false},
              {R"(title ne "x")", true},
              {R"(title co "")", false},
              {R"(title gt "a")", false},
              {R"(title le "z")", false},
              {"title pr", false},
              {"title eq null", true},
              {"title ne null", false},
              {R"(not (title eq "x"))", true},
              {R"(emails.value ne "x")", true},
              {R"(emails.value eq "x")", false},
              {"emails.primary ne true", true},
              {R"(name.givenName ne "x")", true},
              {R"(meta.created gt "2000-01-01T00:00:00Z")", false},
              {R"(meta.created ne "2000-01-01T00:00:00Z")", true},
              {"active eq true", false},
              {"active ne true", true},
              {R"(emails[type ne "work"])", false},
              {"userName pr", true},
              {"userName eq null", false},
              {"userName ne null", true},
          });
}

BOOST_AUTO_TEST_CASE(presence_needs_a_non_empty_value) {
    // RFC 7644 §3.4.2.2 "pr": "a non-empty value, or ... a non-empty node for complex attributes".
    const Json::Value user = parse(R"({
      "schemas": [""], "userName": "", "title": null, "nickName": "x", "emails": [],
      "phoneNumbers": [{"value": ""}], "ims": [{"value": "", "type": "aim"}], "name": {},
      "addresses": [{}], "active": false, "photos": [null],
      "x509Certificates": [{"value": "MII"}], "roles": [{"value": "r", "display": ""}]
    })");
    check(user,
          {
              {"userName pr", false},
              {"userName eq null", true},
              {"userName ne null", false},
              {R"(userName eq "")", true},
              {"title pr", false},
              {"title eq null", true},
              {"nickName pr", true},
              {"emails pr", false},
              {"emails eq null", true},
              {"emails.type pr", false},
              {"phoneNumbers pr", false},
              {"phoneNumbers.value eq null", true},
              {"ims pr", false},
              {"ims.type pr", true},
              {"ims.type ne null", true},
              {"name.givenName pr", false},
              {"addresses.type pr", false},
              {"schemas pr", false},
              {"schemas eq null", true},
              {"active pr", true},  // false is a value
              {"active eq false", true},
              {"active eq null", false},
              {"photos pr", false},
              {"x509Certificates pr", true},
              {"roles.value pr", true},
              {"roles.display pr", false},
              {R"(roles[value pr and display eq null])", true},
          });
}

BOOST_AUTO_TEST_CASE(datetimes_compare_as_instants) {
    check(parse(kFullUser),
          {
              {R"(meta.lastModified eq "2011-05-13T06:42:34+02:00")", true},
              {R"(meta.lastModified eq "2011-05-12T23:42:34-05:00")", true},
              {R"(meta.lastModified eq "2011-05-13T04:42:34.000Z")", true},
              {R"(meta.lastModified eq "2011-05-13T04:42:34")", true},  // zone-less is UTC
              {R"(meta.lastModified ne "2011-05-13T06:42:34+02:00")", false},
              {R"(meta.lastModified lt "2011-05-13T04:42:34.000001Z")", true},
              {R"(meta.lastModified gt "2011-05-13T04:42:33.999999Z")", true},
              {R"(meta.lastModified gt "2011-05-13T06:42:33+02:00")", true},
              {R"(meta.lastModified lt "2011-05-13T00:43:34-04:00")", true},
              {R"(meta.lastModified gt "2011-05-13T00:43:34-04:00")", false},
              {R"(meta.created lt "2011-05-13T04:42:34Z" and meta.lastModified gt "2010-01-23T04:56:22Z")", true},
              {R"(meta.created gt "2010-01-23T05:56:21+01:00")", true},
          });
    // Stored values with offsets compare as instants too; unparsable stored values never match.
    const Json::Value widget = parse(R"({"when": "2011-05-13T06:42:34.5+02:00"})");
    check(widget,
          {
              {R"(when eq "2011-05-13T04:42:34.5Z")", true},
              {R"(when eq "2011-05-13T04:42:34.500000Z")", true},
              {R"(when gt "2011-05-13T04:42:34Z")", true},
              {R"(when lt "2011-05-13T04:42:35Z")", true},
          },
          "Widget");
    check(parse(R"({"when": "yesterday"})"),
          {
              {R"(when eq "2011-05-13T04:42:34Z")", false},
              {R"(when lt "2999-01-01T00:00:00Z")", false},
              {R"(when ne "2011-05-13T04:42:34Z")", true},
              {"when pr", true},
          },
          "Widget");
}

BOOST_AUTO_TEST_CASE(datetime_to_epoch_micros_counts_from_the_unix_epoch) {
    BOOST_TEST(*scim::datetime_to_epoch_micros("1970-01-01T00:00:00Z") == 0);
    BOOST_TEST(*scim::datetime_to_epoch_micros("1970-01-01T00:00:01.5Z") == 1500000);
    BOOST_TEST(*scim::datetime_to_epoch_micros("1969-12-31T23:59:59.999999Z") == -1);
    BOOST_TEST(*scim::datetime_to_epoch_micros("2011-05-13T04:42:34Z") == 1305261754000000LL);
    BOOST_TEST(*scim::datetime_to_epoch_micros("2011-05-13T06:42:34+02:00") == 1305261754000000LL);
    BOOST_TEST(*scim::datetime_to_epoch_micros("2011-05-13T04:42:34.1234569Z") == 1305261754123456LL);
    BOOST_TEST(*scim::datetime_to_epoch_micros("2000-02-29T00:00:00Z") == 951782400000000LL);
    BOOST_TEST(*scim::datetime_to_epoch_micros("2016-12-31T23:59:60Z") ==
               *scim::datetime_to_epoch_micros("2017-01-01T00:00:00Z"));
    BOOST_TEST(!scim::datetime_to_epoch_micros("2011-02-29T00:00:00Z"));  // 2011 is no leap year
    BOOST_TEST(!scim::datetime_to_epoch_micros("1900-02-29T00:00:00Z"));
    BOOST_TEST(!scim::datetime_to_epoch_micros("2011-04-31T00:00:00Z"));
    BOOST_TEST(!scim::datetime_to_epoch_micros("not a date"));
    BOOST_TEST(!scim::is_valid_datetime("2011-02-29T00:00:00Z"));
}

BOOST_AUTO_TEST_CASE(numbers_and_booleans) {
    const Json::Value widget = parse(R"({"count": 5, "ratio": 1.5, "flag": true, "tags": ["Red", "green"], "blob": "TUlJ"})");
    check(widget,
          {
              {"count eq 5", true},
              {"count ne 5", false},
              {"count gt 4", true},
              {"count gt 5", false},
              {"count ge 5", true},
              {"count lt 6", true},
              {"count le 4", false},
              {"ratio eq 1.5", true},
              {"ratio eq 15e-1", true},
              {"ratio gt 1", true},
              {"ratio lt 1.25", false},
              {"ratio ne 2", true},
              {"flag eq true", true},
              {"flag eq false", false},
              {"flag ne true", false},
              {"flag ne false", true},
              {R"(tags eq "red")", true},
              {R"(tags sw "GR")", true},
              {R"(tags gt "z")", false},
              {R"(tags lt "h")", true},
              {R"(tags ne "green")", false},
              {R"(blob eq "tulj")", true},  // caseExact false on this binary attribute
          },
          "Widget");
    // Integral data against a real literal compare as numbers.
    check(parse(R"({"ratio": 2, "count": 7})"), {{"ratio eq 2.0", true}, {"ratio lt 2.5", true}}, "Widget");
}

BOOST_AUTO_TEST_CASE(mismatched_json_types_in_the_data_never_match) {
    const Json::Value widget = parse(R"({"count": "5", "ratio": true, "flag": "true", "tags": [1, "one"], "when": 5})");
    check(widget,
          {
              {"count eq 5", false},
              {"count ne 5", true},
              {"count gt 1", false},
              {"ratio eq 1", false},
              {"flag eq true", false},
              {"flag ne true", true},
              {R"(tags eq "1")", false},
              {R"(tags eq "one")", true},
              {R"(when eq "1970-01-01T00:00:00Z")", false},
          },
          "Widget");
    check(parse(R"({"userName": 5, "emails": "a@b.c", "name": "Barbara"})"),
          {
              {R"(userName eq "5")", false},
              {"userName pr", true},
              {R"(name.givenName eq "Barbara")", false},
              {R"(emails.value eq "a@b.c")", false},
          });
}

BOOST_AUTO_TEST_CASE(enterprise_extension_attributes_live_under_their_urn) {
    const Json::Value user = enterprise_user();
    const std::string ext = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:";
    check(user,
          {
              {ext + R"(employeeNumber eq "701984")", true},
              {ext + R"(employeeNumber eq "701985")", false},
              {ext + R"(organization sw "universal")", true},
              {ext + R"(costCenter ne "4130")", false},
              {ext + "department pr", true},
              {ext + R"(manager.value eq "26118915-6090-4610-87e4-49d8ca9f808d")", true},
              {ext + R"(manager eq "26118915-6090-4610-87e4-49d8ca9f808d")", true},
              // manager.value is caseExact (it holds an id).
              {ext + R"(manager.value eq "26118915-6090-4610-87E4-49D8CA9F808D")", false},
              {ext + R"(manager.displayName eq "john smith")", true},
              {ext + R"(manager[displayName co "Smith" and value sw "2611"])", true},
              {R"(schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")", true},
              // Core attributes are still read from the top level.
              {R"(userName eq "bjensen@example.com" and )" + ext + R"(division eq "Theme Park")", true},
          });
    check(parse(kFullUser),
          {
              {ext + "department pr", false},
              {ext + R"(costCenter ne "4130")", true},
              {ext + "manager eq null", true},
          });
}

BOOST_AUTO_TEST_CASE(non_array_values_are_one_element_and_member_names_ignore_case) {
    check(parse(R"({"USERNAME": "x", "Emails": {"Value": "a@b.c", "TYPE": "work"}})"),
          {
              {R"(userName eq "x")", true},
              {R"(emails[type eq "work"])", true},
              {R"(emails.value eq "a@b.c")", true},
              {R"(emails.type eq "home")", false},
          });
}

BOOST_AUTO_TEST_CASE(matches_value_selects_elements_for_patch) {
    const Json::Value user = parse(kFullUser);
    auto path = scim::filter::parse_patch_path(R"(emails[type eq "work"])", registry(), type("User"));
    BOOST_TEST(matches_value(*path.value_filter, user["emails"][0]) == true);
    BOOST_TEST(matches_value(*path.value_filter, user["emails"][1]) == false);

    auto ends = scim::filter::parse_patch_path(R"(emails[value ew "JENSEN.ORG" or primary eq true])", registry(),
                                              type("User"));
    BOOST_TEST(matches_value(*ends.value_filter, user["emails"][0]) == true);
    BOOST_TEST(matches_value(*ends.value_filter, user["emails"][1]) == true);

    auto not_work = scim::filter::parse_patch_path(R"(emails[type ne "work"])", registry(), type("User"));
    BOOST_TEST(matches_value(*not_work.value_filter, parse("{}")) == true);
    BOOST_TEST(matches_value(*not_work.value_filter, Json::Value("work")) == true);
    BOOST_TEST(matches_value(*path.value_filter, Json::Value("work")) == false);

    const Json::Value group = parse(R"({"members": [
        {"value": "2819c223-7f76-453a-919d-413861904646", "type": "User"},
        {"value": "902c246b-6245-4190-8e05-00816be7344a", "type": "User"}]})");
    auto member = scim::filter::parse_patch_path(R"(members[value eq "2819c223-7f76-453a-919d-413861904646"])",
                                                registry(), type("Group"));
    BOOST_TEST(matches_value(*member.value_filter, group["members"][0]) == true);
    BOOST_TEST(matches_value(*member.value_filter, group["members"][1]) == false);
}

BOOST_AUTO_TEST_SUITE_END()
