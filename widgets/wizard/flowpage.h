#pragma once

#include <QWizardPage>

#include <nlohmann/json.hpp>

namespace flowdeck {

class FlowWizard;

/// A page of the flow wizard: it reads its part of a flow document (editing) and writes it back.
/// Pages keep keys they do not show, so editing a hand-written flow loses nothing.
class FlowPage : public QWizardPage
{
    Q_OBJECT
public:
    using QWizardPage::QWizardPage;

    /// Fills the page from a flow document (the raw file, `${...}` references intact).
    virtual void load(const nlohmann::json &flow) = 0;
    /// Writes the page's part into `flow`.
    virtual void save(nlohmann::json &flow) const = 0;

protected:
    FlowWizard *flowWizard() const;
    /// Marks the flow as changed (Cancel then asks first).
    void touched();
};

} // namespace flowdeck
