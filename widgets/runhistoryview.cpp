#include "runhistoryview.h"

#include "enginemessages.h"

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
    m_details->setPlainText(detailsText(m_model->run(row)));
}

QString RunHistoryView::detailsText(const nlohmann::json &run)
{
    // The history line in words: what a user asks first (how it ended, the counts, why it
    // failed), then where it read and wrote. The file keeps the JSON for scripts.
    const auto text = [&run](const char *key) {
        const nlohmann::json v = run.value(key, nlohmann::json());
        return v.is_string() ? QString::fromStdString(v.get<std::string>()) : v.is_null() ? QString() : QString::fromStdString(v.dump());
    };
    const auto count = [&run](const char *key) { return QString::number(run.value(key, std::uint64_t(0))); };
    QStringList lines;
    lines << tr("Run %1: %2 (%3)").arg(text("runId"), text("status"), text("trigger"));
    lines << tr("Started %1, ended %2, %3 s").arg(text("startedAt"), text("endedAt"),
                                                   QString::number(run.value("elapsedSeconds", 0.0), 'f', 2));
    QString counts = tr("Read %1 = written %2 + filtered %3 + dead-lettered %4")
                         .arg(count("read"), count("written"), count("filtered"), count("deadLettered"));
    if (run.value("failed", 0) != 0)
        counts += tr(" + failed %1").arg(count("failed"));
    lines << counts;
    if (run.value("resumed", false) == true)
        lines << tr("Resumed where the previous run stopped.");
    if (run.contains("error") && run["error"].is_object())
        lines << tr("Error at %1: %2")
                     .arg(QString::fromStdString(run["error"].value("position", std::string())),
                          engineMessage(run["error"].value("message", std::string())));
    if (run.contains("deadLetter"))
        lines << tr("Dead letters: %1").arg(text("deadLetter"));
    for (const char *key : {"files", "tables"}) {
        if (!run.contains(key) || !run[key].is_object())
            continue;
        for (const auto &[name, value] : run[key].items()) {
            if (value.contains("read"))
                lines << tr("Read from %1: %2").arg(QString::fromStdString(name)).arg(value["read"].get<std::uint64_t>());
            if (value.contains("written"))
                lines << tr("Written to %1: %2").arg(QString::fromStdString(name)).arg(value["written"].get<std::uint64_t>());
        }
    }
    if (run.contains("watermarkAfter"))
        lines << tr("Watermark: %1 → %2").arg(text("watermarkBefore"), text("watermarkAfter"));
    if (run.value("deactivated", false) == true)
        lines << tr("The schedule is deactivated after %1 failed runs in a row.").arg(count("consecutiveFailures"));
    return lines.join(QLatin1Char('\n'));
}

} // namespace flowdeck
