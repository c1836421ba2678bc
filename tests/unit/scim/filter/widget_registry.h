// The test registry of the filter suites: the standard one plus a Widget resource type with
// integer, decimal, boolean, binary, dateTime and multi-valued string attributes, which
// RFC 7643's User lacks.
#pragma once

#include <string>
#include <string_view>

#include <boost/test/unit_test.hpp>

#include "scim/schema/registry.h"

namespace filter_test {

inline constexpr std::string_view kWidget = "urn:example:params:scim:schemas:Widget";

inline scim::schema::Attribute simple(std::string name, scim::schema::Type type, bool multi_valued = false) {
    scim::schema::Attribute attribute;
    attribute.name = std::move(name);
    attribute.type = type;
    attribute.multi_valued = multi_valued;
    return attribute;
}

inline const scim::schema::Registry& registry() {
    using scim::schema::Type;
    static const scim::schema::Registry instance = [] {
        scim::schema::Registry r = scim::schema::Registry::standard();
        scim::schema::Schema widget;
        widget.id = std::string(kWidget);
        widget.name = "Widget";
        widget.attributes = {simple("count", Type::Integer), simple("ratio", Type::Decimal),
                             simple("flag", Type::Boolean), simple("blob", Type::Binary),
                             simple("when", Type::DateTime), simple("tags", Type::String, true)};
        r.add_schema(widget);
        r.add_resource_type(scim::schema::ResourceType{.id = "Widget",
                                                       .name = "Widget",
                                                       .endpoint = "/Widgets",
                                                       .description = "Widget",
                                                       .schema = std::string(kWidget),
                                                       .extensions = {}});
        return r;
    }();
    return instance;
}

inline const scim::schema::ResourceType& type(std::string_view name) {
    const scim::schema::ResourceType* found = registry().resource_type(name);
    BOOST_REQUIRE(found != nullptr);
    return *found;
}

}  // namespace filter_test
