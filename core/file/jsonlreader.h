#pragma once

#include "core/file/blockinput.h"
#include "core/model/record.h"

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace flowdeck {

/// Reads a JSON Lines file: one JSON object per line, read in 1 MiB blocks.
///
/// What the caller must know:
/// - Lines end at LF; a CR before it is dropped. Blank lines (only spaces, tabs, CR) are skipped
///   and still counted. A UTF-8 byte order mark at the start is skipped.
/// - Values are typed: null → Null, true/false → Bool, integers → Int, or UInt above INT64_MAX;
///   numbers with a fraction and no exponent → Decimal holding the number exactly as written
///   ("1.50" stays "1.50"); integers too large for 64 bits → Decimal too; numbers with an
///   exponent → Double; strings → Text; objects and arrays → Text holding their compact JSON
///   (numbers in it kept as written).
/// - The schema grows as keys appear: it is the union of the keys seen so far, in first-seen
///   order. A line that brings a new key gets a new SchemaPtr (old keys + new ones), shared by
///   the records after it; a record lacking a key has Null for it. schema() is the newest one.
///   A duplicate key in one line: the last value wins.
/// - A line that is not valid JSON, is not an object, or holds invalid UTF-8 is returned as an
///   error record (Record::error = reason, Record::raw = the line, position line/column of the
///   problem, column in characters) and reading goes on with the next line. Its keys are not
///   added to the schema.
/// - Positions: line, offset (first byte, counting the byte order mark), endLine/endOffset
///   (where the next line starts), as for CsvReader.
///
/// Possible errors: Error (the file cannot be opened or read).
class JsonlReader
{
public:
    JsonlReader();
    ~JsonlReader();

    /// Opens a file and looks ahead at its first record, so schema() has its keys.
    /// `displayPath` is the name used in positions and messages.
    void openFile(const std::string &path, const std::string &displayPath);
    /// Same as openFile() for text held in memory.
    void openString(std::string content, const std::string &displayPath);
    /// Bytes per read; for tests that want lines to straddle block boundaries. Call before open.
    void setBlockSize(std::size_t bytes) { m_input.setBlockSize(bytes); }

    /// The union of keys seen so far (after open: the first record's keys).
    SchemaPtr schema() const { return m_schema; }
    /// Continues reading at byte `offset`, which is on line `line` (a record's endOffset/endLine).
    void seek(std::uint64_t offset, std::uint64_t line);
    /// Reads the next record into `out` (replacing all of it). Returns false at the end.
    bool next(Record &out);

    /// Byte offset where the next record starts.
    std::uint64_t offset() const { return m_input.offset(); }
    std::uint64_t totalSize() const { return m_input.totalSize(); }

private:
    class Handler;

    void start();
    bool readRecord(Record &out);
    void parseLine(std::string_view line, Record &out);
    int fieldIndex(const std::string &key);
    void rollbackKeys();
    void commitKeys();

    BlockInput m_input;
    std::uint64_t m_line = 1;
    std::optional<Record> m_pending;

    SchemaPtr m_schema;
    std::vector<std::string> m_names; // m_schema's names, plus the keys of the line being read
    std::size_t m_committed = 0;      // how many of m_names are in m_schema
    std::unordered_map<std::string, int> m_index;
    std::size_t m_nextGuess = 0; // lines usually repeat the key order: try this index first
};

} // namespace flowdeck
