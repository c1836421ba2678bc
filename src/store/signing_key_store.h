// The deployment's cursor signing secret (sql/0016), read by each worker once.
#pragma once

#include <string>

#include "store/db.h"

namespace store {

// Throws StoreError (Other when the migration that makes it has not run).
std::string cursor_signing_key(Db& db);

}  // namespace store
