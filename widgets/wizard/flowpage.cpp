#include "flowpage.h"

#include "flowwizard.h"

namespace flowdeck {

FlowWizard *FlowPage::flowWizard() const
{
    return qobject_cast<FlowWizard *>(wizard());
}

void FlowPage::touched()
{
    if (FlowWizard *w = flowWizard())
        w->markChanged();
}

} // namespace flowdeck
