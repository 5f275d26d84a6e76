#include "mainwindow.h"

#include "brokerstatus.h"
#include "enginemessages.h"
#include "flowlistmodel.h"
#include "flowrunner.h"
#include "runnotes.h"
#include "sandboxstatus.h"
#include "schedulerdriver.h"
#include "dashboard/monitorwindow.h"
#include "topicbrowser/topicbrowser.h"
#include "settings.h"
#include "wizard/flowwizard.h"

#include "core/devtools/sandbox.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHeaderView>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTime>
#include <QTimer>
#include <QToolBar>
#include <QUrl>

namespace flowdeck {

static QString countsText(const RunCounts &c)
{
    QString s = MainWindow::tr("read %1, written %2, filtered %3, dead-lettered %4")
                    .arg(c.read).arg(c.written).arg(c.filtered).arg(c.deadLettered);
    if (c.failed)
        s += MainWindow::tr(", failed %1").arg(c.failed);
    return s;
}

MainWindow::MainWindow(const QString &flowsFolder, QWidget *parent)
    : QMainWindow(parent)
    , m_flowsFolder(flowsFolder)
    , m_model(new FlowListModel(this))
    , m_scheduler(new SchedulerDriver(this))
{
    setWindowTitle(tr("Flowdeck"));
    setObjectName(QStringLiteral("MainWindow"));

    m_view = new QTableView(this);
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->setAlternatingRowColors(true);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);

    m_details = new QPlainTextEdit(this);
    m_details->setReadOnly(true);
    m_details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_details->setPlaceholderText(tr("Select a flow to see its file and its last run."));

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    setCentralWidget(splitter);

    createActions();
    m_refresh = new QTimer(this);
    m_refresh->setInterval(250);
    connect(m_refresh, &QTimer::timeout, this, &MainWindow::refreshRunning);

    reload();
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        updateActions();
        showDetails();
    });
    if (m_model->rowCount() > 0)
        m_view->selectRow(0);
    resize(1000, 640);
    m_sandbox = new SandboxStatus(Sandbox::defaultDir(), this);
    statusBar()->addPermanentWidget(m_sandbox);
    m_broker = new BrokerStatus(this);
    m_broker->setInUse([this] {
        for (const auto &[path, runner] : m_runners)
            if (runner && runner->isRunning())
                return true;
        return false;
    });
    statusBar()->addPermanentWidget(m_broker);
    statusBar()->showMessage(tr("Flows in %1").arg(QDir::toNativeSeparators(m_flowsFolder)));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // What the window started stops with it: the embedded broker (it lives in this process) and a
    // sandbox started with the status bar's Start. A sandbox started elsewhere (./flowdeck.sh, a
    // terminal, the wizard) is left running unless the user says otherwise.
    m_sandbox->refresh();
    m_broker->refresh();
    if (m_sandbox->isRunning() && !m_sandbox->startedHere()) {
        QString text = tr("The sandbox database is still running. Stop it too?\n\n"
                          "Its data stays; Start in the status bar (or `flowdeck sandbox "
                          "start`) runs it again.");
        if (m_broker->isRunning())
            text += QStringLiteral("\n\n") + tr("The embedded broker stops with Flowdeck: its topics and messages are lost.");
        const auto answer = QMessageBox::question(this, tr("Quit Flowdeck"), text,
                                                  QMessageBox::Yes | QMessageBox::No | QMessageBox::Cancel, QMessageBox::Yes);
        if (answer == QMessageBox::Cancel) {
            event->ignore();
            return;
        }
        if (answer == QMessageBox::Yes)
            m_sandbox->stop(true);
    } else if (m_sandbox->startedHere()) {
        statusBar()->showMessage(tr("Stopping the sandbox database this window started…"));
        m_sandbox->stop(true);
    }
    // A flow run still using it: the broker goes down with the process, after the run.
    if (m_broker->isRunning())
        m_broker->stop();
    event->accept();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Import Flow File…"), this, &MainWindow::openFlowFile);
    open->setShortcut(QKeySequence::Open);
    QAction *reloadAction = file->addAction(tr("&Reload Flows"), this, &MainWindow::reload);
    // Not QKeySequence::Refresh: that is F5 on Linux, which runs the flow.
    reloadAction->setShortcut(Qt::CTRL | Qt::Key_R);
    file->addAction(tr("Show Flow &Folder"), this, [this] {
        QDesktopServices::openUrl(QUrl::fromLocalFile(m_flowsFolder));
    });
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *flow = menuBar()->addMenu(tr("F&low"));
    m_runAction = flow->addAction(tr("&Run Flow"), this, [this] { runRow(currentRow()); });
    m_runAction->setShortcut(Qt::Key_F5);
    m_restartAction = flow->addAction(tr("Run from the &Beginning…"), this, [this] {
        const int row = currentRow();
        if (row < 0)
            return;
        const QString name = QString::fromStdString(m_model->entry(row).flow.name);
        if (QMessageBox::question(this, tr("Run from the Beginning"),
                                  tr("Run \"%1\" from the beginning of its source, ignoring where the last run stopped?\n\n"
                                     "Rows the last run wrote are written again.")
                                      .arg(name),
                                  QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
            == QMessageBox::Yes)
            runRowFromBeginning(row);
    });
    m_restartAction->setShortcut(Qt::CTRL | Qt::Key_F5);
    m_stopAction = flow->addAction(tr("&Stop the Current Flow Run"), this, [this] {
        const int row = currentRow();
        if (row < 0)
            return;
        auto it = m_runners.find(m_model->entry(row).path);
        if (it != m_runners.end() && it->second)
            it->second->stop();
    });
    m_stopAction->setShortcut(Qt::SHIFT | Qt::Key_F5);
    createFlowActions(flow, file);
    flow->addAction(tr("&Topic Browser"), this, [] {
        auto *browser = new TopicBrowser;
        browser->setAttribute(Qt::WA_DeleteOnClose);
        browser->show();
    });

    QMenu *settings = menuBar()->addMenu(tr("&Settings"));
    QMenu *language = settings->addMenu(tr("&Language"));
    auto *group = new QActionGroup(this);
    const QList<QPair<QString, QString>> languages = {{QString(), tr("System language")},
                                                       {QStringLiteral("en"), QStringLiteral("English")},
                                                       {QStringLiteral("ja"), QStringLiteral("日本語")},
                                                       {QStringLiteral("zh_CN"), QStringLiteral("简体中文")}};
    for (const auto &[code, label] : languages) {
        QAction *a = language->addAction(label);
        a->setCheckable(true);
        a->setChecked(Settings::language() == code);
        group->addAction(a);
        connect(a, &QAction::triggered, this, [this, code] { setLanguage(code); });
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Flowdeck"), this, &MainWindow::about);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);

    QToolBar *tools = addToolBar(tr("Flow"));
    tools->setObjectName(QStringLiteral("FlowToolBar"));
    tools->setToolButtonStyle(Qt::ToolButtonTextOnly);
    // Toolbar labels without the menu's accelerator: CJK menus write it as "(&R)", which a
    // toolbar would show literally.
    // Short ones, so the toolbar fits the window in Japanese and Chinese too.
    m_runAction->setIconText(tr("Run Flow"));
    m_stopAction->setIconText(tr("Stop", "toolbar: stop the current flow run"));
    open->setIconText(tr("Import", "toolbar: import a flow file"));
    reloadAction->setIconText(tr("Reload", "toolbar: reload the flows folder"));
    addFlowToolbarActions(tools);
    tools->addAction(m_runAction);
    tools->addAction(m_stopAction);
    createScheduleActions(flow, tools);
    tools->addSeparator();
    tools->addAction(open);
    tools->addAction(reloadAction);
}

void MainWindow::reload()
{
    QDir().mkpath(m_flowsFolder);
    m_model->load({m_flowsFolder});
    reloadSchedules();
    m_view->resizeColumnsToContents();
    // As wide as the widest state, so a run's end does not cut "Completed" to "Co…".
    int stateWidth = m_view->columnWidth(FlowListModel::State);
    for (const QString &text : FlowListModel::stateTexts())
        stateWidth = std::max(stateWidth, m_view->fontMetrics().horizontalAdvance(text) + 24);
    m_view->setColumnWidth(FlowListModel::State, stateWidth);
    updateActions();
}

int MainWindow::currentRow() const
{
    const QModelIndex i = m_view->currentIndex();
    return i.isValid() ? i.row() : -1;
}

void MainWindow::updateActions()
{
    const int row = currentRow();
    bool running = false;
    bool valid = false;
    if (row >= 0) {
        const auto &e = m_model->entry(row);
        auto it = m_runners.find(e.path);
        running = it != m_runners.end() && it->second && it->second->isRunning();
        valid = e.loadError.isEmpty();
    }
    m_runAction->setEnabled(valid && !running);
    m_restartAction->setEnabled(valid && !running);
    m_stopAction->setEnabled(running);
    m_editAction->setEnabled(row >= 0 && !running);
    m_duplicateAction->setEnabled(row >= 0);
    m_deleteAction->setEnabled(row >= 0 && !running);
    m_exportAction->setEnabled(row >= 0);
    m_monitorAction->setEnabled(bool(m_monitorHandler));
    updateScheduleActions(row);
}

void MainWindow::openMonitor(const QString &path)
{
    // The flow's run if it has one, else a monitor with its own runner (its Start button runs it).
    const int row = m_model->rowOfPath(path);
    if (row < 0 || !m_model->entry(row).loadError.isEmpty())
        return;
    const auto &e = m_model->entry(row);
    auto it = m_runners.find(e.path);
    EngineOptions options;
    options.stateDir = Settings::stateFolder().toStdString();
    // Its own runner reads the file at each Start: an edit saved meanwhile runs as saved.
    auto *monitor = it != m_runners.end() && it->second ? new MonitorWindow(it->second) : new MonitorWindow(e.path, options);
    monitor->setAttribute(Qt::WA_DeleteOnClose);
    monitor->show();
}

void MainWindow::showDetails()
{
    const int row = currentRow();
    if (row < 0) {
        m_details->clear();
        return;
    }
    const auto &e = m_model->entry(row);
    QString text;
    if (!e.loadError.isEmpty())
        text += tr("This flow file has problems:\n%1\n\n").arg(e.loadError);
    if (const QString schedule = m_scheduler->details(e.path, Settings::stateFolder()); !schedule.isEmpty())
        text += schedule + QStringLiteral("\n\n");
    auto out = m_lastOutput.find(e.path);
    if (out != m_lastOutput.end())
        text += out->second + QStringLiteral("\n\n");
    QFile f(e.path);
    if (f.open(QIODevice::ReadOnly))
        text += QDir::toNativeSeparators(e.path) + QStringLiteral("\n\n") + QString::fromUtf8(f.readAll());
    m_details->setPlainText(text);
}

void MainWindow::runRow(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    if (m_scheduler->isScheduled(m_model->entry(row).path)) {
        m_scheduler->runNow(m_model->entry(row).path); // comes back through startRun()
        return;
    }
    startRun(row, RunTrigger::Manual);
}

void MainWindow::runRowFromBeginning(int row)
{
    startRun(row, RunTrigger::Manual, true);
}

bool MainWindow::startRun(int row, RunTrigger trigger, bool restart)
{
    if (row < 0 || row >= m_model->rowCount())
        return false;
    const auto &e = m_model->entry(row);
    if (!e.loadError.isEmpty())
        return false;
    auto &slot = m_runners[e.path];
    if (slot && slot->isRunning())
        return false;
    delete slot;
    EngineOptions options;
    options.stateDir = Settings::stateFolder().toStdString();
    options.trigger = trigger;
    options.restart = restart;
    const QString resume = restart ? QString() : pendingResume(e.flow, Settings::stateFolder());
    auto *runner = new FlowRunner(e.flow, options, this);
    slot = runner;
    const QString path = e.path;
    connect(runner, &FlowRunner::finished, this, [this, path](const RunResult &r) { onFinished(path, r); });
    m_model->setNextRun(row, m_scheduler->nextRunText(path), false); // with the state's dataChanged
    const QString started = resume.isEmpty() ? tr("started %1").arg(QTime::currentTime().toString())
                                             : tr("started %1, resuming at %2").arg(QTime::currentTime().toString(), resume);
    m_model->setRunState(row, QStringLiteral("running"), started, {});
    statusBar()->showMessage(QString::fromStdString(e.flow.name) + QStringLiteral(": ") + started);
    runner->start();
    m_refresh->start();
    updateActions();
    return true;
}

void MainWindow::refreshRunning()
{
    bool any = false;
    for (const auto &[path, runner] : m_runners) {
        if (!runner || !runner->isRunning())
            continue;
        any = true;
        m_model->setRunState(m_model->rowOfPath(path), QStringLiteral("running"), countsText(runner->counts()), runner->counts());
    }
    if (!any)
        m_refresh->stop();
}

void MainWindow::onFinished(const QString &path, const RunResult &r)
{
    const int row = m_model->rowOfPath(path);
    const QString state = QString::fromLatin1(runStatusName(r.status));
    QString summary = countsText(r.counts);
    QString output = tr("Last run: %1 in %2 s — %3").arg(state).arg(r.elapsedSeconds, 0, 'f', 2).arg(summary);
    if (r.resumed) {
        const nlohmann::json from = nlohmann::json::parse(r.resumedFrom, nullptr, false);
        output += QLatin1Char('\n') + tr("Resumed at %1, where the previous run stopped (Run from the Beginning starts over).")
                                           .arg(from.is_discarded() ? QString::fromStdString(r.resumedFrom) : resumePositionText(from));
    }
    if (!r.error.empty()) {
        output += QLatin1Char('\n') + tr("Error: %1").arg(engineMessage(r.error));
        summary = engineMessage(r.error);
    }
    if (!r.deadLetterPath.empty() && r.counts.deadLettered)
        output += QLatin1Char('\n') + tr("Dead letters: %1").arg(QString::fromStdString(r.deadLetterPath));
    m_lastOutput[path] = output;
    m_finishing = path;
    m_scheduler->runFinished(path, r);
    m_finishing.clear();
    // The Last run column shows what the run history says (as `flowdeck history` and the
    // monitor's history tab do); the result itself when the run left no history.
    if (!m_model->setLastRunFromHistory(row, Settings::stateFolder()))
        m_model->setRunState(row, state, summary, r.counts);
    if (row >= 0)
        statusBar()->showMessage(runEndMessage(QString::fromStdString(m_model->entry(row).flow.name), r));
    if (row == currentRow())
        showDetails();
    updateActions();
}

void MainWindow::openFlowFile()
{
    const QString file = QFileDialog::getOpenFileName(this, tr("Import Flow File"), QString(),
                                                      tr("Flow files (*.flow.json);;JSON files (*.json)"));
    if (file.isEmpty())
        return;
    try {
        const Flow flow = loadFlow(file.toStdString(), secretsNotNeeded(processEnvironment())); // checked, copied, not run
        QString target = QDir(m_flowsFolder).filePath(QFileInfo(file).fileName());
        if (!target.endsWith(QLatin1String(".flow.json")))
            target = QDir(m_flowsFolder).filePath(QString::fromStdString(flow.name) + QStringLiteral(".flow.json"));
        if (QFileInfo::exists(target)
            && QMessageBox::question(this, tr("Import Flow File"), tr("%1 exists. Replace it?").arg(target)) != QMessageBox::Yes)
            return;
        QFile::remove(target);
        QFile::copy(file, target);
        reload();
    } catch (const FlowError &e) {
        QStringList lines;
        for (const auto &p : e.problems())
            lines << QString::fromStdString(p.toString());
        QMessageBox::warning(this, tr("Import Flow File"), tr("%1 is not a valid flow file:\n\n%2").arg(file, lines.join(QLatin1Char('\n'))));
    }
}

void MainWindow::setLanguage(const QString &language)
{
    Settings::setLanguage(language);
    QMessageBox::information(this, tr("Language"), tr("The new language is used from the next start of Flowdeck."));
}

void MainWindow::about()
{
    QMessageBox::about(this, tr("About Flowdeck"),
                       tr("<h3>Flowdeck %1</h3><p>Build and run data flows between MySQL/MariaDB/TiDB tables, Kafka "
                          "topics and CSV/JSON Lines files, on your own machine.</p>")
                           .arg(QStringLiteral(FLOWDECK_VERSION)));
}

} // namespace flowdeck
