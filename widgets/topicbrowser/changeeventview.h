#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace flowdeck {

/// A Kafka message value recognised as a row change: canal-json as TiCDC writes it, or a
/// Debezium envelope (with or without its schema wrapper). One entry per row (canal-json
/// messages may carry several).
struct ChangeEventView
{
    struct Row
    {
        QStringList columns;
        QStringList before; // empty when the op has no before image (insert)
        QStringList after;  // empty for a delete
        QList<bool> changed;
    };

    QString format;    // "canal-json", "debezium-json"; empty: not a row change
    QString operation; // INSERT, UPDATE, DELETE, READ (snapshot), DDL
    QString table;     // "db.table"
    QString statement; // DDL
    QList<Row> rows;

    bool recognised() const { return !format.isEmpty(); }

    /// Recognises `value` (UTF-8 JSON text); returns a view whose format is empty otherwise.
    static ChangeEventView parse(const QByteArray &value);
    /// The change as an HTML table (before / after per column, changed ones in bold).
    QString toHtml() const;
};

/// `value` pretty-printed when it is JSON, else as it is.
QString prettyJson(const QByteArray &value);

} // namespace flowdeck
