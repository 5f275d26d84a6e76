#include "tableproposal.h"

#include "core/mysql/mysqltypeinference.h"
#include "core/transform/valuecast.h"

#include <QSet>

#include <optional>

namespace flowdeck {

namespace {

// What one preview text reads as: the narrowest cast that takes it unchanged. Numbers with
// leading zeros (postal codes, account numbers) stay text.
std::optional<CastType> guessType(const QString &text)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return std::nullopt;
    const bool leadingZero = t.size() > 1 && t.startsWith(QLatin1Char('0')) && t.at(1).isDigit();
    std::string reason;
    const auto takes = [&t, &reason](CastType type) {
        Value v = Value::text(t.toStdString());
        return castValue(v, type, reason);
    };
    if (!leadingZero && !t.contains(QLatin1Char('.')) && !t.contains(QLatin1Char('e'), Qt::CaseInsensitive) && takes(CastType::Integer))
        return CastType::Integer;
    if (!leadingZero && t.contains(QLatin1Char('.')) && !t.contains(QLatin1Char('e'), Qt::CaseInsensitive) && takes(CastType::Decimal))
        return CastType::Decimal;
    if (t.size() == 10 && takes(CastType::Date))
        return CastType::Date;
    if (t.size() >= 16 && takes(CastType::DateTime))
        return CastType::DateTime;
    return CastType::Text;
}

// One type for a column: all its values agree, integers with decimals are decimals, dates
// with date-times are date-times; anything else is text.
CastType columnType(const QSet<int> &types)
{
    if (types.isEmpty())
        return CastType::Text;
    if (types.size() == 1)
        return CastType(*types.begin());
    const QSet<int> numbers{int(CastType::Integer), int(CastType::Decimal)};
    const QSet<int> dates{int(CastType::Date), int(CastType::DateTime)};
    if (numbers.contains(types))
        return CastType::Decimal;
    if (dates.contains(types))
        return CastType::DateTime;
    return CastType::Text;
}

} // namespace

TableProposal::TableProposal(const QStringList &names, const QList<QStringList> &values)
    : m_names(names)
    , m_values(values)
{
    QSet<QString> taken;
    for (const QString &name : names) {
        const QString base = snakeCase(name);
        QString column = base;
        for (int n = 2; taken.contains(column); ++n)
            column = base + QStringLiteral("_%1").arg(n);
        taken.insert(column);
        m_columns << column;
    }
}

QString TableProposal::snakeCase(const QString &name)
{
    QString out;
    for (int i = 0; i < name.size(); ++i) {
        const QChar c = name.at(i);
        if (!c.isLetterOrNumber()) {
            if (!out.isEmpty() && !out.endsWith(QLatin1Char('_')))
                out += QLatin1Char('_');
            continue;
        }
        // A word starts at an upper-case letter after a lower-case one or a digit (AnnualRevenue),
        // or before a lower-case one after upper-case ones (HTTPServer -> http_server).
        if (c.isUpper() && i > 0 && !out.isEmpty() && !out.endsWith(QLatin1Char('_'))) {
            const QChar prev = name.at(i - 1);
            const bool nextLower = i + 1 < name.size() && name.at(i + 1).isLower();
            if (prev.isLower() || prev.isDigit() || (prev.isUpper() && nextLower))
                out += QLatin1Char('_');
        }
        out += c.toLower();
    }
    while (out.endsWith(QLatin1Char('_')))
        out.chop(1);
    return out.isEmpty() ? QStringLiteral("column") : out;
}

QString TableProposal::columnFor(const QString &mappedName) const
{
    const int i = m_names.indexOf(mappedName);
    return i < 0 ? QString() : m_columns.at(i);
}

QStringList TableProposal::proposedKey() const
{
    if (m_columns.contains(QStringLiteral("id")))
        return {QStringLiteral("id")};
    for (const QString &c : m_columns)
        if (c.endsWith(QLatin1String("_id")))
            return {c};
    return {};
}

std::vector<MySqlNewColumn> TableProposal::columns(const QStringList &key) const
{
    std::vector<std::string> names;
    for (const QString &c : m_columns)
        names.push_back(c.toStdString());
    const SchemaPtr schema = std::make_shared<Schema>(names);
    // Each column's values converted to the one type they agree on; core then picks the SQL type
    // (BIGINT, DECIMAL(p,s), DATE, DATETIME, VARCHAR(255) for text keys...).
    std::vector<CastType> types;
    for (int c = 0; c < m_columns.size(); ++c) {
        QSet<int> seen;
        for (const QStringList &row : m_values)
            if (c < row.size())
                if (const auto t = guessType(row.at(c)))
                    seen.insert(int(*t));
        types.push_back(columnType(seen));
    }
    Batch batch;
    for (const QStringList &row : m_values) {
        Record r;
        r.schema = schema;
        for (int c = 0; c < m_columns.size(); ++c) {
            const QString text = c < row.size() ? row.at(c) : QString();
            if (text.isNull() || text.trimmed().isEmpty()) {
                r.values.push_back(Value::null());
                continue;
            }
            Value v = Value::text(text.trimmed().toStdString());
            std::string reason;
            castValue(v, types[std::size_t(c)], reason); // a value that does not convert stays text
            r.values.push_back(std::move(v));
        }
        batch.push_back(std::move(r));
    }
    std::vector<std::string> keyNames;
    for (const QString &k : key)
        keyNames.push_back(k.toStdString());
    return inferMySqlColumns(*schema, batch, keyNames);
}

QString TableProposal::createTableSql(const QString &database, const QString &table, const QStringList &key) const
{
    std::string qualified;
    if (!database.isEmpty()) {
        appendIdentifier(qualified, database.toStdString());
        qualified += '.';
    }
    appendIdentifier(qualified, table.toStdString());
    std::vector<std::string> keyNames;
    for (const QString &k : key)
        keyNames.push_back(k.toStdString());
    return QString::fromStdString(MySqlStatementBuilder::createTable(qualified, columns(key), keyNames));
}

} // namespace flowdeck
