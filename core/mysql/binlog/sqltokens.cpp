#include "core/mysql/binlog/sqltokens.h"

#include <cctype>

namespace flowdeck {

namespace {

bool isWordChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' || static_cast<unsigned char>(c) >= 0x80;
}

bool equalsUpper(const std::string &text, const char *word)
{
    std::size_t i = 0;
    for (; word[i]; ++i)
        if (i >= text.size() || std::toupper(static_cast<unsigned char>(text[i])) != word[i])
            return false;
    return i == text.size();
}

// The end of a string literal that starts at `i` (its quote), filling `value`.
std::size_t readString(std::string_view sql, std::size_t i, std::string &value)
{
    const char quote = sql[i++];
    while (i < sql.size()) {
        const char c = sql[i];
        if (c == '\\' && i + 1 < sql.size()) {
            const char e = sql[i + 1];
            value += e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e == '0' ? '\0' : e;
            i += 2;
        } else if (c == quote && i + 1 < sql.size() && sql[i + 1] == quote) {
            value += quote;
            i += 2;
        } else if (c == quote) {
            return i + 1;
        } else {
            value += c;
            ++i;
        }
    }
    return i;
}

} // namespace

SqlTokens::SqlTokens(std::string_view sql)
{
    std::size_t i = 0;
    while (i < sql.size()) {
        const char c = sql[i];
        if (std::isspace(static_cast<unsigned char>(c))) {
            ++i;
        } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
            // Executable comments: /*!NNNNN text */ and /*M!NNNNNN text */ are statement text.
            std::size_t body = i + 2;
            if (body < sql.size() && sql[body] == 'M' && body + 1 < sql.size() && sql[body + 1] == '!')
                ++body;
            if (body < sql.size() && sql[body] == '!') {
                ++body;
                while (body < sql.size() && std::isdigit(static_cast<unsigned char>(sql[body])))
                    ++body;
                i = body; // the closing */ is skipped below as a symbol pair
                continue;
            }
            const std::size_t end = sql.find("*/", i + 2);
            i = end == std::string_view::npos ? sql.size() : end + 2;
        } else if (c == '*' && i + 1 < sql.size() && sql[i + 1] == '/') {
            i += 2; // the end of an executable comment
        } else if (c == '#' || (c == '-' && i + 2 < sql.size() && sql[i + 1] == '-' &&
                                std::isspace(static_cast<unsigned char>(sql[i + 2])))) {
            const std::size_t end = sql.find('\n', i);
            i = end == std::string_view::npos ? sql.size() : end + 1;
        } else if (c == '`') {
            SqlToken t{SqlToken::Kind::Quoted, {}};
            for (++i; i < sql.size(); ++i) {
                if (sql[i] == '`' && i + 1 < sql.size() && sql[i + 1] == '`') {
                    t.text += '`';
                    ++i;
                } else if (sql[i] == '`') {
                    ++i;
                    break;
                } else {
                    t.text += sql[i];
                }
            }
            m_tokens.push_back(std::move(t));
        } else if (c == '\'' || c == '"') {
            SqlToken t{SqlToken::Kind::String, {}};
            i = readString(sql, i, t.text);
            m_tokens.push_back(std::move(t));
        } else if (std::isdigit(static_cast<unsigned char>(c))) {
            SqlToken t{SqlToken::Kind::Number, {}};
            while (i < sql.size() && (isWordChar(sql[i]) || sql[i] == '.'))
                t.text += sql[i++];
            m_tokens.push_back(std::move(t));
        } else if (isWordChar(c)) {
            SqlToken t{SqlToken::Kind::Word, {}};
            while (i < sql.size() && isWordChar(sql[i]))
                t.text += sql[i++];
            m_tokens.push_back(std::move(t));
        } else {
            m_tokens.push_back({SqlToken::Kind::Symbol, std::string(1, c)});
            ++i;
        }
    }
    m_tokens.push_back({SqlToken::Kind::End, {}});
}

const SqlToken &SqlTokens::peek(std::size_t ahead) const
{
    const std::size_t at = m_at + ahead;
    return at < m_tokens.size() ? m_tokens[at] : m_tokens.back();
}

SqlToken SqlTokens::take()
{
    SqlToken t = peek();
    if (m_at + 1 < m_tokens.size())
        ++m_at;
    return t;
}

bool SqlTokens::isWord(const char *word, std::size_t ahead) const
{
    const SqlToken &t = peek(ahead);
    return t.kind == SqlToken::Kind::Word && equalsUpper(t.text, word);
}

bool SqlTokens::accept(const char *word)
{
    if (!isWord(word))
        return false;
    take();
    return true;
}

bool SqlTokens::isSymbol(char symbol, std::size_t ahead) const
{
    const SqlToken &t = peek(ahead);
    return t.kind == SqlToken::Kind::Symbol && t.text[0] == symbol;
}

bool SqlTokens::acceptSymbol(char symbol)
{
    if (!isSymbol(symbol))
        return false;
    take();
    return true;
}

std::string SqlTokens::identifier()
{
    const SqlToken &t = peek();
    if (t.kind != SqlToken::Kind::Word && t.kind != SqlToken::Kind::Quoted)
        return std::string();
    return take().text;
}

void SqlTokens::skipParenthesised()
{
    if (!isSymbol('('))
        return;
    int depth = 0;
    do {
        if (isSymbol('('))
            ++depth;
        else if (isSymbol(')'))
            --depth;
        take();
    } while (depth > 0 && !atEnd());
}

void SqlTokens::skipClause()
{
    while (!atEnd() && !isSymbol(',') && !isSymbol(')')) {
        if (isSymbol('('))
            skipParenthesised();
        else
            take();
    }
}

} // namespace flowdeck
