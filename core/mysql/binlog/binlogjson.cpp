// MySQL's binary JSON to text. Written from the grammar in MySQL's sql-common/json_binary.h
// (WL#8132): doc ::= type value; objects/arrays have element-count, size, entries, then data.
#include "core/mysql/binlog/binlogjson.h"

#include "core/file/blockinput.h"
#include "core/mysql/binlog/binlogrowdecoder.h"
#include "core/mysql/binlog/binlogtablemap.h"
#include "core/model/errors.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace flowdeck {

namespace {

enum : std::uint8_t {
    SmallObject = 0x00,
    LargeObject = 0x01,
    SmallArray = 0x02,
    LargeArray = 0x03,
    Literal = 0x04,
    Int16 = 0x05,
    UInt16 = 0x06,
    Int32 = 0x07,
    UInt32 = 0x08,
    Int64 = 0x09,
    UInt64 = 0x0a,
    Double = 0x0b,
    String = 0x0c,
    Opaque = 0x0f,
};

// MySQL field types that opaque values name.
enum : std::uint8_t { FieldDate = 10, FieldTime = 11, FieldDateTime = 12, FieldTimestamp = 7, FieldNewDate = 14,
                      FieldDateTime2 = 18, FieldTimestamp2 = 17, FieldTime2 = 19, FieldNewDecimal = 246 };

constexpr int kMaxDepth = 100;

struct Failure
{
    std::string what;
};

class Reader
{
public:
    Reader(std::string_view data, std::string &out) : m_data(data), m_out(out) {}

    void document()
    {
        if (m_data.empty()) {
            m_out += "null";
            return;
        }
        value(std::uint8_t(m_data[0]), 1, m_data.size() - 1, 0);
    }

private:
    std::uint64_t le(std::size_t at, std::size_t bytes) const
    {
        if (at + bytes > m_data.size() || at + bytes < at)
            throw Failure{"a value reaches past the end of the data (offset " + std::to_string(at) + ")"};
        std::uint64_t v = 0;
        for (std::size_t i = bytes; i-- > 0;)
            v = v << 8 | static_cast<unsigned char>(m_data[at + i]);
        return v;
    }

    // data-length: 7 bits per byte, low bits first, the high bit says another byte follows.
    std::uint64_t variableLength(std::size_t &at) const
    {
        std::uint64_t length = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            const std::uint64_t b = le(at++, 1);
            length |= (b & 0x7f) << shift;
            if (!(b & 0x80))
                return length;
        }
        throw Failure{"a data length longer than 5 bytes"};
    }

    /// A value of `type` whose bytes start at `at` (`size` bytes available to it).
    void value(std::uint8_t type, std::size_t at, std::size_t size, int depth)
    {
        switch (type) {
        case SmallObject: case LargeObject:
            return container(at, size, type == LargeObject, true, depth);
        case SmallArray: case LargeArray:
            return container(at, size, type == LargeArray, false, depth);
        case Literal: return literal(le(at, 1));
        case Int16: return integer(std::int64_t(std::int16_t(le(at, 2))));
        case UInt16: return unsignedInteger(le(at, 2));
        case Int32: return integer(std::int64_t(std::int32_t(le(at, 4))));
        case UInt32: return unsignedInteger(le(at, 4));
        case Int64: return integer(std::int64_t(le(at, 8)));
        case UInt64: return unsignedInteger(le(at, 8));
        case Double: {
            const std::uint64_t bits = le(at, 8);
            double d;
            std::memcpy(&d, &bits, sizeof d);
            return floating(d);
        }
        case String: {
            std::size_t p = at;
            const std::uint64_t length = variableLength(p);
            le(p, length); // bounds
            return quoted(m_data.substr(p, length));
        }
        case Opaque: {
            const std::uint8_t fieldType = std::uint8_t(le(at, 1));
            std::size_t p = at + 1;
            const std::uint64_t length = variableLength(p);
            le(p, length);
            return opaque(fieldType, m_data.substr(p, length));
        }
        default:
            throw Failure{"unknown value type 0x" + hex(type)};
        }
    }

    void container(std::size_t at, std::size_t size, bool large, bool object, int depth)
    {
        if (depth >= kMaxDepth)
            throw Failure{"nested deeper than " + std::to_string(kMaxDepth) + " levels"};
        const std::size_t word = large ? 4 : 2;
        const std::uint64_t count = le(at, word);
        const std::uint64_t bytes = le(at + word, word);
        if (bytes > size)
            throw Failure{"an " + std::string(object ? "object" : "array") + " of " + std::to_string(bytes)
                          + " bytes in " + std::to_string(size)};
        const std::size_t keyEntry = word + 2;
        const std::size_t valueEntry = 1 + word;
        const std::size_t header = 2 * word + (object ? count * keyEntry : 0) + count * valueEntry;
        if (header > bytes)
            throw Failure{"a header of " + std::to_string(count) + " entries does not fit in " + std::to_string(bytes) + " bytes"};
        const std::string_view saved = m_data;
        m_data = m_data.substr(0, at + bytes); // offsets may not leave the container
        m_out += object ? '{' : '[';
        for (std::uint64_t i = 0; i < count; ++i) {
            if (i)
                m_out += ", ";
            if (object) {
                const std::size_t entry = at + 2 * word + i * keyEntry;
                const std::uint64_t keyOffset = le(entry, word);
                const std::uint64_t keyLength = le(entry + word, 2);
                le(at + keyOffset, keyLength);
                quoted(m_data.substr(at + keyOffset, keyLength));
                m_out += ": ";
            }
            const std::size_t entry = at + 2 * word + (object ? count * keyEntry : 0) + i * valueEntry;
            const std::uint8_t type = std::uint8_t(le(entry, 1));
            if (inlined(type, large)) {
                value(type, entry + 1, word, depth + 1);
            } else {
                const std::uint64_t offset = le(entry + 1, word);
                if (offset >= bytes)
                    throw Failure{"a value offset " + std::to_string(offset) + " beyond its container"};
                value(type, at + offset, bytes - offset, depth + 1);
            }
        }
        m_out += object ? '}' : ']';
        m_data = saved;
    }

    static bool inlined(std::uint8_t type, bool large)
    {
        return type == Literal || type == Int16 || type == UInt16 || (large && (type == Int32 || type == UInt32));
    }

    void literal(std::uint64_t v)
    {
        if (v > 2)
            throw Failure{"unknown literal 0x" + hex(std::uint8_t(v))};
        m_out += v == 0 ? "null" : v == 1 ? "true" : "false";
    }

    void integer(std::int64_t v)
    {
        char buf[24];
        m_out.append(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
    }

    void unsignedInteger(std::uint64_t v)
    {
        char buf[24];
        m_out.append(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
    }

    void floating(double d)
    {
        if (!std::isfinite(d))
            throw Failure{"a double that is not finite"};
        char buf[64];
        const auto end = std::to_chars(buf, buf + sizeof buf, d).ptr;
        std::string_view text(buf, std::size_t(end - buf));
        const std::size_t e = text.find('e');
        if (e == std::string_view::npos) {
            m_out += text;
            if (text.find('.') == std::string_view::npos)
                m_out += ".0";
            return;
        }
        // MySQL writes exponents without '+' and leading zeros: 1e300, 1.25e-7.
        m_out += text.substr(0, e + 1);
        std::size_t p = e + 1;
        if (text[p] == '+')
            ++p;
        else if (text[p] == '-')
            m_out += text[p++];
        while (p + 1 < text.size() && text[p] == '0')
            ++p;
        m_out += text.substr(p);
    }

    void quoted(std::string_view s)
    {
        // JSON text is UTF-8: a malformed string is malformed input, not text to pass on.
        if (const std::size_t valid = validUtf8Prefix(s); valid != s.size())
            throw Failure{"a string that is not valid UTF-8 (its byte " + std::to_string(valid + 1) + ")"};
        m_out += '"';
        for (char ch : s) {
            const auto c = static_cast<unsigned char>(ch);
            switch (c) {
            case '"': m_out += "\\\""; break;
            case '\\': m_out += "\\\\"; break;
            case '\n': m_out += "\\n"; break;
            case '\r': m_out += "\\r"; break;
            case '\t': m_out += "\\t"; break;
            case '\b': m_out += "\\b"; break;
            case '\f': m_out += "\\f"; break;
            default:
                if (c < 0x20) {
                    m_out += "\\u00";
                    m_out += "0123456789abcdef"[c >> 4];
                    m_out += "0123456789abcdef"[c & 15];
                } else {
                    m_out += ch;
                }
            }
        }
        m_out += '"';
    }

    void opaque(std::uint8_t fieldType, std::string_view data)
    {
        switch (fieldType) {
        case FieldNewDecimal: return decimal(data);
        case FieldDate: case FieldNewDate: return temporal(data, 'd');
        case FieldTime: case FieldTime2: return temporal(data, 't');
        case FieldDateTime: case FieldDateTime2: case FieldTimestamp: case FieldTimestamp2: return temporal(data, 's');
        default: break;
        }
        // Anything else, as MySQL prints it: "base64:type<N>:<base64 of the bytes>".
        static const char *kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        std::string text = "base64:type" + std::to_string(fieldType) + ':';
        for (std::size_t i = 0; i < data.size(); i += 3) {
            std::uint32_t n = std::uint32_t(static_cast<unsigned char>(data[i])) << 16;
            if (i + 1 < data.size()) n |= std::uint32_t(static_cast<unsigned char>(data[i + 1])) << 8;
            if (i + 2 < data.size()) n |= static_cast<unsigned char>(data[i + 2]);
            text += kAlphabet[(n >> 18) & 63];
            text += kAlphabet[(n >> 12) & 63];
            text += i + 1 < data.size() ? kAlphabet[(n >> 6) & 63] : '=';
            text += i + 2 < data.size() ? kAlphabet[n & 63] : '=';
        }
        quoted(text);
    }

    // precision, scale, then the number in the binlog's DECIMAL form.
    void decimal(std::string_view data)
    {
        if (data.size() < 2)
            throw Failure{"a DECIMAL without its precision and scale"};
        BinlogColumn column;
        column.type = binlogtype::NewDecimal;
        column.meta = std::uint16_t(static_cast<unsigned char>(data[0]) << 8 | static_cast<unsigned char>(data[1]));
        BinlogCursor cursor(reinterpret_cast<const std::uint8_t *>(data.data()) + 2, data.size() - 2, "JSON DECIMAL");
        try {
            m_out += BinlogRowDecoder::decodeValue(column, cursor).str();
        } catch (const Error &e) {
            throw Failure{e.what()};
        }
    }

    static void two(std::string &s, std::uint64_t v)
    {
        s += char('0' + v / 10 % 10);
        s += char('0' + v % 10);
    }

    // MySQL's packed temporal integer (8 bytes, little-endian): for dates and datetimes
    // ((((year*13+month)<<5|day)<<17 | hour<<12|minute<<6|second) << 24) + microseconds, for
    // times (hour<<12|minute<<6|second) << 24 + microseconds; negative for negative times.
    void temporal(std::string_view data, char kind)
    {
        if (data.size() < 8)
            throw Failure{"a packed date/time of " + std::to_string(data.size()) + " bytes"};
        std::int64_t packed = 0;
        for (std::size_t i = 8; i-- > 0;)
            packed = std::int64_t(std::uint64_t(packed) << 8 | static_cast<unsigned char>(data[i]));
        const bool negative = packed < 0;
        const std::uint64_t u = negative ? std::uint64_t(-packed) : std::uint64_t(packed);
        const std::uint64_t micros = u % (1ULL << 24);
        const std::uint64_t whole = u >> 24;
        std::string s;
        if (kind == 't') {
            if (negative)
                s += '-';
            const std::uint64_t hour = (whole >> 12) % (1 << 10);
            if (hour >= 100)
                s += std::to_string(hour);
            else
                two(s, hour);
        } else {
            const std::uint64_t ymd = whole >> 17, ym = ymd >> 5;
            const std::uint64_t year = ym / 13;
            s += char('0' + year / 1000 % 10);
            s += char('0' + year / 100 % 10);
            two(s, year);
            s += '-';
            two(s, ym % 13);
            s += '-';
            two(s, ymd % 32);
            if (kind == 'd') {
                quoted(s);
                return;
            }
            s += ' ';
            two(s, (whole >> 12) % 32);
        }
        s += ':';
        two(s, (whole >> 6) % 64);
        s += ':';
        two(s, whole % 64);
        s += '.';
        char frac[8];
        std::snprintf(frac, sizeof frac, "%06u", unsigned(micros));
        s += frac;
        quoted(s);
    }

    static std::string hex(std::uint8_t v)
    {
        return {"0123456789abcdef"[v >> 4], "0123456789abcdef"[v & 15]};
    }

    std::string_view m_data;
    std::string &m_out;
};

} // namespace

bool mysqlBinaryJsonToText(std::string_view binary, std::string &out, std::string &error)
{
    out.clear();
    try {
        Reader(binary, out).document();
        return true;
    } catch (const Failure &f) {
        error = "MySQL binary JSON: " + f.what;
        return false;
    }
}

} // namespace flowdeck
