#include "endpointpage.h"

#include "widgets/secretstore.h"

namespace flowdeck {

EndpointPage::EndpointPage(EndpointRole role, QWidget *parent)
    : FlowPage(parent)
    , m_role(role)
{
}

void EndpointPage::load(const nlohmann::json &flow)
{
    const nlohmann::json endpoint = flow.value(key(), nlohmann::json::object());
    if (!endpoint.is_object() || endpoint.value("type", std::string()) != type())
        return;
    m_original = endpoint;
    loadEndpoint(endpoint);
}

void EndpointPage::save(nlohmann::json &flow) const
{
    nlohmann::json endpoint = m_original;
    endpoint["type"] = type();
    saveEndpoint(endpoint);
    flow[key()] = endpoint;
}

int EndpointPage::nextId() const
{
    return isSource() ? FlowWizard::DestinationType : FlowWizard::Mapping;
}

QString EndpointPage::secretVariable(const QString &field) const
{
    return SecretStore::variableName(flowWizard() ? flowWizard()->flowName() : QString(),
                                     QLatin1String(key()) + QLatin1Char('_') + field);
}

} // namespace flowdeck
