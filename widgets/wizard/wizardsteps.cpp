#include "wizardsteps.h"

#include "flowwizard.h"

#include <QFont>

namespace flowdeck {

WizardSteps::WizardSteps(FlowWizard *wizard)
    : QListWidget(wizard)
{
    setObjectName(QStringLiteral("wizardSteps"));
    setSelectionMode(QAbstractItemView::NoSelection);
    setFocusPolicy(Qt::NoFocus);
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setSpacing(3);
    const QStringList steps{tr("Flow details"), tr("Source"), tr("Destination"), tr("Field mapping"),
                            tr("Filters"), tr("Trigger and errors"), tr("Review and create")};
    int width = 0;
    for (int i = 0; i < steps.size(); ++i) {
        const QString text = tr("Step %1").arg(i + 1) + QLatin1Char('\n') + steps.at(i);
        addItem(text);
        for (const QString &line : text.split(QLatin1Char('\n')))
            width = std::max(width, fontMetrics().horizontalAdvance(line));
    }
    setFixedWidth(width + 40);
    setStyleSheet(QStringLiteral("QListWidget { background: palette(window); }"));
    connect(wizard, &QWizard::currentIdChanged, this, &WizardSteps::follow);
}

int WizardSteps::stepOf(int pageId)
{
    switch (FlowWizard::PageId(pageId)) {
    case FlowWizard::Details: return 0;
    case FlowWizard::SourceType:
    case FlowWizard::SourceMySql:
    case FlowWizard::SourceKafka:
    case FlowWizard::SourceFile: return 1;
    case FlowWizard::DestinationType:
    case FlowWizard::DestinationMySql:
    case FlowWizard::DestinationKafka:
    case FlowWizard::DestinationFile: return 2;
    case FlowWizard::Mapping: return 3;
    case FlowWizard::Filters: return 4;
    case FlowWizard::Trigger: return 5;
    case FlowWizard::Review: return 6;
    }
    return -1;
}

void WizardSteps::follow(int pageId)
{
    m_current = stepOf(pageId);
    for (int i = 0; i < count(); ++i) {
        QListWidgetItem *it = item(i);
        QFont f = font();
        f.setBold(i == m_current);
        it->setFont(f);
        it->setForeground(i <= m_current ? palette().color(QPalette::WindowText) : palette().color(QPalette::PlaceholderText));
        it->setBackground(i == m_current ? palette().color(QPalette::Highlight).lighter(185) : QBrush());
        const QString text = it->text().section(QLatin1Char('\n'), 1);
        it->setText((i < m_current ? tr("Step %1 ✓").arg(i + 1) : tr("Step %1").arg(i + 1)) + QLatin1Char('\n') + text);
    }
}

} // namespace flowdeck
