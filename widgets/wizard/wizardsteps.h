#pragma once

#include <QListWidget>

namespace flowdeck {

class FlowWizard;

/// The step list beside the wizard's pages, as the AppFlow console's left rail: the seven steps
/// (details, source, destination, mapping, filters, trigger, review), the current one selected
/// and bold, the ones passed marked done. It follows the wizard; it is not a way to jump.
class WizardSteps : public QListWidget
{
    Q_OBJECT
public:
    explicit WizardSteps(FlowWizard *wizard);

    /// The step (0-6) of a page id of FlowWizard.
    static int stepOf(int pageId);
    int currentStep() const { return m_current; }

private:
    void follow(int pageId);

    int m_current = -1;
};

} // namespace flowdeck
