#include "runhistoryview.h"

#include "runhistorymodel.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace flowdeck {

RunHistoryView::RunHistoryView(QWidget *parent)
    : QWidget(parent)
    , m_model(new RunHistoryModel(this))
    , m_view(new QTableView(this))
    , m_summary(new QLabel(this))
    , m_details(new QPlainTextEdit(this))
{
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);
    m_details->setReadOnly(true);
    m_details->setPlaceholderText(tr("Select a run to see its details."));
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(splitter);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &RunHistoryView::showDetails);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_summary->setText(m_model->rowCount() == 0 ? tr("No run recorded yet.")
                                                    : tr("%n run(s), newest first.", nullptr, m_model->rowCount()));
        m_view->resizeColumnsToContents();
        m_details->clear();
    });
}

void RunHistoryView::setFlow(const QString &stateDir, const QString &flowName)
{
    m_model->load(stateDir, flowName);
}

void RunHistoryView::reload()
{
    m_model->reload();
}

void RunHistoryView::showDetails()
{
    const int row = m_view->currentIndex().row();
    if (row < 0 || row >= m_model->rowCount()) {
        m_details->clear();
        return;
    }
    m_details->setPlainText(QString::fromStdString(m_model->run(row).dump(2)));
}

} // namespace flowdeck
