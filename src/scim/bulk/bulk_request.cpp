#include "scim/bulk/bulk_request.h"

#include <cmath>
#include <set>

#include "scim/error.h"
#include "scim/json.h"
#include "scim/schema/schema.h"
#include "util/ascii.h"

namespace scim::bulk {

BulkRequest parse_bulk_request(const Json::Value& body, int max_operations) {
    if (!body.isObject()) throw ScimError::invalid_syntax("A bulk request must be a JSON object");
    const Json::Value* schemas = json::find_member(body, "schemas");
    bool listed = false;
    if (schemas != nullptr && schemas->isArray()) {
        for (const auto& urn : *schemas) {
            listed = listed || (urn.isString() && util::iequals(urn.asString(), schema::urn::kBulkRequest));
        }
    }
    if (!listed) throw ScimError::invalid_syntax("'schemas' must list " + std::string(schema::urn::kBulkRequest));
    const Json::Value* operations = json::find_member(body, "Operations");
    if (operations == nullptr || !operations->isArray()) {
        throw ScimError::invalid_syntax("A bulk request needs 'Operations', an array of operations");
    }
    if (operations->size() > static_cast<Json::ArrayIndex>(max_operations)) {
        throw ScimError::payload_too_large("The bulk request holds " + std::to_string(operations->size()) +
                                           " operations; maxOperations is " + std::to_string(max_operations));
    }
    BulkRequest request;
    if (const Json::Value* fail_on_errors = json::find_member(body, "failOnErrors");
        fail_on_errors != nullptr && !fail_on_errors->isNull()) {
        if (!fail_on_errors->isNumeric() || std::floor(fail_on_errors->asDouble()) != fail_on_errors->asDouble() ||
            fail_on_errors->asDouble() < 1) {
            throw ScimError::invalid_value("'failOnErrors' must be a positive integer");
        }
        request.fail_on_errors =
            fail_on_errors->asDouble() > 1e15 ? static_cast<long long>(1e15) : fail_on_errors->asInt64();
    }
    std::set<std::string> bulk_ids;
    for (Json::ArrayIndex i = 0; i < operations->size(); ++i) {
        const Json::Value& item = (*operations)[i];
        if (!item.isObject()) throw ScimError::invalid_syntax("Each bulk operation must be a JSON object");
        Operation operation;
        operation.index = i;
        auto member = [&](const char* name) {
            const Json::Value* value = json::find_member(item, name);
            return value != nullptr ? *value : Json::Value();
        };
        operation.method = member("method");
        operation.bulk_id = member("bulkId");
        operation.version = member("version");
        operation.path = member("path");
        operation.data = member("data");
        // §3.7: unique within the request, or references to it would be ambiguous.
        if (operation.bulk_id.isString() && !bulk_ids.insert(operation.bulk_id.asString()).second) {
            throw ScimError::invalid_syntax("bulkId '" + operation.bulk_id.asString() +
                                            "' is given to more than one operation");
        }
        request.operations.push_back(std::move(operation));
    }
    return request;
}

Json::Value bulk_response(const BulkRequest& request, const std::vector<Result>& results) {
    Json::Value response(Json::objectValue);
    response["schemas"].append(std::string(schema::urn::kBulkResponse));
    Json::Value& entries = response["Operations"] = Json::Value(Json::arrayValue);
    for (const Result& result : results) {
        const Operation& operation = request.operations[result.index];
        Json::Value entry(Json::objectValue);
        entry["method"] = operation.method;
        if (operation.bulk_id.isString()) entry["bulkId"] = operation.bulk_id;
        if (!result.outcome.version.empty()) entry["version"] = result.outcome.version;
        if (!result.outcome.location.empty()) entry["location"] = result.outcome.location;
        // §3.7.3: the status as a string, as in the examples and in the Error message.
        entry["status"] = std::to_string(result.outcome.status);
        if (!result.outcome.error.isNull()) entry["response"] = result.outcome.error;
        entries.append(std::move(entry));
    }
    return response;
}

}  // namespace scim::bulk
