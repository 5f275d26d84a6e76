#include "mappingpage.h"

#include "fieldmessage.h"
#include "filterspage.h"
#include "flowwizard.h"

#include "widgets/mapping/fieldmappingmodel.h"
#include "widgets/mapping/mappingeditor.h"

#include <QCheckBox>
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

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_mapAll);
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
    m_editor->setSample(w->sourceSample());
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
        columns << DestinationColumn{c.name, c.type, c.required};
    m_updating = true;
    m_editor->setDestinationColumns(columns);
    m_updating = false;
    reportStaleRows();
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
