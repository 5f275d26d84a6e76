#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace flowdeck {

/// One token of a MySQL statement.
struct SqlToken
{
    enum class Kind : std::uint8_t { Word, Quoted, String, Number, Symbol, End };
    Kind kind = Kind::End;
    std::string text; // Word: as written; Quoted: the identifier without its backquotes;
                      // String: the value without quotes and escapes; Symbol: one character
};

/// The tokens of a MySQL/MariaDB statement as the binlog carries it: words, `quoted`
/// identifiers, 'strings' and "strings", numbers and one-character symbols. Comments are skipped,
/// except MySQL's executable comments (`/*!50100 ... */`, MariaDB's `/*M!100100 ... */`), whose
/// content is read as statement text, as the server does.
class SqlTokens
{
public:
    explicit SqlTokens(std::string_view sql);

    const SqlToken &peek(std::size_t ahead = 0) const;
    SqlToken take();
    bool atEnd() const { return peek().kind == SqlToken::Kind::End; }

    /// True (and consumes it) when the next token is the unquoted word `word` (case-insensitive,
    /// `word` in upper case).
    bool accept(const char *word);
    /// True when the token `ahead` is the unquoted word `word`.
    bool isWord(const char *word, std::size_t ahead = 0) const;
    /// True (and consumes it) when the next token is the symbol `symbol`.
    bool acceptSymbol(char symbol);
    bool isSymbol(char symbol, std::size_t ahead = 0) const;
    /// An identifier (a word or a `quoted` one). Returns "" (and consumes nothing) when the next
    /// token is none.
    std::string identifier();
    /// Skips tokens up to the next `,` or `)` outside parentheses (not consumed), or the end.
    void skipClause();
    /// Skips a balanced `( ... )` group when the next token opens one.
    void skipParenthesised();

private:
    std::vector<SqlToken> m_tokens;
    std::size_t m_at = 0;
};

} // namespace flowdeck
