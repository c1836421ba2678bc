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
        Timeout,      // the statement ran past statement_timeout, or the request past its deadline
        LockTimeout,  // the statement waited for a lock past lock_timeout: 503
        Other,        // anything else: 500, logged
    };

    // `message` is for tests and debugging; logs carry only sqlstate(), since PostgreSQL's
    // message text can quote the values of a statement (a duplicate key, a bad input).
    StoreError(Kind kind, const std::string& message, std::string sqlstate = "")
        : std::runtime_error(message), kind_(kind), sqlstate_(std::move(sqlstate)) {}
    Kind kind() const { return kind_; }
    const std::string& sqlstate() const { return sqlstate_; }

private:
    Kind kind_;
    std::string sqlstate_;
};

}  // namespace store
