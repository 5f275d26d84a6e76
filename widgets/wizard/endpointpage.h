#pragma once

#include "flowpage.h"
#include "flowwizard.h"

#include "core/flow/endpointvalidator.h"

namespace flowdeck {

/// A page that edits one endpoint (the flow's `source` or `destination`) of one type.
class EndpointPage : public FlowPage
{
    Q_OBJECT
public:
    EndpointPage(EndpointRole role, QWidget *parent = nullptr);

    EndpointRole role() const { return m_role; }
    bool isSource() const { return m_role == EndpointRole::Source; }
    /// "source" or "destination": the key in the flow document.
    const char *key() const { return isSource() ? "source" : "destination"; }

    void load(const nlohmann::json &flow) final;
    void save(nlohmann::json &flow) const final;
    int nextId() const override;

    /// Secrets typed on this page (saved to the keychain on Finish).
    virtual QList<PendingSecret> pendingSecrets() const { return {}; }

protected:
    /// The endpoint object: fill the page from it / write the page into it. `endpoint` starts as
    /// the edited flow's endpoint when it has this page's type, so keys the page does not show
    /// are kept.
    virtual void loadEndpoint(const nlohmann::json &endpoint) = 0;
    virtual void saveEndpoint(nlohmann::json &endpoint) const = 0;
    virtual const char *type() const = 0;
    /// The keychain variable of a secret field of this endpoint ("password").
    QString secretVariable(const QString &field) const;

private:
    EndpointRole m_role;
    nlohmann::json m_original = nlohmann::json::object();
};

} // namespace flowdeck
