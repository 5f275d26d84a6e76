#include "core/flow/mappingvalidator.h"

#include "core/flow/flowvocabulary.h"

#include <algorithm>
#include <map>

namespace flowdeck {

namespace vocab = vocabulary;
using Json = nlohmann::json;

namespace {

constexpr auto kAllOps = concat(vocab::kTransformOps, vocab::kValidationOps);
constexpr std::array<std::string_view, 3> kEntryKeys = {"source", "destination", "transform"};

/// The number of characters (code points) of a UTF-8 string.
std::size_t characters(const std::string &s)
{
    std::size_t n = 0;
    for (unsigned char c : s)
        n += (c & 0xC0) != 0x80;
    return n;
}

} // namespace

const std::vector<MappingValidator::OpKeys> &MappingValidator::opKeys()
{
    static const std::vector<OpKeys> keys = {
        {"rename", {"source"}, false},
        {"concat", {"sources", "separator"}, false},
        {"mask", {"source", "char", "keepFirst", "keepLast"}, true},
        {"truncate", {"source", "length"}, true},
        {"upper", {"source"}, true},
        {"lower", {"source"}, true},
        {"trim", {"source"}, true},
        {"constant", {"value"}, false},
        {"default", {"source", "value"}, true},
        {"cast", {"source", "to"}, true},
        {"replace", {"source", "pattern", "with"}, true},
        {"notNull", {"source"}, true},
        {"notEmpty", {"source"}, true},
        {"range", {"source", "min", "max"}, true},
        {"regex", {"source", "pattern"}, true},
    };
    return keys;
}

MappingValidator::MappingValidator(FlowChecker &checker)
    : m_checker(checker)
{
}

void MappingValidator::validate(Json &mapping, const std::string &path)
{
    if (!m_checker.isArray(mapping, path))
        return;
    if (mapping.empty()) {
        m_checker.problem(path, "must not be empty; omit it to map all fields directly");
        return;
    }
    std::map<std::string, std::size_t> mappedBy;
    for (std::size_t i = 0; i < mapping.size(); ++i) {
        Json &e = mapping[i];
        const std::string at = FlowChecker::index(path, i);
        if (!m_checker.isObject(e, at))
            continue;
        m_checker.checkKeys(e, at, kEntryKeys);

        if (Json *d = m_checker.require(e, at, "destination", "the column or field to write")) {
            const std::string where = FlowChecker::child(at, "destination");
            if (const std::string *column = m_checker.string(*d, where)) {
                auto [it, fresh] = mappedBy.emplace(*column, i);
                if (!fresh)
                    m_checker.problem(where, "column '" + *column + "' is already mapped by " +
                                                 FlowChecker::index(path, it->second));
            }
        }
        Json *source = FlowChecker::find(e, "source");
        if (source)
            m_checker.string(*source, FlowChecker::child(at, "source"));
        if (!source && !FlowChecker::find(e, "transform"))
            m_checker.problem(at, "needs a 'source' (the field to copy) or a 'transform'");
        entry(e, at, source != nullptr);
    }
}

void MappingValidator::entry(Json &e, const std::string &path, bool hasSource)
{
    Json *transform = FlowChecker::find(e, "transform");
    if (!transform)
        return;
    const std::string at = FlowChecker::child(path, "transform");
    bool hasInput = hasSource;
    auto checkStep = [&](Json &s, const std::string &where) {
        if (!m_checker.isObject(s, where))
            return;
        if (!step(s, where) && !hasInput) {
            const std::string op = s.value("op", std::string());
            m_checker.problem(where, "'" + op + "' has no input: give it a 'source', or give the mapping entry one");
        }
        // Later steps work on this step's result.
        hasInput = true;
    };
    if (transform->is_array()) {
        if (transform->empty())
            m_checker.problem(at, "must not be empty; omit it to copy the source unchanged");
        for (std::size_t i = 0; i < transform->size(); ++i)
            checkStep((*transform)[i], FlowChecker::index(at, i));
    } else if (transform->is_object()) {
        checkStep(*transform, at);
    } else {
        m_checker.problem(at, "expected an object or an array of objects, got " + FlowChecker::describe(*transform));
    }
}

bool MappingValidator::step(Json &s, const std::string &path)
{
    auto at = [&](std::string_view key) { return FlowChecker::child(path, key); };
    Json *o = m_checker.require(s, path, "op", "one of " + FlowChecker::joined(kAllOps));
    const std::string *op = o ? m_checker.word(*o, at("op"), "operator", kAllOps) : nullptr;
    const OpKeys *keys = nullptr;
    for (const auto &k : opKeys())
        if (op && k.op == *op)
            keys = &k;
    if (!keys)
        return true; // without a known op its keys cannot be judged; the op is already reported

    std::vector<std::string_view> allowed = {"op"};
    allowed.insert(allowed.end(), keys->keys.begin(), keys->keys.end());
    m_checker.checkKeys(s, path, allowed, [&](const std::string &key) -> std::string {
        for (const auto &k : opKeys())
            if (std::find(k.keys.begin(), k.keys.end(), key) != k.keys.end())
                return "'" + *op + "' takes " + FlowChecker::joined(allowed) + "; '" + key + "' belongs to " +
                       std::string(k.op);
        return {};
    });

    Json *source = FlowChecker::find(s, "source");
    if (source)
        m_checker.string(*source, at("source"));
    const std::string &name = *op;
    if (name == "rename") {
        if (!source)
            m_checker.problem(at("source"), "required (the field to rename)");
    } else if (name == "concat") {
        if (Json *sources = m_checker.require(s, path, "sources", "an array of field names");
            sources && m_checker.isArray(*sources, at("sources"))) {
            if (sources->empty())
                m_checker.problem(at("sources"), "must not be empty");
            for (std::size_t i = 0; i < sources->size(); ++i)
                m_checker.string((*sources)[i], FlowChecker::index(at("sources"), i));
        }
        if (Json *sep = FlowChecker::find(s, "separator"))
            m_checker.string(*sep, at("separator"), true);
    } else if (name == "mask") {
        if (Json *c = FlowChecker::find(s, "char")) {
            const std::string *ch = m_checker.string(*c, at("char"));
            if (ch && characters(*ch) != 1)
                m_checker.problem(at("char"), "must be a single character, got " + FlowChecker::describe(*c));
        }
        for (std::string_view key : {"keepFirst", "keepLast"})
            if (Json *n = FlowChecker::find(s, key))
                m_checker.integer(*n, at(key), 0);
    } else if (name == "truncate") {
        if (Json *n = m_checker.require(s, path, "length", "the maximum number of characters"))
            m_checker.integer(*n, at("length"), 1);
    } else if (name == "constant" || name == "default") {
        if (Json *v = m_checker.require(s, path, "value")) {
            // A constant may set NULL on purpose; a default of NULL would change nothing.
            if (!(name == "constant" && v->is_null()))
                m_checker.isScalar(*v, at("value"));
        }
    } else if (name == "cast") {
        if (Json *to = m_checker.require(s, path, "to", "one of " + FlowChecker::joined(vocab::kCastTypes)))
            m_checker.word(*to, at("to"), "type", vocab::kCastTypes);
    } else if (name == "replace" || name == "regex") {
        if (Json *p = m_checker.require(s, path, "pattern", "a regular expression"))
            m_checker.regex(*p, at("pattern"));
        if (Json *with = FlowChecker::find(s, "with"))
            m_checker.string(*with, at("with"), true);
    } else if (name == "range") {
        Json *min = FlowChecker::find(s, "min");
        Json *max = FlowChecker::find(s, "max");
        if (!min && !max)
            m_checker.problem(path, "'range' needs 'min', 'max' or both");
        const auto lo = min ? m_checker.number(*min, at("min")) : std::nullopt;
        const auto hi = max ? m_checker.number(*max, at("max")) : std::nullopt;
        if (lo && hi && *lo > *hi)
            m_checker.problem(at("min"), "must not be greater than max (" + min->dump() + " > " + max->dump() + ')');
    }
    return !keys->needsInput || source;
}

} // namespace flowdeck
