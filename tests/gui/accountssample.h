#pragma once
// The seed's Salesforce Account export (resources/examples/salesforce-accounts/accounts.csv) as
// the mapping and filter editors get it: its fields and its rows, read by core's FileSource.

#include "tests/common/testsupport.h"

#include "core/file/filesource.h"
#include "widgets/mapping/fieldinfo.h"

#include <QList>

namespace flowdeck::test {

inline Batch accountsSample()
{
    FileSource source({{"type", "file"}, {"path", sourcePath("resources/examples/salesforce-accounts/accounts.csv")},
                       {"format", "csv"}},
                      std::string());
    source.open(nullptr);
    Batch rows;
    while (source.read(rows, 100)) {
    }
    return rows;
}

inline QList<SourceField> accountsFields()
{
    return {{QStringLiteral("Account ID"), QStringLiteral("text")},
            {QStringLiteral("Account Name"), QStringLiteral("text")},
            {QStringLiteral("Account Type"), QStringLiteral("text")},
            {QStringLiteral("Billing State/Province"), QStringLiteral("text")},
            {QStringLiteral("Account Rating"), QStringLiteral("text")},
            {QStringLiteral("Industry"), QStringLiteral("text")}};
}

/// sf_account as the seed creates it: only `id` is NOT NULL without a default.
inline QList<DestinationColumn> sfAccountColumns()
{
    return {{QStringLiteral("id"), QStringLiteral("varchar(255)"), true},
            {QStringLiteral("name"), QStringLiteral("varchar(150)"), false},
            {QStringLiteral("type"), QStringLiteral("varchar(150)"), false},
            {QStringLiteral("billing_state"), QStringLiteral("varchar(255)"), false},
            {QStringLiteral("rating"), QStringLiteral("varchar(255)"), false},
            {QStringLiteral("industry"), QStringLiteral("varchar(255)"), false}};
}

} // namespace flowdeck::test
