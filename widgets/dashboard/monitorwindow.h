#pragma once

#include "core/engine/metricshistory.h"

#include <QElapsedTimer>

#include <memory>
#include <QPointer>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTableView;
class QTimer;

namespace flowdeck {

class ErrorListModel;
class FlowRunner;
class RateChart;
class RowCountPoller;
class RunHistoryView;
class TableMetricsModel;
struct EngineOptions;
struct Flow;
struct RowCount;
struct RunResult;

/// The live view of one flow run: rows/s per table, messages/s per topic and source lag as
/// charts, counters that add up, snapshot progress with ETA, the error list with the failing
/// records, destination row counts, the flow's run history, start / pause / stop, and a warning
/// when the source has data but nothing was written for stallSeconds().
///
/// It samples the run's metrics on a timer (a few times a second: a copy, never a lock on the
/// data path), keeps a bounded history, and redraws through a ~40 ms single-shot timer started
/// only when none is pending (PlotJuggler's updateDataAndReplot), so the GUI stays smooth
/// however fast the flow runs. Several monitors can be open, on the same run or on others.
class MonitorWindow : public QWidget
{
    Q_OBJECT
public:
    /// Watches `runner` (running or not; not owned). Start runs it if it is idle.
    explicit MonitorWindow(FlowRunner *runner, QWidget *parent = nullptr);
    /// Makes its own runner for `flow`; the window owns it and stops the run when closed.
    MonitorWindow(const Flow &flow, const EngineOptions &options, QWidget *parent = nullptr);
    /// Makes its own runner for the flow file at `flowPath`, read again by every Start, so a
    /// flow edited and saved while the monitor is open runs as saved. An invalid file shows its
    /// problems instead of running.
    MonitorWindow(const QString &flowPath, const EngineOptions &options, QWidget *parent = nullptr);
    ~MonitorWindow() override;

    FlowRunner *runner() const { return m_runner; }

    /// Seconds without a written row, while the source has data, before the stall warning.
    void setStallSeconds(int seconds) { m_stallSeconds = seconds; }
    int stallSeconds() const { return m_stallSeconds; }
    /// Sampling period of the metrics (default 250 ms).
    void setSampleInterval(int ms);

    // For tests and the screenshot tool.
    RateChart *tableChart() const { return m_tableChart; }
    RateChart *topicChart() const { return m_topicChart; }
    RateChart *lagChart() const { return m_lagChart; }
    TableMetricsModel *tablesModel() const { return m_tables; }
    TableMetricsModel *destinationsModel() const { return m_destinations; }
    ErrorListModel *errorsModel() const { return m_errors; }
    RunHistoryView *historyView() const { return m_history; }
    QTabWidget *tabs() const { return m_tabs; }
    QString countersText() const;
    bool stallWarningShown() const;
    const MetricsHistory &metricsHistory() const { return m_samples; }
    /// Replots done so far (the coalescing timer's firings).
    int replotCount() const { return m_replots; }

public Q_SLOTS:
    void start();
    void pause();
    void stop();

private:
    void init();
    void buildUi();
    void sample();
    void requestReplot();
    void replot();
    void updateButtons();
    void onFinished(const RunResult &result);
    void onCounted(const std::vector<RowCount> &counts);
    void showError();
    void attach();
    bool reloadFlowFile();

    QPointer<FlowRunner> m_runner;
    bool m_ownsRunner = false;
    QString m_flowPath; // read again by start() when set
    std::unique_ptr<EngineOptions> m_options; // of the runners made for m_flowPath
    bool m_paused = false;
    int m_stallSeconds = 10;
    QElapsedTimer m_clock;
    MetricsHistory m_samples;
    MetricsSnapshot m_latest;
    QTimer *m_sampleTimer = nullptr;
    QTimer *m_replotTimer = nullptr;
    int m_replots = 0;
    RowCountPoller *m_poller = nullptr;
    qint64 m_lastPollMs = -100000;

    QLabel *m_title = nullptr;
    QLabel *m_state = nullptr;
    QLabel *m_stall = nullptr;
    QLabel *m_counters = nullptr;
    QLabel *m_lag = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_eta = nullptr;
    QPushButton *m_startButton = nullptr;
    QPushButton *m_pauseButton = nullptr;
    QPushButton *m_stopButton = nullptr;
    RateChart *m_tableChart = nullptr;
    RateChart *m_topicChart = nullptr;
    RateChart *m_lagChart = nullptr;
    QTabWidget *m_tabs = nullptr;
    TableMetricsModel *m_tables = nullptr;
    TableMetricsModel *m_destinations = nullptr;
    ErrorListModel *m_errors = nullptr;
    QTableView *m_errorView = nullptr;
    QTableView *m_destinationsView = nullptr;
    QLabel *m_destinationsLabel = nullptr;
    QPlainTextEdit *m_errorDetail = nullptr;
    RunHistoryView *m_history = nullptr;
};

} // namespace flowdeck
