#include "core/transform/transform.h"

#include "core/model/errors.h"
#include "core/transform/filterset.h"
#include "core/flow/flowvocabulary.h"

#include <QChar>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace flowdeck {

namespace {

static_assert(vocabulary::kTransformOps.size() + vocabulary::kValidationOps.size()
              == std::size_t(Transform::Op::Regex) + 1);

bool isContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Byte offset after `n` code points from `pos` (or the end).
std::size_t advanceChars(std::string_view s, std::size_t pos, std::size_t n)
{
    while (pos < s.size() && n > 0) {
        ++pos;
        while (pos < s.size() && isContinuation(static_cast<unsigned char>(s[pos]))) ++pos;
        --n;
    }
    return pos;
}

std::size_t countChars(std::string_view s)
{
    std::size_t n = 0;
    for (char c : s) n += !isContinuation(static_cast<unsigned char>(c));
    return n;
}

// The code point starting at `pos` (malformed UTF-8 yields U+FFFD, which is not a space).
char32_t decodeAt(std::string_view s, std::size_t pos, std::size_t &next)
{
    const auto c = static_cast<unsigned char>(s[pos]);
    const int extra = c < 0x80 ? 0 : c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : -1;
    next = pos + 1;
    if (extra < 0) return 0xFFFD;
    char32_t cp = extra == 0 ? c : c & (0x3F >> extra);
    for (int i = 0; i < extra; ++i, ++next) {
        if (next >= s.size() || !isContinuation(static_cast<unsigned char>(s[next]))) return 0xFFFD;
        cp = (cp << 6) | (static_cast<unsigned char>(s[next]) & 0x3F);
    }
    return cp;
}

bool isSpaceAt(std::string_view s, std::size_t pos, std::size_t &next)
{
    const auto c = static_cast<unsigned char>(s[pos]);
    if (c < 0x80) {
        next = pos + 1;
        return c == ' ' || (c >= '\t' && c <= '\r');
    }
    return QChar::isSpace(decodeAt(s, pos, next));
}

// [begin, end) of `s` without leading and trailing whitespace.
std::pair<std::size_t, std::size_t> trimmedRange(std::string_view s)
{
    std::size_t b = 0, next = 0;
    while (b < s.size() && isSpaceAt(s, b, next)) b = next;
    std::size_t e = s.size();
    while (e > b) {
        std::size_t start = e - 1;
        while (start > b && isContinuation(static_cast<unsigned char>(s[start]))) --start;
        if (!isSpaceAt(s, start, next) || next != e) break;
        e = start;
    }
    return {b, e};
}

bool isAscii(std::string_view s)
{
    for (char c : s)
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    return true;
}

// Turns `v` into Text (keeping its text) and returns that text for editing in place.
std::string &makeText(Value &v)
{
    if (v.type() != ValueType::Text)
        v = Value::text(v.isStringLike() ? std::move(v.mutableStr()) : v.toString());
    return v.mutableStr();
}

// A value as shown in error messages: text quoted and shortened, numbers as they are.
std::string describe(const Value &v)
{
    if (v.isNull()) return "NULL";
    if (!v.isStringLike() || v.type() == ValueType::Decimal) return v.toString();
    constexpr std::size_t kMax = 60;
    const std::string &s = v.str();
    if (countChars(s) <= kMax) return '"' + s + '"';
    return '"' + s.substr(0, advanceChars(s, 0, kMax)) + "\"...";
}

std::string quoted(std::string_view column) { return '"' + std::string(column) + '"'; }

Value jsonToValue(const nlohmann::json &j, const std::string &path)
{
    switch (j.type()) {
    case nlohmann::json::value_t::null: return Value::null();
    case nlohmann::json::value_t::string: return Value::text(j.get<std::string>());
    case nlohmann::json::value_t::boolean: return Value::boolean(j.get<bool>());
    case nlohmann::json::value_t::number_integer: return Value::integer(j.get<std::int64_t>());
    case nlohmann::json::value_t::number_unsigned: {
        const auto u = j.get<std::uint64_t>();
        return u <= std::uint64_t(INT64_MAX) ? Value::integer(std::int64_t(u)) : Value::unsignedInteger(u);
    }
    case nlohmann::json::value_t::number_float: return Value::floating(j.get<double>());
    default: throw ConfigError(path + ": must be a string, number, boolean or null");
    }
}

const nlohmann::json *find(const nlohmann::json &step, const char *key)
{
    auto it = step.find(key);
    return it == step.end() ? nullptr : &*it;
}

std::string requireString(const nlohmann::json &step, const char *key, const std::string &path)
{
    const nlohmann::json *j = find(step, key);
    if (!j) throw ConfigError(path + "." + key + ": missing");
    if (!j->is_string()) throw ConfigError(path + "." + key + ": must be a string");
    return j->get<std::string>();
}

std::size_t countParam(const nlohmann::json &step, const char *key, const std::string &path, std::size_t fallback)
{
    const nlohmann::json *j = find(step, key);
    if (!j) return fallback;
    if (!j->is_number_integer() || j->get<std::int64_t>() < 0 || j->get<std::int64_t>() > 1'000'000'000)
        throw ConfigError(path + "." + key + ": must be a non-negative integer");
    return std::size_t(j->get<std::int64_t>());
}

// A range bound: a number, or a string holding one (for decimals beyond a double's precision).
Value boundParam(const nlohmann::json &j, const std::string &path)
{
    Value v;
    if (j.is_number_float()) { // shortest round-trip text: compares exactly with decimals
        char buf[64];
        auto res = std::to_chars(buf, buf + sizeof buf, j.get<double>());
        v = Value::text(std::string(buf, res.ptr));
    } else if (j.is_number()) {
        v = jsonToValue(j, path);
    } else if (j.is_string()) {
        v = Value::text(j.get<std::string>());
    }
    double d = 0;
    if (!v.toDouble(d) || !std::isfinite(d)) throw ConfigError(path + ": must be a number");
    return v;
}

QRegularExpression compileRegex(const std::string &pattern, const std::string &path)
{
    QRegularExpression re(QString::fromStdString(pattern));
    if (!re.isValid())
        throw ConfigError(path + ": invalid regular expression: " + re.errorString().toStdString()
                          + " at offset " + std::to_string(re.patternErrorOffset()));
    re.optimize(); // JIT-compile now rather than on the first record
    return re;
}

// The keys each op accepts besides "op".
std::vector<std::string_view> allowedKeys(Transform::Op op)
{
    using Op = Transform::Op;
    switch (op) {
    case Op::Concat: return {"sources", "separator"};
    case Op::Mask: return {"source", "char", "keepFirst", "keepLast"};
    case Op::Truncate: return {"source", "length"};
    case Op::Constant: return {"value"};
    case Op::Default: return {"source", "value"};
    case Op::Cast: return {"source", "to"};
    case Op::Replace: return {"source", "pattern", "with"};
    case Op::Range: return {"source", "min", "max"};
    case Op::Regex: return {"source", "pattern"};
    default: return {"source"};
    }
}


} // namespace

std::string_view Transform::opName() const
{
    const auto i = std::size_t(m_op);
    return i < vocabulary::kTransformOps.size() ? vocabulary::kTransformOps[i]
                                                : vocabulary::kValidationOps[i - vocabulary::kTransformOps.size()];
}

Transform Transform::compile(const nlohmann::json &step, const std::string &path)
{
    if (!step.is_object()) throw ConfigError(path + ": must be an object");
    const std::string opName = requireString(step, "op", path);
    Transform t;
    std::size_t i = 0;
    for (; i < vocabulary::kTransformOps.size() && vocabulary::kTransformOps[i] != opName; ++i) {}
    if (i == vocabulary::kTransformOps.size()) {
        std::size_t k = 0;
        for (; k < vocabulary::kValidationOps.size() && vocabulary::kValidationOps[k] != opName; ++k) {}
        if (k == vocabulary::kValidationOps.size())
            throw ConfigError(path + ".op: unknown operator '" + opName + "'");
        i += k;
    }
    t.m_op = Op(i);

    const auto allowed = allowedKeys(t.m_op);
    for (const auto &[key, unused] : step.items()) {
        if (key != "op" && std::find(allowed.begin(), allowed.end(), key) == allowed.end())
            throw ConfigError(path + "." + key + ": unknown key for " + opName);
    }
    if (const nlohmann::json *s = find(step, "source")) {
        if (!s->is_string() || s->get_ref<const std::string &>().empty())
            throw ConfigError(path + ".source: must be a non-empty string");
        t.m_sources.push_back(s->get<std::string>());
    }

    switch (t.m_op) {
    case Op::Concat:
        if (const nlohmann::json *s = find(step, "sources")) {
            if (!s->is_array() || s->empty()) throw ConfigError(path + ".sources: must be a non-empty list of field names");
            for (std::size_t k = 0; k < s->size(); ++k) {
                if (!(*s)[k].is_string() || (*s)[k].get_ref<const std::string &>().empty())
                    throw ConfigError(path + ".sources[" + std::to_string(k) + "]: must be a non-empty string");
                t.m_sources.push_back((*s)[k].get<std::string>());
            }
        }
        if (find(step, "separator")) t.m_text = requireString(step, "separator", path);
        break;
    case Op::Mask:
        t.m_text = find(step, "char") ? requireString(step, "char", path) : std::string("*");
        if (countChars(t.m_text) != 1) throw ConfigError(path + ".char: must be exactly one character");
        t.m_first = countParam(step, "keepFirst", path, 0);
        t.m_last = countParam(step, "keepLast", path, 4);
        break;
    case Op::Truncate:
        if (!find(step, "length")) throw ConfigError(path + ".length: missing");
        t.m_first = countParam(step, "length", path, 0);
        break;
    case Op::Constant:
    case Op::Default:
        if (!find(step, "value")) throw ConfigError(path + ".value: missing");
        t.m_value = jsonToValue(step["value"], path + ".value");
        break;
    case Op::Cast: {
        const std::string to = requireString(step, "to", path);
        const auto type = castTypeFromName(to);
        if (!type) throw ConfigError(path + ".to: unknown type '" + to + "'");
        t.m_castTo = *type;
        break;
    }
    case Op::Replace:
        t.m_regex = compileRegex(requireString(step, "pattern", path), path + ".pattern");
        if (find(step, "with")) t.m_with = QString::fromStdString(requireString(step, "with", path));
        break;
    case Op::Regex:
        t.m_regex = compileRegex(requireString(step, "pattern", path), path + ".pattern");
        break;
    case Op::Range:
        if (const nlohmann::json *j = find(step, "min")) {
            t.m_value = boundParam(*j, path + ".min");
            t.m_hasMin = true;
        }
        if (const nlohmann::json *j = find(step, "max")) {
            t.m_max = boundParam(*j, path + ".max");
            t.m_hasMax = true;
        }
        if (!t.m_hasMin && !t.m_hasMax) throw ConfigError(path + ": range needs min, max or both");
        if (t.m_hasMin && t.m_hasMax && compareValues(t.m_value, t.m_max) > 0)
            throw ConfigError(path + ".min: is greater than max");
        break;
    default:
        break;
    }
    return t;
}

void Transform::concat(std::span<const Value *const> parts, Value &out) const
{
    bool any = false;
    std::string joined;
    for (const Value *p : parts) {
        if (!p || p->isNull()) continue;
        if (any) joined += m_text;
        if (p->isStringLike()) joined += p->str();
        else joined += p->toString();
        any = true;
    }
    out = any ? Value::text(std::move(joined)) : Value::null();
}

bool Transform::apply(Value &value, std::string_view column, std::string &error) const
{
    switch (m_op) {
    case Op::Constant: value = m_value; return true;
    case Op::Default:
        if (value.isNull()) value = m_value;
        return true;
    case Op::NotNull:
    case Op::NotEmpty: {
        if (value.isNull()) {
            error = "validation " + std::string(opName()) + " failed for " + quoted(column) + ": value is null";
            return false;
        }
        if (m_op == Op::NotEmpty && value.isStringLike()) {
            const auto [b, e] = trimmedRange(value.str());
            if (b == e) {
                error = "validation notEmpty failed for " + quoted(column) + ": value is empty";
                return false;
            }
        }
        return true;
    }
    default: break;
    }
    if (value.isNull()) return true; // every other op passes NULL through

    switch (m_op) {
    case Op::Rename: return true;
    case Op::Concat: { // a later step of a chain: one part, the previous output
        makeText(value);
        return true;
    }
    case Op::Mask: {
        std::string &s = makeText(value);
        const std::size_t total = countChars(s);
        if (total <= m_first + m_last) return true;
        const std::size_t head = advanceChars(s, 0, m_first);
        const std::size_t tail = advanceChars(s, head, total - m_first - m_last);
        std::string masked;
        masked.reserve(head + (total - m_first - m_last) * m_text.size() + (s.size() - tail));
        masked.append(s, 0, head);
        for (std::size_t k = m_first + m_last; k < total; ++k) masked += m_text;
        masked.append(s, tail);
        s = std::move(masked);
        return true;
    }
    case Op::Truncate: {
        std::string &s = makeText(value);
        s.resize(advanceChars(s, 0, m_first));
        return true;
    }
    case Op::Upper:
    case Op::Lower: {
        std::string &s = makeText(value);
        if (isAscii(s)) {
            for (char &c : s) {
                if (m_op == Op::Upper && c >= 'a' && c <= 'z') c = char(c - 32);
                else if (m_op == Op::Lower && c >= 'A' && c <= 'Z') c = char(c + 32);
            }
        } else {
            const QString q = QString::fromUtf8(s.data(), qsizetype(s.size()));
            s = (m_op == Op::Upper ? q.toUpper() : q.toLower()).toStdString();
        }
        return true;
    }
    case Op::Trim: {
        std::string &s = makeText(value);
        const auto [b, e] = trimmedRange(s);
        s.erase(e);
        s.erase(0, b);
        return true;
    }
    case Op::Cast: {
        std::string reason;
        if (castValue(value, m_castTo, reason)) return true;
        error = "cannot cast " + describe(value) + " to " + std::string(castTypeName(m_castTo))
            + " for " + quoted(column) + (reason.empty() ? "" : ": " + reason);
        return false;
    }
    case Op::Replace: {
        std::string &s = makeText(value);
        QString q = QString::fromUtf8(s.data(), qsizetype(s.size()));
        s = q.replace(m_regex, m_with).toStdString();
        return true;
    }
    case Op::Range: {
        bool numeric = false;
        if (m_hasMin && compareValues(value, m_value, &numeric) < 0 && numeric) {
            error = "validation range failed for " + quoted(column) + ": " + describe(value) + " is below the minimum " + m_value.toString();
            return false;
        }
        if (m_hasMax && compareValues(value, m_max, &numeric) > 0 && numeric) {
            error = "validation range failed for " + quoted(column) + ": " + describe(value) + " is above the maximum " + m_max.toString();
            return false;
        }
        if (!numeric) {
            error = "validation range failed for " + quoted(column) + ": " + describe(value) + " is not a number";
            return false;
        }
        return true;
    }
    case Op::Regex: {
        std::string scratch;
        const std::string &s = value.isStringLike() ? value.str() : (scratch = value.toString());
        if (m_regex.match(QString::fromUtf8(s.data(), qsizetype(s.size()))).hasMatch()) return true;
        error = "validation regex failed for " + quoted(column) + ": " + describe(value) + " does not match "
            + m_regex.pattern().toStdString();
        return false;
    }
    default: return true;
    }
}

} // namespace flowdeck
