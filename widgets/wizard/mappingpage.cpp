#include "mappingpage.h"

#include "createtabledialog.h"
#include "fieldmessage.h"
#include "filterspage.h"
#include "flowwizard.h"
#include "mysqlpage.h"

#include "widgets/mapping/fieldmappingmodel.h"
#include "widgets/mapping/mappingeditor.h"
#include "widgets/mapping/mappingpreviewmodel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QPushButton>
#include <QVBoxLayout>

namespace flowdeck {

MappingPage::MappingPage(QWidget *parent)
    : FlowPage(parent)
{
    setObjectName(QStringLiteral("mappingPage"));
    setTitle(tr("Field mapping"));
    setSubTitle(tr("Pick a source field on the left and a destination column on the right, then click Map fields; "
                   "or map all fields by name. Check the preview of what the run writes."));
    m_mapAll = new QCheckBox(tr("Map all fields &directly (each field to the column of the same name)"), this);
    m_mapAll->setObjectName(QStringLiteral("mappingMapAll"));
    m_editor = new MappingEditor(this);
    m_editor->setObjectName(QStringLiteral("mappingEditor"));
    m_message = new FieldMessage(this);
    m_message->setObjectName(QStringLiteral("mappingMessage"));

    m_createTable = new QPushButton(tr("Create the &Table…"), this);
    m_createTable->setObjectName(QStringLiteral("mappingCreateTable"));
    m_createTable->setToolTip(tr("The destination table does not exist: see and run the CREATE TABLE statement "
                                 "made from this mapping and the preview"));
    m_createTable->hide();
    connect(m_createTable, &QPushButton::clicked, this, [this] { openCreateTable(); });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *top = new QHBoxLayout;
    top->addWidget(m_mapAll, 1);
    top->addWidget(m_createTable);
    layout->addLayout(top);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_message);

    connect(m_mapAll, &QCheckBox::toggled, this, [this](bool mapAll) {
        // The rows stay in the editor: unchecking brings them back.
        m_editor->setEnabled(!mapAll);
        m_message->clear();
        if (!m_updating)
            touched();
    });
    connect(m_editor, &MappingEditor::changed, this, [this] {
        if (m_updating)
            return;
        m_message->clear();
        touched();
    });
    setMapping(nlohmann::json::array());
}

nlohmann::json MappingPage::mapping() const
{
    if (m_mapAll->isChecked())
        return nullptr;
    const nlohmann::json edited = m_editor->mapping();
    return edited == m_loadedNormalised ? m_loaded : edited;
}

void MappingPage::setMapping(const nlohmann::json &mapping)
{
    m_updating = true;
    m_mapAll->setChecked(mapping.is_null());
    m_editor->setMapping(mapping.is_null() ? nlohmann::json::array() : mapping);
    m_loaded = mapping.is_null() ? nlohmann::json::array() : mapping;
    m_loadedNormalised = m_editor->mapping();
    m_message->clear();
    m_updating = false;
}

bool MappingPage::mapsAllFieldsDirectly() const
{
    return m_mapAll->isChecked();
}

void MappingPage::setMapAllFieldsDirectly(bool mapAll)
{
    m_mapAll->setChecked(mapAll);
}

void MappingPage::refreshSource()
{
    FlowWizard *w = qobject_cast<FlowWizard *>(wizard());
    if (!w)
        return;
    QList<SourceField> fields;
    for (const EndpointField &f : w->sourceFields())
        fields << SourceField{f.name, f.type};
    m_updating = true;
    m_editor->setSourceFields(fields);
    m_editor->setSample(w->sourceSample(), w->sourceUnreadable());
    m_updating = false;
    reportStaleRows();
}

void MappingPage::refreshDestination()
{
    FlowWizard *w = qobject_cast<FlowWizard *>(wizard());
    if (!w)
        return;
    QList<DestinationColumn> columns;
    for (const EndpointField &c : w->destinationColumns())
        columns << DestinationColumn{c.name,       c.type,       c.required,      c.described, c.nullable, c.hasDefault,
                                     c.defaultSql, c.defaultIsExpression, c.autoIncrement, c.generated};
    m_updating = true;
    m_editor->setDestinationColumns(columns);
    m_updating = false;
    reportStaleRows();
    updateCreateTable();
}

void MappingPage::updateCreateTable()
{
    FlowWizard *w = flowWizard();
    const MySqlPage *destination = w ? w->mysqlPage(EndpointRole::Destination) : nullptr;
    const bool show = destination && w->endpointType(EndpointRole::Destination) == QLatin1String("mysql")
        && destination->tableReady() && !destination->tableExists() && !destination->table().contains(QLatin1Char('{'));
    m_createTable->setVisible(show);
}

CreateTableDialog *MappingPage::openCreateTable()
{
    FlowWizard *w = flowWizard();
    MySqlPage *destination = w ? w->mysqlPage(EndpointRole::Destination) : nullptr;
    if (!destination)
        return nullptr;
    // The names and values the run would write: the preview's columns and rows.
    const MappingPreviewModel *preview = m_editor->previewModel();
    QStringList names;
    for (int c = 1; c < preview->columnCount(); ++c)
        names << preview->headerData(c, Qt::Horizontal).toString();
    QList<QStringList> values;
    for (int r = 0; r < preview->rowCount(); ++r) {
        if (preview->rowState(r) == MappingPreviewModel::RowState::Rejected)
            continue;
        QStringList row;
        for (int c = 1; c < preview->columnCount(); ++c)
            row << (preview->cellIsNull(r, c) ? QString() : preview->cellText(r, c));
        values << row;
    }
    const TableProposal proposal(names, values);
    QStringList key;
    for (const QString &k : destination->key())
        key << (proposal.columnFor(k).isEmpty() ? TableProposal::snakeCase(k) : proposal.columnFor(k));
    if (key.isEmpty())
        key = proposal.proposedKey();
    auto *dialog = new CreateTableDialog(proposal, destination->connection(), destination->tableDatabase(), destination->tableName(), key, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { tableCreated(dialog); });
    dialog->setWindowModality(Qt::WindowModal);
    dialog->show();
    return dialog;
}

void MappingPage::tableCreated(const CreateTableDialog *dialog)
{
    FlowWizard *w = flowWizard();
    const TableProposal &proposal = dialog->proposal();
    // The mapping now writes the new table's columns (snake_case names).
    nlohmann::json mapping = nlohmann::json::array();
    if (m_mapAll->isChecked()) {
        for (const EndpointField &f : w->sourceFields())
            mapping.push_back({{"source", f.name.toStdString()}, {"destination", proposal.columnFor(f.name).toStdString()}});
    } else {
        mapping = m_editor->mapping();
        for (auto &entry : mapping)
            if (entry.is_object() && entry.contains("destination") && entry["destination"].is_string()) {
                const QString column = proposal.columnFor(QString::fromStdString(entry["destination"].get<std::string>()));
                if (!column.isEmpty())
                    entry["destination"] = column.toStdString();
            }
    }
    setMapping(mapping);
    touched();
    MySqlPage *destination = w->mysqlPage(EndpointRole::Destination);
    destination->setKey(dialog->key());
    destination->refreshTable();
    m_message->showSuccess(tr("Created the table %1.").arg(destination->table()));
}

void MappingPage::reportStaleRows()
{
    // Rows are never dropped behind the user's back: the ones the new source or destination
    // cannot take are marked in the table and listed here.
    const FieldMappingModel *model = m_editor->model();
    QStringList stale;
    for (int r = 0; r < model->rowCount(); ++r)
        if (const QString p = model->rowProblem(r); !p.isEmpty())
            stale << tr("Row %1: %2").arg(r + 1).arg(p);
    if (stale.isEmpty()) {
        if (m_message->kind() == FieldMessage::Kind::Info)
            m_message->clear();
        return;
    }
    m_message->showInfo(tr("Some mappings do not fit the source or destination now; map them again or remove them:\n%1")
                            .arg(stale.join(QLatin1Char('\n'))));
}

void MappingPage::setFilters(const nlohmann::json &filters)
{
    m_updating = true;
    m_editor->setFilters(filters);
    m_updating = false;
}

void MappingPage::load(const nlohmann::json &flow)
{
    setMapping(flow.contains("mapping") ? flow["mapping"] : nlohmann::json());
}

void MappingPage::save(nlohmann::json &flow) const
{
    const nlohmann::json m = mapping();
    if (m.is_null())
        flow.erase("mapping");
    else
        flow["mapping"] = m;
}

void MappingPage::initializePage()
{
    refreshSource();
    refreshDestination();
    updateCreateTable();
    if (FlowWizard *w = flowWizard())
        setFilters(w->flowJson().value("filters", nlohmann::json::array()));
}

int MappingPage::nextId() const
{
    return FlowWizard::Filters;
}

bool MappingPage::validatePage()
{
    FlowWizard *w = flowWizard();
    QString problem;
    if (m_mapAll->isChecked()) {
        // Each field goes to the column of its own name: required columns need a field of that name.
        QStringList fields;
        for (const EndpointField &f : w ? w->sourceFields() : QList<EndpointField>())
            fields << f.name;
        QStringList missing;
        for (const EndpointField &c : w ? w->destinationColumns() : QList<EndpointField>())
            if (c.required && !fields.isEmpty() && !fields.contains(c.name))
                missing << c.name;
        if (!missing.isEmpty())
            problem = tr("Mapping all fields directly leaves these required columns (NOT NULL without a default) "
                         "empty: %1. Map fields to them instead.")
                          .arg(missing.join(QStringLiteral(", ")));
    } else if (m_editor->model()->rowCount() == 0) {
        problem = tr("Map at least one field, or check \"Map all fields directly\".");
    } else {
        m_editor->validate(&problem);
    }
    if (problem.isEmpty())
        problem = flowProblemsUnder(w, "mapping").join(QLatin1Char('\n'));
    if (problem.isEmpty()) {
        m_message->clear();
        return true;
    }
    m_message->showError(problem);
    return false;
}

} // namespace flowdeck
