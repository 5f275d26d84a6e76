#include "jsonlistpage.h"

#include "fieldmessage.h"
#include "flowwizard.h"

#include <QCheckBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace flowdeck {

JsonListPage::JsonListPage(const char *key, const QString &optionalText, QWidget *parent)
    : FlowPage(parent)
    , m_key(key)
{
    m_omit = new QCheckBox(optionalText, this);
    m_omit->setObjectName(QLatin1String(key) + QStringLiteral("Omit"));
    m_shape = new QLabel(this);
    m_shape->setWordWrap(true);
    m_shape->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text = new QPlainTextEdit(this);
    m_text->setObjectName(QLatin1String(key) + QStringLiteral("Json"));
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setTabChangesFocus(true);
    m_message = new FieldMessage(this);
    m_message->setObjectName(QLatin1String(key) + QStringLiteral("Message"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_shape);
    layout->addWidget(m_omit);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_message);

    connect(m_omit, &QCheckBox::toggled, this, [this](bool omit) {
        m_text->setEnabled(!omit);
        m_message->clear();
        touched();
    });
    connect(m_text, &QPlainTextEdit::textChanged, this, [this] {
        m_message->clear();
        touched();
    });
}

nlohmann::json JsonListPage::list() const
{
    if (m_omit->isChecked())
        return nullptr;
    const std::string text = m_text->toPlainText().trimmed().toStdString();
    if (text.empty())
        return nlohmann::json::array();
    // Text that does not parse is kept as text so the validator reports it at the key.
    return nlohmann::json::parse(text, nullptr, false).is_discarded() ? nlohmann::json(text)
                                                                      : nlohmann::json::parse(text);
}

void JsonListPage::setList(const nlohmann::json &list)
{
    m_omit->setChecked(list.is_null());
    m_text->setPlainText(list.is_null() ? QString() : QString::fromStdString(list.dump(2)));
}

void JsonListPage::load(const nlohmann::json &flow)
{
    setList(flow.contains(m_key) ? flow[m_key] : nlohmann::json());
}

void JsonListPage::save(nlohmann::json &flow) const
{
    const nlohmann::json l = list();
    if (l.is_null())
        flow.erase(m_key);
    else
        flow[m_key] = l;
}

void JsonListPage::showShape()
{
    FlowWizard *w = flowWizard();
    if (!w)
        return;
    QStringList fields;
    for (const EndpointField &f : w->sourceFields())
        fields << f.name;
    QStringList columns;
    for (const EndpointField &c : w->destinationColumns())
        columns << (c.required ? c.name + QLatin1Char('*') : c.name);
    QString text = tr("Source fields: %1").arg(fields.isEmpty() ? tr("(known when the flow runs)") : fields.join(QStringLiteral(", ")));
    if (qstrcmp(m_key, "mapping") == 0)
        text += QLatin1Char('\n')
                + tr("Destination columns (* required): %1")
                      .arg(columns.isEmpty() ? tr("(free names)") : columns.join(QStringLiteral(", ")));
    m_shape->setText(text);
}

void JsonListPage::initializePage()
{
    showShape();
}

QStringList JsonListPage::listProblems() const
{
    QStringList out;
    FlowWizard *w = flowWizard();
    if (!w)
        return out;
    const QString prefix = QLatin1String(m_key);
    for (const QString &p : w->problems())
        if (p.startsWith(prefix))
            out << p;
    return out;
}

bool JsonListPage::validatePage()
{
    const QStringList problems = listProblems();
    if (problems.isEmpty())
        return true;
    m_message->showError(problems.join(QLatin1Char('\n')));
    return false;
}

} // namespace flowdeck
