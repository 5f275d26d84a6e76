#pragma once

#include "core/mysql/mysqlstatementbuilder.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <vector>

namespace flowdeck {

/// A table the wizard proposes to create for a MySQL destination: column names in snake_case
/// (`Account ID` -> `account_id`), types inferred from the preview's values (a text column whose
/// values all read as integers becomes BIGINT, as dates DATE...), and the key as PRIMARY KEY.
class TableProposal
{
public:
    /// `names`: the destination names as mapped; `values`: the preview's rows, one text per name
    /// (a null QString for NULL).
    TableProposal(const QStringList &names, const QList<QStringList> &values);

    /// `Account ID` -> `account_id`, `AnnualRevenue` -> `annual_revenue`, `Billing State/Province`
    /// -> `billing_state_province`; "column" when nothing is left.
    static QString snakeCase(const QString &name);

    /// The proposed name of each mapped name (unique: a clash gets `_2`, `_3`...).
    const QStringList &columnNames() const { return m_columns; }
    const QStringList &mappedNames() const { return m_names; }
    /// The proposed name for a mapped one; "" when it is not among them.
    QString columnFor(const QString &mappedName) const;
    /// A key proposal: a column named `id`, else the first ending in `_id`, else none.
    QStringList proposedKey() const;

    /// The columns with their types for `key` (key columns NOT NULL and indexable).
    std::vector<MySqlNewColumn> columns(const QStringList &key) const;
    /// CREATE TABLE `database`.`table` (...) with the key as PRIMARY KEY, identifiers quoted.
    QString createTableSql(const QString &database, const QString &table, const QStringList &key) const;

private:
    QStringList m_names;
    QStringList m_columns;
    QList<QStringList> m_values;
};

} // namespace flowdeck
