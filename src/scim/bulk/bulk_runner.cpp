#include "scim/bulk/bulk_runner.h"

#include <cctype>
#include <map>
#include <set>

#include "scim/error.h"
#include "scim/schema/schema.h"
#include "util/ascii.h"

namespace scim::bulk {
namespace {

constexpr std::string_view kPrefix = "bulkId:";

// A value "bulkId:<id>" anywhere in an operation's data refers to the POST with that bulkId.
void references_in(const Json::Value& value, std::set<std::string>& out) {
    if (value.isString()) {
        const std::string& text = value.asString();
        if (text.rfind(kPrefix, 0) == 0) out.insert(text.substr(kPrefix.size()));
    } else if (value.isArray() || value.isObject()) {
        for (const auto& item : value) references_in(item, out);
    }
}

void replace_in(Json::Value& value, const std::map<std::string, std::string>& ids) {
    if (value.isString()) {
        const std::string& text = value.asString();
        if (text.rfind(kPrefix, 0) != 0) return;
        if (auto it = ids.find(text.substr(kPrefix.size())); it != ids.end()) value = it->second;
    } else if (value.isArray() || value.isObject()) {
        for (auto& item : value) replace_in(item, ids);
    }
}

// The paths of a PATCH's operations (its data a PatchOp message, or the bare array), where a
// value filter quotes references: members[value eq "bulkId:<id>"].
std::vector<Json::Value*> patch_paths(Json::Value& data) {
    std::vector<Json::Value*> paths;
    Json::Value* operations = &data;
    if (data.isObject()) {
        operations = nullptr;
        for (const std::string& name : data.getMemberNames()) {
            if (util::iequals(name, "Operations")) operations = &data[name];
        }
    }
    if (operations == nullptr || !operations->isArray()) return paths;
    for (auto& operation : *operations) {
        if (!operation.isObject()) continue;
        for (const std::string& name : operation.getMemberNames()) {
            if (util::iequals(name, "path") && operation[name].isString()) paths.push_back(&operation[name]);
        }
    }
    return paths;
}

// Each quoted "bulkId:<id>" of a path: its position and the id.
template <typename Visit>
void quoted_references(const std::string& path, Visit&& visit) {
    const std::string opening = "\"" + std::string(kPrefix);
    for (std::size_t at = path.find(opening); at != std::string::npos; at = path.find(opening, at + 1)) {
        const std::size_t begin = at + opening.size();
        const std::size_t end = path.find('"', begin);
        if (end == std::string::npos) return;
        visit(at, end + 1, path.substr(begin, end - begin));
    }
}

void path_references_in(Json::Value data, std::set<std::string>& out) {
    for (Json::Value* path : patch_paths(data)) {
        quoted_references(path->asString(), [&](std::size_t, std::size_t, std::string bulk_id) {
            out.insert(std::move(bulk_id));
        });
    }
}

void replace_in_paths(Json::Value& data, const std::map<std::string, std::string>& ids) {
    for (Json::Value* path : patch_paths(data)) {
        const std::string text = path->asString();
        std::string out;
        std::size_t copied = 0;
        quoted_references(text, [&](std::size_t begin, std::size_t end, const std::string& bulk_id) {
            auto it = ids.find(bulk_id);
            if (it == ids.end()) return;
            out += text.substr(copied, begin - copied) + "\"" + it->second + "\"";
            copied = end;
        });
        if (copied > 0) *path = out + text.substr(copied);
    }
}

// An operation's path split into its endpoint and id (after "bulkId:" replacement).
struct Target {
    std::string endpoint;  // "/Users" or "/Groups"
    std::string id;        // "" for the collection
};

std::optional<Target> target_of(const std::string& path) {
    std::string_view rest = path;
    if (!rest.empty() && rest.front() == '/') rest.remove_prefix(1);
    const std::size_t slash = rest.find('/');
    std::string_view endpoint = rest.substr(0, slash);
    std::string_view id = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (slash != std::string_view::npos && (id.empty() || id.find('/') != std::string_view::npos)) return std::nullopt;
    if (util::iequals(endpoint, "Users")) return Target{"/Users", std::string(id)};
    if (util::iequals(endpoint, "Groups")) return Target{"/Groups", std::string(id)};
    return std::nullopt;
}

Outcome failure(const ScimError& error, std::string location = "") {
    return {error.status(), std::move(location), "", "", error.to_json()};
}

// The references of a POST that can wait for a second step (§3.7.1): an enterprise User's
// manager, when it names a bulkId of `circle`. Taken out of data into the PatchOp operations
// that put them back. Groups that are members of each other are not resolved so: they would
// form a membership cycle, which this server refuses to a single request too (400), so that
// circle is 409.
Json::Value take_deferrable(Json::Value& data, const std::set<std::string>& circle) {
    Json::Value deferred(Json::arrayValue);
    if (!data.isObject()) return deferred;
    for (const std::string& name : data.getMemberNames()) {
        Json::Value& extension = data[name];
        if (!util::iequals(name, schema::urn::kEnterpriseUser) || !extension.isObject()) continue;
        for (const std::string& attribute : extension.getMemberNames()) {
            const Json::Value& manager = extension[attribute];
            if (!util::iequals(attribute, "manager") || !manager.isObject()) continue;
            const Json::Value* value = manager.find("value", "value" + 5);
            if (value == nullptr || !value->isString() || value->asString().rfind(kPrefix, 0) != 0 ||
                circle.count(value->asString().substr(kPrefix.size())) == 0) {
                continue;
            }
            Json::Value replace(Json::objectValue);
            replace["op"] = "replace";
            replace["path"] = std::string(schema::urn::kEnterpriseUser) + ":manager";
            replace["value"] = manager;
            deferred.append(replace);
            extension.removeMember(attribute);
        }
    }
    return deferred;
}

class Runner {
public:
    Runner(const BulkRequest& request, const std::string& base_url, const Execute& execute,
           const std::function<bool()>& stop)
        : request_(request), base_url_(base_url), execute_(execute), stop_(stop),
          state_(request.operations.size(), State::Pending) {
        for (const Operation& operation : request.operations) {
            if (operation.bulk_id.isString() && operation.method.isString() &&
                util::iequals(operation.method.asString(), "POST")) {
                posts_[operation.bulk_id.asString()] = operation.index;
            }
        }
    }

    std::vector<Result> run() {
        for (std::size_t i = 0; i < request_.operations.size() && !stopped(); ++i) run_operation(i);
        // Completions still waiting: what they wait for never ran. The resource stays as
        // created, and its entry says what is missing.
        for (const Completion& completion : completions_) {
            Outcome& outcome = results_[completion.result].outcome;
            Outcome conflict = failure(
                ScimError::conflict("Created, but a reference it holds is not set: the operation it refers to did not run"),
                outcome.location);
            conflict.id = outcome.id;
            outcome = conflict;
        }
        completions_.clear();
        return std::move(results_);
    }

private:
    enum class State { Pending, Running, Succeeded, Failed };

    // A second step of a POST (§3.7.1): the references it left out, once their POSTs ran.
    struct Completion {
        std::size_t index;     // of the POST
        std::size_t result;    // its entry in results_
        std::string path;      // of the created resource
        Json::Value operations;
        std::set<std::string> waits_for;
    };

    bool stopped() {
        if (stop_requested_) return true;
        if (request_.fail_on_errors > 0 && errors_ >= request_.fail_on_errors) stop_requested_ = true;
        if (!stop_requested_ && stop_()) stop_requested_ = true;
        return stop_requested_;
    }

    void record(std::size_t index, Outcome outcome) {
        const bool ok = outcome.status < 400;
        state_[index] = ok ? State::Succeeded : State::Failed;
        if (!ok) ++errors_;
        const Operation& operation = request_.operations[index];
        if (ok && operation.bulk_id.isString() && !outcome.id.empty()) ids_[operation.bulk_id.asString()] = outcome.id;
        results_.push_back({index, std::move(outcome)});
        run_completions();
    }

    void fail(std::size_t index, const ScimError& error, const std::string& location = "") {
        record(index, failure(error, location));
    }

    void run_operation(std::size_t index) {
        if (state_[index] != State::Pending || stopped()) return;
        state_[index] = State::Running;
        const Operation& operation = request_.operations[index];
        std::string method = operation.method.isString() ? operation.method.asString() : "";
        for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        // §3.7.3: every operation but a failed POST has a location, whatever failed.
        const std::string item_location =
            method != "POST" && operation.path.isString() ? base_url_ + operation.path.asString() : "";
        if (method != "POST" && method != "PUT" && method != "PATCH" && method != "DELETE") {
            return fail(index, ScimError::invalid_value("A bulk operation's method must be POST, PUT, PATCH or DELETE"),
                        item_location);
        }
        if (!operation.path.isString()) {
            return fail(index, ScimError::invalid_syntax("A bulk operation needs a 'path' string"));
        }
        std::optional<Target> target = target_of(operation.path.asString());
        if (!target || (method == "POST") != target->id.empty()) {
            return fail(index,
                        ScimError::invalid_value(method == "POST"
                                                     ? "A POST's path must be /Users or /Groups"
                                                     : "A " + method + "'s path must be /Users/{id} or /Groups/{id}"),
                        item_location);
        }
        if (method == "POST" && !operation.bulk_id.isString()) {
            return fail(index, ScimError::invalid_syntax("A POST operation needs a 'bulkId' string (RFC 7644 §3.7)"));
        }
        if (method == "POST" && operation.bulk_id.asString().empty()) {
            return fail(index, ScimError::invalid_syntax("A POST operation's bulkId must not be empty"));
        }
        // A PATCH's data is a PatchOp message; RFC 7644 §3.7.3's example gives its Operations
        // array alone, which is taken as the same.
        if (method != "DELETE" && !operation.data.isObject() && !(method == "PATCH" && operation.data.isArray())) {
            return fail(index, ScimError::invalid_syntax("A " + method + " operation needs 'data', a JSON object"),
                        item_location);
        }
        if (!operation.version.isNull() && !operation.version.isString()) {
            return fail(index, ScimError::invalid_syntax("A bulk operation's 'version' must be a string"),
                        item_location);
        }

        std::set<std::string> references;
        references_in(operation.data, references);
        if (method == "PATCH") path_references_in(operation.data, references);
        if (target->id.rfind(kPrefix, 0) == 0) references.insert(target->id.substr(kPrefix.size()));
        Json::Value data = operation.data;
        std::set<std::string> circle;
        for (const std::string& bulk_id : references) {
            auto post = posts_.find(bulk_id);
            if (post == posts_.end()) {
                return fail(index,
                            ScimError::invalid_value("No POST operation of this request has bulkId '" + bulk_id + "'"),
                            item_location);
            }
            if (state_[post->second] == State::Pending) run_operation(post->second);
            if (state_[post->second] == State::Running) circle.insert(bulk_id);  // it waits for this one
            if (state_[post->second] == State::Pending) {  // stopped before it ran
                state_[index] = State::Pending;
                return;
            }
            if (state_[post->second] == State::Failed) {
                return fail(index,
                            ScimError::conflict("The operation with bulkId '" + bulk_id + "' that this one refers to failed"),
                            item_location);
            }
        }
        Json::Value deferred(Json::arrayValue);
        if (!circle.empty()) {
            if (method == "POST") deferred = take_deferrable(data, circle);
            std::set<std::string> left;
            references_in(data, left);
            if (method == "PATCH") path_references_in(data, left);
            for (const std::string& bulk_id : circle) {
                if (left.count(bulk_id) > 0 || method != "POST") {
                    return fail(index,
                                ScimError::conflict("Circular bulkId references that cannot be resolved: this operation "
                                                    "and the one with bulkId '" + bulk_id + "' refer to each other"),
                                item_location);
                }
            }
        }
        if (stopped()) {
            state_[index] = State::Pending;
            return;
        }
        replace_in(data, ids_);
        if (method == "PATCH") replace_in_paths(data, ids_);
        if (method == "PATCH" && data.isArray()) {
            Json::Value message(Json::objectValue);
            message["schemas"].append(std::string(schema::urn::kPatchOp));
            message["Operations"] = std::move(data);
            data = std::move(message);
        }
        std::string id = target->id;
        if (id.rfind(kPrefix, 0) == 0) id = ids_.at(id.substr(kPrefix.size()));  // its POST succeeded
        Call call{index,
                  false,
                  method,
                  target->endpoint + (id.empty() ? "" : "/" + id),
                  operation.version.isString() ? std::optional(operation.version.asString()) : std::nullopt,
                  method == "DELETE" ? std::nullopt : std::optional(data)};
        record(index, execute_(call));
        if (state_[index] == State::Succeeded && !deferred.empty()) {
            std::set<std::string> waits_for;
            references_in(deferred, waits_for);
            completions_.push_back({index, results_.size() - 1, target->endpoint + "/" + results_.back().outcome.id,
                                    deferred, waits_for});
            run_completions();
        }
    }

    // Completions whose POSTs have all ended: run, or failed with them.
    void run_completions() {
        for (std::size_t c = 0; c < completions_.size();) {
            Completion& completion = completions_[c];
            bool ready = true;
            std::string failed;
            for (const std::string& bulk_id : completion.waits_for) {
                const State state = state_[posts_.at(bulk_id)];
                if (state == State::Failed) failed = bulk_id;
                if (state != State::Succeeded) ready = false;
            }
            if (!ready && failed.empty()) {
                ++c;
                continue;
            }
            Outcome& outcome = results_[completion.result].outcome;
            if (!failed.empty()) {
                Outcome conflict = failure(
                    ScimError::conflict("Created, but the operation with bulkId '" + failed +
                                        "' that it refers to failed, so that reference is not set"),
                    outcome.location);
                conflict.id = outcome.id;
                outcome = conflict;
                ++errors_;
            } else {
                // Run even when nothing more is to run: it is the rest of an operation that ran.
                Json::Value body(Json::objectValue);
                body["schemas"].append(std::string(schema::urn::kPatchOp));
                body["Operations"] = completion.operations;
                replace_in(body, ids_);
                Outcome second = execute_({completion.index, true, "PATCH", completion.path, std::nullopt, body});
                if (second.status < 400) {
                    outcome.version = second.version;
                } else {
                    second.location = outcome.location;
                    second.id = outcome.id;
                    outcome = second;
                    ++errors_;
                }
            }
            completions_.erase(completions_.begin() + static_cast<std::ptrdiff_t>(c));
            c = 0;  // a completion may have been the last one another waited for
        }
    }

    const BulkRequest& request_;
    const std::string& base_url_;
    const Execute& execute_;
    const std::function<bool()>& stop_;
    std::vector<State> state_;
    std::map<std::string, std::size_t> posts_;  // bulkId → its POST
    std::map<std::string, std::string> ids_;    // bulkId → the id its POST created
    std::vector<Result> results_;
    std::vector<Completion> completions_;
    long long errors_ = 0;
    bool stop_requested_ = false;
};

}  // namespace

std::vector<Result> run_bulk(const BulkRequest& request, const std::string& base_url, const Execute& execute,
                             const std::function<bool()>& stop) {
    return Runner(request, base_url, execute, stop).run();
}

}  // namespace scim::bulk
