// MainWindow's scheduled flows: the SchedulerDriver starts their runs through startRun() (so a
// scheduled run looks like a manual one), the Next run column, and Run now / Pause / Resume /
// Reactivate. Kept apart from mainwindow.cpp, which runs flows.
#include "mainwindow.h"

#include "flowlistmodel.h"
#include "flowrunner.h"
#include "sandboxstatus.h"
#include "schedulerdriver.h"
#include "settings.h"

#include <QAction>
#include <QMenu>
#include <QMessageBox>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>

namespace flowdeck {

void MainWindow::createScheduleActions(QMenu *flowMenu, QToolBar *tools)
{
    m_scheduler->setStartHandler([this](const QString &path, RunTrigger trigger) {
        const int row = m_model->rowOfPath(path);
        // A scheduled run against the sandbox database while it is stopped would only fail (and
        // count towards deactivation): it waits for the next slot, and the status bar says why.
        if (trigger != RunTrigger::Manual && row >= 0 && needsStoppedSandbox(m_model->entry(row).flow)) {
            statusBar()->showMessage(tr("%1: not run at its scheduled time, the sandbox database is not running (Start it in "
                                        "the status bar)")
                                         .arg(QString::fromStdString(m_model->entry(row).flow.name)));
            return false;
        }
        return startRun(row, trigger);
    });
    connect(m_scheduler, &SchedulerDriver::scheduleChanged, this, &MainWindow::showSchedule);

    flowMenu->addSeparator();
    m_runNowAction = flowMenu->addAction(tr("Run &Now"), this, [this] {
        const int row = currentRow();
        if (row >= 0)
            m_scheduler->runNow(m_model->entry(row).path);
    });
    m_runNowAction->setIconText(tr("Run Now"));
    m_pauseAction = flowMenu->addAction(tr("&Pause Schedule"), this, [this] {
        const int row = currentRow();
        if (row < 0)
            return;
        m_scheduler->setPaused(m_model->entry(row).path, true);
        Settings::setFlowPaused(m_model->entry(row).path, true);
    });
    m_pauseAction->setIconText(tr("Pause Schedule"));
    m_resumeAction = flowMenu->addAction(tr("Res&ume Schedule"), this, [this] {
        const int row = currentRow();
        if (row < 0)
            return;
        m_scheduler->setPaused(m_model->entry(row).path, false);
        Settings::setFlowPaused(m_model->entry(row).path, false);
    });
    m_resumeAction->setIconText(tr("Resume Schedule"));
    m_reactivateAction = flowMenu->addAction(tr("Re&activate Schedule"), this, [this] {
        const int row = currentRow();
        if (row < 0)
            return;
        const QString error = m_scheduler->reactivate(m_model->entry(row).path, Settings::stateFolder());
        if (!error.isEmpty())
            QMessageBox::warning(this, tr("Reactivate Schedule"), error);
    });
    m_reactivateAction->setIconText(tr("Reactivate"));
    tools->addSeparator();
    tools->addAction(m_runNowAction);
    tools->addAction(m_pauseAction);
    tools->addAction(m_resumeAction);
    tools->addAction(m_reactivateAction);
}

bool MainWindow::needsStoppedSandbox(const Flow &flow) const
{
    m_sandbox->refresh();
    for (const nlohmann::json *endpoint : {&flow.source, &flow.destination})
        if (endpoint->is_object() && endpoint->value("type", std::string()) == "mysql"
            && m_sandbox->isDownFor(endpoint->value("connection", nlohmann::json())))
            return true;
    return false;
}

void MainWindow::reloadSchedules()
{
    const QString stateDir = Settings::stateFolder();
    QStringList paths;     // every row
    QStringList scheduled; // rows whose flow file is valid (an invalid one is not scheduled)
    QStringList problems;
    const QStringList paused = Settings::pausedFlows();
    m_reloading = true;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const auto &e = m_model->entry(row);
        paths << e.path;
        auto it = m_runners.find(e.path);
        const bool running = it != m_runners.end() && it->second && it->second->isRunning();
        if (!running)
            m_model->setLastRunFromHistory(row, stateDir, false);
        if (!e.loadError.isEmpty())
            continue;
        scheduled << e.path;
        const QString error = m_scheduler->setFlow(e.path, e.flow, stateDir);
        if (!error.isEmpty())
            problems << QString::fromStdString(e.flow.name) + QStringLiteral(": ") + error;
        else if (paused.contains(e.path) && !m_scheduler->isPaused(e.path))
            m_scheduler->setPaused(e.path, true);
    }
    m_scheduler->keepOnly(scheduled);
    for (const QString &path : std::as_const(paths))
        showSchedule(path);
    m_reloading = false;
    m_model->rowsChanged();
    if (!problems.isEmpty())
        statusBar()->showMessage(tr("Not scheduled: %1").arg(problems.join(QStringLiteral("; "))));
}

void MainWindow::showSchedule(const QString &path)
{
    const int row = m_model->rowOfPath(path);
    if (row < 0)
        return;
    m_model->setNextRun(row, m_scheduler->nextRunText(path), !m_reloading && path != m_finishing);
    if (row == currentRow()) {
        updateScheduleActions(row);
        showDetails();
    }
}

void MainWindow::updateScheduleActions(int row)
{
    if (!m_runNowAction)
        return;
    const QString path = row >= 0 ? m_model->entry(row).path : QString();
    const bool scheduled = row >= 0 && m_scheduler->isScheduled(path);
    const bool paused = scheduled && m_scheduler->isPaused(path);
    const bool deactivated = scheduled && m_scheduler->isDeactivated(path);
    auto it = m_runners.find(path);
    const bool running = it != m_runners.end() && it->second && it->second->isRunning();
    m_runNowAction->setEnabled(scheduled && !running);
    m_pauseAction->setEnabled(scheduled && !paused && !deactivated);
    m_resumeAction->setEnabled(scheduled && paused && !deactivated);
    m_reactivateAction->setEnabled(scheduled && deactivated);
    m_reactivateAction->setVisible(deactivated);
}

} // namespace flowdeck
