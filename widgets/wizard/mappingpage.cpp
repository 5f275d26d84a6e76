#include "mappingpage.h"

#include "fieldmessage.h"
#include "flowwizard.h"

#include <QCheckBox>

namespace flowdeck {

MappingPage::MappingPage(QWidget *parent)
    : JsonListPage("mapping", tr("&Map all fields directly (each field to the column of the same name)"), parent)
{
    setObjectName(QStringLiteral("mappingPage"));
    setTitle(tr("Field mapping"));
    setSubTitle(tr("Map source fields to destination columns: one entry per column, "
                   "{\"source\": \"Account ID\", \"destination\": \"id\"}, with an optional transform."));
    setMapping(nullptr);
}

int MappingPage::nextId() const
{
    return FlowWizard::Filters;
}

bool MappingPage::validatePage()
{
    if (!JsonListPage::validatePage())
        return false;
    // Required destination columns (NOT NULL without a default) must get a value.
    const nlohmann::json m = mapping();
    FlowWizard *w = flowWizard();
    if (!w || !m.is_array())
        return true;
    QStringList missing;
    for (const EndpointField &c : w->destinationColumns()) {
        if (!c.required)
            continue;
        bool mapped = false;
        for (const auto &entry : m)
            if (entry.is_object() && entry.value("destination", std::string()) == c.name.toStdString())
                mapped = true;
        if (!mapped)
            missing << c.name;
    }
    if (missing.isEmpty())
        return true;
    m_message->showError(tr("These columns need a value (NOT NULL without a default): %1").arg(missing.join(QStringLiteral(", "))));
    return false;
}

} // namespace flowdeck
