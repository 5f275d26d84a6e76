#include "core/flow/flowvalidator.h"

#include "core/flow/endpointvalidator.h"
#include "core/flow/flowvocabulary.h"
#include "core/flow/mappingvalidator.h"

#include <QDateTime>
#include <QString>

#include <regex>

namespace flowdeck {

namespace vocab = vocabulary;
using Json = nlohmann::json;

namespace {

constexpr std::array<std::string_view, 3> kFilterKeys = {"field", "op", "value"};
constexpr std::array<std::string_view, 5> kScheduleKeys = {"type", "every", "at", "incremental",
                                                           "deactivateAfterFailures"};
constexpr std::array<std::string_view, 3> kIncrementalKeys = {"field", "tieBreaker", "from"};
constexpr std::array<std::string_view, 2> kErrorHandlingKeys = {"onError", "deadLetter"};
constexpr std::array<std::string_view, 2> kDeadLetterTopicKeys = {"topic", "brokers"};

/// `trigger.incremental` reads one MySQL-protocol table or files: say so at validation, not
/// only when a run starts.
void checkIncrementalSource(FlowChecker &checker, Json &doc)
{
    Json *trigger = FlowChecker::find(doc, "trigger");
    Json *source = FlowChecker::find(doc, "source");
    if (!trigger || !trigger->is_object() || !FlowChecker::find(*trigger, "incremental") || !source || !source->is_object())
        return;
    const std::string type = source->value("type", std::string());
    if (type == "kafka")
        checker.problem("trigger.incremental", "a kafka source has no watermark column: read a topic with a "
                                               "'continuous' trigger (its offsets are the checkpoint)");
    else if (type == "mysql" && FlowChecker::find(*source, "tables"))
        checker.problem("trigger.incremental", "an incremental flow reads one mysql table: name it in source.table, "
                                               "not source.tables");
}

} // namespace

std::vector<FlowProblem> FlowValidator::validate(Json &doc)
{
    m_checker = FlowChecker();
    if (!doc.is_object()) {
        m_checker.problem({}, "a flow file must contain a JSON object, got " + FlowChecker::describe(doc));
        return m_checker.problems();
    }
    if (!version(doc))
        return m_checker.problems();
    m_checker.checkKeys(doc, {}, kTopLevelKeys);
    name(doc);
    if (Json *d = FlowChecker::find(doc, "description"))
        m_checker.string(*d, "description", true);
    if (Json *s = m_checker.require(doc, {}, "source", "an object with a \"type\": one of " +
                                                           FlowChecker::joined(vocab::kEndpointTypes)))
        EndpointValidator(m_checker, EndpointRole::Source).validate(*s, "source");
    if (Json *d = m_checker.require(doc, {}, "destination", "an object with a \"type\": one of " +
                                                                FlowChecker::joined(vocab::kEndpointTypes)))
        EndpointValidator(m_checker, EndpointRole::Destination).validate(*d, "destination");
    if (Json *m = FlowChecker::find(doc, "mapping"))
        MappingValidator(m_checker).validate(*m, "mapping");
    if (Json *f = FlowChecker::find(doc, "filters"))
        filters(*f, "filters");
    if (Json *t = FlowChecker::find(doc, "trigger"))
        trigger(*t, "trigger");
    checkIncrementalSource(m_checker, doc);
    if (Json *e = FlowChecker::find(doc, "errorHandling"))
        errorHandling(*e, "errorHandling");
    return m_checker.problems();
}

bool FlowValidator::version(Json &doc)
{
    const std::string current = std::to_string(vocab::kFlowVersion);
    Json *v = m_checker.require(doc, {}, "flowdeck", "the format version: " + current);
    if (!v)
        return true;
    const auto n = m_checker.integer(*v, "flowdeck", INT64_MIN);
    if (n && *n > vocab::kFlowVersion) {
        // A newer format has keys and values this version does not know: listing them all as
        // unknown would bury the one problem that matters.
        m_checker.problem("flowdeck", "this file needs a newer Flowdeck (format " + std::to_string(*n) +
                                          ", this one reads " + current + ')');
        return false;
    }
    if (n && *n != vocab::kFlowVersion)
        m_checker.problem("flowdeck", "unknown format version " + std::to_string(*n) + " (this Flowdeck reads " +
                                          current + ')');
    return true;
}

void FlowValidator::name(const Json &doc)
{
    auto it = doc.find("name");
    if (it == doc.end()) {
        m_checker.problem("name", "required (a short name for the flow)");
        return;
    }
    const std::string *name = m_checker.string(*it, "name");
    if (!name)
        return;
    std::size_t characters = 0;
    bool control = false;
    for (unsigned char c : *name) {
        characters += (c & 0xC0) != 0x80;
        control = control || c < 0x20 || c == 0x7F;
    }
    if (characters > kMaxNameLength)
        m_checker.problem("name", "must be at most " + std::to_string(kMaxNameLength) + " characters, got " +
                                      std::to_string(characters));
    // The name becomes a file name (checkpoints, logs) and a Kafka group: no folders, no line breaks.
    if (name->find('/') != std::string::npos)
        m_checker.problem("name", "must not contain '/'");
    if (control)
        m_checker.problem("name", "must not contain control characters (line breaks, tabs...)");
}

void FlowValidator::filters(Json &filters, const std::string &path)
{
    if (!m_checker.isArray(filters, path))
        return;
    for (std::size_t i = 0; i < filters.size(); ++i) {
        Json &f = filters[i];
        const std::string at = FlowChecker::index(path, i);
        if (!m_checker.isObject(f, at))
            continue;
        m_checker.checkKeys(f, at, kFilterKeys);
        if (Json *field = m_checker.require(f, at, "field", "the field to test"))
            m_checker.string(*field, FlowChecker::child(at, "field"));
        const std::string *op = nullptr;
        if (Json *o = m_checker.require(f, at, "op", "one of " + FlowChecker::joined(vocab::kFilterOps)))
            op = m_checker.word(*o, FlowChecker::child(at, "op"), "operator", vocab::kFilterOps);
        if (op)
            filterValue(f, at, *op);
    }
}

void FlowValidator::filterValue(Json &filter, const std::string &path, const std::string &op)
{
    const std::string at = FlowChecker::child(path, "value");
    Json *value = FlowChecker::find(filter, "value");
    if (op == "isNull" || op == "isNotNull") {
        if (value)
            m_checker.problem(at, "'" + op + "' takes no value");
        return;
    }
    if (!value) {
        m_checker.problem(at, "required for '" + op + "'");
        return;
    }
    if (op == "between") {
        if (!value->is_array() || value->size() != 2) {
            m_checker.problem(at, "expected an array of two values [low, high], got " + FlowChecker::describe(*value));
            return;
        }
        for (std::size_t i = 0; i < 2; ++i)
            m_checker.isScalar((*value)[i], FlowChecker::index(at, i));
    } else if (op == "in" || op == "notIn") {
        if (!value->is_array() || value->empty()) {
            m_checker.problem(at, "expected a non-empty array of values, got " + FlowChecker::describe(*value));
            return;
        }
        for (std::size_t i = 0; i < value->size(); ++i)
            m_checker.isScalar((*value)[i], FlowChecker::index(at, i));
    } else if (op == "regex") {
        m_checker.regex(*value, at);
    } else if (value->is_null()) {
        m_checker.problem(at, "expected a string, number or boolean, got null (use op isNull to test for null)");
    } else {
        m_checker.isScalar(*value, at);
    }
}

void FlowValidator::trigger(Json &trigger, const std::string &path)
{
    if (!m_checker.isObject(trigger, path))
        return;
    auto at = [&](std::string_view key) { return FlowChecker::child(path, key); };
    std::string type;
    if (Json *t = m_checker.require(trigger, path, "type", "one of " + FlowChecker::joined(vocab::kTriggerTypes)))
        if (const std::string *w = m_checker.word(*t, at("type"), "type", vocab::kTriggerTypes))
            type = *w;
    if (type.empty()) {
        m_checker.checkKeys(trigger, path, kScheduleKeys);
        return;
    }
    if (type != "schedule") {
        static constexpr std::array<std::string_view, 1> kTypeOnly = {"type"};
        m_checker.checkKeys(trigger, path, kTypeOnly, [&](const std::string &key) -> std::string {
            if (std::find(kScheduleKeys.begin(), kScheduleKeys.end(), key) != kScheduleKeys.end())
                return "'" + key + "' is only allowed when type is 'schedule'";
            return {};
        });
        return;
    }
    m_checker.checkKeys(trigger, path, kScheduleKeys);
    Json *every = FlowChecker::find(trigger, "every");
    Json *time = FlowChecker::find(trigger, "at");
    if (every && time)
        m_checker.problem(path, "give either 'every' or 'at', not both");
    else if (!every && !time)
        m_checker.problem(path, "a schedule needs 'every' (like \"15m\") or 'at' (like \"02:30\")");
    static const std::regex duration("([0-9]+)([smhd])");
    static const std::regex clock("([01][0-9]|2[0-3]):[0-5][0-9]");
    std::smatch m;
    if (every) {
        if (const std::string *s = m_checker.string(*every, at("every"))) {
            if (!std::regex_match(*s, m, duration))
                m_checker.problem(at("every"), "expected a duration like 30s, 15m, 1h or 1d, got '" + *s + "'");
            else if (m[1].str().find_first_not_of('0') == std::string::npos)
                m_checker.problem(at("every"), "must be a positive duration, got '" + *s + "'");
        }
    }
    if (time) {
        if (const std::string *s = m_checker.string(*time, at("at")); s && !std::regex_match(*s, clock))
            m_checker.problem(at("at"), "expected a time of day HH:MM (00:00 to 23:59), got '" + *s + "'");
    }
    if (Json *inc = FlowChecker::find(trigger, "incremental"))
        incremental(*inc, at("incremental"));
    if (Json *n = FlowChecker::find(trigger, "deactivateAfterFailures"))
        m_checker.integer(*n, at("deactivateAfterFailures"), 1);
}

void FlowValidator::incremental(Json &inc, const std::string &path)
{
    if (!m_checker.isObject(inc, path))
        return;
    m_checker.checkKeys(inc, path, kIncrementalKeys);
    if (Json *field = m_checker.require(inc, path, "field", "the column that grows: an id or a timestamp"))
        m_checker.string(*field, FlowChecker::child(path, "field"));
    if (Json *tie = FlowChecker::find(inc, "tieBreaker"))
        m_checker.string(*tie, FlowChecker::child(path, "tieBreaker"));
    if (Json *from = FlowChecker::find(inc, "from")) {
        const std::string where = FlowChecker::child(path, "from");
        if (const std::string *s = m_checker.string(*from, where)) {
            const QString text = QString::fromStdString(*s);
            if (!QDateTime::fromString(text, Qt::ISODateWithMs).isValid() &&
                !QDate::fromString(text, Qt::ISODate).isValid())
                m_checker.problem(where, "expected an ISO 8601 timestamp like \"2024-01-31T00:00:00Z\", got '" +
                                             *s + "'");
        }
    }
}

void FlowValidator::errorHandling(Json &eh, const std::string &path)
{
    if (!m_checker.isObject(eh, path))
        return;
    m_checker.checkKeys(eh, path, kErrorHandlingKeys);
    std::string onError = "stop";
    if (Json *o = FlowChecker::find(eh, "onError")) {
        const std::string *w = m_checker.word(*o, FlowChecker::child(path, "onError"), "value", vocab::kOnError);
        onError = w ? *w : std::string();
    } else {
        eh["onError"] = onError; // the documented default, spelled out for the engine
    }
    const std::string at = FlowChecker::child(path, "deadLetter");
    Json *dl = FlowChecker::find(eh, "deadLetter");
    if (!dl) {
        if (onError == "skip")
            m_checker.problem(at, "required when onError is 'skip' (a JSON Lines file, or {\"topic\": ...})");
        return;
    }
    if (dl->is_string()) {
        m_checker.string(*dl, at);
    } else if (dl->is_object()) {
        m_checker.checkKeys(*dl, at, kDeadLetterTopicKeys);
        if (Json *topic = m_checker.require(*dl, at, "topic", "the Kafka topic to write failed records to"))
            m_checker.string(*topic, FlowChecker::child(at, "topic"));
        if (Json *brokers = FlowChecker::find(*dl, "brokers"))
            EndpointValidator::checkBrokers(m_checker, *brokers, FlowChecker::child(at, "brokers"));
    } else {
        m_checker.problem(at, "expected a file path or an object {\"topic\": ...}, got " + FlowChecker::describe(*dl));
    }
}

} // namespace flowdeck
