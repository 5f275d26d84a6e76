#pragma once

#include <QWidget>

#include <nlohmann/json.hpp>

class QLabel;
class QPlainTextEdit;
class QTableView;

namespace flowdeck {

class RunHistoryModel;

/// Past runs of one flow, newest first, with the selected run's details (error, position,
/// checkpoint it resumed from). Reads the history file the engine appends to after each run.
class RunHistoryView : public QWidget
{
    Q_OBJECT
public:
    explicit RunHistoryView(QWidget *parent = nullptr);

    /// Shows the runs of `flowName` recorded in `stateDir`.
    void setFlow(const QString &stateDir, const QString &flowName);
    void reload();

    RunHistoryModel *model() const { return m_model; }
    /// A run of the history in words (the details pane), not the JSON of the file.
    static QString detailsText(const nlohmann::json &run);
    QTableView *view() const { return m_view; }

private:
    void showDetails();

    RunHistoryModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_summary = nullptr;
    QPlainTextEdit *m_details = nullptr;
};

} // namespace flowdeck
