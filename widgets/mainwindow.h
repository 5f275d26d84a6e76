#pragma once

#include "core/schedule/scheduler.h" // RunTrigger (lupdate cannot parse an opaque enum declaration)

#include <QMainWindow>
#include <QPointer>

#include <cstdint>
#include <functional>
#include <map>

class QAction;
class QMenu;
class QToolBar;
class QPlainTextEdit;
class QTableView;
class QTimer;

namespace flowdeck {

class FlowListModel;
struct Flow;
class FlowRunner;
class FlowWizard;
class BrokerStatus;
class SandboxStatus;
class SchedulerDriver;
struct RunResult;

/// The main window: the list of flows with their state, create / edit (the flow wizard),
/// duplicate, delete, run and stop, import and export, the flow file and the last run's outcome.
/// (The monitor window comes with its own issue: see setMonitorHandler().)
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    /// `flowsFolder`: where flow files are listed from (the examples are installed there).
    explicit MainWindow(const QString &flowsFolder, QWidget *parent = nullptr);
    ~MainWindow() override;

    FlowListModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }

    /// Runs the flow in `row` (as the Run action does). A scheduled flow runs through its
    /// scheduler (never overlapping its own scheduled run).
    void runRow(int row);
    /// Runs the flow in `row` ignoring its saved checkpoint (the CLI's `--restart`), without asking.
    void runRowFromBeginning(int row);
    /// The scheduled flows' driver (tests inject their clock there).
    SchedulerDriver *schedulerDriver() const { return m_scheduler; }
    /// The sandbox database's status and Start / Stop, in the status bar.
    SandboxStatus *sandboxStatus() const { return m_sandbox; }
    /// The embedded broker's status and Start / Stop, in the status bar.
    BrokerStatus *brokerStatus() const { return m_broker; }

    /// Opens the flow wizard (window-modal, not blocking): a new flow, or the flow in `row`.
    /// The wizard deletes itself when closed; the list reloads when it saved a flow.
    FlowWizard *openWizard(int row = -1);
    /// The wizard currently open, if any.
    FlowWizard *wizard() const;
    /// Selects the row of the flow file `path`; false when it is not listed.
    bool selectPath(const QString &path);
    /// Deletes the flow in `row` (file, checkpoint history stays); asks first when `confirm`.
    bool deleteRow(int row, bool confirm = true);
    /// Duplicates the flow in `row` as "<name>-copy"; returns the new file's path.
    QString duplicateRow(int row);
    /// Copies the flow file of `row` to `target`.
    bool exportRow(int row, const QString &target);

    /// The monitor window (issue 6, widgets/dashboard/) plugs in here: the Monitor action calls
    /// `handler` with the selected flow's file path ("" when none). Without a handler the action
    /// stays disabled.
    void setMonitorHandler(std::function<void(const QString &flowPath)> handler);

protected:
    /// Quitting stops what the window started (the embedded broker, a sandbox started with the
    /// status bar's Start); a sandbox started elsewhere: asks whether to stop it too.
    void closeEvent(QCloseEvent *event) override;

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
    // Create, edit, duplicate, delete, export, monitor (mainwindowflows.cpp).
    void createFlowActions(QMenu *flowMenu, QMenu *fileMenu);
public:
    /// Opens a monitor window for the flow file at `path` (attached to its run when it runs).
    void openMonitor(const QString &path);
private:
    void addFlowToolbarActions(QToolBar *tools);
    // Scheduled flows: Run now, Pause, Resume, Reactivate, Next run column (mainwindowschedule.cpp).
    void createScheduleActions(QMenu *flowMenu, QToolBar *tools);
    bool startRun(int row, RunTrigger trigger, bool restart = false);
    void reloadSchedules();
    bool needsStoppedSandbox(const Flow &flow) const;
    void updateScheduleActions(int row);
    void showSchedule(const QString &path);
    void exportFlowFile();
    QStringList flowNames() const;

    QString m_flowsFolder;
    FlowListModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QPlainTextEdit *m_details = nullptr;
    QTimer *m_refresh = nullptr;
    QAction *m_runAction = nullptr;
    QAction *m_restartAction = nullptr;
    QAction *m_stopAction = nullptr;
    QAction *m_newAction = nullptr;
    QAction *m_editAction = nullptr;
    QAction *m_duplicateAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_monitorAction = nullptr;
    QAction *m_runNowAction = nullptr;
    QAction *m_pauseAction = nullptr;
    QAction *m_resumeAction = nullptr;
    QAction *m_reactivateAction = nullptr;
    SchedulerDriver *m_scheduler = nullptr;
    SandboxStatus *m_sandbox = nullptr;
    BrokerStatus *m_broker = nullptr;
    QString m_finishing; // the flow whose run end is being recorded: one dataChanged for its row
    bool m_reloading = false; // reloadSchedules(): one dataChanged for all rows at its end
    std::function<void(const QString &)> m_monitorHandler;
    QPointer<FlowWizard> m_wizard;
    std::map<QString, QPointer<FlowRunner>> m_runners; // by flow file path
    std::map<QString, QString> m_lastOutput;           // by flow file path
};

} // namespace flowdeck
