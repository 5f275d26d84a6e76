#include "core/mysql/mysqlstatementbuilder.h"

namespace flowdeck {

void appendIdentifier(std::string &out, std::string_view name)
{
    out += '`';
    for (char c : name) {
        if (c == '`')
            out += '`';
        out += c;
    }
    out += '`';
}

std::string quoteIdentifier(std::string_view name)
{
    std::string out;
    out.reserve(name.size() + 2);
    appendIdentifier(out, name);
    return out;
}

void appendStringLiteral(std::string &out, std::string_view text, bool noBackslashEscapes)
{
    out += '\'';
    if (noBackslashEscapes) {
        for (char c : text) {
            if (c == '\'')
                out += '\'';
            out += c;
        }
    } else {
        // Runs of plain bytes are appended at once: most text has nothing to escape.
        const char *p = text.data();
        const char *end = p + text.size();
        const char *run = p;
        for (; p < end; ++p) {
            const char *escape = nullptr;
            switch (*p) {
            case '\0': escape = "\\0"; break;
            case '\n': escape = "\\n"; break;
            case '\r': escape = "\\r"; break;
            case '\\': escape = "\\\\"; break;
            case '\'': escape = "\\'"; break;
            case '"': escape = "\\\""; break;
            case '\x1a': escape = "\\Z"; break;
            default: continue;
            }
            out.append(run, std::size_t(p - run));
            out.append(escape, 2);
            run = p + 1;
        }
        out.append(run, std::size_t(end - run));
    }
    out += '\'';
}

void appendHexLiteral(std::string &out, std::string_view bytes)
{
    static const char hex[] = "0123456789ABCDEF";
    out += "X'";
    for (unsigned char c : bytes) {
        out += hex[c >> 4];
        out += hex[c & 0x0F];
    }
    out += '\'';
}

MySqlStatementBuilder::MySqlStatementBuilder(std::string qualifiedTable, std::vector<const MySqlColumn *> columns,
                                             std::vector<std::size_t> key)
    : m_table(std::move(qualifiedTable))
    , m_columns(std::move(columns))
    , m_key(std::move(key))
    , m_isKey(m_columns.size(), false)
{
    for (std::size_t k : m_key)
        m_isKey[k] = true;
    for (std::size_t i = 0; i < m_columns.size(); ++i) {
        m_quotedNames.push_back(quoteIdentifier(m_columns[i]->name));
        m_forms.push_back(wireForm(*m_columns[i]));
        if (!m_isKey[i])
            m_updateOrder.push_back(i);
    }
    m_updateOrder.insert(m_updateOrder.end(), m_key.begin(), m_key.end());
    m_deleteOrder = m_key;
}

void MySqlStatementBuilder::setVersionColumn(std::size_t column)
{
    m_version = column;
    m_deleteOrder = m_key;
    m_deleteOrder.push_back(column);
    m_deleteOrder.push_back(column);
}

void MySqlStatementBuilder::appendInsertHead(std::string &out) const
{
    out += "INSERT INTO ";
    out += m_table;
    out += " (";
    for (std::size_t i = 0; i < m_quotedNames.size(); ++i) {
        if (i)
            out += ',';
        out += m_quotedNames[i];
    }
    out += ") VALUES ";
}

void MySqlStatementBuilder::appendUpsertTail(std::string &out) const
{
    out += " ON DUPLICATE KEY UPDATE ";
    std::string newer; // the condition under which the incoming row wins
    if (m_version != SIZE_MAX) {
        const std::string &v = m_quotedNames[m_version];
        newer = "(VALUES(" + v + ")>=" + v + " OR " + v + " IS NULL OR VALUES(" + v + ") IS NULL)";
    }
    bool first = true;
    auto assign = [&](std::size_t i) {
        if (!first)
            out += ',';
        first = false;
        out += m_quotedNames[i];
        if (newer.empty()) {
            out += "=VALUES(";
            out += m_quotedNames[i];
            out += ')';
            return;
        }
        out += "=IF(";
        out += newer;
        out += ",VALUES(";
        out += m_quotedNames[i];
        out += "),";
        out += m_quotedNames[i];
        out += ')';
    };
    for (std::size_t i = 0; i < m_quotedNames.size(); ++i)
        if (!m_isKey[i] && i != m_version)
            assign(i);
    if (m_version != SIZE_MAX)
        assign(m_version); // last: the assignments before it compare with the stored version
    if (first) // only key columns are written: a duplicate changes nothing
        out += m_quotedNames[m_key.empty() ? 0 : m_key[0]] + '=' + m_quotedNames[m_key.empty() ? 0 : m_key[0]];
}

std::string MySqlStatementBuilder::insertTemplate(bool upsert) const
{
    std::string sql;
    appendInsertHead(sql);
    sql += '(';
    for (std::size_t i = 0; i < m_columns.size(); ++i)
        sql += i ? ",?" : "?";
    sql += ')';
    if (upsert)
        appendUpsertTail(sql);
    return sql;
}

std::string MySqlStatementBuilder::updateTemplate() const
{
    std::string sql = "UPDATE " + m_table + " SET ";
    bool first = true;
    for (std::size_t i : m_updateOrder) {
        if (m_isKey[i])
            continue;
        if (!first)
            sql += ',';
        first = false;
        sql += m_quotedNames[i] + "=?";
    }
    sql += " WHERE ";
    for (std::size_t k = 0; k < m_key.size(); ++k)
        sql += (k ? " AND " : "") + m_quotedNames[m_key[k]] + "=?";
    return sql;
}

std::string MySqlStatementBuilder::deleteTemplate() const
{
    std::string sql = "DELETE FROM " + m_table + " WHERE ";
    for (std::size_t k = 0; k < m_key.size(); ++k)
        sql += (k ? " AND " : "") + m_quotedNames[m_key[k]] + "=?";
    if (m_version != SIZE_MAX) {
        const std::string &v = m_quotedNames[m_version];
        sql += " AND (" + v + " IS NULL OR ? IS NULL OR " + v + "<=?)";
    }
    return sql;
}

void MySqlStatementBuilder::appendCell(std::string &out, const MySqlCell &cell, std::size_t column) const
{
    switch (cell.kind) {
    case MySqlCellKind::Null:
        out += "NULL";
        return;
    case MySqlCellKind::Default:
        out += "DEFAULT";
        return;
    case MySqlCellKind::Value:
        break;
    }
    const std::string_view bytes(cell.data, cell.size);
    switch (m_forms[column]) {
    case MySqlWireForm::Number: // fitting left only a valid numeric literal
        out += bytes;
        return;
    case MySqlWireForm::Bytes:
        appendHexLiteral(out, bytes);
        return;
    case MySqlWireForm::Text:
        appendStringLiteral(out, bytes, m_noBackslashEscapes);
        return;
    }
}

void MySqlStatementBuilder::appendRow(std::string &out, const MySqlCell *cells) const
{
    out += '(';
    for (std::size_t i = 0; i < m_columns.size(); ++i) {
        if (i)
            out += ',';
        appendCell(out, cells[i], i);
    }
    out += ')';
}

void MySqlStatementBuilder::appendKeyCondition(std::string &out, const MySqlCell *cells) const
{
    out += " WHERE ";
    for (std::size_t k = 0; k < m_key.size(); ++k) {
        if (k)
            out += " AND ";
        out += m_quotedNames[m_key[k]];
        out += '=';
        appendCell(out, cells[m_key[k]], m_key[k]);
    }
}

void MySqlStatementBuilder::appendUpdate(std::string &out, const MySqlCell *cells) const
{
    out += "UPDATE ";
    out += m_table;
    out += " SET ";
    bool first = true;
    for (std::size_t i = 0; i < m_columns.size(); ++i) {
        if (m_isKey[i])
            continue;
        if (!first)
            out += ',';
        first = false;
        out += m_quotedNames[i];
        out += '=';
        appendCell(out, cells[i], i);
    }
    appendKeyCondition(out, cells);
}

void MySqlStatementBuilder::appendDelete(std::string &out, const MySqlCell *cells) const
{
    out += "DELETE FROM ";
    out += m_table;
    appendKeyCondition(out, cells);
    if (m_version != SIZE_MAX) {
        const std::string &v = m_quotedNames[m_version];
        out += " AND (" + v + " IS NULL OR ";
        appendCell(out, cells[m_version], m_version);
        out += " IS NULL OR " + v + "<=";
        appendCell(out, cells[m_version], m_version);
        out += ')';
    }
}

void MySqlStatementBuilder::appendUpdateJoinHead(std::string &out) const
{
    out += "UPDATE ";
    out += m_table;
    out += " AS `flowdeck_t` JOIN (";
}

void MySqlStatementBuilder::appendUpdateJoinRow(std::string &out, const MySqlCell *cells, bool first) const
{
    out += first ? "SELECT " : " UNION ALL SELECT ";
    for (std::size_t i = 0; i < m_columns.size(); ++i) {
        if (i)
            out += ',';
        if (cells[i].kind == MySqlCellKind::Default)
            out += "NULL"; // see appendUpdateJoinTail()
        else
            appendCell(out, cells[i], i);
        if (first) { // the first row names the derived table's columns
            out += " AS ";
            out += m_quotedNames[i];
        }
    }
}

void MySqlStatementBuilder::appendUpdateJoinTail(std::string &out) const
{
    out += ") AS `flowdeck_v` ON ";
    for (std::size_t k = 0; k < m_key.size(); ++k) {
        if (k)
            out += " AND ";
        out += "`flowdeck_t`." + m_quotedNames[m_key[k]] + "=`flowdeck_v`." + m_quotedNames[m_key[k]];
    }
    out += " SET ";
    bool first = true;
    for (std::size_t i = 0; i < m_columns.size(); ++i) {
        if (m_isKey[i])
            continue;
        if (!first)
            out += ',';
        first = false;
        const std::string value = "`flowdeck_v`." + m_quotedNames[i];
        out += "`flowdeck_t`." + m_quotedNames[i] + '=';
        // Only a NOT NULL column with a default gets DEFAULT cells, and it never gets NULL ones.
        if (!m_columns[i]->nullable && m_columns[i]->hasDefault)
            out += "COALESCE(" + value + ",DEFAULT(`flowdeck_t`." + m_quotedNames[i] + "))";
        else
            out += value;
    }
}

std::size_t MySqlStatementBuilder::rowSizeBound(const MySqlCell *cells) const
{
    // Escaping at most doubles text; hex exactly doubles bytes; plus quotes, commas and the
    // column names (UPDATE, and the first row of the UPDATE JOIN's derived table).
    std::size_t n = 24;
    for (std::size_t i = 0; i < m_columns.size(); ++i)
        n += 2 * std::size_t(cells[i].size) + 12 + m_quotedNames[i].size();
    return n;
}

std::string MySqlStatementBuilder::createTable(const std::string &qualifiedTable,
                                               const std::vector<MySqlNewColumn> &columns,
                                               const std::vector<std::string> &key)
{
    std::string sql = "CREATE TABLE IF NOT EXISTS " + qualifiedTable + " (";
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (i)
            sql += ", ";
        appendIdentifier(sql, columns[i].name);
        sql += ' ' + columns[i].type + (columns[i].notNull ? " NOT NULL" : " NULL");
    }
    if (!key.empty()) {
        sql += ", PRIMARY KEY (";
        for (std::size_t i = 0; i < key.size(); ++i) {
            if (i)
                sql += ", ";
            appendIdentifier(sql, key[i]);
        }
        sql += ')';
    }
    sql += ") DEFAULT CHARSET=utf8mb4";
    return sql;
}

} // namespace flowdeck
