#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace flowdeck {

/// How JsonWriter escapes strings.
///
/// Both styles write `"` `\` `\n` `\r` `\t` as two-character escapes, other control characters
/// (U+0000..U+001F) as `\u00XX`, every valid UTF-8 sequence above U+007F literally (emoji stay
/// emoji), and each byte of invalid UTF-8 (stray continuation bytes, overlong forms, surrogates,
/// truncated sequences) as `\ufffd`, the replacement character, as Go's encoders do.
enum class JsonEscape : std::uint8_t {
    /// TiCDC's canal-json (Go easyjson/encoding/json): also `<` `>` `&` as `\u003c` `\u003e`
    /// `\u0026` and U+2028/U+2029 as `\u2028`/`\u2029`; `\b` `\f` as `\u0008` `\u000c`;
    /// lowercase hex.
    Html,
    /// Debezium's JSON converter (Jackson): `\b` `\f` as such, other controls `\u00XX` in
    /// uppercase hex, nothing else escaped.
    Plain,
};

/// A tiny append-only JSON text builder for the wire-format encoders' hot path: no DOM, no
/// allocation beyond the output string's growth. The caller is responsible for structure
/// (commas, brackets); the writer gets scalars and escaping right.
class JsonWriter
{
public:
    explicit JsonWriter(std::string &out, JsonEscape style = JsonEscape::Plain)
        : m_out(out)
        , m_style(style)
    {
    }

    std::string &out() { return m_out; }

    void raw(std::string_view text) { m_out.append(text); }
    void raw(char c) { m_out.push_back(c); }

    /// A quoted, escaped JSON string of UTF-8 text (see JsonEscape for invalid UTF-8).
    void string(std::string_view utf8);
    /// A quoted JSON string of arbitrary bytes read as ISO-8859-1: byte b becomes U+00b, as
    /// TiCDC's canal-json writes BINARY/VARBINARY/BLOB values.
    void latin1String(std::string_view bytes);
    /// A quoted JSON string of the standard base64 (with padding) of `bytes`, as Kafka Connect's
    /// JSON converter writes BYTES.
    void base64String(std::string_view bytes);

    /// `"name":` (the name escaped).
    void key(std::string_view name)
    {
        string(name);
        m_out.push_back(':');
    }

    void number(std::int64_t v);
    void number(std::uint64_t v);
    /// Shortest round-trip form ("0.1", "1e+20"); null for NaN and infinities, which JSON lacks.
    void number(double v);
    void boolean(bool b) { m_out.append(b ? "true" : "false"); }
    void null() { m_out.append("null"); }

    /// Appends the decimal digits of an integer to `out` (no quotes).
    static void appendInt(std::string &out, std::int64_t v);
    static void appendUInt(std::string &out, std::uint64_t v);

private:
    void escapeInto(std::string_view s);

    std::string &m_out;
    JsonEscape m_style;
};

} // namespace flowdeck
