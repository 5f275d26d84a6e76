#include "core/mysql/binlog/schemahistory.h"

#include "core/model/errors.h"
#include "core/mysql/binlog/ddlparser.h"
#include "core/mysql/mysqlsource.h"

#include <algorithm>

namespace flowdeck {

namespace {

constexpr int kFormat = 1;

std::string keyOf(const std::string &database, const std::string &table)
{
    return database + "." + table;
}

bool isCharacterType(const std::string &dataType)
{
    return dataType == "char" || dataType == "varchar" || dataType.ends_with("text") || dataType == "enum"
        || dataType == "set";
}

std::string lower(std::string s)
{
    for (char &c : s)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

} // namespace

/// A table being changed by one statement: its columns and key by name.
struct SchemaHistory::Draft
{
    TableInfo info;
    std::vector<std::string> key;
    std::string charset;

    explicit Draft(const Table &t)
        : info(*t.info)
        , charset(t.defaultCharset)
    {
        for (int k : info.keyIndexes)
            key.push_back(info.columns[std::size_t(k)].name);
    }

    int indexOf(const std::string &name) const
    {
        // Column names are case-insensitive in MySQL.
        const std::string wanted = lower(name);
        for (std::size_t i = 0; i < info.columns.size(); ++i)
            if (lower(info.columns[i].name) == wanted)
                return int(i);
        return -1;
    }

    ColumnInfo column(const DdlColumn &c) const
    {
        ColumnInfo out = c.info;
        if (c.isCharacter && out.charset.empty())
            out.charset = charset;
        return out;
    }

    // Inserts at FIRST / AFTER / the end; false when AFTER names no column.
    bool place(ColumnInfo column, const DdlAlteration &a)
    {
        std::size_t at = info.columns.size();
        if (a.first) {
            at = 0;
        } else if (!a.after.empty()) {
            const int after = indexOf(a.after);
            if (after < 0)
                return false;
            at = std::size_t(after) + 1;
        }
        info.columns.insert(info.columns.begin() + std::ptrdiff_t(at), std::move(column));
        return true;
    }

    void renameInKey(const std::string &from, const std::string &to)
    {
        for (std::string &k : key)
            if (lower(k) == lower(from))
                k = to;
    }

    TableInfoPtr finish()
    {
        info.keyIndexes.clear();
        for (ColumnInfo &c : info.columns)
            c.isKey = false;
        for (const std::string &k : key) {
            const int i = indexOf(k);
            if (i < 0)
                continue;
            info.keyIndexes.push_back(i);
            info.columns[std::size_t(i)].isKey = true;
            info.columns[std::size_t(i)].nullable = false;
        }
        return std::make_shared<TableInfo>(info);
    }
};

bool SchemaHistory::captured(const std::string &database, const std::string &table) const
{
    const std::string name = keyOf(database, table);
    return std::any_of(m_patterns.begin(), m_patterns.end(),
                       [&](const std::string &p) { return MySqlSource::globMatch(p, name); });
}

bool SchemaHistory::interesting(const std::string &database) const
{
    return std::any_of(m_patterns.begin(), m_patterns.end(), [&](const std::string &p) {
        return MySqlSource::globMatch(p.substr(0, p.find('.')), database);
    });
}

void SchemaHistory::put(TableInfoPtr info, std::string defaultCharset)
{
    const std::string key = keyOf(info->database, info->table);
    m_tables[key] = {std::move(info), std::move(defaultCharset)};
}

void SchemaHistory::setDatabaseCharset(const std::string &database, const std::string &charset)
{
    m_databases[database] = charset;
}

const SchemaHistory::Table *SchemaHistory::find(const std::string &database, const std::string &table) const
{
    const auto it = m_tables.find(keyOf(database, table));
    return it == m_tables.end() ? nullptr : &it->second;
}

void SchemaHistory::erase(const std::string &key)
{
    m_tables.erase(key);
}

std::string SchemaHistory::applyAlter(const DdlStatement &s, const std::string &key, Applied &applied)
{
    using Kind = DdlAlteration::Kind;
    Draft d(m_tables.at(key));
    std::string renamedTo;
    for (const DdlAlteration &a : s.alterations) {
        const int at = a.column.empty() ? -1 : d.indexOf(a.column);
        switch (a.kind) {
        case Kind::AddColumn:
            if (d.indexOf(a.definition.info.name) >= 0) {
                if (a.ifExists)
                    break;
                return "ADD COLUMN `" + a.definition.info.name + "`: the table has that column already";
            }
            if (!d.place(d.column(a.definition), a))
                return "ADD COLUMN ... AFTER `" + a.after + "`: no such column";
            if (a.definition.primaryKey)
                d.key = {a.definition.info.name};
            break;
        case Kind::DropColumn:
            if (at < 0) {
                if (a.ifExists)
                    break;
                return "DROP COLUMN `" + a.column + "`: no such column";
            }
            d.info.columns.erase(d.info.columns.begin() + at);
            std::erase_if(d.key, [&](const std::string &k) { return lower(k) == lower(a.column); });
            break;
        case Kind::ModifyColumn: {
            if (at < 0) {
                if (a.ifExists)
                    break;
                return "MODIFY/CHANGE COLUMN `" + a.column + "`: no such column";
            }
            ColumnInfo column = d.column(a.definition);
            d.renameInKey(a.column, column.name);
            if (a.first || !a.after.empty()) {
                d.info.columns.erase(d.info.columns.begin() + at);
                if (!d.place(std::move(column), a))
                    return "MODIFY/CHANGE COLUMN ... AFTER `" + a.after + "`: no such column";
            } else {
                d.info.columns[std::size_t(at)] = std::move(column);
            }
            if (a.definition.primaryKey)
                d.key = {a.definition.info.name};
            break;
        }
        case Kind::RenameColumn:
            if (at < 0)
                return "RENAME COLUMN `" + a.column + "`: no such column";
            d.info.columns[std::size_t(at)].name = a.definition.info.name;
            d.renameInKey(a.column, a.definition.info.name);
            break;
        case Kind::AddPrimaryKey:
            d.key = a.keyColumns;
            break;
        case Kind::DropPrimaryKey:
            d.key.clear();
            break;
        case Kind::RenameTable:
            d.info.database = a.newName.database.empty() ? d.info.database : a.newName.database;
            d.info.table = a.newName.table;
            renamedTo = keyOf(d.info.database, d.info.table);
            break;
        case Kind::ConvertCharset:
            d.charset = a.charset;
            for (ColumnInfo &c : d.info.columns)
                if (isCharacterType(c.dataType))
                    c.charset = a.charset;
            break;
        case Kind::DefaultCharset:
            d.charset = a.charset;
            break;
        }
    }
    for (const std::string &k : d.key)
        if (d.indexOf(k) < 0)
            return "the primary key names column `" + k + "`, which the table does not have";
    Table table{d.finish(), d.charset};
    if (!renamedTo.empty()) {
        erase(key);
        applied.tables.emplace_back(table.info->database, table.info->table);
        if (!captured(table.info->database, table.info->table) && !interesting(table.info->database))
            return std::string(); // renamed out of sight
        m_tables[renamedTo] = std::move(table);
    } else {
        m_tables[key] = std::move(table);
    }
    applied.changed = true;
    return std::string();
}

SchemaHistory::Applied SchemaHistory::apply(const DdlStatement &s, const std::string &currentDatabase)
{
    using Kind = DdlStatement::Kind;
    Applied applied;
    std::vector<std::string> names;
    for (const DdlTableName &n : s.tables)
        names.push_back(keyOf(n.database.empty() ? currentDatabase : n.database, n.table));
    for (std::size_t i = 0; i < s.tables.size(); ++i)
        applied.tables.emplace_back(s.tables[i].database.empty() ? currentDatabase : s.tables[i].database,
                                    s.tables[i].table);
    auto dbOf = [&](std::size_t i) { return s.tables[i].database.empty() ? currentDatabase : s.tables[i].database; };
    auto followed = [&](std::size_t i) { return m_tables.count(names[i]) > 0 || captured(dbOf(i), s.tables[i].table); };
    if (s.temporary)
        return applied; // temporary tables are not in a row-format binlog
    switch (s.kind) {
    case Kind::Other:
    case Kind::Truncate:
        return applied;
    case Kind::Unknown: {
        // Not understood: a problem when it names a followed or captured table (or no table).
        bool touches = names.empty();
        for (std::size_t i = 0; i < names.size(); ++i)
            touches = touches || followed(i);
        if (touches)
            applied.problem = s.problem;
        return applied;
    }
    case Kind::CreateTable: {
        const std::string db = dbOf(0);
        if (!captured(db, s.tables[0].table) && !interesting(db)) {
            erase(names[0]);
            return applied;
        }
        if (m_tables.count(names[0]) && s.ifNotExists && !s.orReplace)
            return applied; // CREATE TABLE IF NOT EXISTS of an existing table changes nothing
        auto info = std::make_shared<TableInfo>();
        info->database = db;
        info->table = s.tables[0].table;
        std::string charset = s.defaultCharset;
        if (charset.empty())
            charset = m_databases.count(db) ? m_databases[db] : std::string();
        if (charset.empty()) {
            applied.problem = "the default character set of database `" + db + "` is not known";
            return applied;
        }
        Table table{info, charset};
        Draft d(table);
        for (const DdlColumn &c : s.columns)
            d.info.columns.push_back(d.column(c));
        d.key = s.primaryKey;
        table.info = d.finish();
        m_tables[names[0]] = std::move(table);
        applied.changed = true;
        return applied;
    }
    case Kind::CreateTableLike: {
        const std::string db = dbOf(0);
        if (!captured(db, s.tables[0].table) && !interesting(db))
            return applied;
        const std::string like = keyOf(s.likeTable.database.empty() ? currentDatabase : s.likeTable.database,
                                       s.likeTable.table);
        const auto source = m_tables.find(like);
        if (source == m_tables.end()) {
            if (captured(db, s.tables[0].table))
                applied.problem = "it copies table " + like + ", whose definition the schema history does not hold "
                    "(it is not captured and existed before the history began)";
            return applied;
        }
        auto info = std::make_shared<TableInfo>(*source->second.info);
        info->database = db;
        info->table = s.tables[0].table;
        m_tables[names[0]] = {info, source->second.defaultCharset};
        applied.changed = true;
        return applied;
    }
    case Kind::AlterTable: {
        if (!m_tables.count(names[0])) {
            if (captured(dbOf(0), s.tables[0].table))
                applied.problem = "table " + names[0] + " is captured but its definition is not in the schema history";
            for (const DdlAlteration &a : s.alterations)
                if (a.kind == DdlAlteration::Kind::RenameTable
                    && captured(a.newName.database.empty() ? dbOf(0) : a.newName.database, a.newName.table))
                    applied.problem = "it renames " + names[0] + ", whose definition the schema history does not hold, to "
                        "a captured name";
            return applied;
        }
        applied.problem = applyAlter(s, names[0], applied);
        return applied;
    }
    case Kind::DropTables:
        for (const std::string &n : names)
            if (m_tables.erase(n))
                applied.changed = true;
        return applied;
    case Kind::RenameTables:
        for (std::size_t i = 0; i + 1 < names.size(); i += 2) {
            const auto from = m_tables.find(names[i]);
            if (from == m_tables.end()) {
                if (captured(dbOf(i + 1), s.tables[i + 1].table))
                    applied.problem = "it renames " + names[i] + ", whose definition the schema history does not "
                        "hold, to the captured name " + names[i + 1];
                continue;
            }
            Table table = from->second;
            m_tables.erase(from);
            auto info = std::make_shared<TableInfo>(*table.info);
            info->database = dbOf(i + 1);
            info->table = s.tables[i + 1].table;
            if (captured(info->database, info->table) || interesting(info->database))
                m_tables[names[i + 1]] = {info, table.defaultCharset};
            applied.changed = true;
        }
        return applied;
    case Kind::CreateDatabase:
    case Kind::AlterDatabase:
        if (!s.charset.empty()) {
            if (!(s.kind == Kind::CreateDatabase && s.ifNotExists && m_databases.count(s.database)))
                m_databases[s.database] = s.charset;
        } else if (s.kind == Kind::CreateDatabase && !m_databases.count(s.database)) {
            // A new database without a charset gets the server's (captured with the history).
            const auto server = m_databases.find(std::string());
            if (server != m_databases.end())
                m_databases[s.database] = server->second;
            else if (interesting(s.database))
                applied.problem = "the default character set of the new database `" + s.database + "` is not known";
        }
        return applied;
    case Kind::DropDatabase:
        m_databases.erase(s.database);
        for (auto it = m_tables.begin(); it != m_tables.end();) {
            if (it->second.info->database == s.database) {
                it = m_tables.erase(it);
                applied.changed = true;
            } else {
                ++it;
            }
        }
        return applied;
    }
    return applied;
}

nlohmann::json SchemaHistory::toJson() const
{
    nlohmann::json tables = nlohmann::json::array();
    for (const auto &[key, t] : m_tables) {
        nlohmann::json columns = nlohmann::json::array();
        for (const ColumnInfo &c : t.info->columns)
            columns.push_back({c.name, c.dataType, c.columnType, c.charset, c.nullable});
        nlohmann::json keyNames = nlohmann::json::array();
        for (int k : t.info->keyIndexes)
            keyNames.push_back(t.info->columns[std::size_t(k)].name);
        tables.push_back({{"database", t.info->database}, {"table", t.info->table}, {"charset", t.defaultCharset},
                          {"columns", std::move(columns)}, {"key", std::move(keyNames)}});
    }
    return {{"format", kFormat}, {"databases", m_databases}, {"tables", std::move(tables)}};
}

SchemaHistory SchemaHistory::fromJson(const nlohmann::json &json)
{
    if (!json.is_object() || json.value("format", 0) != kFormat)
        throw Error("the schema history in the checkpoint is not one this Flowdeck wrote (format " +
                    (json.is_object() ? json.value("format", nlohmann::json()).dump() : json.dump()) + ")");
    SchemaHistory history;
    try {
        history.m_databases = json.at("databases").get<std::map<std::string, std::string>>();
        for (const auto &t : json.at("tables")) {
            auto info = std::make_shared<TableInfo>();
            info->database = t.at("database").get<std::string>();
            info->table = t.at("table").get<std::string>();
            for (const auto &c : t.at("columns")) {
                ColumnInfo column;
                column.name = c.at(0).get<std::string>();
                column.dataType = c.at(1).get<std::string>();
                column.columnType = c.at(2).get<std::string>();
                column.charset = c.at(3).get<std::string>();
                column.nullable = c.at(4).get<bool>();
                column.isUnsigned = column.columnType.find("unsigned") != std::string::npos;
                info->columns.push_back(std::move(column));
            }
            Table table{info, t.at("charset").get<std::string>()};
            Draft d(table);
            d.key = t.at("key").get<std::vector<std::string>>();
            table.info = d.finish();
            history.put(table.info, table.defaultCharset);
        }
    } catch (const nlohmann::json::exception &e) {
        throw Error(std::string("the schema history in the checkpoint is damaged: ") + e.what());
    }
    return history;
}

} // namespace flowdeck
