#pragma once

#include "core/model/tableinfo.h"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace flowdeck {

struct DdlStatement;

/// The definitions of the tables a CDC flow follows, at one binlog position: what each row of the
/// binlog must be decoded with (names, types, ENUM/SET members, charsets, primary key), because
/// a TABLE_MAP event carries only column types and information_schema only says how a table is
/// *now*. It starts from information_schema at a known position (the snapshot's) and then follows
/// the binlog's DDL statements, parsed (ddlparser), in order.
///
/// Which tables it holds: the captured ones (`captured(db, table)`, the flow's `tables`
/// patterns), plus tables created in the stream in a database some pattern names (so that
/// `CREATE TABLE t_new LIKE t; ALTER TABLE t_new ...; RENAME TABLE t TO t_old, t_new TO t`, as
/// online schema change tools do, is followed). Tables that existed before the history began and
/// are not captured are not known: a DDL that makes one of them a captured table cannot be
/// followed (apply() says so).
///
/// Persisted as JSON with the flow's checkpoint (stored in flow state: do not rename keys):
/// `{"format":1,"databases":{"db":"utf8mb4","":"<the server's default>"},"tables":[{"database","table","charset",
/// "columns":[[name,dataType,columnType,charset,nullable],...],"key":[names]}]}`.
///
/// Not thread-safe.
class SchemaHistory
{
public:
    struct Table
    {
        TableInfoPtr info;
        std::string defaultCharset; // the table's DEFAULT CHARSET, for columns added without one
    };

    /// What apply() did.
    struct Applied
    {
        bool changed = false;       // a followed table's definition changed (or one appeared/went)
        std::string problem;        // non-empty: the statement touches a captured table and cannot be followed
        std::vector<std::pair<std::string, std::string>> tables; // (database, table) the statement names,
                                                                 // then an ALTER ... RENAME's new name
    };

    /// The flow's table patterns, "db.table" globs (`*`, `?`), as MySqlSource qualifies them.
    void setPatterns(std::vector<std::string> patterns) { m_patterns = std::move(patterns); }
    bool captured(const std::string &database, const std::string &table) const;
    /// True when a table of `database` may become captured (some pattern names the database).
    bool interesting(const std::string &database) const;

    /// Sets or replaces a table (from information_schema).
    void put(TableInfoPtr info, std::string defaultCharset);
    void setDatabaseCharset(const std::string &database, const std::string &charset);
    const Table *find(const std::string &database, const std::string &table) const;
    const std::map<std::string, Table> &tables() const { return m_tables; }

    /// Applies a parsed DDL statement run in `currentDatabase` (the QUERY event's database).
    Applied apply(const DdlStatement &statement, const std::string &currentDatabase);

    nlohmann::json toJson() const;
    /// Possible errors: Error when `json` is not a history this version wrote.
    static SchemaHistory fromJson(const nlohmann::json &json);
    bool operator==(const SchemaHistory &other) const { return toJson() == other.toJson(); }

private:
    struct Draft; // a table being changed
    std::string applyAlter(const DdlStatement &statement, const std::string &key, Applied &applied);
    void erase(const std::string &key);

    std::vector<std::string> m_patterns;
    std::map<std::string, Table> m_tables;          // by "db.table"
    std::map<std::string, std::string> m_databases; // default charset by database
};

} // namespace flowdeck
