// The mapping table's model: batched updates (qBittorrent's transfer list rule), removals in
// contiguous ranges, and the per-row problems the editor draws.
#include "widgets/mapping/fieldmappingmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace flowdeck;

namespace {

QList<MappingRow> rows(int n)
{
    QList<MappingRow> out;
    for (int i = 0; i < n; ++i) {
        MappingRow r;
        r.source = QStringLiteral("f%1").arg(i);
        r.destination = QStringLiteral("c%1").arg(i);
        out << r;
    }
    return out;
}

QStringList names(const QString &prefix, int n, int skipFrom = -1, int skipTo = -1)
{
    QStringList out;
    for (int i = 0; i < n; ++i)
        if (i < skipFrom || i > skipTo)
            out << prefix + QString::number(i);
    return out;
}

} // namespace

class TestFieldMappingModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void batchedUpdates_data();
    void batchedUpdates();
    void removalsByRange();
    void rowProblems();
};

void TestFieldMappingModel::batchedUpdates_data()
{
    QTest::addColumn<QStringList>("sources"); // the source fields the model is told about
    QTest::addColumn<int>("signals");
    QTest::addColumn<int>("firstRow");
    QTest::addColumn<int>("lastRow");
    QTest::newRow("nothing changes") << names(QStringLiteral("f"), 10) << 0 << -1 << -1;
    QTest::newRow("one row: its own signal") << names(QStringLiteral("f"), 10, 4, 4) << 1 << 4 << 4;
    QTest::newRow("three rows: one each") << names(QStringLiteral("f"), 10, 2, 4) << 3 << 2 << 4;
    QTest::newRow("most rows: one for all") << names(QStringLiteral("f"), 10, 1, 8) << 1 << 0 << 9;
}

void TestFieldMappingModel::batchedUpdates()
{
    QFETCH(QStringList, sources);
    QFETCH(int, signals);
    QFETCH(int, firstRow);
    QFETCH(int, lastRow);
    FieldMappingModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.appendRows(rows(10));
    QCOMPARE(inserted.count(), 1);
    model.setKnownNames(names(QStringLiteral("f"), 10), {});

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setKnownNames(sources, {});
    QCOMPARE(changed.count(), signals);
    if (signals) {
        QCOMPARE(changed.first().at(0).toModelIndex().row(), firstRow);
        QCOMPARE(changed.last().at(1).toModelIndex().row(), lastRow);
        QCOMPARE(changed.last().at(1).toModelIndex().column(), int(FieldMappingModel::ColumnCount) - 1);
    }
    // The changed rows now say why they are wrong.
    for (int r = 0; r < 10; ++r)
        QCOMPARE(model.index(r, FieldMappingModel::Source).data(Qt::ToolTipRole).toString().contains(QLatin1String("no field")),
                 !sources.contains(QStringLiteral("f%1").arg(r)));
}

void TestFieldMappingModel::removalsByRange()
{
    FieldMappingModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRows(rows(10));
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    model.removeRowsAt({7, 2, 1, 3, 3});
    QCOMPARE(removed.count(), 2); // 7, then 1..3
    QCOMPARE(removed.at(1).at(1).toInt(), 1);
    QCOMPARE(removed.at(1).at(2).toInt(), 3);
    QStringList left;
    for (const MappingRow &r : model.rows())
        left << r.destination;
    QCOMPARE(left, (QStringList{QStringLiteral("c0"), QStringLiteral("c4"), QStringLiteral("c5"), QStringLiteral("c6"),
                                QStringLiteral("c8"), QStringLiteral("c9")}));
}

void TestFieldMappingModel::rowProblems()
{
    FieldMappingModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<MappingRow> list = rows(3);
    list[2].destination = QStringLiteral("c0");
    model.setRows(list);
    model.setKnownNames(names(QStringLiteral("f"), 3), {QStringLiteral("c0"), QStringLiteral("c1")});
    QCOMPARE(model.rowProblem(0), QString());
    QCOMPARE(model.rowProblem(2), QStringLiteral("The column 'c0' is already mapped in row 1."));
    QVERIFY(model.index(2, FieldMappingModel::Destination).data(Qt::ForegroundRole).isValid());
    QVERIFY(!model.index(0, FieldMappingModel::Destination).data(Qt::ForegroundRole).isValid());
    // With columns given, the destination is picked, not typed; the transform cells open a dialog.
    QVERIFY(model.setData(model.index(2, FieldMappingModel::Destination), QStringLiteral("c9")));
    QCOMPARE(model.rowProblem(2), QStringLiteral("The destination has no column 'c9'."));
    QVERIFY(!(model.flags(model.index(0, FieldMappingModel::Transform)) & Qt::ItemIsEditable));
    // A row with neither a source nor a transform writes nothing.
    QVERIFY(model.setData(model.index(1, FieldMappingModel::Source), QString()));
    QVERIFY(model.rowProblem(1).contains(QLatin1String("Choose a source field or a transform")));
}

QTEST_MAIN(TestFieldMappingModel)
#include "tst_fieldmappingmodel.moc"
