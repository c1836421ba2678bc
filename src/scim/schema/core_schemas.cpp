#include "scim/schema/core_schemas.h"

#include <string>
#include <utility>
#include <vector>

namespace scim::schema {

namespace {

// Starts from the RFC 7643 §2.2 defaults (the Attribute member initializers) and states
// only what an attribute changes, so each definition below reads like its §8.7.1 entry.
class Def {
public:
    Def(std::string name, Type type, std::string description) {
        attribute_.name = std::move(name);
        attribute_.type = type;
        attribute_.description = std::move(description);
    }

    Def& multi_valued() {
        attribute_.multi_valued = true;
        return *this;
    }
    Def& required() {
        attribute_.required = true;
        return *this;
    }
    Def& case_exact() {
        attribute_.case_exact = true;
        return *this;
    }
    Def& mutability(Mutability mutability) {
        attribute_.mutability = mutability;
        return *this;
    }
    Def& returned(Returned returned) {
        attribute_.returned = returned;
        return *this;
    }
    Def& uniqueness(Uniqueness uniqueness) {
        attribute_.uniqueness = uniqueness;
        return *this;
    }
    Def& canonical_values(std::vector<std::string> values) {
        attribute_.canonical_values = std::move(values);
        return *this;
    }
    Def& reference_types(std::vector<std::string> types) {
        attribute_.reference_types = std::move(types);
        return *this;
    }
    Def& sub_attributes(std::vector<Attribute> subs) {
        attribute_.sub_attributes = std::move(subs);
        return *this;
    }

    // Implicit, so that a braced list of definitions initializes a std::vector<Attribute>.
    operator Attribute() const { return attribute_; }

private:
    Attribute attribute_;
};

Def string_attr(std::string name, std::string description) {
    return Def(std::move(name), Type::String, std::move(description));
}

Def complex(std::string name, std::string description, std::vector<Attribute> subs) {
    Def def(std::move(name), Type::Complex, std::move(description));
    def.sub_attributes(std::move(subs));
    return def;
}

// The multi-valued attributes of RFC 7643 §4.1.2 share the §2.4 sub-attributes.
Def multi_valued_complex(std::string name, std::string description, std::vector<Attribute> subs) {
    Def def = complex(std::move(name), std::move(description), std::move(subs));
    def.multi_valued();
    return def;
}

// §8.7.1 describes these "display" sub-attributes as "READ-ONLY." yet gives them
// mutability readWrite; the description drops the words (erratum 8358, held for update)
// rather than contradict the characteristic clients actually act on.
Def display_sub() {
    return string_attr("display", "A human-readable name, primarily used for display purposes.");
}

Def type_sub(std::string description, std::vector<std::string> canonical) {
    Def def = string_attr("type", std::move(description));
    def.canonical_values(std::move(canonical));
    return def;
}

Def primary_sub(std::string description) {
    return Def("primary", Type::Boolean, std::move(description));
}

}  // namespace

// RFC 7643 §4.1, characteristics from §8.7.1. id, externalId and meta (§3.1) are common
// attributes, not part of the schema (§8.7.1 leaves them out too).
Schema user_schema() {
    Schema schema;
    schema.id = std::string(urn::kUser);
    schema.name = "User";
    schema.description = "User Account";
    schema.attributes = {
        // §4.1.1: unique across the service provider, compared without case.
        string_attr("userName",
                    "Unique identifier for the User, typically used by the user to directly "
                    "authenticate to the service provider.  Each User MUST include a non-empty "
                    "userName value.  This identifier MUST be unique across the service "
                    "provider's entire set of Users.  REQUIRED.")
            .required()
            .uniqueness(Uniqueness::Server),
        complex(
            "name",
            "The components of the user's real name.  Providers MAY return just the full "
            "name as a single string in the formatted sub-attribute, or they MAY return "
            "just the individual component attributes using the other sub-attributes, or "
            "they MAY return both.  If both variants are returned, they SHOULD be "
            "describing the same name, with the formatted name indicating how the "
            "component attributes should be combined.",
            {
                string_attr("formatted",
                            "The full name, including all middle names, titles, and suffixes as "
                            "appropriate, formatted for display (e.g., 'Ms. Barbara J Jensen, "
                            "III')."),
                string_attr("familyName",
                            "The family name of the User, or last name in most Western languages "
                            "(e.g., 'Jensen' given the full name 'Ms. Barbara J Jensen, III')."),
                string_attr("givenName",
                            "The given name of the User, or first name in most Western languages "
                            "(e.g., 'Barbara' given the full name 'Ms. Barbara J Jensen, III')."),
                string_attr("middleName",
                            "The middle name(s) of the User (e.g., 'Jane' given the full name "
                            "'Ms. Barbara J Jensen, III')."),
                string_attr("honorificPrefix",
                            "The honorific prefix(es) of the User, or title in most Western "
                            "languages (e.g., 'Ms.' given the full name 'Ms. Barbara J Jensen, "
                            "III')."),
                string_attr("honorificSuffix",
                            "The honorific suffix(es) of the User, or suffix in most Western "
                            "languages (e.g., 'III' given the full name 'Ms. Barbara J Jensen, "
                            "III')."),
            }),
        string_attr("displayName",
                    "The name of the User, suitable for display to end-users.  The name SHOULD be "
                    "the full name of the User being described, if known."),
        string_attr("nickName",
                    "The casual way to address the user in real life, e.g., 'Bob' or 'Bobby' "
                    "instead of 'Robert'.  This attribute SHOULD NOT be used to represent a User's "
                    "username (e.g., 'bjensen' or 'mpepperidge')."),
        Def("profileUrl", Type::Reference,
            "A fully qualified URL pointing to a page representing the User's online profile.")
            .reference_types({"external"}),
        string_attr("title", "The user's title, such as \"Vice President.\""),
        string_attr("userType",
                    "Used to identify the relationship between the organization and the user.  "
                    "Typical values used might be 'Contractor', 'Employee', 'Intern', 'Temp', "
                    "'External', and 'Unknown', but any value may be used."),
        string_attr(
            "preferredLanguage",
            "Indicates the User's preferred written or spoken language.  Generally used for "
            "selecting a localized user interface; e.g., 'en_US' specifies the language "
            "English and country US."),
        string_attr("locale",
                    "Used to indicate the User's default location for purposes of localizing items "
                    "such as currency, date time format, or numerical representations."),
        string_attr("timezone",
                    "The User's time zone in the 'Olson' time zone database format, e.g., "
                    "'America/Los_Angeles'."),
        Def("active", Type::Boolean,
            "A Boolean value indicating the User's administrative status."),
        // §4.1.1 and §7: a password is never returned in any form.
        string_attr("password",
                    "The User's cleartext password.  This attribute is intended to be used as a "
                    "means to specify an initial password when creating a new User or to reset an "
                    "existing User's password.")
            .mutability(Mutability::WriteOnly)
            .returned(Returned::Never),
        multi_valued_complex(
            "emails",
            "Email addresses for the user.  The value SHOULD be canonicalized by the service "
            "provider, e.g., 'bjensen@example.com' instead of 'bjensen@EXAMPLE.COM'.  "
            "Canonical type values of 'work', 'home', and 'other'.",
            {
                string_attr(
                    "value",
                    "Email addresses for the user.  The value SHOULD be canonicalized by the "
                    "service provider, e.g., 'bjensen@example.com' instead of "
                    "'bjensen@EXAMPLE.COM'.  Canonical type values of 'work', 'home', and "
                    "'other'."),
                display_sub(),
                type_sub("A label indicating the attribute's function, e.g., 'work' or 'home'.",
                         {"work", "home", "other"}),
                primary_sub("A Boolean value indicating the 'primary' or preferred attribute "
                            "value for this attribute, e.g., the preferred mailing address or "
                            "primary email address.  The primary attribute value 'true' MUST "
                            "appear no more than once."),
            }),
        multi_valued_complex(
            "phoneNumbers",
            "Phone numbers for the User.  The value SHOULD be canonicalized by the service "
            "provider according to the format specified in RFC 3966, e.g., "
            "'tel:+1-201-555-0123'.  Canonical type values of 'work', 'home', 'mobile', 'fax', "
            "'pager', and 'other'.",
            {
                string_attr("value", "Phone number of the User."),
                display_sub(),
                type_sub("A label indicating the attribute's function, e.g., 'work', 'home', "
                         "'mobile'.",
                         {"work", "home", "mobile", "fax", "pager", "other"}),
                primary_sub("A Boolean value indicating the 'primary' or preferred attribute "
                            "value for this attribute, e.g., the preferred phone number or "
                            "primary phone number.  The primary attribute value 'true' MUST "
                            "appear no more than once."),
            }),
        multi_valued_complex(
            "ims", "Instant messaging addresses for the User.",
            {
                string_attr("value", "Instant messaging address for the User."),
                display_sub(),
                type_sub("A label indicating the attribute's function, e.g., 'aim', 'gtalk', "
                         "'xmpp'.",
                         {"aim", "gtalk", "icq", "xmpp", "msn", "skype", "qq", "yahoo"}),
                primary_sub("A Boolean value indicating the 'primary' or preferred attribute "
                            "value for this attribute, e.g., the preferred messenger or primary "
                            "messenger.  The primary attribute value 'true' MUST appear no more "
                            "than once."),
            }),
        multi_valued_complex(
            "photos", "URLs of photos of the User.",
            {
                Def("value", Type::Reference, "URL of a photo of the User.")
                    .reference_types({"external"}),
                display_sub(),
                type_sub("A label indicating the attribute's function, i.e., 'photo' or "
                         "'thumbnail'.",
                         {"photo", "thumbnail"}),
                primary_sub("A Boolean value indicating the 'primary' or preferred attribute "
                            "value for this attribute, e.g., the preferred photo or thumbnail.  "
                            "The primary attribute value 'true' MUST appear no more than once."),
            }),
        multi_valued_complex(
            "addresses",
            "A physical mailing address for this User.  Canonical type values of 'work', "
            "'home', and 'other'.  This attribute is a complex type with the following "
            "sub-attributes.",
            {
                string_attr("formatted",
                            "The full mailing address, formatted for display or use with a mailing "
                            "label.  This attribute MAY contain newlines."),
                string_attr("streetAddress",
                            "The full street address component, which may include house number, "
                            "street name, P.O. box, and multi-line extended street address "
                            "information.  This attribute MAY contain newlines."),
                string_attr("locality", "The city or locality component."),
                string_attr("region", "The state or region component."),
                string_attr("postalCode", "The zip code or postal code component."),
                string_attr("country", "The country name component."),
                type_sub("A label indicating the attribute's function, e.g., 'work' or 'home'.",
                         {"work", "home", "other"}),
                // Absent from §8.7.1's addresses, but §2.4 makes "primary" a default
                // sub-attribute of every multi-valued attribute and §8.2 sends it.
                primary_sub("A Boolean value indicating the 'primary' or preferred attribute "
                            "value for this attribute, e.g., the preferred mailing address.  "
                            "The primary attribute value 'true' MUST appear no more than once."),
            }),
        // §4.1.2: membership is changed through the Group resource, never here.
        multi_valued_complex(
            "groups",
            "A list of groups to which the user belongs, either through direct membership, "
            "through nested groups, or dynamically calculated.",
            {
                string_attr("value", "The identifier of the User's group.")
                    .mutability(Mutability::ReadOnly),
                // §8.7.1 lists "User" too; verified erratum 8471 removes it: these are groups.
                Def("$ref", Type::Reference,
                    "The URI of the corresponding 'Group' resource to which the user belongs.")
                    .reference_types({"Group"})
                    .mutability(Mutability::ReadOnly),
                display_sub().mutability(Mutability::ReadOnly),
                type_sub("A label indicating the attribute's function, e.g., 'direct' or "
                         "'indirect'.",
                         {"direct", "indirect"})
                    .mutability(Mutability::ReadOnly),
            })
            .mutability(Mutability::ReadOnly),
        multi_valued_complex(
            "entitlements",
            "A list of entitlements for the User that represent a thing the User has.",
            {
                string_attr("value", "The value of an entitlement."),
                display_sub(),
                type_sub("A label indicating the attribute's function.", {}),
                primary_sub("A Boolean value indicating the 'primary' or preferred attribute "
                            "value for this attribute.  The primary attribute value 'true' MUST "
                            "appear no more than once."),
            }),
        multi_valued_complex(
            "roles",
            "A list of roles for the User that collectively represent who the User is, e.g., "
            "'Student', 'Faculty'.",
            {
                string_attr("value", "The value of a role."),
                display_sub(),
                type_sub("A label indicating the attribute's function.", {}),
                primary_sub("A Boolean value indicating the 'primary' or preferred attribute "
                            "value for this attribute.  The primary attribute value 'true' MUST "
                            "appear no more than once."),
            }),
        multi_valued_complex(
            "x509Certificates", "A list of certificates issued to the User.",
            {
                // §2.3.6: binary values are case exact (base64 is); §8.7.1 says false here.
                Def("value", Type::Binary, "The value of an X.509 certificate.").case_exact(),
                display_sub(),
                type_sub("A label indicating the attribute's function.", {}),
                primary_sub("A Boolean value indicating the 'primary' or preferred attribute "
                            "value for this attribute.  The primary attribute value 'true' MUST "
                            "appear no more than once."),
            }),
    };
    return schema;
}

// RFC 7643 §4.3, characteristics from §8.7.1.
Schema enterprise_user_schema() {
    Schema schema;
    schema.id = std::string(urn::kEnterpriseUser);
    schema.name = "EnterpriseUser";
    schema.description = "Enterprise User";
    schema.attributes = {
        string_attr("employeeNumber",
                    "Numeric or alphanumeric identifier assigned to a person, typically based on "
                    "order of hire or association with an organization."),
        string_attr("costCenter", "Identifies the name of a cost center."),
        string_attr("organization", "Identifies the name of an organization."),
        string_attr("division", "Identifies the name of a division."),
        string_attr("department", "Identifies the name of a department."),
        complex("manager",
                "The User's manager.  A complex type that optionally allows service providers "
                "to represent organizational hierarchy by referencing the 'id' attribute of "
                "another User.",
                {
                    // "REQUIRED." in the text yet required false in §8.7.1, kept: the text
                    // means a manager, when given, names one; the manager itself is optional.
                    // Case exact because it holds an id (§3.1), as verified erratum 8472 says.
                    string_attr("value",
                                "The id of the SCIM resource representing the User's manager.  "
                                "REQUIRED.")
                        .case_exact(),
                    Def("$ref", Type::Reference,
                        "The URI of the SCIM resource representing the User's manager.  "
                        "REQUIRED.")
                        .reference_types({"User"}),
                    string_attr("displayName",
                                "The displayName of the User's manager.  OPTIONAL and READ-ONLY.")
                        .mutability(Mutability::ReadOnly),
                }),
    };
    return schema;
}

// RFC 7643 §4.2, characteristics from §8.7.1.
Schema group_schema() {
    Schema schema;
    schema.id = std::string(urn::kGroup);
    schema.name = "Group";
    schema.description = "Group";
    schema.attributes = {
        // §4.2 says REQUIRED; §8.7.1 says required false; verified erratum 5368 fixes
        // §8.7.1 to true.
        string_attr("displayName", "A human-readable name for the Group.  REQUIRED.").required(),
        // §4.2: "While values MAY be added or removed, sub-attributes of members are
        // 'immutable'."
        multi_valued_complex(
            "members", "A list of members of the Group.",
            {
                string_attr("value", "Identifier of the member of this Group.")
                    .mutability(Mutability::Immutable),
                Def("$ref", Type::Reference,
                    "The URI corresponding to a SCIM resource that is a member of this Group.")
                    .reference_types({"User", "Group"})
                    .mutability(Mutability::Immutable),
                type_sub("A label indicating the type of resource, e.g., 'User' or 'Group'.",
                         {"User", "Group"})
                    .mutability(Mutability::Immutable),
                // Not in §8.7.1, but §4.2's example sends it and §2.4 defines "display"
                // as a default sub-attribute with mutability immutable, which §4.2 agrees with.
                display_sub().mutability(Mutability::Immutable),
            }),
    };
    return schema;
}

std::vector<Attribute> common_attributes() {
    return {
        // §3.1: id is caseExact, readOnly, returned always, unique.
        string_attr("id", "A unique identifier for a SCIM resource as defined by the service provider.")
            .case_exact()
            .mutability(Mutability::ReadOnly)
            .returned(Returned::Always)
            .uniqueness(Uniqueness::Server),
        // §3.1: externalId is caseExact and issued by the provisioning client.
        string_attr("externalId", "A String that is an identifier for the resource as defined by the provisioning client.")
            .case_exact(),
        complex("meta", "A complex attribute containing resource metadata.",
                {
                    string_attr("resourceType", "The name of the resource type of the resource.")
                        .case_exact()
                        .mutability(Mutability::ReadOnly),
                    Def("created", Type::DateTime, "The DateTime that the resource was added to the service provider.")
                        .mutability(Mutability::ReadOnly),
                    Def("lastModified", Type::DateTime, "The most recent DateTime that the details of this resource were updated.")
                        .mutability(Mutability::ReadOnly),
                    Def("location", Type::Reference, "The URI of the resource being returned.")
                        .case_exact()
                        .mutability(Mutability::ReadOnly),
                    string_attr("version", "The version of the resource being returned.")
                        .case_exact()
                        .mutability(Mutability::ReadOnly),
                })
            .mutability(Mutability::ReadOnly),
        Def("schemas", Type::Reference, "The schema URIs the resource conforms to.")
            .multi_valued()
            .case_exact()
            .mutability(Mutability::ReadOnly)
            .returned(Returned::Always),
    };
}

}  // namespace scim::schema
