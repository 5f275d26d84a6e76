// "Map all by name" in the mapping editor: exact matches ignoring case, spaces and underscores,
// then word runs ("Account Name" -> name), and nothing at all where a match is ambiguous.
#include "widgets/mapping/fieldmappingmodel.h"
#include "widgets/mapping/mappingeditor.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace flowdeck;

namespace {

QStringList strings(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *s : list)
        out << QString::fromUtf8(s);
    return out;
}

} // namespace

class TestAutoMapper : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void autoMapAmbiguity_data();
    void autoMapAmbiguity();
    void normalisation_data();
    void normalisation();
};

void TestAutoMapper::autoMapAmbiguity_data()
{
    QTest::addColumn<QStringList>("sources");
    QTest::addColumn<QStringList>("columns");
    QTest::addColumn<QStringList>("expected"); // "source>destination"
    QTest::addColumn<QStringList>("ambiguous"); // names the report must mention

    QTest::newRow("spaces and case") << strings({"Account Name"}) << strings({"account_name"})
                                     << strings({"Account Name>account_name"}) << QStringList();
    QTest::newRow("no camel-case split") << strings({"AccountName"}) << strings({"accountname", "name"})
                                         << strings({"AccountName>accountname"}) << QStringList();
    QTest::newRow("two fields, one column") << strings({"Account Name", "account name", "Industry"})
                                            << strings({"account_name", "industry"}) << strings({"Industry>industry"})
                                            << strings({"account_name", "Account Name", "account name"});
    QTest::newRow("two fields end in the column's word") << strings({"Account ID", "Parent ID"}) << strings({"id"})
                                                          << QStringList() << strings({"id", "Account ID", "Parent ID"});
    QTest::newRow("one field, two columns") << strings({"Billing State"}) << strings({"billing", "state"})
                                            << QStringList() << strings({"Billing State", "billing", "state"});
    QTest::newRow("exact match wins") << strings({"Account Name", "Name"}) << strings({"name"})
                                      << strings({"Name>name"}) << QStringList();
    QTest::newRow("words in order") << strings({"State Billing"}) << strings({"billing_state"}) << QStringList()
                                    << QStringList();
}

void TestAutoMapper::autoMapAmbiguity()
{
    QFETCH(QStringList, sources);
    QFETCH(QStringList, columns);
    QFETCH(QStringList, expected);
    QFETCH(QStringList, ambiguous);

    MappingEditor e;
    QAbstractItemModelTester tester(e.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<SourceField> fields;
    for (const QString &s : sources)
        fields << SourceField{s, QStringLiteral("text")};
    QList<DestinationColumn> cols;
    for (const QString &c : columns)
        cols << DestinationColumn{c, QStringLiteral("text"), false};
    e.setSourceFields(fields);
    e.setDestinationColumns(cols);
    const AutoMapper::Result result = e.mapAllByName();

    QStringList made;
    for (const MappingRow &row : e.model()->rows())
        made << row.source + QLatin1Char('>') + row.destination;
    QCOMPARE(made, expected);
    QCOMPARE(result.ambiguities.isEmpty(), ambiguous.isEmpty());
    for (const QString &name : ambiguous)
        QVERIFY2(e.messageText().contains(QLatin1Char('\'') + name + QLatin1Char('\'')), qPrintable(e.messageText()));
}

void TestAutoMapper::normalisation_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("normalized");
    QTest::addColumn<QStringList>("words");
    QTest::newRow("spaces") << QStringLiteral("Account Name") << QStringLiteral("accountname") << strings({"account", "name"});
    QTest::newRow("underscores") << QStringLiteral("billing_state") << QStringLiteral("billingstate") << strings({"billing", "state"});
    QTest::newRow("slash") << QStringLiteral("Billing State/Province") << QStringLiteral("billingstate/province")
                           << strings({"billing", "state", "province"});
    QTest::newRow("camel case is one word") << QStringLiteral("AccountName") << QStringLiteral("accountname") << strings({"accountname"});
    QTest::newRow("unicode") << QStringLiteral("Straße Nr") << QStringLiteral("straßenr") << strings({"straße", "nr"});
}

void TestAutoMapper::normalisation()
{
    QFETCH(QString, name);
    QFETCH(QString, normalized);
    QFETCH(QStringList, words);
    QCOMPARE(AutoMapper::normalized(name), normalized);
    QCOMPARE(AutoMapper::words(name), words);
}

QTEST_MAIN(TestAutoMapper)
#include "tst_automapper.moc"
