#pragma once

#include "core/mysql/binlog/binlogreader.h"
#include "core/mysql/binlog/schemahistory.h"
#include "core/mysql/mysqlconnection.h"
#include "core/engine/reconnectbackoff.h"
#include "core/engine/source.h"

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace flowdeck {

/// Reads tables of a MySQL-protocol server (MariaDB): a consistent snapshot of their rows, their
/// changes from the binary log (CDC), or both with a lossless handoff. Endpoint:
/// `{"type":"mysql","connection":{...},"table":"t"|"db.t"}` or `"tables":["tpcc.*","*.orders"]`
/// (glob `*`/`?`; a name without a database is in connection.database; system schemas never),
/// `"read":"snapshot"|"cdc"|"snapshot+cdc"` (default "snapshot", as docs/flow-file.md says), optional `"chunkSize"`
/// (rows per snapshot query, default 1000).
///
/// Snapshot: on a dedicated session REPEATABLE READ + START TRANSACTION WITH CONSISTENT SNAPSHOT;
/// `binlog_snapshot_file/position` (and BINLOG_GTID_POS) give the binlog coordinates of exactly
/// that snapshot. Each table is read in primary-key order by keyset pagination
/// (`WHERE (k1,k2) > (...) ORDER BY k1,k2 LIMIT n`); a table without a primary key is read in one
/// full scan (buffered in memory; a resume restarts it from its start). Snapshot records: op
/// Insert, typed Values converted from the text protocol by the information_schema column types
/// (the same Values BinlogReader gives for the row, except FLOAT, which the server prints
/// rounded), `commitTimeMs` = snapshot start, `position.source` = "snapshot",
/// `position.partition` = the table's index in the snapshot order, `position.gtid` = JSON text
/// `["db.t", key values as strings...]` (binary key columns as "0x" + hex).
///
/// CDC: a BinlogReader from the snapshot's coordinates, a resume checkpoint or (read "cdc"
/// without one) SHOW MASTER STATUS; records of tables not matching the selection (and DDL of
/// other tables or of databases) are dropped. read() waits up to ~200 ms.
///
/// Schema history (docs/schema-changes.md): binlog rows are decoded with the table definitions
/// in force at their position, kept in a SchemaHistory that starts from information_schema at
/// the snapshot's (or the stream start's) position, described twice around taking that position
/// so that no DDL slipped in between, and follows every DDL in the binlog. Each checkpoint
/// carries the history valid at its position (`"schema"`), so a resume anywhere decodes right.
/// A checkpoint without one (written before this existed) is only resumed when the binlog from
/// it to now holds no DDL of a captured table; otherwise open() refuses (re-snapshot).
///
/// Checkpoints: `{"phase":"snapshot","binlog":{file,pos,gtid},"table":"db.t","after":[...],
/// "done":[...],"schema":{...}}` and `{"phase":"cdc","file","position","gtid","schema":{...}}`; the checkpoint after the
/// snapshot's last row is already the cdc one (the snapshot's coordinates): the tables after it
/// are read before it is handed out, so empty ones do not hide the end (endOffset 2), and a
/// snapshot with no row starts with it (initialCheckpoint()). A resumed snapshot reads the rest
/// with the definitions at the snapshot's coordinates (refusing a table changed otherwise than
/// by added columns). Resuming mid-snapshot takes a
/// NEW consistent snapshot of the unfinished tables (from "after" for the current one) and then
/// streams from the ORIGINAL binlog coordinates: changes made meanwhile are replayed, which an
/// idempotent (upsert/replicate) sink makes exact.
///
/// A lost connection (server restart, network cut) does not end the run: the source reconnects
/// with backoff (0.5 s doubling to 10 s, for up to 5 minutes) and goes on where it was: after the
/// last complete transaction in the binlog, or after the last key read in a new consistent
/// snapshot (the stream still starts at the first snapshot's coordinates). Meanwhile read()
/// returns nothing and caughtUp() is false.
///
/// Used from the engine's reader thread; checkpointAfter() only reads state fixed by open().
class MySqlSource : public Source
{
public:
    /// Possible errors: ConfigError (bad connection, no table/tables, unknown read mode).
    explicit MySqlSource(const nlohmann::json &endpoint);
    ~MySqlSource() override;

    /// Possible errors: ConnectionError (wrong password, unreachable server), ConfigError "source
    /// table pattern 'x.y' matches no table", Error (no binary log for CDC, bad checkpoint).
    void open(const nlohmann::json &resume) override;
    SchemaPtr schema() const override { return m_schema; }
    /// Possible errors: ConnectionError, MySqlError, Error from the binlog reader.
    bool read(Batch &out, std::size_t maxRecords) override;
    nlohmann::json checkpointAfter(const Position &position) const override;
    /// snapshot+cdc: the snapshot's binlog coordinates, so a restart streams from them; cdc: the
    /// stream's start.
    nlohmann::json initialCheckpoint() const override;
    void checkpointCommitted(const nlohmann::json &checkpoint) override;
    bool continuous() const override { return m_mode != Mode::Snapshot; }
    bool caughtUp() const override { return m_caughtUp.load(); }
    std::uint64_t progressDone() const override { return m_done.load(); }
    std::uint64_t progressTotal() const override { return m_total.load(); }
    /// CDC: 0 when caught up, else now minus the commit time of the newest event read, in whole
    /// seconds (binlog timestamps have a one-second resolution). Unknown during the snapshot.
    SourceLag lag() const override;
    bool inSnapshot() const override { return m_inSnapshot; }
    /// The tables to snapshot with information_schema's row estimates (fixed by open()).
    std::vector<std::pair<std::string, std::uint64_t>> snapshotTables() const override 
    {
        return m_mode == Mode::Cdc ? std::vector<std::pair<std::string, std::uint64_t>>() : m_tableEstimates;
    }

    /// The Value the binlog reader would give for `text` (the text protocol's form) of `column`.
    static Value convert(const ColumnInfo &column, const std::optional<std::string> &text);
    /// How a SELECT reads `column` so that convert() gives the binlog's value: the column itself,
    /// but a FLOAT as its exact DOUBLE (the server prints a FLOAT with 6 significant digits,
    /// -16777216 as -16777200; MySQL 5.7 has no CAST AS DOUBLE).
    static std::string selectExpression(const ColumnInfo &column, bool mariaDb);
    /// Glob match with `*` and `?`.
    static bool globMatch(std::string_view pattern, std::string_view text);

private:
    enum class Mode : std::uint8_t { Snapshot, Cdc, SnapshotCdc };
    struct SnapshotTable
    {
        TableInfoPtr info;
        SchemaPtr schema;
        std::vector<std::string> after; // key of the last row read; empty: from the start
        bool started = false;
    };

    void openFrom(const nlohmann::json &resume);
    void resolveTables(const std::set<std::string> &skip);
    // Schema history (mysqlsourcehistory.cpp):
    SchemaHistory describeConsistently(const std::function<void()> &atPosition);
    void useDefinitions(const SchemaHistory &history);
    void useResumedDefinitions(const SchemaHistory &now);
    void restoreHistory(const nlohmann::json &resume, const BinlogStart &from);
    void verifyNoDdlSince(const BinlogStart &from, const SchemaHistory &current, const BinlogStart &now);
    void setBaseHistory(const BinlogStart &at);
    void historyChanged(const BinlogStart &at);
    nlohmann::json historyAt(const Position &position) const;

    void startSnapshot();
    void openSnapshotSession();
    bool readConnected(Batch &out, std::size_t maxRecords);
    bool reconnect();
    std::string readingWhat() const;
    bool readSnapshot(Batch &out, std::size_t maxRecords);
    void fetchChunk();
    bool skipEmptyTablesAfterCurrent();
    bool skipEmptyTablesFrom(std::size_t first);
    void startCdc(const BinlogStart &start);
    bool selected(const std::string &database, const std::string &table) const;
    std::string keyText(const ColumnInfo &column, const std::optional<std::string> &value) const;
    std::string keyLiteral(const ColumnInfo &column, const std::string &text) const;

    MySqlConnectionConfig m_config;
    std::vector<std::string> m_patterns; // "db.t" globs
    Mode m_mode = Mode::SnapshotCdc;
    std::size_t m_chunkSize = 1000;

    // Fixed by open() (read by checkpointAfter()):
    BinlogStart m_snapshotBinlog;
    BinlogStart m_cdcPosition;             // where the stream continues after a reconnect
    // A resume inside a transaction: the stream restarts at the transaction and its first
    // `skipRows` rows (written before the run stopped) are not handed out again.
    struct SkipRows
    {
        std::string file;
        std::uint64_t transactionStart = 0;
        std::uint64_t rows = 0;
    };
    std::optional<SkipRows> m_skip;
    ReconnectBackoff m_backoff;
    std::vector<std::string> m_order;      // "db.t" of the tables to snapshot, in order
    std::vector<std::string> m_resumeDone; // tables a resumed checkpoint had finished
    std::vector<std::pair<std::string, std::uint64_t>> m_tableEstimates; // "db.t", estimated rows

    std::unique_ptr<MySqlConnection> m_meta;
    std::unique_ptr<MySqlConnection> m_snapshot;
    std::unique_ptr<BinlogReader> m_reader;
    std::vector<SnapshotTable> m_tables;
    std::size_t m_current = 0;
    std::vector<std::vector<std::optional<std::string>>> m_chunk;
    std::size_t m_chunkIndex = 0;
    bool m_chunkWasLast = false;
    bool m_inSnapshot = false;
    bool m_snapshotEmpty = false; // a fresh snapshot whose tables have no row at all
    std::int64_t m_snapshotTimeMs = 0;
    SchemaPtr m_schema;
    std::atomic<bool> m_caughtUp{false};
    std::atomic<std::uint64_t> m_done{0};
    std::atomic<std::uint64_t> m_total{0};
    std::atomic<std::int64_t> m_lastEventMs{0};

    SchemaHistory m_history; // at the reader's position (reader thread)
    struct HistoryVersion
    {
        std::string file;        // in force from this binlog position on
        std::uint64_t position = 0;
        nlohmann::json schema;   // SchemaHistory::toJson()
    };
    mutable std::mutex m_versionsMutex;   // the writer thread reads them in checkpointAfter()
    std::vector<HistoryVersion> m_versions; // oldest first; [0] is the start's
};

} // namespace flowdeck
