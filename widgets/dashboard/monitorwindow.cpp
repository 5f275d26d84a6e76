#include "monitorwindow.h"

#include "errorlistmodel.h"
#include "widgets/enginemessages.h"
#include "progressdelegate.h"
#include "ratechart.h"
#include "rowcountpoller.h"
#include "tablemetricsmodel.h"

#include "widgets/flowrunner.h"
#include "widgets/runhistoryview.h"
#include "widgets/secretstore.h"

#include <QAbstractAxis>
#include <QChart>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace flowdeck {

namespace {

QString phaseText(RunPhase phase)
{
    switch (phase) {
    case RunPhase::Idle: return MonitorWindow::tr("Not running");
    case RunPhase::Starting: return MonitorWindow::tr("Starting");
    case RunPhase::Snapshot: return MonitorWindow::tr("Reading the snapshot");
    case RunPhase::Running: return MonitorWindow::tr("Running");
    case RunPhase::Streaming: return MonitorWindow::tr("Streaming changes");
    case RunPhase::Completed: return MonitorWindow::tr("Completed");
    case RunPhase::Failed: return MonitorWindow::tr("Failed");
    case RunPhase::Stopped: return MonitorWindow::tr("Stopped");
    }
    return QString();
}

// A file source's table is its path: the legend shows the file's name, not a cut-off path.
QString legendName(const std::string &name)
{
    const QString n = QString::fromStdString(name);
    return n.contains(QLatin1Char('/')) ? QFileInfo(n).fileName() : n;
}

QTableView *makeTableView(QAbstractItemModel *model, QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch); // the name takes the room
    for (int c = 1; c < model->columnCount(); ++c) // numbers: as wide as their (translated) header
        view->setColumnWidth(c, std::max(90, view->fontMetrics().horizontalAdvance(model->headerData(c, Qt::Horizontal).toString()) + 24));
    view->setWordWrap(false);
    // Names as wide as they need when rows arrive (a resize per insert, not per update).
    return view;
}

} // namespace

MonitorWindow::MonitorWindow(FlowRunner *runner, QWidget *parent)
    : QWidget(parent)
    , m_runner(runner)
{
    init();
}

MonitorWindow::MonitorWindow(const Flow &flow, const EngineOptions &options, QWidget *parent)
    : QWidget(parent)
    , m_runner(new FlowRunner(flow, options, this))
    , m_ownsRunner(true)
{
    init();
}

MonitorWindow::MonitorWindow(const QString &flowPath, const EngineOptions &options, QWidget *parent)
    : QWidget(parent)
    , m_ownsRunner(true)
    , m_flowPath(flowPath)
    , m_options(std::make_unique<EngineOptions>(options))
{
    init();
    reloadFlowFile(); // an invalid file: its problems shown, Start tries again
    updateButtons();
}

MonitorWindow::~MonitorWindow()
{
    if (m_ownsRunner && m_runner)
        m_runner->stop(); // the runner's destructor joins its thread
}

void MonitorWindow::init()
{
    setAttribute(Qt::WA_DeleteOnClose, false);
    buildUi();
    m_clock.start();
    m_sampleTimer = new QTimer(this);
    m_sampleTimer->setInterval(250);
    connect(m_sampleTimer, &QTimer::timeout, this, &MonitorWindow::sample);
    m_replotTimer = new QTimer(this);
    m_replotTimer->setSingleShot(true);
    m_replotTimer->setInterval(40);
    connect(m_replotTimer, &QTimer::timeout, this, &MonitorWindow::replot);
    attach();
    m_sampleTimer->start();
    sample();
    updateButtons();
}

void MonitorWindow::attach()
{
    if (m_runner) {
        const Flow &flow = m_runner->flow();
        setWindowTitle(tr("Monitor — %1").arg(QString::fromStdString(flow.name)));
        m_title->setText(QStringLiteral("<b>%1</b>").arg(QString::fromStdString(flow.name).toHtmlEscaped()));
        const bool kafka = flow.destination.value("type", std::string()) == "kafka";
        m_topicChart->chart()->setTitle(kafka ? tr("Messages/s per topic") : tr("Rows/s per destination table"));
        if (!kafka)
            m_topicChart->chart()->axes(Qt::Vertical).constFirst()->setTitleText(tr("rows/s"));
        // A file is read at once: no lag to show (no "Lag: unknown", no empty chart).
        const bool file = flow.source.value("type", std::string()) == "file";
        m_lagChart->setVisible(!file);
        m_lag->setVisible(!file);
        if (flow.destination.value("type", std::string()) != "mysql")
            m_destinationsView->hideColumn(TableMetricsModel::InDestination);
        else
            m_destinationsLabel->setText(tr("Destinations (rows in destination: counted on the server every 2 s)"));
        if (!kafka)
            m_destinationsView->hideColumn(TableMetricsModel::Bytes);
        if (flow.destination.value("type", std::string()) == "mysql" && flow.destination.contains("connection")) {
            m_poller = new RowCountPoller(flow.destination["connection"], this);
            connect(m_poller, &RowCountPoller::counted, this, &MonitorWindow::onCounted);
        }
        m_history->setFlow(QString::fromStdString(m_runner->options().stateDir), QString::fromStdString(flow.name));
        connect(m_runner, &FlowRunner::finished, this, &MonitorWindow::onFinished);
        connect(m_runner, &FlowRunner::started, this, &MonitorWindow::updateButtons);
    }
}

bool MonitorWindow::reloadFlowFile()
{
    // Runs what the file says now: Start after editing and saving the flow runs the new settings.
    try {
        const std::string path = m_flowPath.toStdString();
        Flow flow = loadFlow(path, SecretStore::lookup(QString::fromStdString(flowNameInFile(path)))); // its own secrets only
        delete m_poller;
        m_poller = nullptr;
        delete m_runner;
        m_runner = new FlowRunner(std::move(flow), *m_options, this);
        attach();
        return true;
    } catch (const FlowError &e) {
        QStringList lines;
        for (const auto &p : e.problems())
            lines << QString::fromStdString(p.toString());
        m_state->setText(tr("The flow file has problems: %1").arg(lines.join(QStringLiteral("; "))));
        m_state->setToolTip(m_state->text());
        return false;
    }
}

void MonitorWindow::buildUi()
{
    m_title = new QLabel(this);
    m_state = new QLabel(this);
    m_startButton = new QPushButton(tr("Start"), this);
    m_pauseButton = new QPushButton(tr("Pause"), this);
    m_pauseButton->setToolTip(tr("Stops after the batch being written; Start resumes from the checkpoint."));
    m_stopButton = new QPushButton(tr("Stop"), this);
    connect(m_startButton, &QPushButton::clicked, this, &MonitorWindow::start);
    connect(m_pauseButton, &QPushButton::clicked, this, &MonitorWindow::pause);
    connect(m_stopButton, &QPushButton::clicked, this, &MonitorWindow::stop);
    auto *top = new QHBoxLayout;
    top->addWidget(m_title);
    top->addWidget(m_state, 1);
    top->addWidget(m_startButton);
    top->addWidget(m_pauseButton);
    top->addWidget(m_stopButton);

    m_stall = new QLabel(this);
    m_stall->setWordWrap(true);
    m_stall->setStyleSheet(QStringLiteral("QLabel { background: #fdecea; color: #8a1c1c; padding: 6px; border: 1px solid #e0a0a0; }"));
    m_stall->hide();

    m_counters = new QLabel(this);
    m_counters->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_lag = new QLabel(this);
    m_progress = new QProgressBar(this);
    m_progress->setFormat(tr("Snapshot %p%"));
    m_eta = new QLabel(this);
    auto *status = new QGridLayout;
    status->addWidget(m_counters, 0, 0, 1, 2);
    status->addWidget(m_lag, 0, 2);
    status->addWidget(m_progress, 1, 0, 1, 2);
    status->addWidget(m_eta, 1, 2);
    status->setColumnStretch(1, 1);

    m_tableChart = new RateChart(tr("Rows/s per table"), tr("rows/s"), this);
    m_topicChart = new RateChart(tr("Messages/s per topic"), tr("msg/s"), this);
    m_lagChart = new RateChart(tr("Source lag"), tr("seconds"), this);
    auto *charts = new QWidget(this);
    auto *chartLayout = new QHBoxLayout(charts);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    chartLayout->addWidget(m_tableChart);
    chartLayout->addWidget(m_topicChart);
    chartLayout->addWidget(m_lagChart);

    m_tables = new TableMetricsModel(this);
    m_destinations = new TableMetricsModel(this);
    m_errors = new ErrorListModel(this);
    auto *tablesView = makeTableView(m_tables, this);
    tablesView->hideColumn(TableMetricsModel::Bytes);
    tablesView->hideColumn(TableMetricsModel::InDestination);
    tablesView->setItemDelegateForColumn(TableMetricsModel::Snapshot, new ProgressDelegate(tablesView));
    tablesView->setColumnWidth(TableMetricsModel::Snapshot, 110);
    auto *destinationsView = makeTableView(m_destinations, this);
    m_destinationsView = destinationsView;
    for (int c : {TableMetricsModel::Snapshot, TableMetricsModel::Read, TableMetricsModel::Filtered, TableMetricsModel::DeadLettered,
                  TableMetricsModel::Failed})
        destinationsView->hideColumn(c);
    auto *tablesPage = new QSplitter(Qt::Vertical, this);
    auto *sourceBox = new QWidget(tablesPage);
    auto *sourceLayout = new QVBoxLayout(sourceBox);
    sourceLayout->setContentsMargins(0, 0, 0, 0);
    sourceLayout->addWidget(new QLabel(tr("Source tables"), sourceBox));
    sourceLayout->addWidget(tablesView);
    auto *destBox = new QWidget(tablesPage);
    auto *destLayout = new QVBoxLayout(destBox);
    destLayout->setContentsMargins(0, 0, 0, 0);
    m_destinationsLabel = new QLabel(tr("Destinations"), destBox);
    destLayout->addWidget(m_destinationsLabel);
    destLayout->addWidget(destinationsView);
    tablesPage->addWidget(sourceBox);
    tablesPage->addWidget(destBox);

    m_errorView = makeTableView(m_errors, this);
    // The reason takes the room; time, position and stage are as wide as their text.
    QHeaderView *errorHeader = m_errorView->horizontalHeader();
    for (int c : {ErrorListModel::Time, ErrorListModel::Position, ErrorListModel::Stage})
        errorHeader->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    errorHeader->setSectionResizeMode(ErrorListModel::Reason, QHeaderView::Stretch);
    errorHeader->setSectionResizeMode(ErrorListModel::RecordText, QHeaderView::Interactive);
    m_errorView->setColumnWidth(ErrorListModel::RecordText, 240);
    m_errorDetail = new QPlainTextEdit(this);
    m_errorDetail->setReadOnly(true);
    m_errorDetail->setPlaceholderText(tr("Select an error to see the record."));
    auto *errorsPage = new QSplitter(Qt::Vertical, this);
    errorsPage->addWidget(m_errorView);
    errorsPage->addWidget(m_errorDetail);
    connect(m_errorView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &MonitorWindow::showError);

    m_history = new RunHistoryView(this);
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(tablesPage, tr("Tables"));
    m_tabs->addTab(errorsPage, tr("Errors"));
    m_tabs->addTab(m_history, tr("Run history"));

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(charts);
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_stall);
    layout->addLayout(status);
    layout->addWidget(splitter, 1);
    resize(1200, 800);
}

void MonitorWindow::setSampleInterval(int ms)
{
    m_sampleTimer->setInterval(ms);
}

void MonitorWindow::sample()
{
    if (!m_runner)
        return;
    m_latest = m_runner->metrics().capture();
    m_samples.add(m_latest);
    const double t = double(m_clock.elapsed()) / 1000.0;
    const bool active = m_runner->isRunning();
    if (active) {
        for (const TableMetrics &table : m_latest.tables)
            m_tableChart->appendPoint(legendName(table.name), t, m_samples.tableWrittenRate(table.name, 2000));
        for (const TableMetrics &d : m_latest.destinations)
            m_topicChart->appendPoint(QString::fromStdString(d.name), t, m_samples.destinationRate(d.name, 2000));
        if (m_latest.lag.seconds >= 0)
            m_lagChart->appendPoint(tr("seconds behind"), t, m_latest.lag.seconds);
        if (m_latest.lag.messages >= 0)
            m_lagChart->appendPoint(tr("messages behind"), t, double(m_latest.lag.messages));
    }
    if (m_poller && !m_latest.destinations.empty() && m_clock.elapsed() - m_lastPollMs >= 2000) {
        QStringList names;
        for (const TableMetrics &d : m_latest.destinations)
            names << QString::fromStdString(d.name);
        if (m_poller->poll(names))
            m_lastPollMs = m_clock.elapsed();
    }
    requestReplot();
}

void MonitorWindow::requestReplot()
{
    // PlotJuggler: one pending replot at most, however often data comes.
    if (!m_replotTimer->isActive())
        m_replotTimer->start();
}

void MonitorWindow::replot()
{
    ++m_replots;
    m_tableChart->replot();
    m_topicChart->replot();
    m_lagChart->replot();
    const MetricsSnapshot &s = m_latest;

    QHash<QString, double> rates;
    for (const TableMetrics &table : s.tables)
        rates.insert(QString::fromStdString(table.name), m_samples.tableWrittenRate(table.name, 2000));
    m_tables->setSnapshotDone(s.phase != RunPhase::Snapshot && s.phase != RunPhase::Starting && s.phase != RunPhase::Idle
                              && s.progressTotal > 0 && s.progressDone >= s.progressTotal);
    m_tables->update(s.tables, rates);
    rates.clear();
    for (const TableMetrics &d : s.destinations)
        rates.insert(QString::fromStdString(d.name), m_samples.destinationRate(d.name, 2000));
    m_destinations->update(s.destinations, rates);
    m_errors->update(s);
    m_tabs->setTabText(1, s.errorCount ? tr("Errors (%1)").arg(formatCount(s.errorCount)) : tr("Errors"));

    m_counters->setText(countersText());
    if (s.lag.known()) {
        QString lag = s.lag.seconds >= 0 ? tr("Lag: %1 s").arg(QLocale().toString(s.lag.seconds, 'f', 1)) : QString();
        if (s.lag.messages >= 0)
            lag += (lag.isEmpty() ? QString() : QStringLiteral(", ")) + tr("%n message(s) behind", nullptr, int(std::min<std::int64_t>(s.lag.messages, INT_MAX)));
        m_lag->setText(lag);
    } else {
        m_lag->setText(s.phase == RunPhase::Snapshot ? tr("Lag: after the snapshot") : tr("Lag: unknown"));
    }
    const bool hasTotal = s.progressTotal > 0;
    m_progress->setVisible(hasTotal);
    m_eta->setVisible(hasTotal);
    if (hasTotal) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(int(std::min<std::uint64_t>(1000, s.progressDone * 1000 / s.progressTotal)));
        const auto eta = m_samples.etaSeconds();
        m_eta->setText(s.progressDone >= s.progressTotal ? tr("Snapshot done")
                       : eta ? tr("ETA %1 s").arg(QLocale().toString(*eta, 'f', 0))
                             : tr("ETA unknown"));
    }
    QString state = m_paused && !(m_runner && m_runner->isRunning()) ? tr("Paused") : phaseText(s.phase);
    if (!s.lastError.empty() && s.phase == RunPhase::Failed)
        state += QStringLiteral(": ") + engineMessage(s.lastError);
    m_state->setText(state);
    m_state->setToolTip(state);

    const std::int64_t stalled = m_samples.stalledMs();
    const bool warn = stalled >= std::int64_t(m_stallSeconds) * 1000;
    if (warn)
        m_stall->setText(tr("Stalled: the source has data but nothing was written for %1 s. The destination may be "
                            "locked, unreachable or refusing batches; see the Errors tab.")
                             .arg(stalled / 1000));
    m_stall->setVisible(warn);
}

QString MonitorWindow::countersText() const
{
    const RunCounts &c = m_latest.counts;
    QString text = tr("Read %1 = written %2 + filtered %3 + dead-lettered %4")
                       .arg(formatCount(c.read), formatCount(c.written), formatCount(c.filtered), formatCount(c.deadLettered));
    if (c.failed)
        text += tr(" + failed %1").arg(formatCount(c.failed));
    return text;
}

bool MonitorWindow::stallWarningShown() const
{
    return !m_stall->isHidden();
}

void MonitorWindow::start()
{
    if (m_runner && m_runner->isRunning())
        return;
    if (m_ownsRunner && !m_flowPath.isEmpty() && !reloadFlowFile())
        return;
    if (!m_runner)
        return;
    m_paused = false;
    m_runner->start();
    updateButtons();
}

void MonitorWindow::pause()
{
    if (!m_runner || !m_runner->isRunning())
        return;
    m_paused = true;
    m_runner->stop();
}

void MonitorWindow::stop()
{
    if (!m_runner || !m_runner->isRunning())
        return;
    m_paused = false;
    m_runner->stop();
}

void MonitorWindow::updateButtons()
{
    const bool running = m_runner && m_runner->isRunning();
    m_startButton->setEnabled((m_runner && !running) || (!m_runner && !m_flowPath.isEmpty()));
    m_startButton->setText(m_paused ? tr("Resume") : tr("Start"));
    m_pauseButton->setEnabled(running);
    m_stopButton->setEnabled(running);
}

void MonitorWindow::onFinished(const RunResult &)
{
    sample();
    updateButtons();
    m_history->reload();
}

void MonitorWindow::onCounted(const std::vector<RowCount> &counts)
{
    for (const RowCount &c : counts) {
        if (c.rows >= 0)
            m_destinations->setDestinationCount(c.table, c.rows, c.estimate);
        else
            qWarning("row count of %s: %s", qPrintable(c.table), qPrintable(c.error));
    }
}

void MonitorWindow::showError()
{
    const MetricsError *e = m_errors->error(m_errorView->currentIndex().row());
    if (!e) {
        m_errorDetail->clear();
        return;
    }
    QString record = QString::fromStdString(e->record);
    const QJsonDocument doc = QJsonDocument::fromJson(record.toUtf8());
    if (!doc.isNull())
        record = QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
    m_errorDetail->setPlainText(tr("Position: %1\nStage: %2\nReason: %3\n\n%4")
                                    .arg(QString::fromStdString(e->position), engineStage(e->stage), engineMessage(e->reason), record));
}

} // namespace flowdeck
