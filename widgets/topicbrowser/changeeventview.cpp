#include "changeeventview.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace flowdeck {

namespace {

QString cell(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null: return QStringLiteral("NULL");
    case QJsonValue::Undefined: return QString();
    case QJsonValue::String: return v.toString();
    case QJsonValue::Bool: return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: return QString::number(v.toDouble(), 'g', 17);
    default: return QString::fromUtf8(QJsonDocument(v.isArray() ? QJsonDocument(v.toArray()) : QJsonDocument(v.toObject())).toJson(QJsonDocument::Compact));
    }
}

ChangeEventView::Row makeRow(const QJsonObject &before, const QJsonObject &after)
{
    ChangeEventView::Row row;
    QStringList columns = after.isEmpty() ? before.keys() : after.keys();
    for (const QString &k : before.keys())
        if (!columns.contains(k))
            columns << k;
    for (const QString &c : columns) {
        row.columns << c;
        if (!before.isEmpty())
            row.before << cell(before.value(c));
        if (!after.isEmpty())
            row.after << cell(after.value(c));
        row.changed << (!before.isEmpty() && !after.isEmpty() && before.value(c) != after.value(c));
    }
    return row;
}

} // namespace

ChangeEventView ChangeEventView::parse(const QByteArray &value)
{
    ChangeEventView view;
    const QJsonDocument doc = QJsonDocument::fromJson(value);
    if (!doc.isObject())
        return view;
    QJsonObject o = doc.object();
    // canal-json (TiCDC): type, database, table, isDdl, data, old.
    if (o.contains(QLatin1String("type")) && o.contains(QLatin1String("database")) && o.contains(QLatin1String("isDdl"))) {
        view.format = QStringLiteral("canal-json");
        view.table = o.value(QLatin1String("database")).toString() + QLatin1Char('.') + o.value(QLatin1String("table")).toString();
        if (o.value(QLatin1String("isDdl")).toBool()) {
            view.operation = QStringLiteral("DDL");
            view.statement = o.value(QLatin1String("sql")).toString();
            return view;
        }
        view.operation = o.value(QLatin1String("type")).toString();
        const QJsonArray data = o.value(QLatin1String("data")).toArray();
        const QJsonArray old = o.value(QLatin1String("old")).toArray();
        for (qsizetype i = 0; i < data.size(); ++i) {
            const QJsonObject row = data.at(i).toObject();
            if (view.operation == QLatin1String("DELETE")) {
                view.rows << makeRow(row, {});
            } else if (view.operation == QLatin1String("UPDATE")) {
                QJsonObject before = row; // "old" holds only the columns that changed
                const QJsonObject changed = old.at(i).toObject();
                for (auto it = changed.begin(); it != changed.end(); ++it)
                    before.insert(it.key(), it.value());
                view.rows << makeRow(before, row);
            } else {
                view.rows << makeRow({}, row);
            }
        }
        return view;
    }
    // Debezium: {before, after, source, op} or {schema, payload: {...}}.
    if (o.contains(QLatin1String("payload")) && o.value(QLatin1String("payload")).isObject())
        o = o.value(QLatin1String("payload")).toObject();
    if (o.contains(QLatin1String("op")) && o.contains(QLatin1String("source"))
        && (o.contains(QLatin1String("after")) || o.contains(QLatin1String("before")))) {
        view.format = QStringLiteral("debezium-json");
        const QJsonObject source = o.value(QLatin1String("source")).toObject();
        view.table = source.value(QLatin1String("db")).toString() + QLatin1Char('.') + source.value(QLatin1String("table")).toString();
        const QString op = o.value(QLatin1String("op")).toString();
        view.operation = op == QLatin1String("c") ? QStringLiteral("INSERT")
                       : op == QLatin1String("u") ? QStringLiteral("UPDATE")
                       : op == QLatin1String("d") ? QStringLiteral("DELETE")
                       : op == QLatin1String("r") ? QStringLiteral("READ")
                                                  : op;
        view.rows << makeRow(o.value(QLatin1String("before")).toObject(), o.value(QLatin1String("after")).toObject());
    }
    return view;
}

QString ChangeEventView::toHtml() const
{
    if (!recognised())
        return QString();
    QString html = QStringLiteral("<p><b>%1</b> %2 <span style='color:#666'>(%3)</span></p>")
                       .arg(operation.toHtmlEscaped(), table.toHtmlEscaped(), format);
    if (!statement.isEmpty())
        html += QStringLiteral("<pre>%1</pre>").arg(statement.toHtmlEscaped());
    for (const Row &row : rows) {
        const bool hasBefore = !row.before.isEmpty(), hasAfter = !row.after.isEmpty();
        html += QStringLiteral("<table border='1' cellspacing='0' cellpadding='3'><tr><th>%1</th>").arg(QCoreApplication::translate("flowdeck::ChangeEventView", "Column"));
        if (hasBefore)
            html += QStringLiteral("<th>%1</th>").arg(QCoreApplication::translate("flowdeck::ChangeEventView", "Before"));
        if (hasAfter)
            html += QStringLiteral("<th>%1</th>").arg(QCoreApplication::translate("flowdeck::ChangeEventView", "After"));
        html += QStringLiteral("</tr>");
        for (qsizetype i = 0; i < row.columns.size(); ++i) {
            const bool changed = row.changed.value(i);
            auto td = [changed](QString s) {
                if (s.size() > 120) // long text columns would push the others out of sight
                    s = s.left(120) + QStringLiteral("…");
                return changed ? QStringLiteral("<td><b>%1</b></td>").arg(s.toHtmlEscaped()) : QStringLiteral("<td>%1</td>").arg(s.toHtmlEscaped());
            };
            html += QStringLiteral("<tr><td>%1</td>").arg(row.columns[i].toHtmlEscaped());
            if (hasBefore)
                html += td(row.before.value(i));
            if (hasAfter)
                html += td(row.after.value(i));
            html += QStringLiteral("</tr>");
        }
        html += QStringLiteral("</table><br/>");
    }
    return html;
}

QString prettyJson(const QByteArray &value)
{
    const QJsonDocument doc = QJsonDocument::fromJson(value);
    return doc.isNull() ? QString::fromUtf8(value) : QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
}

} // namespace flowdeck
