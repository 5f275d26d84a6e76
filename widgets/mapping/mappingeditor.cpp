#include "mappingeditor.h"

#include "fieldlists.h"
#include "fieldmappingmodel.h"
#include "mappingpreviewmodel.h"
#include "stepdialog.h"

#include "core/model/errors.h"
#include "core/transform/mapper.h"

#include <QFile>
#include <QFileDialog>
#include <QGroupBox>
#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace flowdeck {

using nlohmann::json;

static constexpr int kMaxReportLines = 8;

MappingEditor::MappingEditor(QWidget *parent)
    : QWidget(parent)
    , m_filters(json::array())
    , m_model(new FieldMappingModel(this))
    , m_preview(new MappingPreviewModel(this))
{
    m_sources = new SourceFieldList(this);
    m_sources->setObjectName(QStringLiteral("sourceFields"));
    m_sources->setHeaderLabels({tr("Source field"), tr("Type")});

    m_destinations = new QTreeWidget(this);
    m_destinations->setObjectName(QStringLiteral("destinationColumns"));
    m_destinations->setHeaderLabels({tr("Destination column"), tr("Type"), tr("Mapped from")});
    m_destinations->setRootIsDecorated(false);
    m_destinations->setUniformRowHeights(true);
    auto *freeNames = new QLabel(tr("The destination takes any column names. Map fields and Map all by name "
                                    "create a column named after each source field; double-click a "
                                    "destination in the table below to rename it."), this);
    freeNames->setWordWrap(true);
    freeNames->setAlignment(Qt::AlignCenter);
    freeNames->setMargin(12);
    m_destinationStack = new QStackedWidget(this);
    m_destinationStack->addWidget(m_destinations);
    m_destinationStack->addWidget(freeNames);

    auto *mapFields = new QPushButton(tr("&Map fields →"), this);
    mapFields->setObjectName(QStringLiteral("mapFields"));
    mapFields->setToolTip(tr("Map the selected source field to the selected destination column"));
    auto *mapAll = new QPushButton(tr("Map &all by name"), this);
    mapAll->setObjectName(QStringLiteral("mapAll"));
    mapAll->setToolTip(tr("Map every field whose name matches a column, ignoring case, spaces and underscores"));
    auto *middle = new QVBoxLayout;
    middle->addStretch();
    middle->addWidget(mapFields);
    middle->addWidget(mapAll);
    middle->addStretch();

    auto *top = new QWidget(this);
    auto *lists = new QHBoxLayout(top);
    lists->setContentsMargins(0, 0, 0, 0);
    lists->addWidget(m_sources, 1);
    lists->addLayout(middle);
    lists->addWidget(m_destinationStack, 1);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("mapping"));
    m_view->setModel(m_model);
    m_view->setItemDelegateForColumn(FieldMappingModel::Source, new MappingNameDelegate(m_model, m_view));
    m_view->setItemDelegateForColumn(FieldMappingModel::Destination, new MappingNameDelegate(m_model, m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);

    auto *transform = new QPushButton(tr("&Transform…"), this);
    auto *validation = new QPushButton(tr("&Validation…"), this);
    auto *remove = new QPushButton(tr("&Remove"), this);
    remove->setObjectName(QStringLiteral("remove"));
    auto *import = new QPushButton(tr("&Import mapping from CSV…"), this);
    import->setToolTip(tr("A text file with one source,destination pair per line"));
    auto *rowButtons = new QHBoxLayout;
    rowButtons->addWidget(transform);
    rowButtons->addWidget(validation);
    rowButtons->addWidget(remove);
    rowButtons->addStretch();
    rowButtons->addWidget(import);

    m_required = new QLabel(this);
    m_required->setObjectName(QStringLiteral("required"));
    m_required->setWordWrap(true);
    m_required->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_report = new QLabel(this);
    m_report->setObjectName(QStringLiteral("report"));
    m_report->setWordWrap(true);
    m_report->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *mappingBox = new QWidget(this);
    auto *mappingLayout = new QVBoxLayout(mappingBox);
    mappingLayout->setContentsMargins(0, 0, 0, 0);
    mappingLayout->addWidget(m_view, 1);
    mappingLayout->addLayout(rowButtons);
    mappingLayout->addWidget(m_required);
    mappingLayout->addWidget(m_report);

    auto *previewBox = new QGroupBox(tr("Preview"), this);
    m_previewLabel = new QLabel(previewBox);
    m_previewLabel->setObjectName(QStringLiteral("mappingPreviewLabel"));
    m_previewLabel->setWordWrap(true);
    m_previewView = new QTableView(previewBox);
    m_previewView->setObjectName(QStringLiteral("preview"));
    m_previewView->setModel(m_preview);
    m_previewView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_previewView->setWordWrap(false);
    m_previewView->verticalHeader()->setDefaultSectionSize(m_previewView->fontMetrics().height() + 6);
    auto *previewLayout = new QVBoxLayout(previewBox);
    previewLayout->addWidget(m_previewLabel);
    previewLayout->addWidget(m_previewView, 1);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(top);
    splitter->addWidget(mappingBox);
    splitter->addWidget(previewBox);
    splitter->setChildrenCollapsible(false);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 2);
    splitter->setStretchFactor(2, 3);
    splitter->setSizes({190, 250, 300}); // lists and mapping rows in full; the preview scrolls
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    connect(mapFields, &QPushButton::clicked, this, &MappingEditor::mapSelected);
    connect(mapAll, &QPushButton::clicked, this, &MappingEditor::mapAllByName);
    auto *removeKey = new QAction(this);
    removeKey->setShortcut(QKeySequence::Delete);
    removeKey->setShortcutContext(Qt::WidgetShortcut);
    m_view->addAction(removeKey);
    connect(removeKey, &QAction::triggered, remove, &QPushButton::click);
    connect(remove, &QPushButton::clicked, this, &MappingEditor::removeSelected);
    connect(import, &QPushButton::clicked, this, &MappingEditor::importCsvFile);
    const auto editColumn = [this](int column) {
        const QModelIndex current = m_view->currentIndex();
        if (current.isValid())
            editSteps(m_model->index(current.row(), column));
        else
            showReport({tr("Select a row of the mapping first.")}, true);
    };
    connect(transform, &QPushButton::clicked, this, [editColumn] { editColumn(FieldMappingModel::Transform); });
    connect(validation, &QPushButton::clicked, this, [editColumn] { editColumn(FieldMappingModel::Validation); });
    connect(m_view, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        if (index.column() == FieldMappingModel::Transform || index.column() == FieldMappingModel::Validation)
            editSteps(index);
    });
    connect(m_model, &QAbstractItemModel::dataChanged, this, &MappingEditor::onMappingChanged);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &MappingEditor::onMappingChanged);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &MappingEditor::onMappingChanged);
    connect(m_model, &QAbstractItemModel::modelReset, this, &MappingEditor::onMappingChanged);

    // Source fields dropped on a column map to it; on the table (free names) they become columns.
    new FieldDropFilter(
        m_destinations, [this](const QPoint &at) { return m_destinations->itemAt(at) != nullptr; },
        [this](const QStringList &names, const QPoint &at) {
            if (QTreeWidgetItem *item = m_destinations->itemAt(at); item && mapPair(names.first(), item->text(0)))
                showReport({tr("Mapped '%1' to '%2'.").arg(names.first(), item->text(0))}, false);
        });
    new FieldDropFilter(
        m_view, [this](const QPoint &) { return m_columns.isEmpty(); },
        [this](const QStringList &names, const QPoint &) {
            int mapped = 0;
            for (const QString &n : names)
                if (m_model->rowOfDestination(n) < 0)
                    mapped += mapPair(n, n);
            showReport({tr("Fields mapped: %1.").arg(mapped)}, false);
        });
    setDestinationColumns({});
    onMappingChanged();
}

MappingEditor::~MappingEditor() = default;

QTreeWidget *MappingEditor::sourceList() const
{
    return m_sources;
}

void MappingEditor::setSourceFields(const QList<SourceField> &fields)
{
    m_sourceFields = fields;
    m_sources->clear();
    for (const SourceField &f : fields)
        new QTreeWidgetItem(m_sources, {f.name, f.type});
    m_sources->resizeColumnToContents(0);
    QStringList columns;
    for (const DestinationColumn &c : std::as_const(m_columns))
        columns << c.name;
    m_model->setKnownNames(fieldNames(fields), columns);
}

void MappingEditor::setDestinationColumns(const QList<DestinationColumn> &columns)
{
    m_columns = columns;
    m_destinations->clear();
    QStringList names;
    for (const DestinationColumn &c : columns) {
        auto *item = new QTreeWidgetItem(m_destinations, {c.name, c.required ? tr("%1, required").arg(c.type) : c.type});
        item->setData(0, Qt::UserRole, c.required);
        names << c.name;
    }
    m_destinationStack->setCurrentIndex(columns.isEmpty() ? 1 : 0);
    m_model->setKnownNames(fieldNames(m_sourceFields), names);
    refreshDestinations();
    m_destinations->resizeColumnToContents(0);
    m_destinations->resizeColumnToContents(1);
    m_preview->setDestinationColumns(columns);
    refreshPreview();
}

void MappingEditor::setSample(const Batch &records, int unreadable)
{
    m_sample = records;
    m_unreadable = unreadable;
    refreshPreview();
}

void MappingEditor::setFilters(const json &filters)
{
    m_filters = filters;
    refreshPreview();
}

json MappingEditor::mapping() const
{
    return mappingRowsToJson(m_model->rows());
}

void MappingEditor::setMapping(const json &mapping)
{
    m_model->setRows(mappingRowsFromJson(mapping));
}

QStringList MappingEditor::unmappedRequiredColumns() const
{
    QStringList names;
    for (const DestinationColumn &c : m_columns)
        if (c.required && m_model->rowOfDestination(c.name) < 0)
            names << c.name;
    return names;
}

bool MappingEditor::validate(QString *message) const
{
    QString problem;
    if (m_model->rowCount() == 0) {
        problem = tr("Map at least one field.");
    } else if (const QStringList missing = unmappedRequiredColumns(); !missing.isEmpty()) {
        problem = tr("Required columns not mapped: %1. They are NOT NULL without a default.").arg(missing.join(QStringLiteral(", ")));
    } else {
        for (int r = 0; r < m_model->rowCount() && problem.isEmpty(); ++r)
            if (const QString p = m_model->rowProblem(r); !p.isEmpty())
                problem = tr("Row %1: %2").arg(r + 1).arg(p);
        if (problem.isEmpty()) {
            try {
                Mapper::compile(mapping());
            } catch (const Error &e) {
                problem = QString::fromStdString(e.what());
            }
        }
    }
    if (message)
        *message = problem;
    return problem.isEmpty();
}

QString MappingEditor::messageText() const
{
    return m_report->text();
}

void MappingEditor::showReport(const QStringList &lines, bool problem)
{
    QStringList shown = lines.mid(0, kMaxReportLines);
    if (lines.size() > kMaxReportLines)
        shown << tr("… and %1 more.").arg(lines.size() - kMaxReportLines);
    m_report->setText(shown.join(QLatin1Char('\n')));
    m_report->setToolTip(lines.join(QLatin1Char('\n')));
    m_report->setStyleSheet(problem ? QStringLiteral("color: #b00020;") : QString());
}

bool MappingEditor::mapPair(const QString &source, const QString &destinationIn, QString *message)
{
    const QString destination = destinationIn.isEmpty() ? source : destinationIn;
    if (!m_columns.isEmpty() && !m_model->knownDestinations().contains(destination)) {
        if (message)
            *message = tr("The destination has no column '%1'.").arg(destination);
        return false;
    }
    const int existing = m_model->rowOfDestination(destination);
    if (existing >= 0) {
        MappingRow row = m_model->row(existing);
        row.source = source;
        m_model->replaceRow(existing, row);
    } else {
        MappingRow row;
        row.source = source;
        row.destination = destination;
        m_model->appendRows({row});
    }
    return true;
}

bool MappingEditor::mapSelected()
{
    QStringList sources;
    for (const QTreeWidgetItem *item : m_sources->selectedItems())
        sources << item->text(0);
    if (m_columns.isEmpty()) {
        // Free names: each selected field to a column of its own name.
        if (sources.isEmpty()) {
            showReport({tr("Select one or more source fields on the left.")}, true);
            return false;
        }
        QList<MappingRow> rows;
        QStringList skipped;
        for (const QString &s : std::as_const(sources)) {
            if (m_model->rowOfDestination(s) >= 0) {
                skipped << s;
                continue;
            }
            MappingRow row;
            row.source = row.destination = s;
            rows << row;
        }
        m_model->appendRows(rows);
        if (!skipped.isEmpty())
            showReport({tr("Already mapped: %1").arg(skipped.join(QStringLiteral(", ")))}, true);
        else
            showReport({tr("Fields mapped: %1.").arg(rows.size())}, false);
        return !rows.isEmpty();
    }
    const QList<QTreeWidgetItem *> destinations = m_destinations->selectedItems();
    if (sources.size() != 1 || destinations.size() != 1) {
        showReport({tr("Select one source field on the left and one destination column on the right, then click Map fields.")}, true);
        return false;
    }
    const QString destination = destinations.first()->text(0);
    QString message;
    if (!mapPair(sources.first(), destination, &message)) {
        showReport({message}, true);
        return false;
    }
    showReport({tr("Mapped '%1' to '%2'.").arg(sources.first(), destination)}, false);
    return true;
}

AutoMapper::Result MappingEditor::mapAllByName()
{
    QStringList freeSources;
    for (const SourceField &f : std::as_const(m_sourceFields))
        if (!m_model->isSourceUsed(f.name))
            freeSources << f.name;
    AutoMapper::Result result;
    if (m_columns.isEmpty()) {
        for (const QString &s : std::as_const(freeSources))
            if (m_model->rowOfDestination(s) < 0)
                result.pairs << qMakePair(s, s);
    } else {
        QStringList freeColumns;
        for (const DestinationColumn &c : std::as_const(m_columns))
            if (m_model->rowOfDestination(c.name) < 0)
                freeColumns << c.name;
        result = AutoMapper::map(freeSources, freeColumns);
    }
    QList<MappingRow> rows;
    for (const auto &[source, destination] : std::as_const(result.pairs)) {
        MappingRow row;
        row.source = source;
        row.destination = destination;
        rows << row;
    }
    m_model->appendRows(rows);
    QStringList lines{tr("Fields mapped by name: %1.").arg(rows.size())};
    lines << result.ambiguities;
    showReport(lines, !result.ambiguities.isEmpty());
    return result;
}

void MappingEditor::removeSelected()
{
    QList<int> rows;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows())
        rows << index.row();
    if (rows.isEmpty() && m_view->currentIndex().isValid())
        rows << m_view->currentIndex().row();
    if (rows.isEmpty())
        return;
    // The report was about the mapping as it was (a refused pair, what Auto-map did).
    showReport({}, false);
    m_model->removeRowsAt(rows);
}

MappingCsv::Result MappingEditor::importMappingCsv(const QString &text)
{
    const MappingCsv::Result result = MappingCsv::parse(text, fieldNames(m_sourceFields), m_model->knownDestinations());
    for (const MappingCsv::Pair &p : result.pairs)
        mapPair(p.source, p.destination);
    QStringList lines{tr("Mappings imported from CSV: %1.").arg(result.pairs.size())};
    lines << result.problems;
    showReport(lines, !result.problems.isEmpty());
    return result;
}

void MappingEditor::importCsvFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import mapping from CSV"), QString(),
                                                      tr("CSV files (*.csv);;All files (*)"));
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        showReport({tr("Cannot read %1: %2").arg(path, file.errorString())}, true);
        return;
    }
    importMappingCsv(QString::fromUtf8(file.readAll()));
}

void MappingEditor::setSteps(int row, bool validations, const json &steps)
{
    MappingRow r = m_model->row(row);
    (validations ? r.validations : r.transforms) = steps;
    m_model->replaceRow(row, r);
}

void MappingEditor::editSteps(const QModelIndex &index)
{
    const bool validations = index.column() == FieldMappingModel::Validation;
    const MappingRow &row = m_model->row(index.row());
    StepDialog dialog(validations ? StepDialog::Kind::Validations : StepDialog::Kind::Transforms,
                      fieldNames(m_sourceFields), validations ? row.validations : row.transforms, this);
    dialog.setWindowTitle(validations ? tr("Validation of %1").arg(row.destination) : tr("Transform of %1").arg(row.destination));
    if (dialog.exec() == QDialog::Accepted)
        setSteps(index.row(), validations, dialog.steps());
}

void MappingEditor::refreshDestinations()
{
    const QBrush problemBrush(QColor(0xb0, 0x00, 0x20));
    for (int i = 0; i < m_destinations->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_destinations->topLevelItem(i);
        const int row = m_model->rowOfDestination(item->text(0));
        const bool required = item->data(0, Qt::UserRole).toBool();
        const bool missing = required && row < 0;
        item->setText(2, row >= 0 ? m_model->index(row, FieldMappingModel::Source).data().toString() : QString());
        QFont font = item->font(0);
        font.setBold(missing);
        for (int c = 0; c < m_destinations->columnCount(); ++c) {
            item->setForeground(c, missing ? problemBrush : QBrush());
            item->setBackground(c, missing ? QBrush(QColor(0xfd, 0xe7, 0xe9)) : QBrush());
            item->setFont(c, font);
        }
        item->setToolTip(0, missing ? tr("Required: NOT NULL without a default. Map a field to it.") : QString());
    }
    const QStringList missing = unmappedRequiredColumns();
    m_required->setVisible(!missing.isEmpty());
    m_required->setText(missing.isEmpty() ? QString()
                                          : tr("Required columns not mapped: %1").arg(missing.join(QStringLiteral(", "))));
}

void MappingEditor::refreshPreview()
{
    m_preview->update(mapping(), m_filters, m_sample);
    if (m_sample.empty())
        m_previewLabel->setText(tr("No sample rows to preview."));
    else if (!m_preview->problem().isEmpty())
        m_previewLabel->setText(m_preview->problem());
    else
        m_previewLabel->setText(tr("The first %1 rows of the source as the run writes them: %2 written, %3 filtered out, %4 rejected.")
                                    .arg(m_sample.size() + std::size_t(m_unreadable))
                                    .arg(m_preview->writtenCount())
                                    .arg(m_preview->stateCount(MappingPreviewModel::RowState::Filtered))
                                    .arg(m_preview->stateCount(MappingPreviewModel::RowState::Rejected) + m_unreadable)
                                + (m_unreadable ? QLatin1Char(' ') + tr("%n source line(s) cannot be read (see the source page).", nullptr, m_unreadable)
                                                : QString()));
    m_previewView->resizeColumnsToContents();
    for (int c = 0; c < m_preview->columnCount(); ++c)
        m_previewView->setColumnWidth(c, qMin(m_previewView->columnWidth(c), 260));
}

void MappingEditor::onMappingChanged()
{
    refreshDestinations();
    refreshPreview();
    m_view->resizeColumnToContents(FieldMappingModel::Source);
    m_view->resizeColumnToContents(FieldMappingModel::Destination);
    m_view->resizeColumnToContents(FieldMappingModel::Transform);
    m_view->setColumnWidth(FieldMappingModel::Transform, qBound(160, m_view->columnWidth(FieldMappingModel::Transform), 320));
    Q_EMIT changed();
}

} // namespace flowdeck
