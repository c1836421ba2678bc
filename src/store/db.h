// One long-lived SOCI session over PostgreSQL per worker: connect, reconnect after the
// database restarts, transactions, and the translation of SOCI errors into StoreError.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <type_traits>

#include <soci/soci.h>

#include "store/statements.h"
#include "store/store_error.h"
#include "util/metrics.h"

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

    // Runs sql with params and calls on_row with each row it returns. The statement is
    // prepared once per connection (Statements) and reused. Throws StoreError.
    // REQUIRES: sql is a statement constant of a store or the text filter_sql made; params
    // name its placeholders, always in the same order.
    using RowVisitor = std::function<void(const soci::row&)>;
    void query(const std::string& sql, const Params& params, const RowVisitor& on_row);
    // The same for a statement whose rows, if any, are not read; returns the rows it changed.
    long long execute(const std::string& sql, const Params& params);

    // Limits every statement of the session (SET statement_timeout and lock_timeout at
    // connect), in milliseconds; 0 leaves PostgreSQL's setting. Takes effect on the next connect.
    void set_statement_timeout_ms(long long ms) { statement_timeout_ms_ = ms; }
    // No statement starts after `deadline` (the request's): query() and execute() throw
    // StoreError(Timeout) instead. A time_point of zero means no deadline.
    void set_deadline(std::chrono::steady_clock::time_point deadline) { deadline_ = deadline; }
    // True once the deadline has passed: no further statement would start.
    bool past_deadline() const;

    // Round trips to PostgreSQL counted here: statements run, prepared, and transaction
    // control. Exported as metrics when set (the benchmark reads them per request).
    void set_metrics(util::Metrics* metrics) { metrics_ = metrics; }

    // For the few statements no request runs (migrations, scimctl): the session itself.
    soci::session& session() { return session_; }

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

    friend class Transaction;
    void count_round_trips(int n);
    // The cached statement for sql, prepared (and counted) on first use.
    PreparedStatement& statement(const std::string& sql, const Params& params, bool returns_rows);

    std::string connection_string_;
    soci::session session_;
    // After session_, so that the statements go before the connection they belong to.
    Statements statements_{session_};
    util::Metrics* metrics_ = nullptr;
    long long statement_timeout_ms_ = 0;
    std::chrono::steady_clock::time_point deadline_{};
    void check_deadline() const;
    bool connected_ = false;
    bool reused_ = false;
    bool answered_ = false;  // a statement succeeded since the last ensure_connected()
    int transaction_depth_ = 0;  // open Transactions (the outer one and its savepoints)
    // A statement failed inside the open transaction and no savepoint rolled it back: its
    // COMMIT would be a silent ROLLBACK, so commit() refuses instead.
    bool transaction_failed_ = false;
    // A savepoint committed (s<n>) whose RELEASE is not sent yet: it goes with the next
    // statement, or with the next savepoint at the same depth, or not at all before COMMIT.
    int pending_release_ = 0;
    // SAVEPOINT, RELEASE, ROLLBACK TO: one simple query, failures as StoreError.
    void transaction_control(const std::string& sql);
    void release_savepoint();
};

// RAII transaction: rolls back unless commit() was called. Inside another one (a Bulk
// request's operations, each in its own) it is a savepoint: commit() releases it, and
// rolling back undoes its statements alone.
class Transaction {
public:
    explicit Transaction(Db& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

    // For a transaction that runs the same few statements many times (a Bulk request's batch of
    // creates): each is planned once for the rest of the transaction, not at every execution
    // (SET LOCAL plan_cache_mode = force_generic_plan; measured in bench/README.md).
    void plan_statements_once();

private:
    Db& db_;
    int depth_;  // 0: the transaction itself; n > 0: savepoint s<n>
    bool done_ = false;
};

}  // namespace store
