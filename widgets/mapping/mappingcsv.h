#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace flowdeck {

/// A mapping written as CSV, one `source,destination` pair per line, as the AppFlow console
/// imports it. Fields may be quoted ("Billing State/Province","billing_state"), a quote inside a
/// quoted field doubled. A first line `source,destination` is a header and skipped; blank lines
/// are skipped.
class MappingCsv
{
    Q_DECLARE_TR_FUNCTIONS(flowdeck::MappingCsv)
public:
    struct Pair
    {
        int line; // 1-based
        QString source;
        QString destination;
    };
    struct Result
    {
        QList<Pair> pairs;
        QStringList problems; // "line 3: ...", in line order
    };

    /// Parses the text; a bad line is reported and skipped, the others are kept. With
    /// `sources` / `destinations` given (non-empty), a line naming a field or a column they do
    /// not have is reported and skipped too, as is a column mapped by an earlier line.
    static Result parse(const QString &text, const QStringList &sources = {}, const QStringList &destinations = {});
    /// Splits one CSV line. Returns false with `error` set for an unbalanced quote or text after
    /// a closing quote.
    static bool splitLine(const QString &line, QStringList &fields, QString &error);
    /// The line as CSV: fields quoted when they hold a comma, a quote or surrounding spaces.
    static QString joinLine(const QStringList &fields);
};

} // namespace flowdeck
