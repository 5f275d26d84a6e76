#pragma once

#include "mappingrow.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>

namespace flowdeck {

/// The rows of the mapping editor: one per `mapping` entry. Source and Destination are edited
/// in place; Transform and Validation show a summary of their steps (edited in StepDialog).
/// Names the source or the destination does not have are shown in red with the reason.
///
/// Updates are batched as qBittorrent's transfer list does: one dataChanged per changed row, or
/// one for the whole table when most rows changed; rows added together are inserted at once.
class FieldMappingModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Source, Destination, Transform, Validation, ColumnCount };

    explicit FieldMappingModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

    const QList<MappingRow> &rows() const { return m_rows; }
    const MappingRow &row(int r) const { return m_rows.at(r); }
    void setRows(const QList<MappingRow> &rows);
    /// Adds rows in one insertion.
    void appendRows(const QList<MappingRow> &rows);
    /// Replaces one row (same destination re-mapped, steps edited).
    void replaceRow(int r, const MappingRow &row);
    /// Removes the given rows (any order), one removal per contiguous range.
    void removeRowsAt(QList<int> rows);
    /// The row mapping `destination`, or -1.
    int rowOfDestination(const QString &destination) const;
    bool isSourceUsed(const QString &source) const;

    /// The names rows are checked against: an empty source list checks nothing; an empty
    /// destination list means free names (every destination is valid and editable as text).
    void setKnownNames(const QStringList &sources, const QStringList &destinations);
    const QStringList &knownSources() const { return m_sources; }
    const QStringList &knownDestinations() const { return m_destinations; }
    bool freeDestinations() const { return m_destinations.isEmpty(); }

    /// Why a row is wrong (unknown source field, unknown column, mapped twice...), or empty.
    QString rowProblem(int r) const { return m_problems.value(r); }

private:
    QString computeProblem(int r, const QHash<QString, int> &firstRowOf) const;
    /// Recomputes every row's problem (one pass); returns the rows whose problem changed.
    QList<int> updateProblems();
    void emitRowsChanged(QList<int> rows);

    QList<MappingRow> m_rows;
    QStringList m_sources;
    QStringList m_destinations;
    QStringList m_problems; // per row, kept current so painting stays O(1) per cell
};

} // namespace flowdeck
