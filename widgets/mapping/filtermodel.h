#pragma once

#include <nlohmann/json.hpp>

#include <QAbstractTableModel>
#include <QStringList>

namespace flowdeck {

/// One condition of a flow's `filters`: {"field", "op", "value"}. `value` is kept as the JSON
/// it was loaded as (numbers stay numbers) until the user edits it.
struct FilterRow
{
    QString field;
    QString op = QStringLiteral("eq");
    nlohmann::json value = ""; // null when the op takes none; an array for between, in, notIn
};

/// The rows of the filter editor. The Value column's edit role is the text of a one-value op,
/// or a QStringList for between (two) and in/notIn (any number); isNull/isNotNull take none.
/// Rows the core would refuse say why in their tooltip and are drawn red.
class FilterModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Field, Operator, Value, ColumnCount };
    /// How many values an operator takes.
    enum class Arity { None, One, Two, List };

    explicit FilterModel(QObject *parent = nullptr);

    static Arity arity(const QString &op);
    /// The operators in vocabulary order, and a readable label for each.
    static QStringList operators();
    static QString operatorLabel(const QString &op);
    /// The values of a row as text parts (one for a one-value op).
    static QStringList valueParts(const FilterRow &row);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

    const QList<FilterRow> &rows() const { return m_rows; }
    void setRows(const QList<FilterRow> &rows);
    void appendRow(const FilterRow &row);
    void removeRowsAt(QList<int> rows);
    void setKnownFields(const QStringList &fields);
    const QStringList &knownFields() const { return m_fields; }

    /// Why a row is not a valid condition, or empty.
    QString rowProblem(int row) const;

    nlohmann::json toJson() const;
    static QList<FilterRow> fromJson(const nlohmann::json &filters);

private:
    QList<FilterRow> m_rows;
    QStringList m_fields;
};

} // namespace flowdeck
