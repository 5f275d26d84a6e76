#include "core/codec/jsonview.h"

namespace flowdeck {

namespace {

void appendUtf8(std::string &out, std::uint32_t cp)
{
    if (cp < 0x80) {
        out.push_back(char(cp));
    } else if (cp < 0x800) {
        out.push_back(char(0xC0 | (cp >> 6)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(char(0xE0 | (cp >> 12)));
        out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(char(0xF0 | (cp >> 18)));
        out.push_back(char(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    }
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace

void JsonView::skipSpace()
{
    while (m_pos < m_in.size() && (m_in[m_pos] == ' ' || m_in[m_pos] == '\n' || m_in[m_pos] == '\r' || m_in[m_pos] == '\t'))
        ++m_pos;
}

bool JsonView::parse(std::string_view input, std::string &error)
{
    m_in = input;
    m_pos = 0;
    m_nodes.clear();
    m_unescaped.clear();
    if (m_unescaped.capacity() < input.size() * 2 + 16) // \u00ff (6 bytes) gives 2 UTF-8 bytes: never more
        m_unescaped.reserve(input.size() * 2 + 16);
    m_depth = 0;
    error.clear();
    skipSpace();
    if (value(error) == npos)
        return false;
    skipSpace();
    if (m_pos != m_in.size()) {
        error = "unexpected text after the JSON value at byte " + std::to_string(m_pos);
        return false;
    }
    return true;
}

bool JsonView::string(std::string_view &out, std::string &error)
{
    // m_in[m_pos] == '"'
    const std::size_t start = ++m_pos;
    std::size_t i = start;
    while (i < m_in.size() && m_in[i] != '"' && m_in[i] != '\\') {
        if (static_cast<unsigned char>(m_in[i]) < 0x20) {
            error = "control character in a string at byte " + std::to_string(i);
            return false;
        }
        ++i;
    }
    if (i < m_in.size() && m_in[i] == '"') {
        out = m_in.substr(start, i - start);
        m_pos = i + 1;
        return true;
    }
    const std::size_t begin = m_unescaped.size();
    m_unescaped.append(m_in.data() + start, i - start);
    while (i < m_in.size()) {
        const char c = m_in[i];
        if (c == '"') {
            out = std::string_view(m_unescaped.data() + begin, m_unescaped.size() - begin);
            m_pos = i + 1;
            return true;
        }
        if (static_cast<unsigned char>(c) < 0x20) {
            error = "control character in a string at byte " + std::to_string(i);
            return false;
        }
        if (c != '\\') {
            m_unescaped.push_back(c);
            ++i;
            continue;
        }
        if (i + 1 >= m_in.size())
            break;
        const char e = m_in[i + 1];
        i += 2;
        switch (e) {
        case '"': m_unescaped.push_back('"'); break;
        case '\\': m_unescaped.push_back('\\'); break;
        case '/': m_unescaped.push_back('/'); break;
        case 'b': m_unescaped.push_back('\b'); break;
        case 'f': m_unescaped.push_back('\f'); break;
        case 'n': m_unescaped.push_back('\n'); break;
        case 'r': m_unescaped.push_back('\r'); break;
        case 't': m_unescaped.push_back('\t'); break;
        case 'u': {
            auto hex4 = [&](std::size_t at, std::uint32_t &v) {
                if (at + 4 > m_in.size())
                    return false;
                v = 0;
                for (std::size_t k = 0; k < 4; ++k) {
                    const int h = hexValue(m_in[at + k]);
                    if (h < 0)
                        return false;
                    v = v * 16 + std::uint32_t(h);
                }
                return true;
            };
            std::uint32_t cp = 0;
            if (!hex4(i, cp)) {
                error = "invalid \\u escape at byte " + std::to_string(i - 2);
                return false;
            }
            i += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                std::uint32_t low = 0;
                if (i + 1 < m_in.size() && m_in[i] == '\\' && m_in[i + 1] == 'u' && hex4(i + 2, low) && low >= 0xDC00 && low <= 0xDFFF) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    i += 6;
                } else {
                    cp = 0xFFFD;
                }
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                cp = 0xFFFD;
            }
            appendUtf8(m_unescaped, cp);
            break;
        }
        default:
            error = std::string("invalid escape \\") + e + " at byte " + std::to_string(i - 2);
            return false;
        }
    }
    error = "unterminated string starting at byte " + std::to_string(start - 1);
    return false;
}

std::uint32_t JsonView::value(std::string &error)
{
    if (m_pos >= m_in.size()) {
        error = "unexpected end of the text";
        return npos;
    }
    if (++m_depth > 64) {
        error = "nested too deeply";
        return npos;
    }
    const auto index = std::uint32_t(m_nodes.size());
    m_nodes.emplace_back();
    const char c = m_in[m_pos];
    auto literal = [&](std::string_view word, Type type, bool b) {
        if (m_in.substr(m_pos, word.size()) != word) {
            error = "invalid literal at byte " + std::to_string(m_pos);
            return false;
        }
        m_pos += word.size();
        m_nodes[index].type = type;
        m_nodes[index].boolean = b;
        return true;
    };
    bool ok = true;
    if (c == '"') {
        std::string_view s;
        ok = string(s, error);
        m_nodes[index].type = Type::String;
        m_nodes[index].text = s;
    } else if (c == 'n') {
        ok = literal("null", Type::Null, false);
    } else if (c == 't') {
        ok = literal("true", Type::Bool, true);
    } else if (c == 'f') {
        ok = literal("false", Type::Bool, false);
    } else if (c == '-' || (c >= '0' && c <= '9')) {
        const std::size_t start = m_pos;
        ++m_pos;
        while (m_pos < m_in.size() && ((m_in[m_pos] >= '0' && m_in[m_pos] <= '9') || m_in[m_pos] == '.' || m_in[m_pos] == 'e'
                                       || m_in[m_pos] == 'E' || m_in[m_pos] == '+' || m_in[m_pos] == '-'))
            ++m_pos;
        m_nodes[index].type = Type::Number;
        m_nodes[index].text = m_in.substr(start, m_pos - start);
        if (m_nodes[index].text == "-") {
            error = "invalid number at byte " + std::to_string(start);
            ok = false;
        }
    } else if (c == '[' || c == '{') {
        const bool object = c == '{';
        const char close = object ? '}' : ']';
        m_nodes[index].type = object ? Type::Object : Type::Array;
        ++m_pos;
        skipSpace();
        std::uint32_t last = npos;
        if (m_pos < m_in.size() && m_in[m_pos] == close) {
            ++m_pos;
        } else {
            for (;;) {
                std::string_view key;
                if (object) {
                    if (m_pos >= m_in.size() || m_in[m_pos] != '"') {
                        error = "expected a member name at byte " + std::to_string(m_pos);
                        ok = false;
                        break;
                    }
                    if (!string(key, error)) {
                        ok = false;
                        break;
                    }
                    skipSpace();
                    if (m_pos >= m_in.size() || m_in[m_pos] != ':') {
                        error = "expected ':' at byte " + std::to_string(m_pos);
                        ok = false;
                        break;
                    }
                    ++m_pos;
                    skipSpace();
                }
                const std::uint32_t child = value(error);
                if (child == npos) {
                    ok = false;
                    break;
                }
                m_nodes[child].key = key;
                if (last == npos)
                    m_nodes[index].first = child;
                else
                    m_nodes[last].next = child;
                last = child;
                ++m_nodes[index].count;
                skipSpace();
                if (m_pos < m_in.size() && m_in[m_pos] == ',') {
                    ++m_pos;
                    skipSpace();
                    continue;
                }
                if (m_pos < m_in.size() && m_in[m_pos] == close) {
                    ++m_pos;
                    break;
                }
                error = std::string("expected ',' or '") + close + "' at byte " + std::to_string(m_pos);
                ok = false;
                break;
            }
        }
    } else {
        error = std::string("unexpected '") + c + "' at byte " + std::to_string(m_pos);
        ok = false;
    }
    --m_depth;
    return ok ? index : npos;
}

const JsonView::Node *JsonView::find(const Node &object, std::string_view key) const
{
    if (object.type != Type::Object)
        return nullptr;
    for (std::uint32_t i = object.first; i != npos; i = m_nodes[i].next)
        if (m_nodes[i].key == key)
            return &m_nodes[i];
    return nullptr;
}

const JsonView::Node *JsonView::at(const Node &array, std::uint32_t i) const
{
    std::uint32_t n = array.first;
    for (; n != npos && i > 0; --i)
        n = m_nodes[n].next;
    return n == npos ? nullptr : &m_nodes[n];
}

} // namespace flowdeck
