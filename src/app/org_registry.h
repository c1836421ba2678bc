// Each organisation's schema registry: the standard one, plus the extension schemas the
// organisation registered (store/schema_store.h). A worker rebuilds one only when the
// organisation's schema_version, read with the token on every request, has changed.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "scim/schema/registry.h"
#include "store/db.h"
#include "store/schema_store.h"
#include "store/tenant.h"

namespace app {

// The standard registry extended with `stored`. A stored definition that no longer reads
// (it was checked when added, so only a hand edit of the table does that) is left out and
// reported through `skipped`.
scim::schema::Registry build_org_registry(const scim::schema::Registry& standard,
                                          const std::vector<store::StoredSchema>& stored,
                                          std::vector<std::string>* skipped = nullptr);

class OrgRegistries {
public:
    // REQUIRES: standard outlives this object.
    explicit OrgRegistries(const scim::schema::Registry& standard) : standard_(standard) {}

    // The registry for the tenant's organisation at its schema_version: the standard one for
    // version 0, else built from the organisation's stored schemas when first asked or when
    // the version moved. The result stays valid while the caller holds it.
    std::shared_ptr<const scim::schema::Registry> for_tenant(const store::Tenant& tenant, store::Db& db);

private:
    struct Built {
        long long version = 0;
        std::shared_ptr<const scim::schema::Registry> registry;
    };
    // Bounded: only organisations that registered schemas are kept, and at most this many.
    static constexpr std::size_t kMaxOrganisations = 1000;

    const scim::schema::Registry& standard_;
    std::shared_ptr<const scim::schema::Registry> standard_shared_{std::shared_ptr<const scim::schema::Registry>(),
                                                                    &standard_};
    std::map<std::string, Built> built_;
};

}  // namespace app
