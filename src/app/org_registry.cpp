#include "app/org_registry.h"

#include <utility>

#include "scim/schema/schema_definition.h"
#include "util/json_text.h"
#include "util/log.h"

namespace app {

scim::schema::Registry build_org_registry(const scim::schema::Registry& standard,
                                          const std::vector<store::StoredSchema>& stored,
                                          std::vector<std::string>* skipped) {
    std::vector<std::pair<scim::schema::Schema, std::string>> extensions;
    for (const auto& schema : stored) {
        Json::Value definition;
        try {
            if (!util::from_json_text(schema.definition, definition)) throw std::invalid_argument("not JSON");
            extensions.emplace_back(scim::schema::read_schema_definition(definition, standard), schema.resource_type);
        } catch (const std::invalid_argument& e) {
            if (skipped != nullptr) skipped->push_back(schema.urn + ": " + e.what());
        }
    }
    return standard.with_extensions(std::move(extensions));
}

std::shared_ptr<const scim::schema::Registry> OrgRegistries::for_tenant(const store::Tenant& tenant, store::Db& db) {
    if (tenant.schema_version == 0) return standard_shared_;
    auto found = built_.find(tenant.org_id);
    if (found != built_.end() && found->second.version == tenant.schema_version) return found->second.registry;
    if (found == built_.end() && built_.size() >= kMaxOrganisations) built_.clear();
    std::vector<std::string> skipped;
    auto registry = std::make_shared<const scim::schema::Registry>(
        build_org_registry(standard_, store::SchemaStore(db).list(tenant.org_id), &skipped));
    for (const auto& reason : skipped) {
        util::log::error("extension schema skipped", {{"org", tenant.org_id}, {"reason", reason}});
    }
    built_[tenant.org_id] = Built{tenant.schema_version, registry};
    return registry;
}

}  // namespace app
