// Database failures translated into the few kinds the rest of the server acts on.
#pragma once

#include <stdexcept>
#include <string>

namespace store {

class StoreError : public std::runtime_error {
public:
    enum class Kind {
        Unavailable,  // connection lost or refused: 503 with Retry-After
        Uniqueness,   // a unique constraint refused the write: 409
        TooLarge,     // a value too long for its index (PostgreSQL's index row limit): 400
        Contention,   // deadlock or serialization failure: rolled back whole, safe to run again
        Other,        // anything else: 500, logged
    };

    StoreError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
    Kind kind() const { return kind_; }

private:
    Kind kind_;
};

}  // namespace store
