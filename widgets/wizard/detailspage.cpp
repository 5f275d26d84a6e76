#include "detailspage.h"

#include "fieldmessage.h"
#include "flowwizard.h"

#include "core/flow/flowvalidator.h"

#include <QFormLayout>
#include <QLineEdit>
#include <QPlainTextEdit>

namespace flowdeck {

DetailsPage::DetailsPage(QWidget *parent)
    : FlowPage(parent)
{
    setTitle(tr("Flow details"));
    setSubTitle(tr("Name the flow and say what it is for. The name also names its file, its checkpoints and "
                   "its run history."));
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("flowName"));
    m_name->setPlaceholderText(tr("e.g. salesforce-accounts-to-tidb"));
    m_name->setMaxLength(int(FlowValidator::kMaxNameLength));
    m_nameMessage = new FieldMessage(this);
    m_nameMessage->setObjectName(QStringLiteral("flowNameMessage"));
    m_description = new QPlainTextEdit(this);
    m_description->setObjectName(QStringLiteral("flowDescription"));
    m_description->setPlaceholderText(tr("Optional: what the flow does, for whoever reads the list of flows."));
    m_description->setTabChangesFocus(true);
    m_description->setMaximumHeight(m_description->fontMetrics().lineSpacing() * 8 + 12);

    auto *form = new QFormLayout(this);
    form->addRow(tr("Flow na&me:"), m_name); // not &N: that is Next
    form->addRow(QString(), m_nameMessage);
    form->addRow(tr("&Description:"), m_description);
    // The rows stay at the top in a tall wizard instead of spreading over the page.
    auto *filler = new QWidget(this);
    filler->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Expanding);
    form->addRow(filler);

    connect(m_name, &QLineEdit::textChanged, this, [this] {
        m_nameMessage->clear();
        touched();
        Q_EMIT completeChanged();
    });
    connect(m_description, &QPlainTextEdit::textChanged, this, [this] { touched(); });
}

QString DetailsPage::name() const
{
    return m_name->text().trimmed();
}

void DetailsPage::load(const nlohmann::json &flow)
{
    m_name->setText(QString::fromStdString(flow.value("name", std::string())));
    m_description->setPlainText(QString::fromStdString(flow.value("description", std::string())));
}

void DetailsPage::save(nlohmann::json &flow) const
{
    flow["name"] = name().toStdString();
    const QString description = m_description->toPlainText().trimmed();
    if (description.isEmpty())
        flow.erase("description");
    else
        flow["description"] = description.toStdString();
}

bool DetailsPage::isComplete() const
{
    return !name().isEmpty();
}

QString DetailsPage::nameProblem(const QString &name) const
{
    if (name.isEmpty())
        return tr("Give the flow a name.");
    if (name.contains(QLatin1Char('/')))
        return tr("The name must not contain '/'.");
    for (QChar c : name)
        if (c.category() == QChar::Other_Control)
            return tr("The name must not contain control characters such as tabs.");
    if (name.startsWith(QLatin1Char('.')))
        return tr("The name must not start with '.'.");
    if (name.size() > int(FlowValidator::kMaxNameLength))
        return tr("The name is longer than %1 characters.").arg(FlowValidator::kMaxNameLength);
    if (FlowWizard *w = flowWizard())
        for (const QString &existing : w->existingNames())
            if (existing.compare(name, Qt::CaseInsensitive) == 0)
                return tr("A flow named \"%1\" exists already.").arg(existing);
    return {};
}

bool DetailsPage::validatePage()
{
    const QString problem = nameProblem(name());
    if (problem.isEmpty())
        return true;
    m_nameMessage->showError(problem);
    m_name->setFocus();
    return false;
}

int DetailsPage::nextId() const
{
    return FlowWizard::SourceType;
}

} // namespace flowdeck
