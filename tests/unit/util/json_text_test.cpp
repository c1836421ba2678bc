#include "util/json_text.h"

#include <boost/test/unit_test.hpp>
#include <json/reader.h>

#include <memory>

BOOST_AUTO_TEST_SUITE(json_text_test)

BOOST_AUTO_TEST_CASE(appended_strings_parse_back_to_the_same_text) {
    for (std::string text : {std::string("plain"), std::string("quote \" and \\ back"), std::string("tab\tnew\nline\r"),
                             std::string("ctrl \x01\x1f"), std::string("caf\xC3\xA9 \xF0\x9F\x98\x80"), std::string()}) {
        std::string json;
        util::append_json_string(json, text);
        Json::Value parsed;
        Json::CharReaderBuilder builder;
        std::unique_ptr<Json::CharReader> reader(builder.newCharReader());
        std::string errors;
        BOOST_TEST_REQUIRE(reader->parse(json.data(), json.data() + json.size(), &parsed, &errors), json);
        BOOST_TEST(parsed.asString() == text);
    }
}

BOOST_AUTO_TEST_CASE(compact_text_has_no_indentation) {
    Json::Value value;
    value["a"] = 1;
    value["b"].append("x");
    BOOST_TEST(util::to_json_text(value) == R"({"a":1,"b":["x"]})");
}

BOOST_AUTO_TEST_SUITE_END()
