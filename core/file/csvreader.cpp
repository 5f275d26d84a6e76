#include "core/file/csvreader.h"

#include <unordered_map>

#include "core/model/errors.h"

namespace flowdeck {

namespace {

unsigned char byteOf(char c)
{
    return static_cast<unsigned char>(c);
}

bool isPrintableAscii(unsigned char c)
{
    return c >= 0x20 && c < 0x7F;
}

std::string hexByte(unsigned char c)
{
    static const char digits[] = "0123456789ABCDEF";
    return std::string("0x") + digits[c >> 4] + digits[c & 0xF];
}

void checkOptions(const CsvOptions &options)
{
    auto bad = [](char c) { return c == '\r' || c == '\n' || c == '\0' || byteOf(c) >= 0x80; };
    if (bad(options.delimiter))
        throw ConfigError("the CSV delimiter must be one ASCII character other than a line break");
    if (bad(options.quote))
        throw ConfigError("the CSV quote must be one ASCII character other than a line break");
    if (options.delimiter == options.quote)
        throw ConfigError("the CSV delimiter and quote must be different characters");
}

} // namespace

CsvReader::CsvReader(CsvOptions options)
    : m_options(options)
{
    checkOptions(m_options);
    // Byte classes for the scanning loops: everything that is not marked is plain content.
    for (int c = 0x80; c < 0x100; ++c)
        m_unquotedClass[c] = m_quotedClass[c] = 1;
    m_unquotedClass['\r'] = m_unquotedClass['\n'] = m_unquotedClass[byteOf(m_options.delimiter)] = 1;
    m_quotedClass['\r'] = m_quotedClass['\n'] = m_quotedClass[byteOf(m_options.quote)] = 1;
}

void CsvReader::openFile(const std::string &path, const std::string &displayPath)
{
    m_input.openFile(path, displayPath);
    start();
}

void CsvReader::openString(std::string content, const std::string &displayPath)
{
    m_input.openString(std::move(content), displayPath);
    start();
}

void CsvReader::start()
{
    m_input.skipByteOrderMark();
    m_line = 1;
    m_pending.reset();
    m_schema.reset();
    m_fieldCount = 0;
    if (m_options.header) {
        for (;;) {
            const Status status = scanRecordFully();
            if (status == Status::End)
                break;
            if (status == Status::Blank) {
                m_input.consume(m_consumed);
                m_line += m_lineBreaks;
                continue;
            }
            if (m_problem != Problem::None) {
                Record bad;
                emit(bad);
                throw InputError(bad.position, "bad header row: " + bad.error);
            }
            std::vector<std::string> names;
            names.reserve(m_spans.size());
            for (const Span &span : m_spans) {
                names.push_back(fieldText(span));
                if (names.back().empty())
                    names.back() = "column" + std::to_string(names.size());
            }
            checkUniqueNames(names);
            m_fieldCount = names.size();
            m_schema = std::make_shared<const Schema>(std::move(names));
            m_input.consume(m_consumed);
            m_line += m_lineBreaks;
            break;
        }
        m_dataStart = m_input.offset();
        m_dataLine = m_line;
    } else {
        m_dataStart = m_input.offset();
        m_dataLine = m_line;
        // The first record defines the field count (emit() builds the schema from it).
        Record first;
        if (next(first))
            m_pending = std::move(first);
    }
    if (!m_schema)
        m_schema = std::make_shared<const Schema>();
}

void CsvReader::checkUniqueNames(const std::vector<std::string> &names) const
{
    std::unordered_map<std::string_view, std::size_t> seen;
    for (std::size_t i = 0; i < names.size(); ++i) {
        const auto [it, added] = seen.emplace(names[i], i);
        if (added)
            continue;
        Position pos;
        pos.source = m_input.displayPath();
        pos.line = m_line;
        throw InputError(pos, "bad header row: column name \"" + names[i] + "\" appears twice, in fields " + std::to_string(it->second + 1)
                                  + " and " + std::to_string(i + 1) + " (rename one: the second would silently win)");
    }
}

void CsvReader::seek(std::uint64_t offset, std::uint64_t line)
{
    if (offset < m_dataStart) {
        offset = m_dataStart;
        line = m_dataLine;
    }
    m_input.seek(offset);
    m_line = line;
    m_pending.reset();
}

bool CsvReader::next(Record &out)
{
    if (m_pending) {
        out = std::move(*m_pending);
        m_pending.reset();
        return true;
    }
    for (;;) {
        switch (scanRecordFully()) {
        case Status::End:
            return false;
        case Status::Blank:
            m_input.consume(m_consumed);
            m_line += m_lineBreaks;
            continue;
        case Status::Record:
        case Status::NeedMore: // not returned by scanRecordFully()
            emit(out);
            return true;
        }
    }
}

CsvReader::Status CsvReader::scanRecordFully()
{
    for (;;) {
        const Status status = scanRecord();
        if (status != Status::NeedMore)
            return status;
        // At the end of the input fill() returns false and sets atEnd(): the re-scan then
        // treats the end of the window as the end of the record.
        m_input.fill();
    }
}

void CsvReader::note(Problem problem, std::size_t at, unsigned char byte)
{
    if (m_problem != Problem::None)
        return; // the first problem of a record is the one reported
    m_problem = problem;
    m_problemAt = at;
    m_problemByte = byte;
}

// Scans one record in the window. Returns NeedMore when the window ends before the record does
// (or before a CR whose LF might follow); the caller then fills and calls again, and the scan
// restarts from the record's first byte. Restarting is rare (once per block) and keeps the
// state machine free of resumable state.
CsvReader::Status CsvReader::scanRecord()
{
    const char *const begin = m_input.data();
    const char *const end = begin + m_input.size();
    const bool eof = m_input.atEnd();
    if (begin == end)
        return eof ? Status::End : Status::NeedMore;
    m_spans.clear();
    m_problem = Problem::None;
    m_lineBreaks = 0;
    const char *p = begin;
    const char quote = m_options.quote;
    const char delimiter = m_options.delimiter;

    if (*p == '\n' || *p == '\r') {
        if (*p == '\r' && p + 1 == end && !eof)
            return Status::NeedMore;
        m_consumed = (*p == '\r' && p + 1 < end && p[1] == '\n') ? 2 : 1;
        m_lineBreaks = 1;
        return Status::Blank;
    }

    for (;;) {
        const char *const fieldStart = p;
        if (p < end && *p == quote) {
            ++p;
            const char *const contentBegin = p;
            bool escaped = false;
            for (;;) {
                while (p < end && !m_quotedClass[byteOf(*p)])
                    ++p;
                if (p == end) {
                    if (!eof)
                        return Status::NeedMore;
                    // Never closed: report it where it opened, and the rest of the file is
                    // this record. This outranks any earlier problem, as it explains the rest.
                    m_problem = Problem::Unbalanced;
                    m_problemAt = std::size_t(fieldStart - begin);
                    m_contentEnd = m_consumed = std::size_t(end - begin);
                    return Status::Record;
                }
                const char c = *p;
                if (c == quote) {
                    if (p + 1 == end && !eof)
                        return Status::NeedMore;
                    if (p + 1 < end && p[1] == quote) {
                        escaped = true;
                        p += 2;
                        continue;
                    }
                    break; // the closing quote
                }
                if (c == '\n') {
                    ++m_lineBreaks;
                    ++p;
                } else if (c == '\r') {
                    if (p + 1 == end && !eof)
                        return Status::NeedMore;
                    ++m_lineBreaks;
                    p += (p + 1 < end && p[1] == '\n') ? 2 : 1;
                } else if (!stepUtf8(p, end, eof, begin)) {
                    return Status::NeedMore;
                }
            }
            m_spans.push_back({std::size_t(fieldStart - begin), std::size_t(contentBegin - begin),
                               std::size_t(p - begin), true, escaped});
            ++p;
            if (p < end && *p != delimiter && *p != '\n' && *p != '\r') {
                note(Problem::Junk, std::size_t(p - begin), byteOf(*p));
                // Read the rest of the field as unquoted text, so the record still ends where
                // its line does and reading goes on with the next one.
                if (!scanUnquoted(p, end, eof))
                    return Status::NeedMore;
            }
        } else {
            if (!scanUnquoted(p, end, eof))
                return Status::NeedMore;
            m_spans.push_back({std::size_t(fieldStart - begin), std::size_t(fieldStart - begin),
                               std::size_t(p - begin), false, false});
        }

        if (p == end) {
            if (!eof)
                return Status::NeedMore;
            m_contentEnd = m_consumed = std::size_t(p - begin);
            return Status::Record;
        }
        if (*p == delimiter) {
            ++p;
            continue;
        }
        m_contentEnd = std::size_t(p - begin);
        if (*p == '\r') {
            if (p + 1 == end && !eof)
                return Status::NeedMore;
            p += (p + 1 < end && p[1] == '\n') ? 2 : 1;
        } else {
            ++p;
        }
        ++m_lineBreaks;
        m_consumed = std::size_t(p - begin);
        return Status::Record;
    }
}

// Advances `p` to the delimiter or line break that ends an unquoted field, or to `end`.
// Returns false when a UTF-8 sequence is cut by the end of the window.
bool CsvReader::scanUnquoted(const char *&p, const char *end, bool eof)
{
    const char *const begin = m_input.data();
    for (;;) {
        while (p < end && !m_unquotedClass[byteOf(*p)])
            ++p;
        if (p == end || byteOf(*p) < 0x80)
            return true; // delimiter, CR or LF
        if (!stepUtf8(p, end, eof, begin))
            return false;
    }
}

// Steps over the UTF-8 sequence at `p` (a byte >= 0x80), noting a problem when it is invalid.
bool CsvReader::stepUtf8(const char *&p, const char *end, bool eof, const char *begin)
{
    const int len = utf8SequenceLength(p, end);
    if (len > 0) {
        p += len;
        return true;
    }
    if (len < 0 && !eof)
        return false;
    note(Problem::Utf8, std::size_t(p - begin), byteOf(*p));
    ++p;
    return true;
}

std::string CsvReader::fieldText(const Span &span) const
{
    const char *data = m_input.data();
    if (!span.escaped)
        return std::string(data + span.begin, span.end - span.begin);
    std::string text;
    text.reserve(span.end - span.begin);
    for (std::size_t i = span.begin; i < span.end; ++i) {
        text += data[i];
        if (data[i] == m_options.quote)
            ++i; // a doubled quote stands for one
    }
    return text;
}

std::string CsvReader::problemText() const
{
    switch (m_problem) {
    case Problem::Utf8:
        return "invalid UTF-8 byte " + hexByte(m_problemByte);
    case Problem::Junk:
        return isPrintableAscii(m_problemByte)
                   ? std::string("unexpected character '") + char(m_problemByte) + "' after a closing quote"
                   : std::string("unexpected character after a closing quote");
    case Problem::FieldCount:
        return "expected " + std::to_string(m_fieldCount) + " fields ("
               + (m_options.header ? "as in the header" : "as in the first record") + ") but found "
               + std::to_string(m_spans.size());
    case Problem::Unbalanced:
        break; // emit() names the line where the quote opened
    case Problem::None:
        break;
    }
    return {};
}

void CsvReader::emit(Record &out)
{
    const char *const begin = m_input.data();
    if (!m_schema) {
        // No header: the first record sets the field count and the names.
        m_fieldCount = m_spans.size();
        std::vector<std::string> names;
        names.reserve(m_fieldCount);
        for (std::size_t i = 1; i <= m_fieldCount; ++i)
            names.push_back("column" + std::to_string(i));
        m_schema = std::make_shared<const Schema>(std::move(names));
    }
    if (m_problem == Problem::None && m_spans.size() != m_fieldCount) {
        // Point at the first extra field, or just past the record when fields are missing.
        m_problem = Problem::FieldCount;
        m_problemAt = m_spans.size() > m_fieldCount ? m_spans[m_fieldCount].start : m_contentEnd;
    }

    out.schema = m_schema;
    out.op = RowOp::Insert;
    Position &pos = out.position;
    pos.source = m_input.displayPath();
    pos.partition = -1;
    pos.gtid.clear();
    pos.line = m_line;
    pos.column = 0;
    pos.offset = m_input.offset();
    pos.endOffset = pos.offset + m_consumed;
    pos.endLine = m_line + m_lineBreaks;

    if (m_problem == Problem::None) {
        out.error.clear();
        out.raw.clear();
        out.values.clear();
        out.values.reserve(m_spans.size());
        for (const Span &span : m_spans) {
            if (!span.quoted && span.begin == span.end)
                out.values.emplace_back();
            else
                out.values.push_back(Value::text(fieldText(span)));
        }
    } else {
        // Errors are rare: find the problem's line and column by re-reading the record.
        const char *const at = begin + m_problemAt;
        const char *lineStart = begin;
        for (const char *p = begin; p < at; ++p) {
            if (*p == '\r' && p + 1 < at && p[1] == '\n')
                ++p;
            if (*p == '\n' || *p == '\r') {
                ++pos.line;
                lineStart = p + 1;
            }
        }
        pos.column = utf8Column(lineStart, at);
        out.values.clear();
        out.error = m_problem == Problem::Unbalanced
            ? "unbalanced quote: the quoted field opened on line " + std::to_string(pos.line)
                + " is never closed, so the rest of the file was read as one record"
            : problemText();
        out.raw.assign(begin, m_contentEnd);
    }
    m_input.consume(m_consumed);
    m_line += m_lineBreaks;
}

} // namespace flowdeck
