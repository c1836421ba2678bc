#include "app/router.h"

#include <boost/test/unit_test.hpp>

using app::Endpoint;
using app::Route;
using app::route;

namespace {
const std::string kBase = "/orgs/4d6b1a2e-0000-4000-8000-000000000001/api/v1/scim/v2";
}

BOOST_AUTO_TEST_SUITE(router_test)

BOOST_AUTO_TEST_CASE(collection_and_resource_paths_route_to_their_endpoints) {
    struct Case {
        std::string method, path;
        Endpoint endpoint;
        std::string id;
    };
    for (const auto& c : std::vector<Case>{
             {"GET", "/ServiceProviderConfig", Endpoint::ServiceProviderConfig, ""},
             {"GET", "/Schemas", Endpoint::Schemas, ""},
             {"GET", "/Schemas/urn:ietf:params:scim:schemas:core:2.0:User", Endpoint::Schema,
              "urn:ietf:params:scim:schemas:core:2.0:User"},
             {"GET", "/ResourceTypes", Endpoint::ResourceTypes, ""},
             {"GET", "/ResourceTypes/User", Endpoint::ResourceType, "User"},
             {"GET", "/Users", Endpoint::Users, ""},
             {"POST", "/Users", Endpoint::Users, ""},
             {"GET", "/Users/2819c223-7f76-453a-919d-413861904646", Endpoint::User,
              "2819c223-7f76-453a-919d-413861904646"},
             {"PUT", "/Users/abc", Endpoint::User, "abc"},
             {"DELETE", "/Users/abc", Endpoint::User, "abc"},
         }) {
        Route r = route(c.method, kBase + c.path);
        BOOST_TEST((r.outcome == Route::Outcome::Found), c.method << " " << c.path);
        BOOST_TEST((r.endpoint == c.endpoint), c.path);
        BOOST_TEST(r.resource_id == c.id);
        BOOST_TEST(r.org_id == "4d6b1a2e-0000-4000-8000-000000000001");
    }
}

BOOST_AUTO_TEST_CASE(segments_are_percent_decoded) {
    Route r = route("GET", kBase + "/Schemas/urn%3Aietf%3Aparams%3Ascim%3Aschemas%3Acore%3A2.0%3AUser");
    BOOST_TEST(r.resource_id == "urn:ietf:params:scim:schemas:core:2.0:User");
}

BOOST_AUTO_TEST_CASE(other_paths_are_not_found) {
    for (std::string path : {"/", "", "/orgs", "/orgs/x/api/v1/scim/v2", "/orgs/x/api/v1/scim/v2/",
                             "/orgs//api/v1/scim/v2/Users", "/orgs/x/api/v2/scim/v2/Users", "/orgs/x/api/v1/scim/v1/Users",
                             "/orgs/x/api/v1/scim/v2/Printers", "/orgs/x/api/v1/scim/v2/Users//", "/orgs/x/api/v1/scim/v2/Userz",
                             "/orgs/x/api/v1/scim/v2/Users/a/b", "/orgs/x/api/v1/scim/v2/Users/%zz",
                             "/orgs/x/api/v1/scim/v2/Users/%00", "/orgs/x/api/v1/scim/v2/../v2/Users"}) {
        BOOST_TEST((route("GET", path).outcome == Route::Outcome::NotFound), path);
    }
}

// RFC 7643 §2.1 makes names case-insensitive; clients and test tools write resource
// segments in any case, with a trailing slash, and under their SCIM 1.1 names.
BOOST_AUTO_TEST_CASE(resource_names_as_clients_write_them) {
    struct Case {
        std::string path;
        Endpoint endpoint;
        std::string id;
    };
    for (const auto& c : std::vector<Case>{
             {"/users", Endpoint::Users, ""},
             {"/USERS/abc", Endpoint::User, "abc"},
             {"/Users/", Endpoint::Users, ""},
             {"/Users/abc/", Endpoint::User, "abc"},
             {"/groups/", Endpoint::Groups, ""},
             {"/serviceproviderconfig", Endpoint::ServiceProviderConfig, ""},
             {"/ServiceProviderConfigs", Endpoint::ServiceProviderConfig, ""},
             {"/serviceConfiguration", Endpoint::ServiceProviderConfig, ""},
             {"/schemas", Endpoint::Schemas, ""},
             {"/resourcetypes/User", Endpoint::ResourceType, "User"},
             {"/Me", Endpoint::Me, ""},
         }) {
        Route r = route("GET", kBase + c.path);
        BOOST_TEST((r.outcome == Route::Outcome::Found), c.path);
        BOOST_TEST((r.endpoint == c.endpoint), c.path);
        BOOST_TEST(r.resource_id == c.id, c.path);
    }
    BOOST_TEST((route("POST", kBase + "/users/.SEARCH").endpoint == Endpoint::UsersSearch));
    BOOST_TEST((route("PATCH", kBase + "/Me").outcome == Route::Outcome::Found));
}

BOOST_AUTO_TEST_CASE(wrong_method_is_method_not_allowed_with_allow_list) {
    Route r = route("DELETE", kBase + "/Users");
    BOOST_TEST((r.outcome == Route::Outcome::MethodNotAllowed));
    BOOST_TEST(r.allow == "GET, POST");
    Route config = route("PUT", kBase + "/ServiceProviderConfig");
    BOOST_TEST((config.outcome == Route::Outcome::MethodNotAllowed));
    BOOST_TEST(config.allow == "GET");
    BOOST_TEST((route("POST", kBase + "/Users/abc").outcome == Route::Outcome::MethodNotAllowed));
    BOOST_TEST((route("get", kBase + "/Users").outcome == Route::Outcome::MethodNotAllowed));
}

BOOST_AUTO_TEST_CASE(templates_name_the_route_not_the_ids) {
    BOOST_TEST(route("GET", kBase + "/Users/abc").template_ == "/Users/{id}");
    BOOST_TEST(route("GET", kBase + "/Users").template_ == "/Users");
}

BOOST_AUTO_TEST_SUITE_END()
