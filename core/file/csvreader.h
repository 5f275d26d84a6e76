#pragma once

#include "core/file/blockinput.h"
#include "core/model/record.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace flowdeck {

/// How a CSV file is written. delimiter and quote are single ASCII characters and must differ;
/// neither may be CR or LF.
struct CsvOptions
{
    bool header = true;
    char delimiter = ',';
    char quote = '"';
};

/// Reads a CSV file (RFC 4180) record by record, fast: the file is read in 1 MiB blocks and
/// scanned with a tight byte loop.
///
/// What the caller must know:
/// - Quoted fields may hold delimiters, doubled quotes and line breaks (CR, LF or CRLF). Records
///   end at CRLF, LF or a lone CR. A UTF-8 byte order mark at the start of the file is skipped.
/// - An empty unquoted field is NULL; a quoted empty field ("") is an empty text. Every other
///   field is text. A quote inside an unquoted field (ab"c) is an ordinary character.
/// - Blank lines are not records: they are skipped wherever they are (so a one-column file
///   cannot express a NULL row). Line numbers still count them.
/// - With a header the schema is the header's names (an empty name becomes "columnN"; a name
///   given twice is an InputError naming both fields); without
///   one it is column1..columnN, N being the field count of the first record. Every record must
///   have that many fields.
/// - Bad records do not stop reading: next() returns them as error records (Record::error is the
///   reason, Record::raw the record's bytes as in the file without its final line break, so
///   possibly invalid UTF-8; values empty) and carries on with the next record. Their
///   position's line/column is where the problem is (for an unbalanced quote: the opening quote;
///   the rest of the file is then that record), the column counted in characters of that line,
///   1-based. Reasons: unbalanced quote, character after a closing quote, wrong field count,
///   invalid UTF-8. When a record has several problems the first one is reported, except that
///   an unbalanced quote always wins (it is why the record swallowed the rest of the file).
/// - Every record's position carries line (its first line), offset (its first byte, counting
///   the byte order mark), and endLine/endOffset (where the next record starts), so seek() can
///   resume after it.
///
/// Possible errors: ConfigError (bad options), Error (file cannot be opened or read),
/// InputError (the header row itself is malformed: there is no schema to read with).
class CsvReader
{
public:
    explicit CsvReader(CsvOptions options = {});

    /// Opens a file and reads its header (or, without a header, looks ahead at its first record
    /// to learn the field count). `displayPath` is the name used in positions and messages.
    void openFile(const std::string &path, const std::string &displayPath);
    /// Same as openFile() for text held in memory (tests, previews of pasted text).
    void openString(std::string content, const std::string &displayPath);
    /// Bytes per read; for tests that want records to straddle block boundaries. Call before open.
    void setBlockSize(std::size_t bytes) { m_input.setBlockSize(bytes); }

    /// Field names, known after open.
    SchemaPtr schema() const { return m_schema; }
    /// Continues reading at byte `offset`, which is on line `line`: the endOffset/endLine of a
    /// record read earlier. An offset before the first data record is ignored.
    void seek(std::uint64_t offset, std::uint64_t line);
    /// Reads the next record into `out` (replacing all of it). Returns false at the end.
    bool next(Record &out);

    /// Byte offset where the next record starts (the progress through the file).
    std::uint64_t offset() const { return m_input.offset(); }
    /// Size of the input when it was opened.
    std::uint64_t totalSize() const { return m_input.totalSize(); }

private:
    enum class Status { Record, Blank, NeedMore, End };
    enum class Problem { None, Utf8, Junk, FieldCount, Unbalanced };
    struct Span
    {
        std::size_t start; // first byte of the field (its opening quote if quoted)
        std::size_t begin; // first byte of the content
        std::size_t end;   // one past the content
        bool quoted;
        bool escaped; // holds doubled quotes
    };

    void start();
    Status scanRecord();
    Status scanRecordFully();
    bool scanUnquoted(const char *&p, const char *end, bool eof);
    bool stepUtf8(const char *&p, const char *end, bool eof, const char *begin);
    void note(Problem problem, std::size_t at, unsigned char byte = 0);
    void emit(Record &out);
    void checkUniqueNames(const std::vector<std::string> &names) const;
    std::string problemText() const;
    std::string fieldText(const Span &span) const;

    CsvOptions m_options;
    BlockInput m_input;
    std::array<unsigned char, 256> m_unquotedClass{}; // nonzero: stops the unquoted-field loop
    std::array<unsigned char, 256> m_quotedClass{};   // nonzero: stops the quoted-field loop
    SchemaPtr m_schema;
    std::size_t m_fieldCount = 0;
    std::uint64_t m_line = 1;
    std::uint64_t m_dataStart = 0; // where the first data record starts
    std::uint64_t m_dataLine = 1;
    std::optional<Record> m_pending; // first record, read ahead at open when there is no header

    // The record scanRecord() found, relative to m_input.data().
    std::vector<Span> m_spans;
    std::size_t m_contentEnd = 0;
    std::size_t m_consumed = 0;
    std::uint64_t m_lineBreaks = 0;
    Problem m_problem = Problem::None;
    std::size_t m_problemAt = 0;
    unsigned char m_problemByte = 0;
};

} // namespace flowdeck
