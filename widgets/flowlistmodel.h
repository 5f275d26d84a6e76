#pragma once

#include "core/flow/flow.h"
#include "core/engine/runmetrics.h"

#include <QAbstractTableModel>
#include <QString>

#include <vector>

namespace flowdeck {

/// The flows in the user's flow folder, one row each, with their run state.
class FlowListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Route, Trigger, State, NextRun, LastRun, ColumnCount };

    struct Entry
    {
        QString path;
        Flow flow;
        QString loadError; // the flow file is invalid: every problem, one per line
        QString state;     // "", "running", "completed", "failed", "stopped"
        QString lastRun;   // summary of the last run
        RunCounts counts;
        QString nextRun;   // scheduled flows: local time, "paused", "deactivated"; "" otherwise
    };

    explicit FlowListModel(QObject *parent = nullptr);

    /// Loads every *.flow.json in `folders` (recursively), sorted by name.
    void load(const QStringList &folders);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    /// The State column's text of a run state ("running", "completed", …; "" is Ready).
    static QString stateText(const QString &state);
    /// Every text the State column can show (the column is made as wide as the widest).
    static QStringList stateTexts();

    const Entry &entry(int row) const { return m_entries.at(std::size_t(row)); }
    int rowOfPath(const QString &path) const;
    void setRunState(int row, const QString &state, const QString &lastRun, const RunCounts &counts, bool notify = true);
    /// Sets the Next run column of `row`; no signal when it is unchanged or `notify` is false
    /// (a setRunState() of the same row follows: its dataChanged covers this column).
    void setNextRun(int row, const QString &nextRun, bool notify = true);
    /// Sets the state and last run of `row` from the newest entry of its run history (what
    /// `flowdeck history` prints); false when the flow has no history yet.
    /// `notify` false: no signal (the caller emits rowsChanged() after a batch).
    bool setLastRunFromHistory(int row, const QString &stateDir, bool notify = true);
    /// One dataChanged for the state, next run and last run of every row.
    void rowsChanged();
    /// The newest run in the flow's `<stateDir>/<name>.history.jsonl`; null when there is none.
    static nlohmann::json lastHistoryEntry(const QString &stateDir, const std::string &flowName);
    /// "read 3, written 3, filtered 0, dead-lettered 0" (or the error) for a history entry.
    static QString describeRun(const nlohmann::json &entry);

    /// "file accounts.csv → mysql sf_account" for an endpoint pair.
    static QString describeRoute(const Flow &flow);

private:
    QVariant decoration(const Entry &e, const QModelIndex &index, int role) const;
    std::vector<Entry> m_entries;
};

} // namespace flowdeck
