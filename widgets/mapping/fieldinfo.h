#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace flowdeck {

/// One field of a flow's source, as the mapping and filter editors show it.
struct SourceField
{
    QString name;
    QString type; // as text, e.g. "text", "int", "decimal(10,2)"
};

/// One column of a flow's destination table. `required`: NOT NULL, no default, not
/// auto_increment, so a mapping must fill it.
struct DestinationColumn
{
    QString name;
    QString type;
    bool required = false;
    /// From the destination table's description (a MySQL table), else unknown (`described` false).
    bool described = false;
    bool nullable = true;
    bool hasDefault = false;
    QString defaultSql;               // "''", "0", "'pending'", "CURRENT_TIMESTAMP", "NULL"
    bool defaultIsExpression = false; // evaluated when the row is written
    bool autoIncrement = false;
    bool generated = false;           // computed by the database, never written
};

inline QStringList fieldNames(const QList<SourceField> &fields)
{
    QStringList names;
    names.reserve(fields.size());
    for (const SourceField &f : fields)
        names << f.name;
    return names;
}

} // namespace flowdeck
