#pragma once

#include "core/mysql/mysqlconnection.h"
#include "core/engine/source.h"

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace flowdeck {

/// Reads the rows of one MySQL-protocol table (MariaDB, MySQL, TiDB: no binary log needed) that
/// changed since the last run, by a watermark column: a scheduled flow's
/// `"incremental": {"field": "updated_at", "tieBreaker": "id", "from": "2026-01-01T00:00:00Z"}`.
///
/// Rows are read in (field, tie breaker) order by keyset queries, `chunkSize` rows each, never
/// OFFSET: `WHERE f >= v AND (f > v OR (k) > (a)) ORDER BY f, k LIMIT n`, where (v, a) is the
/// last row read. The tie breaker is `tieBreaker` or, when omitted, the primary key columns
/// (other than the field): (field, tie breaker) must be unique, so rows sharing one timestamp,
/// even ones committed later than the previous run with the same timestamp and a higher key,
/// are each read exactly once. A table without a primary key needs `tieBreaker`. Rows whose
/// field is NULL are never read. The session runs with time_zone '+00:00', so TIMESTAMP columns
/// and `from` ("...Z") compare in UTC; DATETIME columns compare as written.
///
/// The field must be a date/time (date, datetime, timestamp) or integer column: open() checks
/// it against the real table. Each chunk is its own query (no long transaction): a row updated
/// while a run goes moves past the watermark and is read again by this run or the next.
///
/// Checkpoint (and watermark between runs): `{"phase":"incremental","field","value","after":[...]}`,
/// the field's and tie breaker's values of the newest durably written row, as the server prints
/// them. Position: source "db.t", line = row number in this run, gtid = JSON `[value, after...]`.
class MySqlIncrementalSource : public Source
{
public:
    /// Possible errors: ConfigError (bad connection, no single table, bad incremental object).
    MySqlIncrementalSource(const nlohmann::json &endpoint, const nlohmann::json &incremental);
    ~MySqlIncrementalSource() override;

    /// Possible errors: ConnectionError, ConfigError naming trigger.incremental.field or
    /// tieBreaker (missing column, wrong type, no primary key) or the table, Error (a
    /// checkpoint of another field).
    void open(const nlohmann::json &resume) override;
    SchemaPtr schema() const override { return m_schema; }
    /// Possible errors: ConnectionError, MySqlError.
    bool read(Batch &out, std::size_t maxRecords) override;
    nlohmann::json checkpointAfter(const Position &position) const override;
    nlohmann::json nextRunStart(const nlohmann::json &checkpoint) const override { return checkpoint; }
    std::uint64_t bytesRead() const override { return m_bytes.load(); }
    std::uint64_t progressDone() const override { return m_rows.load(); }

    /// "2026-01-01T00:00:00Z" / "2026-01-01" as a MySQL literal text "2026-01-01 00:00:00".
    static std::string sqlTimeText(const std::string &iso);

private:
    void describe();
    void fetchChunk();
    std::string selectSql() const;

    MySqlConnectionConfig m_config;
    std::string m_database;
    std::string m_table;
    std::string m_field;
    std::string m_tieBreaker; // as configured (may be empty)
    std::string m_from;
    std::size_t m_chunkSize = 1000;

    std::unique_ptr<MySqlConnection> m_conn;
    TableInfoPtr m_info;
    SchemaPtr m_schema;
    int m_fieldIndex = -1;
    std::vector<int> m_tieIndexes;
    std::optional<std::string> m_value;   // watermark: field value of the last row read
    std::vector<std::string> m_after;     // and its tie breaker values
    std::vector<std::vector<std::optional<std::string>>> m_chunk;
    std::size_t m_chunkIndex = 0;
    bool m_exhausted = false;
    std::uint64_t m_line = 0;
    std::atomic<std::uint64_t> m_rows{0};
    std::atomic<std::uint64_t> m_bytes{0};
};

} // namespace flowdeck
