#include "store/statements.h"

#include <stdexcept>

namespace store {

PreparedStatement::PreparedStatement(soci::session& session, const std::string& sql, const Params& params,
                                     bool returns_rows)
    : values_(params.size()),
      indicators_(params.size(), soci::i_null),
      returns_rows_(returns_rows),
      statement_(session) {
    // The bound storage never moves after this: SOCI keeps pointers into it.
    names_.reserve(params.size());
    for (const auto& param : params) names_.emplace_back(param.name);
    for (std::size_t i = 0; i < params.size(); ++i) {
        statement_.exchange(soci::use(values_[i], indicators_[i], names_[i]));
    }
    if (returns_rows_) statement_.exchange(soci::into(row_));
    statement_.alloc();
    statement_.prepare(sql);
    statement_.define_and_bind();
}

bool PreparedStatement::execute(const Params& params) {
    if (params.size() != names_.size()) throw std::logic_error("statement called with another parameter list");
    for (std::size_t i = 0; i < params.size(); ++i) {
        if (params[i].name != names_[i]) throw std::logic_error("statement called with another parameter order");
        if (params[i].value) {
            values_[i].assign(*params[i].value);
            indicators_[i] = soci::i_ok;
        } else {
            values_[i].clear();
            indicators_[i] = soci::i_null;
        }
    }
    return statement_.execute(true) && returns_rows_;
}

bool PreparedStatement::next() { return statement_.fetch(); }

PreparedStatement& Statements::get(const std::string& sql, const Params& params, bool returns_rows, bool& prepared) {
    prepared = false;
    if (auto found = index_.find(sql); found != index_.end()) {
        entries_.splice(entries_.begin(), entries_, found->second);
        return *found->second->statement;
    }
    auto statement = std::make_unique<PreparedStatement>(session_, sql, params, returns_rows);
    prepared = true;
    if (entries_.size() >= kCapacity) {
        index_.erase(entries_.back().sql);
        entries_.pop_back();  // DEALLOCATE
    }
    entries_.push_front(Entry{sql, std::move(statement)});
    index_.emplace(entries_.front().sql, entries_.begin());
    return *entries_.front().statement;
}

void Statements::forget(const std::string& sql) {
    auto found = index_.find(sql);
    if (found == index_.end()) return;
    auto entry = found->second;
    index_.erase(found);
    entries_.erase(entry);
}

void Statements::clear() {
    index_.clear();
    entries_.clear();
}

}  // namespace store
