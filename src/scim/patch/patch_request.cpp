#include "scim/patch/patch_request.h"

#include "scim/error.h"
#include "scim/json.h"
#include "scim/schema/schema.h"
#include "util/ascii.h"

namespace scim::patch {
namespace {

bool lists_patch_op(const Json::Value& schemas) {
    if (!schemas.isArray()) return false;
    for (const Json::Value& urn : schemas) {
        if (urn.isString() && util::iequals(urn.asString(), schema::urn::kPatchOp)) return true;
    }
    return false;
}

Operation::Kind kind_of(const Json::Value& op, const std::string& where) {
    if (!op.isString()) throw ScimError::invalid_syntax(where + "'op' must be a string");
    const std::string name = op.asString();
    if (util::iequals(name, "add")) return Operation::Kind::Add;
    if (util::iequals(name, "remove")) return Operation::Kind::Remove;
    if (util::iequals(name, "replace")) return Operation::Kind::Replace;
    throw ScimError::invalid_syntax(where + "'op' must be \"add\", \"remove\" or \"replace\", not \"" + name + "\"");
}

Operation read_operation(const Json::Value& element, int index) {
    const std::string where = "Operations[" + std::to_string(index) + "]: ";
    if (!element.isObject()) throw ScimError::invalid_syntax(where + "an operation must be a JSON object");

    Operation operation;
    operation.index = index;
    const Json::Value* op = json::find_member(element, "op");
    if (op == nullptr) throw ScimError::invalid_syntax(where + "'op' is missing");
    operation.kind = kind_of(*op, where);

    // A null path is read as an absent one, as null is "unassigned" everywhere else.
    const Json::Value* path = json::find_member(element, "path");
    if (path != nullptr && !path->isNull()) {
        if (!path->isString()) throw ScimError::invalid_syntax(where + "'path' must be a string");
        operation.path = path->asString();
    }

    const Json::Value* value = json::find_member(element, "value");
    switch (operation.kind) {
        case Operation::Kind::Add:
            // RFC 7644 §3.5.2.1: "The operation MUST contain a "value" member".
            if (value == nullptr || value->isNull()) {
                throw ScimError::invalid_syntax(where + "'add' requires a non-null 'value'");
            }
            operation.value = *value;
            break;
        case Operation::Kind::Replace:
            if (value == nullptr) throw ScimError::invalid_syntax(where + "'replace' requires a 'value'");
            operation.value = *value;
            break;
        case Operation::Kind::Remove:
            // RFC 7644 §3.5.2.2 defines no value; Entra sends one to name the members to remove.
            if (value != nullptr && !value->isNull()) operation.value = *value;
            break;
    }
    return operation;
}

}  // namespace

std::vector<Operation> parse_patch_request(const Json::Value& body) {
    if (!body.isObject()) throw ScimError::invalid_syntax("A PATCH body must be a JSON object");
    const Json::Value* schemas = json::find_member(body, "schemas");
    if (schemas == nullptr || !lists_patch_op(*schemas)) {
        throw ScimError::invalid_syntax("'schemas' must list " + std::string(schema::urn::kPatchOp));
    }
    const Json::Value* operations = json::find_member(body, "Operations");
    if (operations == nullptr || !operations->isArray()) {
        throw ScimError::invalid_syntax("'Operations' must be an array of operations");
    }
    if (operations->empty()) throw ScimError::invalid_syntax("'Operations' must hold at least one operation");
    if (operations->size() > kMaxOperations) {
        throw ScimError::invalid_syntax("'Operations' holds more than " + std::to_string(kMaxOperations) +
                                        " operations");
    }
    std::vector<Operation> out;
    out.reserve(operations->size());
    for (Json::ArrayIndex i = 0; i < operations->size(); ++i) {
        out.push_back(read_operation((*operations)[i], static_cast<int>(i)));
    }
    return out;
}

}  // namespace scim::patch
