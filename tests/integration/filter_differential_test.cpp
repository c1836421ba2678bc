// The filter parser against the SQL it produces (issue: reliability, hostile values): every
// filter the parser accepts must be accepted by PostgreSQL too (200, never a 500 from a
// value the database refuses), and every filter it refuses is a 400 invalidFilter. The
// inputs are the fuzz corpus of the filter target (tests/fuzz/corpus/filter) and values at
// the edges of each attribute type (dateTime range and precision, int64 and double limits,
// Unicode, LIKE metacharacters), over the built-in attributes and an extension schema with
// one attribute of each type.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <json/reader.h>

#include "scim/error.h"
#include "scim/filter/parser.h"
#include "scim/schema/registry.h"
#include "scim/schema/schema_definition.h"
#include "stack.h"

using namespace itest;

namespace {

const std::string kUrn = "urn:example:typed:1.0:User";
const std::string kDefinition = R"({"id": "urn:example:typed:1.0:User", "attributes": [
    {"name": "level", "type": "integer"}, {"name": "score", "type": "decimal"},
    {"name": "since", "type": "dateTime"}, {"name": "vip", "type": "boolean"},
    {"name": "photo", "type": "binary"}, {"name": "home", "type": "reference", "referenceTypes": ["external"]},
    {"name": "code", "type": "string", "caseExact": true}]})";

std::filesystem::path repo() { return std::filesystem::path(env("SCIM_STACK_SCRIPT")).parent_path().parent_path(); }

std::string read_all(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
}

// The registry the server builds for the test's organisation: the standard one plus kDefinition.
const scim::schema::Registry& typed_registry() {
    static const scim::schema::Registry registry = [] {
        const auto standard = scim::schema::Registry::standard();
        Json::Value definition;
        Json::CharReaderBuilder builder;
        std::string errors;
        std::unique_ptr<Json::CharReader> reader(builder.newCharReader());
        reader->parse(kDefinition.data(), kDefinition.data() + kDefinition.size(), &definition, &errors);
        return standard.with_extensions({{scim::schema::read_schema_definition(definition, standard), "User"}});
    }();
    return registry;
}

std::vector<std::string> edge_filters() {
    std::vector<std::string> values;
    const std::string t = kUrn + ":";
    for (const std::string& date : std::vector<std::string>{"0001-01-01T00:00:00Z", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00",
                             "2015-10-10T14:38:21.8617979-07:00", "2016-12-31T23:59:60Z", "2011-05-13T04:42:34",
                             "2011-05-13T04:42:34.123456789012345678901234567890Z", "2011-02-29T00:00:00Z",
                             "0000-01-01T00:00:00Z", "2011-05-13T04:42:34+15:00", "2011-05-13 04:42:34Z"}) {
        for (const std::string& path : std::vector<std::string>{"meta.created", "meta.lastModified", t + "since"}) {
            values.push_back(path + " gt \"" + date + "\"");
            values.push_back(path + " le " + date);
        }
    }
    for (const std::string& number : std::vector<std::string>{"9223372036854775807", "-9223372036854775808", "9223372036854775808", "1e308", "-1e308",
                               "1e309", "5e-324", "0.1", "-0", "1E+2", "00", "1.", ".5", "12abc"}) {
        for (const std::string& path : std::vector<std::string>{t + "level", t + "score", t + "code", "externalId", "userName"}) {
            values.push_back(path + " eq " + number);
            values.push_back(path + " gt " + number);
        }
    }
    for (const std::string& text : std::vector<std::string>{R"(\u00e9\u4e2d\ud83d\ude00)", R"(100%_\\off)", R"(a\"b)", R"(\u0000)", R"(\ud800)",
                             "line\\nbreak", "'; DROP TABLE scim_users; --", std::string(3000, 'x')}) {
        for (const std::string& op : std::vector<std::string>{"eq", "co", "sw", "ew", "gt"}) {
            for (const std::string& path : std::vector<std::string>{"userName", "title", "emails.value", t + "code", t + "photo", t + "home",
                                     "x509Certificates.value", "meta.version", "id"}) {
                values.push_back(path + " " + op + " \"" + text + "\"");
            }
        }
    }
    for (const std::string& value : std::vector<std::string>{"true", "false", "True", "null", "\"true\"", "1", "yes"}) {
        for (const std::string& path : std::vector<std::string>{"active", t + "vip"}) values.push_back(path + " eq " + value);
    }
    values.push_back("emails[type eq \"work\"].value eq \"X@example.com\"");
    values.push_back("groups.value eq \"2819c223-7f76-453a-919d-413861904646\"");
    values.push_back("groups.value eq \"not-a-uuid\"");
    values.push_back("id eq \"2819C223-7F76-453A-919D-413861904646\"");
    return values;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(filter_differential_test)

BOOST_AUTO_TEST_CASE(what_the_parser_accepts_postgresql_accepts) {
    const Tenant t = new_tenant(unique("differential"));
    const std::string file = "/tmp/" + unique("typed") + ".json";
    std::ofstream(file) << kDefinition;
    scimctl("schema add " + t.org_id + " " + file);
    std::filesystem::remove(file);
    BOOST_TEST_REQUIRE(post(t, "/Users", R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",")" + kUrn +
                                             R"("],"userName":"typed@example.com",")" + kUrn +
                                             R"(":{"level":3,"score":2.5,"since":"2020-01-01T00:00:00Z","vip":true,"code":"A"}})")
                           .status == 201);
    std::vector<std::string> filters = edge_filters();
    for (const auto& entry : std::filesystem::directory_iterator(repo() / "tests" / "fuzz" / "corpus" / "filter")) {
        filters.push_back(read_all(entry.path()));
    }
    const auto& registry = typed_registry();
    int accepted = 0, refused = 0;
    for (const std::string& filter : filters) {
        if (filter.size() > 8000) continue;  // beyond the request line nginx takes; the parser's limit is tested elsewhere
        bool parses = true;
        try {
            scim::filter::parse_filter(filter, registry, *registry.resource_type("User"));
        } catch (const scim::ScimError&) {
            parses = false;
        }
        auto result = get(t, "/Users?filter=" + url_encode(filter));
        if (parses) {
            ++accepted;
            BOOST_TEST(result.status == 200, filter << " -> " << result.status << " " << result.body);
        } else {
            ++refused;
            BOOST_TEST(result.status == 400, filter << " -> " << result.status << " " << result.body);
            BOOST_TEST(result.json["scimType"].asString() == "invalidFilter", filter << " -> " << result.body);
        }
    }
    BOOST_TEST(accepted > 300);
    BOOST_TEST(refused > 30);
}

BOOST_AUTO_TEST_SUITE_END()
