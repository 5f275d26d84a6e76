// MainWindow's flow management: create and edit (the flow wizard), duplicate, delete, export, and
// the monitor hook. Kept apart from mainwindow.cpp, which runs flows.
#include "mainwindow.h"

#include "flowfiles.h"
#include "flowlistmodel.h"
#include "flowrunner.h"
#include "secretstore.h"
#include "wizard/flowwizard.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>

namespace flowdeck {

void MainWindow::createFlowActions(QMenu *flowMenu, QMenu *fileMenu)
{
    m_newAction = new QAction(tr("&New Flow…"), this);
    m_newAction->setShortcut(QKeySequence::New);
    m_newAction->setIconText(tr("New Flow"));
    connect(m_newAction, &QAction::triggered, this, [this] { openWizard(); });
    m_editAction = new QAction(tr("&Edit Flow…"), this);
    m_editAction->setShortcut(Qt::CTRL | Qt::Key_E);
    m_editAction->setIconText(tr("Edit"));
    connect(m_editAction, &QAction::triggered, this, [this] { openWizard(currentRow()); });
    m_duplicateAction = new QAction(tr("D&uplicate Flow"), this);
    m_duplicateAction->setShortcut(Qt::CTRL | Qt::Key_D);
    connect(m_duplicateAction, &QAction::triggered, this, [this] { duplicateRow(currentRow()); });
    m_deleteAction = new QAction(tr("&Delete Flow…"), this);
    m_deleteAction->setShortcut(QKeySequence::Delete);
    m_deleteAction->setIconText(tr("Delete"));
    connect(m_deleteAction, &QAction::triggered, this, [this] { deleteRow(currentRow()); });
    m_exportAction = new QAction(tr("E&xport Flow File…"), this);
    m_exportAction->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_S);
    connect(m_exportAction, &QAction::triggered, this, &MainWindow::exportFlowFile);
    // The monitor window (issue 6) plugs in through setMonitorHandler().
    m_monitorAction = new QAction(tr("&Monitor…"), this);
    m_monitorAction->setShortcut(Qt::CTRL | Qt::Key_M);
    m_monitorAction->setIconText(tr("Monitor"));
    m_monitorAction->setEnabled(false);
    connect(m_monitorAction, &QAction::triggered, this, [this] {
        if (!m_monitorHandler)
            return;
        const int row = currentRow();
        m_monitorHandler(row >= 0 ? m_model->entry(row).path : QString());
    });

    const QList<QAction *> existing = flowMenu->actions();
    QAction *first = existing.isEmpty() ? nullptr : existing.first();
    flowMenu->insertActions(first, {m_newAction, m_editAction, m_duplicateAction, m_deleteAction});
    flowMenu->insertSeparator(first);
    flowMenu->addSeparator();
    flowMenu->addAction(m_monitorAction);
    const QList<QAction *> fileActions = fileMenu->actions();
    fileMenu->insertAction(fileActions.size() > 1 ? fileActions.at(1) : nullptr, m_exportAction);

    connect(m_view, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        if (index.isValid())
            openWizard(index.row());
    });
}

void MainWindow::addFlowToolbarActions(QToolBar *tools)
{
    tools->addAction(m_newAction);
    tools->addAction(m_editAction);
    tools->addAction(m_deleteAction);
    tools->addSeparator();
}

void MainWindow::setMonitorHandler(std::function<void(const QString &)> handler)
{
    m_monitorHandler = std::move(handler);
    updateActions();
}

QStringList MainWindow::flowNames() const
{
    QStringList names;
    for (int r = 0; r < m_model->rowCount(); ++r)
        names << QString::fromStdString(m_model->entry(r).flow.name);
    return names;
}

FlowWizard *MainWindow::openWizard(int row)
{
    if (m_wizard) {
        m_wizard->raise();
        return m_wizard;
    }
    auto *w = new FlowWizard(m_flowsFolder, flowNames(), this);
    w->setAttribute(Qt::WA_DeleteOnClose);
    if (row >= 0 && row < m_model->rowCount()) {
        const QString path = m_model->entry(row).path;
        QString error;
        const nlohmann::json doc = flowfiles::readDocument(path, &error);
        if (doc.is_null()) {
            delete w;
            QMessageBox::warning(this, tr("Edit Flow"), tr("Cannot edit %1: %2").arg(QDir::toNativeSeparators(path), error));
            return nullptr;
        }
        w->editFlow(doc, path);
    }
    connect(w, &FlowWizard::flowSaved, this, [this](const QString &path) {
        reload();
        selectPath(path);
        statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 5000);
    });
    m_wizard = w;
    w->setWindowModality(Qt::WindowModal);
    w->show();
    return w;
}

FlowWizard *MainWindow::wizard() const
{
    return m_wizard;
}

bool MainWindow::selectPath(const QString &path)
{
    const int row = m_model->rowOfPath(path);
    if (row < 0)
        return false;
    m_view->selectRow(row);
    return true;
}

bool MainWindow::deleteRow(int row, bool confirm)
{
    if (row < 0 || row >= m_model->rowCount())
        return false;
    const FlowListModel::Entry &e = m_model->entry(row);
    auto it = m_runners.find(e.path);
    if (it != m_runners.end() && it->second && it->second->isRunning())
        return false;
    const QString name = QString::fromStdString(e.flow.name);
    if (confirm
        && QMessageBox::question(this, tr("Delete Flow"),
                                 tr("Delete the flow \"%1\"?\n\nIts file %2 is removed. Its run history stays.")
                                     .arg(name, QDir::toNativeSeparators(e.path)),
                                 QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
               != QMessageBox::Yes)
        return false;
    QString error;
    const nlohmann::json doc = flowfiles::readDocument(e.path, &error);
    if (!QFile::remove(e.path)) {
        QMessageBox::warning(this, tr("Delete Flow"), tr("Cannot delete %1.").arg(QDir::toNativeSeparators(e.path)));
        return false;
    }
    // The flow's own keychain entries go with it (FLOWDECK_SECRET_<FLOW>_...).
    const QString own = SecretStore::variableName(name, QString());
    if (!doc.is_null())
        for (const QString &variable : flowfiles::secretVariables(doc))
            if (variable.startsWith(own))
                SecretStore::remove(variable);
    reload();
    statusBar()->showMessage(tr("Deleted %1").arg(name), 5000);
    return true;
}

QString MainWindow::duplicateRow(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return {};
    const FlowListModel::Entry &e = m_model->entry(row);
    const QString name = flowfiles::copyName(QString::fromStdString(e.flow.name), flowNames());
    QString error;
    const QString path = flowfiles::duplicate(e.path, name, m_flowsFolder, &error);
    if (path.isEmpty()) {
        QMessageBox::warning(this, tr("Duplicate Flow"), error);
        return {};
    }
    reload();
    selectPath(path);
    return path;
}

bool MainWindow::exportRow(int row, const QString &target)
{
    if (row < 0 || row >= m_model->rowCount())
        return false;
    if (QFileInfo::exists(target))
        QFile::remove(target);
    return QFile::copy(m_model->entry(row).path, target);
}

void MainWindow::exportFlowFile()
{
    const int row = currentRow();
    if (row < 0)
        return;
    const QString suggested = QDir::home().filePath(QFileInfo(m_model->entry(row).path).fileName());
    const QString target = QFileDialog::getSaveFileName(this, tr("Export Flow File"), suggested,
                                                        tr("Flow files (*.flow.json)"));
    if (target.isEmpty())
        return;
    if (!exportRow(row, target))
        QMessageBox::warning(this, tr("Export Flow File"), tr("Cannot write %1.").arg(QDir::toNativeSeparators(target)));
    else
        statusBar()->showMessage(tr("Exported to %1").arg(QDir::toNativeSeparators(target)), 5000);
}

} // namespace flowdeck
