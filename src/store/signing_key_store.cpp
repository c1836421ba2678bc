#include "store/signing_key_store.h"

namespace store {
namespace {

const std::string kRead = "SELECT secret FROM cursor_signing_key WHERE id = 1";

}  // namespace

std::string cursor_signing_key(Db& db) {
    std::string secret;
    db.query(kRead, {}, [&](const soci::row& row) { secret = row.get<std::string>(0); });
    if (secret.empty()) throw StoreError(StoreError::Kind::Other, "cursor_signing_key holds no secret");
    return secret;
}

}  // namespace store
