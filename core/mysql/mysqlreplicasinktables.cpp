// MySqlReplicaSink's tables: reading, creating and widening them, and the DDL it cannot follow.
#include "core/mysql/mysqlreplicasink.h"

#include "core/file/blockinput.h"
#include "core/mysql/binlog/ddlparser.h"
#include "core/mysql/mysqlsource.h"
#include "core/mysql/replicaschema.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <set>

namespace flowdeck {

namespace {

std::string lower(std::string s)
{
    for (char &c : s)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

void replaceAll(std::string &s, const std::string &from, const std::string &to)
{
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
        s.replace(at, from.size(), to);
}

/// Why `name` cannot be a MySQL identifier Flowdeck writes to, or "".
std::string identifierProblem(const std::string &name)
{
    if (name.empty())
        return "is empty";
    if (validUtf8Prefix(name) != name.size())
        return "is not valid UTF-8";
    if (name.find('\0') != std::string::npos)
        return "holds a NUL character";
    std::size_t characters = 0;
    for (char c : name)
        characters += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    if (characters > 64)
        return "is longer than 64 characters";
    if (name.back() == ' ')
        return "ends with a space";
    return std::string();
}

/// At most 100 characters of untrusted text, for reasons.
std::string shown(const std::string &text)
{
    return text.size() > 100 ? text.substr(0, 100) + "..." : text;
}

} // namespace

// ---- bounds ---------------------------------------------------------------------------------

std::string MySqlReplicaSink::eventProblem(const Record &record)
{
    if (!record.table)
        return m_template.find('{') == std::string::npos
            ? std::string()
            : "the table template '" + m_template + "' needs the event's source table, which this record lacks";
    auto it = m_checked.find(record.table);
    if (it != m_checked.end())
        return it->second;
    if (m_checked.size() > 10000) // a new table version per message (Debezium tombstones): keep it bounded
        m_checked.clear();
    return m_checked.emplace(record.table, checkEvent(record)).first->second;
}

std::string MySqlReplicaSink::checkEvent(const Record &record) const
{
    const TableInfo &info = *record.table;
    if (m_template.find('{') != std::string::npos) {
        const std::string source = info.database + '.' + info.table;
        if (!m_include.empty()
            && std::none_of(m_include.begin(), m_include.end(), [&](const std::string &p) { return MySqlSource::globMatch(p, source); }))
            return "source table " + shown(source) + " is not in destination.include, so this flow does not write it";
        const std::string name = tableNameFor(record);
        std::string problem = identifierProblem(name);
        if (problem.empty() && name.find_first_of("`./\\") != std::string::npos)
            problem = "holds a backquote, dot, slash or backslash";
        if (problem.empty() && std::equal(name.begin(), name.end(), std::string_view(MySqlSink::kCheckpointTable).begin(),
                                          std::string_view(MySqlSink::kCheckpointTable).end(),
                                          [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; }))
            problem = "is Flowdeck's checkpoint table";
        if (!problem.empty())
            return "the table name '" + shown(name) + "' that template '" + m_template + "' makes for this event " + problem
                + ": replicate writes only plain tables of database " + quoteIdentifier(m_connection.config().database);
    }
    if (record.op == RowOp::Ddl)
        return std::string();
    if (info.columns.empty() || !record.schema || record.schema->size() == 0)
        return "the event has no columns";
    for (const ColumnInfo &c : info.columns) {
        if (std::string problem = identifierProblem(c.name); !problem.empty())
            return "the event's column name '" + shown(c.name) + "' " + problem;
        if (!m_createTable && !m_addColumns)
            continue;
        std::string reason;
        if (replicaschema::columnType(c, nullptr, false, reason).empty())
            return "the event's type of " + reason;
    }
    return std::string();
}

// ---- tables ---------------------------------------------------------------------------------

std::string MySqlReplicaSink::tableNameFor(const Record &record) const
{
    std::string name = m_template;
    if (name.find('{') == std::string::npos)
        return name;
    if (!record.table)
        return std::string();
    replaceAll(name, "{schema}", record.table->database);
    replaceAll(name, "{table}", record.table->table);
    return name;
}

MySqlReplicaSink::Table &MySqlReplicaSink::table(const std::string &name)
{
    auto it = m_tables.find(name);
    if (it != m_tables.end())
        return it->second;
    Table &t = m_tables[name];
    t.name = name;
    loadTable(t);
    return t;
}

void MySqlReplicaSink::loadTable(Table &t)
{
    t.writers.clear();
    t.problem.clear();
    t.key.clear();
    t.schema = MySqlTableSchema::load(m_connection, m_connection.config().database, t.name);
    if (!t.schema)
        return;
    const std::string shortName = quoteIdentifier(t.name);
    if (!t.schema->transactional()) {
        t.problem = "table " + qualified(t.name) + " uses the " + t.schema->engine()
            + " engine, which has no transactions (convert it to InnoDB)";
        return;
    }
    if (!m_keyConfig.empty()) {
        for (const auto &k : m_keyConfig) {
            const MySqlColumn *c = t.schema->column(k);
            if (!c) {
                t.problem = "key column " + quoteIdentifier(k) + " is not in table " + shortName + " (columns: " + t.schema->columnList() + ')';
                return;
            }
            t.key.push_back(c->name);
        }
        if (!t.schema->isUniqueKey(t.key) && m_mode != MySqlWriteMode::Insert)
            t.problem = "write.key of table " + shortName + " is not its PRIMARY KEY or a UNIQUE key, which " + modeName()
                + " needs to find rows";
    } else if (!t.schema->uniqueKeys().empty()) {
        t.key = t.schema->uniqueKeys().front();
    } else if (m_mode != MySqlWriteMode::Insert) {
        t.problem = "table " + qualified(t.name) + " has no PRIMARY KEY or UNIQUE key: " + modeName() + " needs one to find "
            "the rows that updates and deletes change (add one, or set write.key)";
    }
}

void MySqlReplicaSink::createTable(Table &t, const Batch &batch, const std::vector<std::size_t> &indexes)
{
    // The first event that has the table's columns (a tombstone has only the key).
    const Record *first = &batch[indexes.front()];
    for (std::size_t i : indexes)
        if (batch[i].op != RowOp::Delete) {
            first = &batch[i];
            break;
        }
    std::vector<std::string> key = m_keyConfig;
    if (key.empty() && first->table)
        for (int k : first->table->keyIndexes)
            key.push_back(first->table->columns[std::size_t(k)].name);
    if (key.empty() && m_mode != MySqlWriteMode::Insert) { // insert mode creates a table without a key
        t.problem = "the events of table " + qualified(t.name) + " name no key columns (canal-json pkNames, the Debezium "
            "message key): " + modeName() + " cannot create the table without a PRIMARY KEY (create it by hand, or set write.key)";
        return;
    }
    std::vector<const Record *> records;
    for (std::size_t i : indexes)
        if (batch[i].schema == first->schema)
            records.push_back(&batch[i]);
    std::vector<MySqlNewColumn> columns;
    const auto &names = first->schema->names();
    for (std::size_t c = 0; c < names.size(); ++c) {
        ColumnInfo info;
        if (first->table && c < first->table->columns.size() && first->table->columns[c].name == names[c])
            info = first->table->columns[c];
        info.name = names[c];
        const bool isKey = std::find(key.begin(), key.end(), names[c]) != key.end();
        std::string reason;
        std::string type = replicaschema::columnType(info, replicaschema::sample(records, int(c)), isKey, reason);
        if (type.empty()) {
            t.problem = "cannot create table " + qualified(t.name) + ": " + reason;
            return;
        }
        columns.push_back({names[c], std::move(type), isKey});
    }
    if (!m_version.column.empty() && !first->schema->names().empty() && first->schema->indexOf(m_version.column) < 0)
        columns.push_back({m_version.column, "BIGINT", false});
    for (const auto &k : key)
        if (first->schema->indexOf(k) < 0) {
            t.problem = "key column " + quoteIdentifier(k) + " is not among the columns of the events of table " + qualified(t.name);
            return;
        }
    const std::string sql = MySqlStatementBuilder::createTable(qualified(t.name), columns, key);
    try {
        m_connection.execute(sql);
    } catch (const MySqlError &e) {
        // The events' columns do not make a table (a row too large, a key too long): their
        // records are rejected; the next batch tries again.
        t.problem = "cannot create table " + qualified(t.name) + " (" + shown(sql) + "): " + e.what();
        return;
    }
    loadTable(t);
    if (!t.schema)
        throw Error("table " + qualified(t.name) + " was created but cannot be read back from information_schema");
}

std::string MySqlReplicaSink::addColumns(Table &t, const Batch &batch, const std::vector<std::size_t> &indexes,
                                         const Record &ddl)
{
    std::vector<std::string> clauses;
    std::set<std::string> seen;
    const SchemaPtr *last = nullptr;
    const auto defaults = m_columnDefaults.find(t.name);
    std::vector<const Record *> records;
    for (std::size_t i : indexes)
        records.push_back(&batch[i]);
    if (ddl.schema)
        records.push_back(&ddl); // the table as it is after the DDL
    for (const Record *record : records) {
        const Record &r = *record;
        if (last && *last == r.schema)
            continue;
        last = &r.schema;
        const auto &names = r.schema->names();
        for (std::size_t c = 0; c < names.size(); ++c) {
            if (t.schema->column(names[c]) || !seen.insert(names[c]).second)
                continue;
            ColumnInfo info;
            if (r.table && c < r.table->columns.size() && r.table->columns[c].name == names[c])
                info = r.table->columns[c];
            info.name = names[c];
            std::vector<const Record *> sameSchema;
            for (const Record *other : records)
                if (other->schema == r.schema)
                    sameSchema.push_back(other);
            std::string reason;
            const std::string type = replicaschema::columnType(info, replicaschema::sample(sameSchema, int(c)), false, reason);
            if (type.empty())
                return "cannot add columns to " + qualified(t.name) + ": " + reason;
            std::string clause = "ADD COLUMN " + quoteIdentifier(names[c]) + ' ' + type + " NULL";
            if (defaults != m_columnDefaults.end() && defaults->second.count(names[c]))
                clause += " DEFAULT " + defaults->second.at(names[c]);
            clauses.push_back(std::move(clause));
        }
    }
    if (!m_version.column.empty() && m_version.fromCommitTime && !t.schema->column(m_version.column)
        && seen.insert(m_version.column).second)
        clauses.push_back("ADD COLUMN " + quoteIdentifier(m_version.column) + " BIGINT NULL");
    if (clauses.empty())
        return std::string();
    std::string sql = "ALTER TABLE " + qualified(t.name) + ' ';
    for (std::size_t i = 0; i < clauses.size(); ++i)
        sql += (i ? ", " : "") + clauses[i];
    try {
        m_connection.execute(sql);
    } catch (const MySqlError &e) {
        // This batch's events of the table are rejected; the next batch tries again.
        return "cannot add columns to " + qualified(t.name) + " (" + shown(sql) + "): " + e.what();
    }
    loadTable(t);
    return std::string();
}

std::string MySqlReplicaSink::prepareTable(Table &t, const Batch &batch, const std::vector<std::size_t> &indexes)
{
    if (!t.schema) {
        if (!m_createTable) {
            t.problem = "table " + qualified(t.name) + " does not exist (set \"createTable\": true to create it)";
            return std::string();
        }
        t.problem.clear();
        createTable(t, batch, indexes);
        if (!t.schema)
            return std::string();
    }
    if (m_addColumns && t.problem.empty())
        if (std::string problem = addColumns(t, batch, indexes); !problem.empty())
            return problem;
    if (t.problem.empty() && !m_version.column.empty() && !t.schema->column(m_version.column))
        t.problem = "version column " + quoteIdentifier(m_version.column) + " is not in table " + qualified(t.name)
            + " (add it, or set \"addColumns\": true)";
    return std::string();
}

MySqlReplicaSink::Writer &MySqlReplicaSink::writerFor(Table &t, const SchemaPtr &schema)
{
    for (auto &w : t.writers)
        if (w->recordSchema == schema)
            return *w;
    auto w = std::make_unique<Writer>();
    w->recordSchema = schema;
    const MySqlTableSchema &table = *t.schema;
    std::vector<const MySqlColumn *> columns;
    std::vector<std::string> names;
    const MySqlColumn *version = m_version.column.empty() ? nullptr : table.column(m_version.column);
    for (const auto &name : schema->names()) {
        const MySqlColumn *c = table.column(name);
        if (!c || c == version || c->generated || std::find(columns.begin(), columns.end(), c) != columns.end())
            continue; // fields without a column: fit() rejects their non-null values
        columns.push_back(c);
        names.push_back(name);
    }
    int versionField = -1;
    if (version && (m_version.fromCommitTime || schema->indexOf(version->name) >= 0 || schema->indexOf(m_version.column) >= 0)) {
        versionField = int(columns.size()); // last: upserts assign it after the other columns
        columns.push_back(version);
        names.push_back(schema->indexOf(m_version.column) >= 0 ? m_version.column : version->name);
    }
    std::vector<std::size_t> key;
    for (const auto &k : t.key) {
        const auto it = std::find_if(columns.begin(), columns.end(), [&](const MySqlColumn *c) { return c->name == k; });
        if (it == columns.end()) {
            w->problem = "the event has no value for key column " + quoteIdentifier(k) + " of table " + qualified(t.name);
            break;
        }
        key.push_back(std::size_t(it - columns.begin()));
    }
    if (w->problem.empty()) {
        w->columns = std::make_shared<Schema>(names);
        MySqlStatementBuilder builder(table.qualifiedName(), columns, key);
        if (versionField >= 0)
            builder.setVersionColumn(std::size_t(versionField));
        w->writer = std::make_unique<MySqlBatchWriter>(m_connection);
        w->writer->setBulkAllowed(m_bulk);
        w->writer->configure(std::move(columns), std::move(key), std::move(builder), m_batchRows, qualified(t.name));
        w->writer->setVersionField(versionField);
        if (m_version.fromCommitTime)
            w->writer->setCommitTimeField(versionField);
    }
    t.writers.push_back(std::move(w));
    return *t.writers.back();
}

void MySqlReplicaSink::noteDdlColumns(const std::string &name, const std::string &statement)
{
    // The DEFAULTs of ALTER TABLE ... ADD COLUMN: the source's rows got that value without a row
    // event, so the replica's column gets the same DEFAULT when it is added (addColumns()).
    const DdlStatement ddl = ddlparser::parse(statement);
    if (ddl.kind != DdlStatement::Kind::AlterTable)
        return;
    for (const DdlAlteration &a : ddl.alterations)
        if (a.kind == DdlAlteration::Kind::AddColumn && !a.definition.defaultValue.empty()
            && a.definition.defaultValue != "NULL")
            m_columnDefaults[name][a.definition.info.name] = a.definition.defaultValue;
}

std::string MySqlReplicaSink::changedColumnType(const Table &t, const std::string &statement) const
{
    // A column's type changed by MODIFY / CHANGE: values of the new type may not fit the
    // replica's column (a new ENUM member, a longer VARCHAR), so the change is refused here, at
    // the DDL, rather than at some later row.
    const DdlStatement ddl = ddlparser::parse(statement);
    if (ddl.kind != DdlStatement::Kind::AlterTable)
        return std::string();
    auto normal = [](std::string type) {
        type = lower(type);
        for (const char *integer : {"tinyint", "smallint", "mediumint", "bigint", "int"})
            if (type.starts_with(integer) && type.size() > std::strlen(integer) && type[std::strlen(integer)] == '(') {
                const std::size_t close = type.find(')');
                type.erase(std::strlen(integer), close - std::strlen(integer) + 1);
                break;
            }
        return type;
    };
    for (const DdlAlteration &a : ddl.alterations) {
        if (a.kind != DdlAlteration::Kind::ModifyColumn)
            continue;
        const MySqlColumn *column = t.schema->column(a.column);
        if (!column)
            continue;
        std::string reason;
        const std::string wanted = replicaschema::columnType(a.definition.info, nullptr, false, reason);
        if (wanted.empty())
            return "changes column " + quoteIdentifier(a.column) + " of replica table " + qualified(t.name) + ": " + reason;
        if (normal(wanted) != normal(column->typeText))
            return "changes the type of column " + quoteIdentifier(a.column) + " to " + wanted + ", which replica table "
                + qualified(t.name) + " has as " + column->typeText + ": change it there by hand, then skip this event";
    }
    return std::string();
}

std::string MySqlReplicaSink::checkDdl(const Record &record)
{
    if (record.table && !record.table->table.empty())
        if (std::string problem = eventProblem(record); !problem.empty())
            return problem;
    const replicaschema::DdlEffect effect = replicaschema::ddlEffect(record.statement);
    const std::string name = record.table && !record.table->table.empty() ? tableNameFor(record) : std::string();
    if (m_addColumns && !name.empty()) {
        noteDdlColumns(name, record.statement);
        Table &t = table(name);
        if (t.schema && t.problem.empty()) {
            // Added now, before the rows after the DDL: the rows the replica has get the default.
            const std::vector<std::size_t> none;
            addColumns(t, Batch(), none, record);
        }
    }
    const std::string what = "the DDL \"" + record.statement + "\" ";
    if (effect.dropsTable || effect.truncates || effect.renames)
        return what + (effect.dropsTable ? "drops" : effect.truncates ? "truncates" : "renames") + " a table; replicate does not apply "
            "that to replica " + (name.empty() ? std::string("tables") : qualified(name)) + ": do it there by hand, then skip this event";
    if (name.empty() || (effect.droppedColumns.empty() && !effect.renamesColumn))
        return std::string();
    Table &t = table(name);
    if (!t.schema)
        return std::string();
    if (std::string changed = changedColumnType(t, record.statement); !changed.empty())
        return what + changed;
    if (effect.renamesColumn)
        return what + "renames a column of replica table " + qualified(name)
            + ", which replicate does not follow: rename it there by hand, then skip this event";
    for (const auto &c : effect.droppedColumns)
        if (t.schema->column(c))
            return what + "drops column " + quoteIdentifier(c) + ", which replica table " + qualified(name)
                + " has and replicate writes: drop it there by hand (or keep it: it stays NULL for new rows), then skip this event";
    return std::string();
}

} // namespace flowdeck
