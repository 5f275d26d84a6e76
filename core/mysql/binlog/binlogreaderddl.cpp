// BinlogReader with a schema history: rows decoded with the definition in force at their
// position, DDL statements parsed and applied in binlog order.
#include "core/mysql/binlog/binlogreader.h"

#include "core/mysql/binlog/binlogdefinition.h"
#include "core/mysql/binlog/ddlparser.h"
#include "core/mysql/binlog/schemacapture.h"
#include "core/mysql/binlog/schemahistory.h"

namespace flowdeck {

namespace {

const char *const kRestartHint =
    "Run the flow once with --restart to take a new snapshot (the schema history starts again from it)";

} // namespace

void BinlogReader::setSchemaHistory(SchemaHistory *history, std::function<void(const BinlogStart &)> changed)
{
    m_history = history;
    m_historyChanged = std::move(changed);
    m_tables.clear();
}

TableInfoPtr BinlogReader::defined(BinlogTableMap &map)
{
    const SchemaHistory::Table *table = m_history->find(map.database, map.table);
    const bool captured = m_history->captured(map.database, map.table);
    if (!captured)
        return nullptr;
    const std::string where = m_file + ":" + std::to_string(m_eventEnd);
    if (!table)
        throw Error("binlog " + where + ": rows of the captured table `" + map.database + "`.`" + map.table +
                    "`, which the schema history does not hold. " + kRestartHint);
    std::string problem;
    TableInfoPtr info = binlogDefinition(map, *table->info, problem);
    if (!info)
        throw Error("binlog " + where + ": " + problem + ": the schema history does not match the binlog, so its rows "
                    "cannot be decoded with the right columns. " + kRestartHint);
    return info;
}

bool BinlogReader::atEndOfBinlog(std::uint64_t endPosition)
{
    const auto rows = metadata().query("SHOW MASTER STATUS");
    return !rows.empty() && rows[0][0].value_or("") == m_file && rows[0][1].value_or("") == std::to_string(endPosition);
}

void BinlogReader::handleDdl(const std::string &sql, const std::string &database, std::uint64_t endPosition,
                             std::uint32_t timestamp, Batch &out)
{
    const DdlStatement statement = ddlparser::parse(sql);
    SchemaHistory::Applied applied = m_history->apply(statement, database);
    const std::string where = m_file + ":" + std::to_string(endPosition);
    bool touchesCaptured = false;
    for (const auto &[db, table] : applied.tables)
        touchesCaptured = touchesCaptured || m_history->captured(db, table);
    if (!m_scanOnly.empty() && ((applied.changed && touchesCaptured) || !applied.problem.empty()))
        throw Error(m_scanOnly + "the DDL \"" + sql + "\" at binlog " + where + " changed a captured table since");
    if (!applied.problem.empty()) {
        // information_schema is the table as it is now: right only when nothing came after this DDL.
        if (!atEndOfBinlog(endPosition))
            throw Error("the DDL \"" + sql + "\" at binlog " + where + " changes a captured table in a way the schema "
                        "history cannot follow (" + applied.problem + "), and newer changes exist, so information_schema "
                        "no longer tells the definition its rows were written with. " + kRestartHint);
        for (const auto &[db, table] : applied.tables)
            if (m_history->captured(db, table) || m_history->find(db, table))
                schemacapture::describeTable(metadata(), *m_history, db, table);
        applied.changed = true;
    }
    if (applied.changed)
        m_tables.clear(); // table ids are assigned again after a DDL; no stale layout stays

    // The record names the first captured table the statement touches, as it is after it.
    const std::pair<std::string, std::string> *named = applied.tables.empty() ? nullptr : &applied.tables.front();
    for (const auto &t : applied.tables)
        if (m_history->captured(t.first, t.second)) {
            named = &t;
            break;
        }
    auto info = std::make_shared<TableInfo>();
    info->database = named ? named->first : database;
    info->table = named ? named->second : std::string();
    if (const SchemaHistory::Table *t = named ? m_history->find(named->first, named->second) : nullptr)
        info = std::make_shared<TableInfo>(*t->info);
    commitDdl(sql, std::move(info), endPosition, timestamp, out);
    if (applied.changed && m_historyChanged)
        m_historyChanged({m_file, endPosition, m_committed.gtid});
}

} // namespace flowdeck
