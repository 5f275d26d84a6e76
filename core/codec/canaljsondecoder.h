#pragma once

#include "core/codec/decodedtables.h"
#include "core/codec/jsonview.h"
#include "core/codec/messagedecoder.h"

namespace flowdeck {

/// canal-json as TiCDC (and Canal) write it (docs/wire-formats.md, "canal-json"): `database`,
/// `table`, `pkNames`, `isDdl`, `type` (INSERT, UPDATE, DELETE; QUERY, CREATE, ALTER... for DDL),
/// `es` (commit time, ms), `sql`, `mysqlType`, `sqlType`, `data` (one or more rows), `old`.
///
/// What the caller must know:
/// - One record per row of `data`. An UPDATE's `old` holds, per row, either all old columns
///   (TiCDC's default) or only the changed ones (Canal, TiCDC's Canal-compatible mode): the
///   before image is the new row with `old`'s columns laid over it.
/// - Values are typed from `mysqlType` (with or without type parameters: "int", "int(11)
///   unsigned"): integers Int/UInt, float/double Double, decimal Decimal, date/datetime/
///   timestamp/time their temporal type, BINARY/VARBINARY/BLOB Bytes (the text is ISO-8859-1, one
///   character per byte), BIT and TiCDC's ENUM index / SET mask UInt (the member text when
///   mysqlType lists the members, `enum('a','b')`; else a MySQL destination maps the number
///   with its column's members), everything else Text. Without `mysqlType` every value is Text.
/// - DDL messages (`isDdl` true) become Ddl records with the statement and the table.
///   TiCDC's `TIDB_WATERMARK` messages give no record. Handle-key-only and claim-check messages
///   (TiCDC's large-message handling, `_tidb.onlyHandleKey`) are error records: they do not
///   hold the row.
/// - The commit time is `es`; the key columns are `pkNames`.
/// - Not decodable (not JSON, no `data` for a row change, a value its type rejects, an
///   unknown `type`): one error record naming the reason.
class CanalJsonDecoder : public MessageDecoder
{
public:
    /// Types one canal-json value for a column. Returns false with `reason` when the text does
    /// not fit the column's type.
    static bool typedValue(const JsonView::Node &value, const ColumnInfo &column, Value &out, std::string &reason);

protected:
    void decodeMessage(const KafkaMessage &message, Batch &out) override;

private:
    JsonView m_json;
    std::string m_error;
    DecodedTables m_tables;
    std::vector<std::string> m_key;
};

} // namespace flowdeck
