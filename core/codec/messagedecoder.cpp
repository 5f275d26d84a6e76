#include "core/codec/messagedecoder.h"

#include "core/codec/canaljsondecoder.h"
#include "core/codec/debeziumjsondecoder.h"
#include "core/model/errors.h"
#include "core/codec/jsondecoder.h"
#include "core/file/blockinput.h"

#include <nlohmann/json.hpp>

namespace flowdeck {

std::unique_ptr<MessageDecoder> MessageDecoder::create(const std::string &protocol)
{
    if (protocol == "canal-json")
        return std::make_unique<CanalJsonDecoder>();
    if (protocol == "debezium-json")
        return std::make_unique<DebeziumJsonDecoder>();
    if (protocol == "json")
        return std::make_unique<JsonDecoder>();
    throw ConfigError("protocol: unknown protocol '" + protocol + "' (expected canal-json, debezium-json or json)");
}

namespace {

/// False when `text` nests arrays and objects deeper than `limit` (strings are skipped).
bool nestingWithin(std::string_view text, int limit)
{
    int depth = 0;
    bool inString = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > limit)
                return false;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return true;
}

} // namespace

void MessageDecoder::decode(const KafkaMessage &message, Batch &out)
{
    if (!nestingWithin(message.value, kMaxNesting) || !nestingWithin(message.key, kMaxNesting)) {
        appendError(message, "JSON nested deeper than " + std::to_string(kMaxNesting) + " levels", out);
        return;
    }
    if (const std::size_t valid = validUtf8Prefix(message.value); valid != message.value.size()) {
        appendError(message, "not valid JSON: invalid UTF-8 at byte " + std::to_string(valid + 1), out);
        return;
    }
    const std::size_t before = out.size();
    std::string reason;
    try {
        decodeMessage(message, out);
        return;
    } catch (const nlohmann::json::exception &e) {
        // "[json.exception.type_error.302] type must be string, but is number": keep the words.
        const std::string what = e.what();
        const std::size_t end = what.find("] ");
        reason = "a field has an unexpected JSON type (" + (end == std::string::npos ? what : what.substr(end + 2)) + ')';
    } catch (const std::exception &e) {
        reason = e.what();
    }
    out.resize(before); // the message is one unit: its records, or one error
    appendError(message, reason, out);
}

Position MessageDecoder::positionOf(const KafkaMessage &message)
{
    Position p;
    p.source.assign(message.topic);
    p.partition = message.partition;
    p.offset = message.offset < 0 ? 0 : std::uint64_t(message.offset);
    return p;
}

void MessageDecoder::appendError(const KafkaMessage &message, const std::string &reason, Batch &out)
{
    Record r;
    r.position = positionOf(message);
    r.error = "cannot decode the message at topic " + std::string(message.topic) + " partition "
        + std::to_string(message.partition) + " offset " + std::to_string(message.offset) + ": " + reason;
    r.raw.assign(message.nullValue ? std::string_view("null") : message.value);
    r.schema = std::make_shared<Schema>();
    out.push_back(std::move(r));
}

} // namespace flowdeck
