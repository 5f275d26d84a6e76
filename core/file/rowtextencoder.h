#pragma once

#include "core/file/csvreader.h"
#include "core/model/record.h"

#include <string>
#include <vector>

namespace flowdeck {

/// The text of one file destination row, CSV or JSON Lines, with every value's exact text:
/// integers in decimal, doubles shortest round-trip, DECIMAL/DATE/TIME/DATETIME as the source's
/// text, booleans `true`/`false`, bytes (and any value of a binary column) as standard base64
/// with padding. CSV: NULL is an empty field, an empty text `""`, fields quoted when they hold
/// the delimiter, the quote, a line break, or start/end with a space. JSON Lines: one object per
/// row, DECIMAL as a JSON number written digit for digit.
///
/// With `changeColumns`, every row starts with `_op` (`I`, `U`, `D` as in TiCDC's CSV),
/// `_schema`, `_table` and `_commit_time` (the transaction's commit time, ISO 8601 UTC with
/// milliseconds; empty when unknown). DDL records have no row.
class RowTextEncoder
{
public:
    enum class Format { Csv, JsonLines };

    RowTextEncoder(Format format, CsvOptions csv, bool changeColumns);

    /// The column names a row of `record` has (the change columns first).
    std::vector<std::string> columnsOf(const Record &record) const;
    /// The CSV header line for `columns` (with its line break); empty for JSON Lines or when the
    /// CSV options say there is no header.
    std::string header(const std::vector<std::string> &columns) const;
    /// Appends the row of `record` (with its line break) to `out`; nothing for a DDL record.
    void appendRow(const Record &record, std::string &out) const;

    bool changeColumns() const { return m_changeColumns; }
    Format format() const { return m_format; }

private:
    void appendCsvField(std::string &out, std::string_view text, bool forceQuote) const;
    void appendCsvValue(std::string &out, const Value &v, bool binary) const;

    Format m_format;
    CsvOptions m_csv;
    bool m_changeColumns;
};

/// `in` as standard base64 with padding (RFC 4648).
std::string toBase64(std::string_view in);

} // namespace flowdeck
