#include "core/mysql/mysqlincrementalsource.h"

#include "core/model/errors.h"
#include "core/mysql/mysqlsource.h"
#include "core/mysql/mysqlstatementbuilder.h"
#include "core/mysql/tabledescription.h"

#include <algorithm>
#include <chrono>

namespace flowdeck {

namespace {

bool isWatermarkType(const std::string &type)
{
    static const char *const kTypes[] = {"date", "datetime", "timestamp", "tinyint", "smallint",
                                         "mediumint", "int", "bigint", "year"};
    return std::find(std::begin(kTypes), std::end(kTypes), type) != std::end(kTypes);
}

bool isIntegerType(const std::string &type)
{
    return type == "tinyint" || type == "smallint" || type == "mediumint" || type == "int" || type == "bigint" || type == "year";
}

/// An integer column's value unquoted: compared with a quoted string the server would go through
/// a double and lose precision above 2^53.
std::string literal(MySqlConnection &conn, const ColumnInfo &column, const std::string &text)
{
    const bool digits = !text.empty() && text.find_first_not_of("0123456789", text[0] == '-' ? 1 : 0) == std::string::npos &&
                        text != "-";
    return isIntegerType(column.dataType) && digits ? text : conn.quote(text);
}

std::string stringKey(const nlohmann::json &obj, const char *key)
{
    const auto it = obj.find(key);
    return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

} // namespace

MySqlIncrementalSource::MySqlIncrementalSource(const nlohmann::json &endpoint, const nlohmann::json &incremental)
    : m_config(MySqlConnectionConfig::fromJson(endpoint.value("connection", nlohmann::json::object())))
{
    if (endpoint.contains("tables") || !endpoint.contains("table") || !endpoint["table"].is_string())
        throw ConfigError("source.table: an incremental flow reads one table: name it in \"table\" (not \"tables\")");
    const std::string table = endpoint["table"].get<std::string>();
    const auto dot = table.find('.');
    if (dot != std::string::npos) {
        m_database = table.substr(0, dot);
        m_table = table.substr(dot + 1);
    } else if (m_config.database.empty()) {
        throw ConfigError("source.table '" + table + "' names no database and connection.database is not set");
    } else {
        m_database = m_config.database;
        m_table = table;
    }
    if (endpoint.contains("chunkSize")) {
        const auto &chunk = endpoint["chunkSize"];
        if (!chunk.is_number_integer() || chunk.get<long long>() < 1)
            throw ConfigError("source.chunkSize must be a positive number");
        m_chunkSize = chunk.get<std::size_t>();
    }
    m_field = stringKey(incremental, "field");
    if (m_field.empty())
        throw ConfigError("trigger.incremental.field: required: the column that grows (an update time or an id)");
    m_tieBreaker = stringKey(incremental, "tieBreaker");
    m_from = stringKey(incremental, "from");
}

MySqlIncrementalSource::~MySqlIncrementalSource() = default;

std::string MySqlIncrementalSource::sqlTimeText(const std::string &iso)
{
    std::string s = iso;
    if (!s.empty() && (s.back() == 'Z' || s.back() == 'z'))
        s.pop_back();
    std::replace(s.begin(), s.end(), 'T', ' ');
    if (s.size() == 10)
        s += " 00:00:00";
    return s;
}

void MySqlIncrementalSource::describe()
{
    const std::string name = m_database + "." + m_table;
    std::optional<tabledescription::Described> described =
        tabledescription::describeTable(*m_conn, m_database, m_table, tabledescription::Views::Include);
    if (!described)
        throw ConfigError("source.table: table " + name + " not found on " + m_config.endpoint());
    auto info = std::make_shared<TableInfo>(std::move(described->info));
    std::vector<std::string> names;
    for (const ColumnInfo &column : info->columns)
        names.push_back(column.name);

    std::string all;
    for (const auto &n : names)
        all += (all.empty() ? "" : ", ") + n;
    auto indexOf = [&](const std::string &column) {
        const auto it = std::find(names.begin(), names.end(), column);
        return it == names.end() ? -1 : int(it - names.begin());
    };
    m_fieldIndex = indexOf(m_field);
    if (m_fieldIndex < 0)
        throw ConfigError("trigger.incremental.field: column '" + m_field + "' not found in " + name +
                          " (its columns: " + all + ")");
    const ColumnInfo &field = info->columns[std::size_t(m_fieldIndex)];
    if (!isWatermarkType(field.dataType))
        throw ConfigError("trigger.incremental.field: column '" + m_field + "' of " + name + " is " +
                          field.columnType + "; the watermark column must be a date/time (date, datetime, "
                          "timestamp) or integer column");
    const bool integerField = field.dataType != "date" && field.dataType != "datetime" && field.dataType != "timestamp";
    if (integerField && !m_from.empty())
        throw ConfigError("trigger.incremental.from: column '" + m_field + "' of " + name + " is " + field.columnType +
                          "; 'from' is a date or time, for date/time columns only");
    m_tieIndexes.clear();
    if (!m_tieBreaker.empty()) {
        const int tie = indexOf(m_tieBreaker);
        if (tie < 0)
            throw ConfigError("trigger.incremental.tieBreaker: column '" + m_tieBreaker + "' not found in " + name +
                              " (its columns: " + all + ")");
        if (tie != m_fieldIndex)
            m_tieIndexes.push_back(tie);
    } else {
        for (int k : info->keyIndexes)
            if (k != m_fieldIndex)
                m_tieIndexes.push_back(k);
        const bool fieldIsKey = info->keyIndexes.size() == 1 && info->keyIndexes[0] == m_fieldIndex;
        if (m_tieIndexes.empty() && !fieldIsKey)
            throw ConfigError("trigger.incremental.tieBreaker: " + name + " has no primary key: name a unique "
                              "column as tieBreaker, so rows sharing one '" + m_field + "' are neither skipped nor "
                              "read twice");
    }
    m_info = std::move(info);
    m_schema = std::make_shared<Schema>(std::move(names));
}

void MySqlIncrementalSource::open(const nlohmann::json &resume)
{
    m_conn = std::make_unique<MySqlConnection>(m_config);
    m_conn->connect();
    m_conn->execute("SET time_zone = '+00:00'");
    describe();
    m_value.reset();
    m_after.clear();
    m_chunk.clear();
    m_chunkIndex = 0;
    m_exhausted = false;
    m_line = 0;
    if (resume.is_null())
        return;
    if (!resume.is_object() || resume.value("phase", std::string()) != "incremental")
        throw Error("cannot resume the incremental mysql source from checkpoint " + resume.dump() +
                    " (run once with --restart to read from trigger.incremental.from again)");
    if (resume.value("field", std::string()) != m_field)
        throw Error("the saved watermark is for column '" + resume.value("field", std::string()) + "', not '" + m_field +
                    "': run once with --restart to read from trigger.incremental.from again");
    try {
        m_value = resume.at("value").get<std::string>();
        for (const auto &a : resume.value("after", nlohmann::json::array()))
            m_after.push_back(a.get<std::string>());
    } catch (const nlohmann::json::exception &e) {
        throw Error("cannot resume the incremental mysql source from checkpoint " + resume.dump() + ": " + e.what());
    }
    if (m_after.size() != m_tieIndexes.size())
        throw Error("the saved watermark " + resume.dump() + " has " + std::to_string(m_after.size()) +
                    " tie breaker value(s), the table's tie breaker has " + std::to_string(m_tieIndexes.size()) +
                    " column(s): run once with --restart");
}

std::string MySqlIncrementalSource::selectSql() const
{
    const TableInfo &info = *m_info;
    std::string sql = "SELECT ";
    for (std::size_t i = 0; i < info.columns.size(); ++i)
        sql += (i ? ", " : "") + MySqlSource::selectExpression(info.columns[i], m_conn->isMariaDb());
    sql += " FROM " + quoteIdentifier(info.database) + "." + quoteIdentifier(info.table) + " WHERE ";
    const std::string f = quoteIdentifier(m_field);
    std::string keys, order = f;
    for (std::size_t i = 0; i < m_tieIndexes.size(); ++i) {
        const std::string k = quoteIdentifier(info.columns[std::size_t(m_tieIndexes[i])].name);
        keys += (i ? ", " : "") + k;
        order += ", " + k;
    }
    if (m_value) {
        const std::string v = literal(*m_conn, info.columns[std::size_t(m_fieldIndex)], *m_value);
        if (m_tieIndexes.empty()) {
            sql += f + " > " + v;
        } else {
            std::string after;
            for (std::size_t i = 0; i < m_after.size(); ++i)
                after += (i ? ", " : "") + literal(*m_conn, info.columns[std::size_t(m_tieIndexes[i])], m_after[i]);
            sql += f + " >= " + v + " AND (" + f + " > " + v + " OR (" + keys + ") > (" + after + "))";
        }
    } else if (!m_from.empty()) {
        sql += f + " >= " + m_conn->quote(sqlTimeText(m_from));
    } else {
        sql += f + " IS NOT NULL";
    }
    return sql + " ORDER BY " + order + " LIMIT " + std::to_string(m_chunkSize);
}

void MySqlIncrementalSource::fetchChunk()
{
    m_chunk = m_conn->query(selectSql());
    m_chunkIndex = 0;
    m_exhausted = m_chunk.size() < m_chunkSize;
}

bool MySqlIncrementalSource::read(Batch &out, std::size_t maxRecords)
{
    std::size_t added = 0;
    const std::int64_t nowMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                                   std::chrono::system_clock::now().time_since_epoch()).count();
    while (added < maxRecords) {
        if (m_chunkIndex >= m_chunk.size()) {
            if (m_exhausted)
                break;
            fetchChunk();
            continue;
        }
        const auto &row = m_chunk[m_chunkIndex++];
        Record record;
        record.schema = m_schema;
        record.table = m_info;
        record.op = RowOp::Insert;
        record.commitTimeMs = nowMs;
        record.values.reserve(row.size());
        std::uint64_t bytes = 0;
        for (std::size_t i = 0; i < row.size(); ++i) {
            bytes += row[i] ? row[i]->size() : 0;
            record.values.push_back(MySqlSource::convert(m_info->columns[i], row[i]));
        }
        m_value = row[std::size_t(m_fieldIndex)].value_or("");
        m_after.clear();
        nlohmann::json mark = nlohmann::json::array({*m_value});
        for (int k : m_tieIndexes) {
            m_after.push_back(row[std::size_t(k)].value_or(""));
            mark.push_back(m_after.back());
        }
        record.position.source = m_database + "." + m_table;
        record.position.line = ++m_line;
        record.position.gtid = mark.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        out.push_back(std::move(record));
        ++added;
        ++m_rows;
        m_bytes += bytes;
    }
    return added > 0;
}

nlohmann::json MySqlIncrementalSource::checkpointAfter(const Position &position) const
{
    const nlohmann::json mark = nlohmann::json::parse(position.gtid, nullptr, false);
    nlohmann::json after = nlohmann::json::array();
    std::string value;
    if (mark.is_array() && !mark.empty()) {
        value = mark[0].get<std::string>();
        for (std::size_t i = 1; i < mark.size(); ++i)
            after.push_back(mark[i]);
    }
    return {{"phase", "incremental"}, {"field", m_field}, {"value", value}, {"after", after}};
}

} // namespace flowdeck
