#include "core/file/jsonlreader.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>

namespace flowdeck {

namespace {

void appendJsonString(std::string &out, const std::string &s)
{
    static const char hex[] = "0123456789abcdef";
    out += '"';
    for (const char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                out += "\\u00";
                out += hex[(c >> 4) & 0xF];
                out += hex[c & 0xF];
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

// nlohmann's message starts with its own "[json.exception...] parse error at line 1, column 8: "
// and ends with "; last read: '<raw bytes>'": we give the position ourselves and keep raw input
// out of messages, so only the middle (and a trailing "; expected ...") is kept.
std::string parseErrorDetail(const std::string &what)
{
    std::size_t start = what.find("parse error");
    start = start == std::string::npos ? 0 : what.find(": ", start);
    std::string detail = start == std::string::npos ? what : what.substr(start + 2);
    const std::size_t lastRead = detail.find("; last read: '");
    if (lastRead != std::string::npos) {
        const std::size_t expected = detail.find("'; expected ", lastRead);
        detail = detail.substr(0, lastRead)
                 + (expected == std::string::npos ? std::string() : detail.substr(expected + 1));
    }
    return detail;
}

} // namespace

// Builds a record's values straight from the parser's events: no DOM for the top-level object;
// nested objects and arrays are written out as compact JSON text as their events arrive.
class JsonlReader::Handler
{
public:
    using number_integer_t = nlohmann::json::number_integer_t;
    using number_unsigned_t = nlohmann::json::number_unsigned_t;
    using number_float_t = nlohmann::json::number_float_t;
    using string_t = nlohmann::json::string_t;
    using binary_t = nlohmann::json::binary_t;

    Handler(JsonlReader &reader, std::vector<Value> &values)
        : m_reader(reader)
        , m_values(values)
    {
    }

    bool null()
    {
        if (!beginValue("null"))
            return false;
        if (m_depth == 1)
            set(Value());
        else
            m_nested += "null";
        return true;
    }
    bool boolean(bool b)
    {
        if (!beginValue("a boolean"))
            return false;
        if (m_depth == 1)
            set(Value::boolean(b));
        else
            m_nested += b ? "true" : "false";
        return true;
    }
    bool number_integer(number_integer_t i)
    {
        if (!beginValue("a number"))
            return false;
        if (m_depth == 1)
            set(Value::integer(i));
        else
            m_nested += std::to_string(i);
        return true;
    }
    bool number_unsigned(number_unsigned_t u)
    {
        // nlohmann reports every non-negative integer as unsigned.
        if (!beginValue("a number"))
            return false;
        if (m_depth == 1)
            set(u <= std::uint64_t(INT64_MAX) ? Value::integer(std::int64_t(u)) : Value::unsignedInteger(u));
        else
            m_nested += std::to_string(u);
        return true;
    }
    bool number_float(number_float_t d, const string_t &raw)
    {
        if (!beginValue("a number"))
            return false;
        if (m_depth >= 2)
            m_nested += raw; // as written, like the top-level decimals
        else if (raw.find_first_of("eE") == std::string::npos)
            set(Value::decimal(raw)); // a fraction without exponent, or an integer beyond 64 bits
        else
            set(Value::floating(d));
        return true;
    }
    bool string(string_t &s)
    {
        if (!beginValue("a string"))
            return false;
        if (m_depth == 1)
            set(Value::text(std::move(s)));
        else
            appendJsonString(m_nested, s);
        return true;
    }
    bool binary(binary_t &) { return false; } // not produced by the JSON text parser

    bool start_object(std::size_t)
    {
        if (m_depth == 0) {
            m_depth = 1;
            return true;
        }
        return open('{', false);
    }
    bool key(string_t &key)
    {
        if (m_depth == 1) {
            m_current = m_reader.fieldIndex(key);
            if (std::size_t(m_current) >= m_values.size())
                m_values.resize(std::size_t(m_current) + 1);
            return true;
        }
        Frame &frame = m_stack.back();
        if (!frame.first)
            m_nested += ',';
        frame.first = false;
        appendJsonString(m_nested, key);
        m_nested += ':';
        return true;
    }
    bool end_object()
    {
        if (m_depth == 1) {
            m_depth = 0;
            return true;
        }
        return close('}');
    }
    bool start_array(std::size_t)
    {
        if (m_depth == 0) {
            m_found = "an array";
            return false;
        }
        return open('[', true);
    }
    bool end_array() { return close(']'); }
    bool parse_error(std::size_t position, const std::string &, const nlohmann::detail::exception &ex)
    {
        m_errorPosition = position;
        m_errorWhat = ex.what();
        return false;
    }

    const char *found() const { return m_found; }
    bool failed() const { return !m_errorWhat.empty(); }
    std::size_t errorPosition() const { return m_errorPosition; }
    const std::string &errorWhat() const { return m_errorWhat; }

private:
    struct Frame
    {
        bool isArray;
        bool first;
    };

    bool beginValue(const char *kind)
    {
        if (m_depth == 0) {
            m_found = kind;
            return false;
        }
        if (m_depth >= 2) {
            Frame &frame = m_stack.back();
            if (frame.isArray) {
                if (!frame.first)
                    m_nested += ',';
                frame.first = false;
            }
        }
        return true;
    }
    void set(Value value) { m_values[std::size_t(m_current)] = std::move(value); }
    bool open(char bracket, bool isArray)
    {
        if (m_depth == 1)
            m_nested.clear();
        else
            beginValue("");
        m_nested += bracket;
        m_stack.push_back({isArray, true});
        ++m_depth;
        return true;
    }
    bool close(char bracket)
    {
        m_nested += bracket;
        m_stack.pop_back();
        if (--m_depth == 1) {
            set(Value::text(std::move(m_nested)));
            m_nested.clear();
        }
        return true;
    }

    JsonlReader &m_reader;
    std::vector<Value> &m_values;
    int m_depth = 0; // open containers, the line's object included
    int m_current = 0;
    std::string m_nested;
    std::vector<Frame> m_stack;
    const char *m_found = nullptr; // what the line holds when it is not an object
    std::size_t m_errorPosition = 0;
    std::string m_errorWhat;
};

JsonlReader::JsonlReader() = default;
JsonlReader::~JsonlReader() = default;

void JsonlReader::openFile(const std::string &path, const std::string &displayPath)
{
    m_input.openFile(path, displayPath);
    start();
}

void JsonlReader::openString(std::string content, const std::string &displayPath)
{
    m_input.openString(std::move(content), displayPath);
    start();
}

void JsonlReader::start()
{
    m_input.skipByteOrderMark();
    m_line = 1;
    m_pending.reset();
    m_names.clear();
    m_index.clear();
    m_committed = 0;
    m_nextGuess = 0;
    m_schema = std::make_shared<const Schema>();
    Record first;
    if (readRecord(first))
        m_pending = std::move(first);
}

void JsonlReader::seek(std::uint64_t offset, std::uint64_t line)
{
    m_input.seek(offset);
    m_input.skipByteOrderMark(); // only acts at offset 0
    m_line = line;
    m_pending.reset();
}

bool JsonlReader::next(Record &out)
{
    if (m_pending) {
        out = std::move(*m_pending);
        m_pending.reset();
        return true;
    }
    return readRecord(out);
}

bool JsonlReader::readRecord(Record &out)
{
    for (;;) {
        std::size_t searched = 0;
        const char *newline = nullptr;
        for (;;) {
            const std::size_t size = m_input.size();
            if (size > searched)
                newline = static_cast<const char *>(std::memchr(m_input.data() + searched, '\n', size - searched));
            if (newline || m_input.atEnd())
                break;
            searched = size;
            m_input.fill();
        }
        const char *const data = m_input.data();
        const std::size_t size = m_input.size();
        if (!newline && size == 0)
            return false;
        const std::size_t length = newline ? std::size_t(newline - data) : size;
        const std::size_t consumed = newline ? length + 1 : size;
        const std::uint64_t lineBreaks = newline ? 1 : 0;
        std::string_view line(data, length);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);

        if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
            m_input.consume(consumed);
            m_line += lineBreaks;
            continue;
        }
        out.op = RowOp::Insert;
        Position &pos = out.position;
        pos.source = m_input.displayPath();
        pos.partition = -1;
        pos.gtid.clear();
        pos.line = m_line;
        pos.column = 0;
        pos.offset = m_input.offset();
        pos.endOffset = pos.offset + consumed;
        pos.endLine = m_line + lineBreaks;
        parseLine(line, out);
        m_input.consume(consumed);
        m_line += lineBreaks;
        return true;
    }
}

void JsonlReader::parseLine(std::string_view line, Record &out)
{
    auto fail = [&](std::size_t byte, std::string reason) {
        rollbackKeys();
        out.schema = m_schema;
        out.values.clear();
        out.position.column = utf8Column(line.data(), line.data() + std::min(byte, line.size()));
        out.error = std::move(reason);
        out.raw.assign(line);
    };

    // Checked up front so the message can name the byte; nlohmann would also reject it, but
    // with raw bytes in its message.
    const std::size_t valid = validUtf8Prefix(line);
    if (valid < line.size()) {
        static const char digits[] = "0123456789ABCDEF";
        const auto bad = static_cast<unsigned char>(line[valid]);
        return fail(valid, std::string("invalid UTF-8 byte 0x") + digits[bad >> 4] + digits[bad & 0xF]);
    }

    out.values.assign(m_committed, Value());
    Handler handler(*this, out.values);
    const bool ok = nlohmann::json::sax_parse(line.data(), line.data() + line.size(), &handler);
    if (handler.found()) {
        const std::size_t first = line.find_first_not_of(" \t\r");
        return fail(first, std::string("expected a JSON object, found ") + handler.found());
    }
    if (!ok || handler.failed()) {
        // nlohmann's position is the 1-based index of the byte it stopped at.
        const std::size_t position = handler.errorPosition();
        return fail(position == 0 ? 0 : position - 1, "invalid JSON: " + parseErrorDetail(handler.errorWhat()));
    }
    commitKeys();
    out.values.resize(m_names.size());
    out.schema = m_schema;
    out.error.clear();
    out.raw.clear();
}

int JsonlReader::fieldIndex(const std::string &key)
{
    if (m_nextGuess < m_names.size() && m_names[m_nextGuess] == key)
        return int(m_nextGuess++);
    const auto it = m_index.find(key);
    if (it != m_index.end()) {
        m_nextGuess = std::size_t(it->second) + 1;
        return it->second;
    }
    const int index = int(m_names.size());
    m_names.push_back(key);
    m_index.emplace(key, index);
    m_nextGuess = m_names.size();
    return index;
}

void JsonlReader::commitKeys()
{
    if (m_names.size() == m_committed)
        return;
    m_schema = std::make_shared<const Schema>(m_names);
    m_committed = m_names.size();
}

void JsonlReader::rollbackKeys()
{
    // A bad line's keys never reach the schema.
    for (std::size_t i = m_committed; i < m_names.size(); ++i)
        m_index.erase(m_names[i]);
    m_names.resize(m_committed);
    m_nextGuess = 0;
}

} // namespace flowdeck
