#include "filtereditor.h"

#include "filterdelegate.h"
#include "filtermodel.h"

#include "core/model/errors.h"
#include "core/transform/filterset.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace flowdeck {

using nlohmann::json;

FilterEditor::FilterEditor(QWidget *parent)
    : QWidget(parent)
    , m_model(new FilterModel(this))
{
    auto *intro = new QLabel(tr("Only records that meet every condition are written. Conditions apply to the "
                                "source fields, before the mapping."), this);
    intro->setWordWrap(true);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("filters"));
    m_view->setModel(m_model);
    m_view->setItemDelegate(new FilterDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    // One click on a cell edits it (the field and condition open as lists): a condition costs
    // a few clicks, not a double-click and a combo per cell.
    m_view->setEditTriggers(QAbstractItemView::AllEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 12);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setColumnWidth(FilterModel::Field, 220);
    m_view->setColumnWidth(FilterModel::Operator, 240);

    auto *add = new QPushButton(tr("&Add filter"), this);
    add->setObjectName(QStringLiteral("addFilter"));
    auto *remove = new QPushButton(tr("&Remove"), this);
    remove->setObjectName(QStringLiteral("removeFilter"));
    m_pass = new QLabel(this);
    m_pass->setObjectName(QStringLiteral("passCount"));
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b00020;"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();
    buttons->addWidget(m_pass);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(intro);
    layout->addLayout(buttons); // Add filter above the list, where the eye starts
    layout->addWidget(m_view, 1);
    layout->addWidget(m_problem);

    connect(add, &QPushButton::clicked, this, [this] {
        addFilter(m_fields.isEmpty() ? QString() : m_fields.first().name, QStringLiteral("eq"));
        const QModelIndex value = m_model->index(m_model->rowCount() - 1, FilterModel::Value);
        m_view->setCurrentIndex(value);
        m_view->edit(value);
    });
    auto *removeKey = new QAction(this);
    removeKey->setShortcut(QKeySequence::Delete);
    removeKey->setShortcutContext(Qt::WidgetShortcut);
    m_view->addAction(removeKey);
    connect(removeKey, &QAction::triggered, remove, &QPushButton::click);
    connect(remove, &QPushButton::clicked, this, &FilterEditor::removeSelected);
    const auto onChange = [this] {
        refresh();
        Q_EMIT changed();
    };
    connect(m_model, &QAbstractItemModel::dataChanged, this, onChange);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, onChange);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, onChange);
    connect(m_model, &QAbstractItemModel::modelReset, this, onChange);
    refresh();
}

void FilterEditor::setSourceFields(const QList<SourceField> &fields)
{
    m_fields = fields;
    m_model->setKnownFields(fieldNames(fields));
}

void FilterEditor::setSample(const Batch &records)
{
    m_sample = records;
    refresh();
}

json FilterEditor::filters() const
{
    return m_model->toJson();
}

void FilterEditor::setFilters(const json &filters)
{
    m_model->setRows(FilterModel::fromJson(filters));
}

bool FilterEditor::validate(QString *message) const
{
    for (int r = 0; r < m_model->rowCount(); ++r) {
        const QString problem = m_model->rowProblem(r);
        if (!problem.isEmpty()) {
            if (message)
                *message = tr("Filter %1: %2").arg(r + 1).arg(problem);
            return false;
        }
    }
    if (message)
        message->clear();
    return true;
}

void FilterEditor::addFilter(const QString &field, const QString &op, const json &value)
{
    FilterRow row;
    row.field = field;
    row.op = op;
    row.value = FilterModel::arity(op) == FilterModel::Arity::None ? json() : value;
    m_model->appendRow(row);
}

void FilterEditor::removeSelected()
{
    QList<int> rows;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows())
        rows << index.row();
    if (rows.isEmpty() && m_view->currentIndex().isValid())
        rows << m_view->currentIndex().row();
    m_model->removeRowsAt(rows);
}

QString FilterEditor::passText() const
{
    return m_pass->text();
}

void FilterEditor::refresh()
{
    QString problem;
    m_passing = -1;
    if (validate(&problem)) {
        try {
            const FilterSet set = FilterSet::compile(filters());
            m_passing = int(std::count_if(m_sample.begin(), m_sample.end(),
                                          [&](const Record &r) { return !r.isError() && set.accepts(r); }));
        } catch (const Error &e) {
            problem = QString::fromStdString(e.what());
        }
    }
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    if (m_sample.empty())
        m_pass->setText(tr("No preview rows."));
    else if (m_passing < 0)
        m_pass->setText(tr("Fix the filters to count the preview rows that pass."));
    else
        m_pass->setText(tr("%1 of %2 preview rows pass").arg(m_passing).arg(m_sample.size()));
}

} // namespace flowdeck
