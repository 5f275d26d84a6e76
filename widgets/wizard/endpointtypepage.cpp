#include "endpointtypepage.h"

#include "flowwizard.h"

#include <QButtonGroup>
#include <QLabel>
#include <QRadioButton>
#include <QVBoxLayout>

namespace flowdeck {

namespace {
// stored in flow files: do not rename
const char *const kTypes[] = {"mysql", "kafka", "file"};
} // namespace

EndpointTypePage::EndpointTypePage(EndpointRole role, QWidget *parent)
    : FlowPage(parent)
    , m_role(role)
{
    const bool source = role == EndpointRole::Source;
    setTitle(source ? tr("Source") : tr("Destination"));
    setSubTitle(source ? tr("Where do the records come from?") : tr("Where do the records go?"));
    setObjectName(source ? QStringLiteral("sourceTypePage") : QStringLiteral("destinationTypePage"));

    m_group = new QButtonGroup(this);
    auto *layout = new QVBoxLayout(this);
    const QString labels[] = {tr("&MySQL, MariaDB or TiDB"), tr("&Kafka"), tr("&File (CSV or JSON Lines)")};
    const QString help[] = {
        source ? tr("Read a table once, or follow its changes from the binary log (CDC). No server at hand? "
                    "The next page can start a sandbox database on this machine.")
               : tr("Insert, update, upsert or replicate into a table; Flowdeck can create the table and add "
                    "missing columns. No server at hand? The next page can start a sandbox database."),
        source ? tr("Read messages from topics (JSON, canal-json or Debezium). No cluster? Use Flowdeck's "
                    "embedded broker.")
               : tr("Write each record as a message: JSON, canal-json (as TiCDC writes it) or Debezium. No "
                    "cluster? Use Flowdeck's embedded broker."),
        source ? tr("A CSV or JSON Lines file, such as an export from Salesforce. A preview shows the first rows.")
               : tr("Write a CSV or JSON Lines file."),
    };
    for (int i = 0; i < 3; ++i) {
        auto *button = new QRadioButton(labels[i], this);
        button->setObjectName(QLatin1String(kTypes[i]));
        m_group->addButton(button, i);
        auto *label = new QLabel(help[i], this);
        label->setWordWrap(true);
        label->setContentsMargins(24, 0, 0, 8);
        layout->addWidget(button);
        layout->addWidget(label);
    }
    layout->addStretch();
    m_group->button(source ? 2 : 0)->setChecked(true);
    connect(m_group, &QButtonGroup::idClicked, this, [this] { touched(); });
}

QString EndpointTypePage::type() const
{
    const int id = m_group->checkedId();
    return QLatin1String(kTypes[id < 0 ? 0 : id]);
}

void EndpointTypePage::setType(const QString &type)
{
    for (int i = 0; i < 3; ++i)
        if (type == QLatin1String(kTypes[i]))
            m_group->button(i)->setChecked(true);
}

void EndpointTypePage::load(const nlohmann::json &flow)
{
    const nlohmann::json endpoint = flow.value(m_role == EndpointRole::Source ? "source" : "destination", nlohmann::json::object());
    if (endpoint.is_object())
        setType(QString::fromStdString(endpoint.value("type", std::string())));
}

int EndpointTypePage::nextId() const
{
    const QString t = type();
    const bool source = m_role == EndpointRole::Source;
    if (t == QLatin1String("mysql"))
        return source ? FlowWizard::SourceMySql : FlowWizard::DestinationMySql;
    if (t == QLatin1String("kafka"))
        return source ? FlowWizard::SourceKafka : FlowWizard::DestinationKafka;
    return source ? FlowWizard::SourceFile : FlowWizard::DestinationFile;
}

} // namespace flowdeck
