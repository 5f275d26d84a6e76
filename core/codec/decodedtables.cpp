#include "core/codec/decodedtables.h"

#include "core/mysql/mysqlcolumntypes.h"

#include <algorithm>
#include <cctype>

namespace flowdeck {

void DecodedTables::begin(std::string_view database, std::string_view table)
{
    m_database.assign(database);
    m_table.assign(table);
    m_count = 0;
    m_key.clear();
}

void DecodedTables::add(std::string_view name, std::string_view type)
{
    if (m_count == m_columns.size())
        m_columns.emplace_back();
    m_columns[m_count].first.assign(name);
    m_columns[m_count].second.assign(type);
    ++m_count;
}

void DecodedTables::setKey(const std::vector<std::string> &names)
{
    m_key = names;
}

ColumnInfo DecodedTables::columnFromType(std::string_view name, std::string_view type)
{
    ColumnInfo c;
    c.name.assign(name);
    c.columnType.assign(type);
    std::string lower(type);
    for (char &ch : lower)
        ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    std::size_t end = 0;
    while (end < lower.size() && (std::isalnum(static_cast<unsigned char>(lower[end])) || lower[end] == '_'))
        ++end;
    c.dataType = lower.substr(0, end);
    c.isUnsigned = lower.find(" unsigned") != std::string::npos;
    if (isBinaryDataType(c.dataType)) // the spatial types too: their values are bytes
        c.charset = "binary";
    return c;
}

bool DecodedTables::matches(const Entry &entry) const
{
    const TableInfo &t = *entry.table;
    bool same = t.columns.size() == m_count && t.wireValues == m_wireValues;
    for (std::size_t i = 0; same && i < m_count; ++i)
        same = t.columns[i].name == m_columns[i].first && t.columns[i].columnType == m_columns[i].second;
    if (same) {
        std::size_t keys = 0;
        for (std::size_t k = 0; k < m_key.size(); ++k)
            for (std::size_t i = 0; i < m_count; ++i)
                keys += m_columns[i].first == m_key[k];
        same = keys == t.keyIndexes.size();
        for (std::size_t k = 0; same && k < t.keyIndexes.size(); ++k)
            same = k < m_key.size() && t.columns[std::size_t(t.keyIndexes[k])].name == m_key[k];
    }
    return same;
}

const DecodedTables::Entry &DecodedTables::finish()
{
    if (m_last && m_last->table->table == m_table && m_last->table->database == m_database && matches(*m_last))
        return *m_last;
    m_lookup = m_database;
    m_lookup.push_back('\0');
    m_lookup += m_table;
    auto it = m_tables.find(m_lookup);
    if (it != m_tables.end() && matches(it->second)) {
        m_last = &it->second;
        return it->second;
    }
    auto info = std::make_shared<TableInfo>();
    info->database = m_database;
    info->table = m_table;
    info->wireValues = m_wireValues;
    std::vector<std::string> names;
    for (std::size_t i = 0; i < m_count; ++i) {
        info->columns.push_back(columnFromType(m_columns[i].first, m_columns[i].second));
        names.push_back(m_columns[i].first);
    }
    for (const std::string &k : m_key) {
        const auto pos = std::find(names.begin(), names.end(), k);
        if (pos == names.end())
            continue;
        const int idx = int(pos - names.begin());
        info->keyIndexes.push_back(idx);
        info->columns[std::size_t(idx)].isKey = true;
        info->columns[std::size_t(idx)].nullable = false;
    }
    Entry entry{std::move(info), std::make_shared<Schema>(std::move(names))};
    Entry &stored = m_tables[m_lookup] = std::move(entry);
    m_last = &stored; // unordered_map keeps element addresses across rehashing
    return stored;
}

const DecodedTables::Entry *DecodedTables::find(std::string_view database, std::string_view table) const
{
    std::string lookup(database);
    lookup.push_back('\0');
    lookup += table;
    auto it = m_tables.find(lookup);
    return it == m_tables.end() ? nullptr : &it->second;
}

} // namespace flowdeck
