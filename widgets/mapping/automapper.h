#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace flowdeck {

/// "Map all by name": pairs source fields with destination columns whose names match, and only
/// when the match is unambiguous.
///
/// A pair matches exactly when the names are equal ignoring case, spaces and underscores
/// ("Account Name" and `account_name`, "AccountName" and `accountname`); failing that, when the
/// column's words are a run of the field's words ("Account Name" → `name`, "Billing
/// State/Province" → `billing_state`). Exact matches are taken first. When a column matches two
/// fields, or a field two columns, none of them is mapped and the conflict is reported.
class AutoMapper
{
public:
    struct Result
    {
        QList<QPair<QString, QString>> pairs; // source, destination, in destination order
        QStringList ambiguities;              // one readable sentence per conflict
    };

    /// `sources` and `destinations` are the names still free (not mapped yet).
    static Result map(const QStringList &sources, const QStringList &destinations);
    /// Lower case without spaces and underscores: the exact-match key.
    static QString normalized(const QString &name);
    /// Lower-case words: runs of letters and digits.
    static QStringList words(const QString &name);
};

} // namespace flowdeck
