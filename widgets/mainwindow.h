#pragma once

#include <QMainWindow>
#include <QPointer>

#include <map>

class QAction;
class QPlainTextEdit;
class QTableView;
class QTimer;

namespace flowdeck {

class FlowListModel;
class FlowRunner;
struct RunResult;

/// The main window: the list of flows with their state, run and stop, the flow file and the
/// last run's outcome. (The wizard and the monitor window come with their own issues.)
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    /// `flowsFolder`: where flow files are listed from (the examples are installed there).
    explicit MainWindow(const QString &flowsFolder, QWidget *parent = nullptr);
    ~MainWindow() override;

    FlowListModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }

    /// Runs the flow in `row` (as the Run action does).
    void runRow(int row);

private:
    void createActions();
    void reload();
    void updateActions();
    void showDetails();
    void refreshRunning();
    void onFinished(const QString &path, const RunResult &result);
    void openFlowFile();
    void setLanguage(const QString &language);
    void about();
    int currentRow() const;

    QString m_flowsFolder;
    FlowListModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QPlainTextEdit *m_details = nullptr;
    QTimer *m_refresh = nullptr;
    QAction *m_runAction = nullptr;
    QAction *m_stopAction = nullptr;
    std::map<QString, QPointer<FlowRunner>> m_runners; // by flow file path
    std::map<QString, QString> m_lastOutput;           // by flow file path
};

} // namespace flowdeck
