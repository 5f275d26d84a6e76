#pragma once

#include <QAbstractTableModel>

#include <nlohmann/json.hpp>

#include <vector>

namespace flowdeck {

/// A flow's past runs from its `<state-dir>/<name>.history.jsonl` (what `flowdeck history`
/// prints): start, end, result, counts and error, newest first, like AppFlow's run history.
class RunHistoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Started, Ended, Result, Read, Written, Filtered, DeadLettered, Duration, Error, ColumnCount };

    explicit RunHistoryModel(QObject *parent = nullptr);

    /// Reads the history of `flowName` in `stateDir`. Lines that are not JSON are skipped and
    /// counted in skippedLines(). Returns false when the file cannot be opened (no run yet).
    bool load(const QString &stateDir, const QString &flowName);
    /// Reads again from the same file.
    void reload();
    int skippedLines() const { return m_skipped; }
    QString path() const { return m_path; }
    const nlohmann::json &run(int row) const { return m_runs[std::size_t(row)]; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString m_path;
    std::vector<nlohmann::json> m_runs; // newest first
    int m_skipped = 0;
};

} // namespace flowdeck
