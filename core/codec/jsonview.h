#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace flowdeck {

/// A small read-only JSON DOM for hot paths (decoding canal-json messages): parse() fills a flat
/// node array that is reused from message to message, strings are views into the input (or into
/// an internal buffer when they had escapes), numbers keep their text. After warm-up, parsing
/// allocates nothing. Object members keep their order; lookups are linear (messages are small).
///
/// The views stay valid until the next parse() or until the input is gone.
class JsonView
{
public:
    enum class Type : std::uint8_t { Null, Bool, Number, String, Array, Object };
    static constexpr std::uint32_t npos = UINT32_MAX;

    struct Node
    {
        Type type = Type::Null;
        bool boolean = false;
        std::string_view text;        // String: the unescaped text; Number: as written
        std::string_view key;         // members of an object: their name
        std::uint32_t first = npos;   // Array/Object: first child
        std::uint32_t next = npos;    // the next sibling
        std::uint32_t count = 0;      // Array/Object: children
    };

    /// Parses `input` (the whole text must be one JSON value). Returns false with `error`
    /// ("expected ':' at byte 17") for invalid JSON.
    bool parse(std::string_view input, std::string &error);

    const Node &root() const { return m_nodes[0]; }
    const Node &node(std::uint32_t index) const { return m_nodes[index]; }
    /// The member `key` of object `object`, or nullptr.
    const Node *find(const Node &object, std::string_view key) const;
    /// The `i`-th element of an array, or nullptr.
    const Node *at(const Node &array, std::uint32_t i) const;
    const Node *child(const Node &parent) const { return parent.first == npos ? nullptr : &m_nodes[parent.first]; }
    const Node *sibling(const Node &n) const { return n.next == npos ? nullptr : &m_nodes[n.next]; }

private:
    std::uint32_t value(std::string &error);
    bool string(std::string_view &out, std::string &error);
    void skipSpace();

    std::string_view m_in;
    std::size_t m_pos = 0;
    std::vector<Node> m_nodes;
    std::string m_unescaped; // reserved to the input's size before parsing: views never move
    int m_depth = 0;
};

} // namespace flowdeck
