// One long-lived SOCI session over PostgreSQL per worker: connect, reconnect after the
// database restarts, transactions, and the translation of SOCI errors into StoreError.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <type_traits>

#include <soci/soci.h>

#include "store/store_error.h"

namespace store {

class Db {
public:
    // Does not connect yet: the first ensure_connected() does.
    explicit Db(std::string connection_string);

    // Connects, or reconnects when the last statement lost the connection.
    // Throws StoreError(Unavailable) when the database cannot be reached.
    void ensure_connected();

    // True when the connection kept by the last ensure_connected() (one made before it, that
    // may have died with a database restart unnoticed) failed on its very first statement.
    // Only then is running the request again safe: nothing of it reached the database. A
    // failure later, at COMMIT above all, leaves the outcome unknown, so it is not retried.
    bool failed_on_first_reuse() const { return reused_ && !answered_; }

    soci::session& session() { return session_; }

    // A statement prepared once per connection (PostgreSQL parses and plans it once) and kept
    // with the variables it binds. T derives from Prepared and is built from the session.
    struct Prepared {
        virtual ~Prepared() = default;
    };
    template <typename T>
    T& prepared(const std::string& key) {
        auto& slot = prepared_[key];
        if (!slot) slot = run([&] { return std::make_unique<T>(session_); });
        return static_cast<T&>(*slot);
    }

    // Runs fn and translates any SOCI/PostgreSQL error it throws into StoreError.
    // A lost connection marks the session for reconnection by the next ensure_connected().
    template <typename Fn>
    auto run(Fn&& fn) -> decltype(fn()) {
        try {
            if constexpr (std::is_void_v<decltype(fn())>) {
                fn();
                answered_ = true;
            } else {
                auto result = fn();
                answered_ = true;
                return result;
            }
        } catch (const soci::soci_error& e) {
            throw translate(e);
        }
    }

    // Applies every sql/NNNN_*.sql file in dir not yet recorded in schema_migrations, in
    // name order, each in its own transaction, under an advisory lock. Returns how many ran.
    int apply_migrations(const std::string& dir);

private:
    StoreError translate(const soci::soci_error& error);

    std::string connection_string_;
    soci::session session_;
    // After session_, so that the statements go before the connection they belong to.
    std::map<std::string, std::unique_ptr<Prepared>> prepared_;
    bool connected_ = false;
    bool reused_ = false;
    bool answered_ = false;  // a statement succeeded since the last ensure_connected()
};

// RAII transaction: rolls back unless commit() was called.
class Transaction {
public:
    explicit Transaction(Db& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Db& db_;
    bool done_ = false;
};

}  // namespace store
