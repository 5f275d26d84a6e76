#include "kafkapage.h"

#include "fieldmessage.h"
#include "namecountmodel.h"

#include "widgets/secretstore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QtConcurrent/QtConcurrentRun>

namespace flowdeck {

KafkaPage::KafkaPage(EndpointRole role, QWidget *parent)
    : EndpointPage(role, parent)
{
    setObjectName(isSource() ? QStringLiteral("sourceKafkaPage") : QStringLiteral("destinationKafkaPage"));
    setTitle(isSource() ? tr("Source: Kafka") : tr("Destination: Kafka"));
    setSubTitle(isSource() ? tr("Connect to the cluster, then say which topics to read.")
                           : tr("Connect to the cluster, then say which topic each record goes to."));

    m_brokers = new QLineEdit(this);
    m_brokers->setObjectName(QStringLiteral("kafkaBrokers"));
    m_brokers->setPlaceholderText(tr("host1:9092,host2:9092"));
    m_embedded = new QCheckBox(tr("Use Flowdeck's &embedded broker (in memory, for trying flows)"), this);
    m_embedded->setObjectName(QStringLiteral("kafkaEmbedded"));
    m_security = new QComboBox(this);
    m_security->setObjectName(QStringLiteral("kafkaSecurity"));
    // stored in flow files (librdkafka's security.protocol): do not rename
    m_security->addItem(tr("None (plaintext)"), QString());
    m_security->addItem(QStringLiteral("SASL_SSL"), QStringLiteral("SASL_SSL"));
    m_security->addItem(QStringLiteral("SASL_PLAINTEXT"), QStringLiteral("SASL_PLAINTEXT"));
    m_security->addItem(QStringLiteral("SSL"), QStringLiteral("SSL"));
    m_mechanism = new QComboBox(this);
    m_mechanism->addItems({QStringLiteral("PLAIN"), QStringLiteral("SCRAM-SHA-256"), QStringLiteral("SCRAM-SHA-512")});
    m_saslUser = new QLineEdit(this);
    m_saslUser->setObjectName(QStringLiteral("kafkaSaslUser"));
    m_saslPassword = new QLineEdit(this);
    m_saslPassword->setObjectName(QStringLiteral("kafkaSaslPassword"));
    m_saslPassword->setEchoMode(QLineEdit::Password);
    m_test = new QPushButton(tr("&Test Connection"), this);
    m_test->setObjectName(QStringLiteral("kafkaTest"));
    m_message = new FieldMessage(this);
    m_message->setObjectName(QStringLiteral("kafkaMessage"));

    auto *sasl = new QHBoxLayout;
    sasl->addWidget(m_mechanism);
    sasl->addWidget(m_saslUser, 1);
    sasl->addWidget(m_saslPassword, 1);
    auto *connection = new QGroupBox(tr("Connection"), this);
    auto *cform = new QFormLayout(connection);
    cform->addRow(tr("&Brokers:"), m_brokers);
    cform->addRow(QString(), m_embedded);
    cform->addRow(tr("&Security:"), m_security);
    cform->addRow(buddyLabel(tr("SAS&L:"), m_mechanism), sasl);
    m_keychainNote = new QLabel(this);
    m_keychainNote->setObjectName(QStringLiteral("keychainNote"));
    m_keychainNote->setWordWrap(true);
    m_keychainNote->hide();
    cform->addRow(QString(), m_keychainNote);
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_test);
    testRow->addStretch();
    cform->addRow(QString(), testRow);
    cform->addRow(QString(), m_message);

    m_topicsModel = new NameCountModel(tr("Topic"), tr("Partitions"), this);
    m_topicsView = new QTableView(this);
    m_topicsView->setObjectName(QStringLiteral("kafkaTopics"));
    m_topicsView->setModel(m_topicsModel);
    m_topicsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_topicsView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_topicsView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_topicsView->verticalHeader()->hide();
    m_topicsView->horizontalHeader()->setSectionResizeMode(NameCountModel::Name, QHeaderView::Stretch);
    m_topicsView->setMinimumHeight(90);

    m_protocol = new QComboBox(this);
    m_protocol->setObjectName(QStringLiteral("kafkaProtocol"));
    // stored in flow files: do not rename
    m_protocol->addItem(tr("JSON: the row as one object"), QStringLiteral("json"));
    m_protocol->addItem(tr("canal-json (as TiCDC writes it)"), QStringLiteral("canal-json"));
    m_protocol->addItem(tr("Debezium JSON"), QStringLiteral("debezium-json"));
    m_topic = new QLineEdit(this);
    m_topic->setObjectName(QStringLiteral("kafkaTopic"));
    m_topic->setPlaceholderText(isSource() ? tr("a topic, topics separated by commas, or ^regex")
                                           : tr("e.g. tidb_{schema}_{table}"));
    m_topicMessage = new FieldMessage(this);
    m_topicMessage->setObjectName(QStringLiteral("kafkaTopicMessage"));

    auto *topics = new QGroupBox(isSource() ? tr("Topics") : tr("Topic and partitions"), this);
    auto *tform = new QFormLayout(topics);
    tform->addRow(m_topicsView);
    tform->addRow(isSource() ? tr("T&opic:") : tr("T&opic template:"), m_topic);
    tform->addRow(QString(), m_topicMessage);
    tform->addRow(tr("&Protocol:"), m_protocol);
    if (isSource()) {
        m_group = new QLineEdit(this);
        m_group->setObjectName(QStringLiteral("kafkaGroup"));
        m_startFrom = new QComboBox(this);
        // stored in flow files: do not rename
        m_startFrom->addItem(tr("Committed offsets (default)"), QStringLiteral("committed"));
        m_startFrom->addItem(tr("Earliest"), QStringLiteral("earliest"));
        m_startFrom->addItem(tr("Latest"), QStringLiteral("latest"));
        tform->addRow(tr("Consumer &group:"), m_group);
        tform->addRow(tr("Start &from:"), m_startFrom);
        connect(m_group, &QLineEdit::textChanged, this, [this] { touched(); });
        connect(m_startFrom, &QComboBox::currentIndexChanged, this, [this] { touched(); });
    } else {
        m_partition = new QComboBox(this);
        m_partition->setObjectName(QStringLiteral("kafkaPartition"));
        // stored in flow files: do not rename
        m_partition->addItem(tr("Default (TiCDC's default: by table)"), QStringLiteral("default"));
        m_partition->addItem(tr("index-value: by primary key"), QStringLiteral("index-value"));
        m_partition->addItem(tr("table: by table"), QStringLiteral("table"));
        m_partition->addItem(tr("ts: by commit time"), QStringLiteral("ts"));
        m_partition->addItem(tr("columns: by the columns below"), QStringLiteral("columns"));
        m_partition->addItem(tr("key: by message key (Kafka's Java default)"), QStringLiteral("key"));
        m_partitionColumns = new QLineEdit(this);
        m_partitionColumns->setPlaceholderText(tr("a,b"));
        m_createTopics = new QCheckBox(tr("&Create missing topics with"), this);
        m_createTopics->setObjectName(QStringLiteral("kafkaCreateTopics"));
        m_partitions = new QSpinBox(this);
        m_partitions->setRange(1, 10000);
        m_partitions->setValue(3);
        m_partitions->setSuffix(tr(" partitions"));
        m_replication = new QSpinBox(this);
        m_replication->setRange(1, 100);
        m_replication->setPrefix(tr("replication factor "));
        auto *partRow = new QHBoxLayout;
        partRow->addWidget(m_partition, 1);
        partRow->addWidget(m_partitionColumns, 1);
        auto *createRow = new QHBoxLayout;
        createRow->addWidget(m_createTopics);
        createRow->addWidget(m_partitions);
        createRow->addWidget(m_replication);
        createRow->addStretch();
        tform->addRow(buddyLabel(tr("P&artition by:"), m_partition), partRow);
        tform->addRow(QString(), createRow);
        connect(m_partition, &QComboBox::currentIndexChanged, this, [this] { touched(); updateEnabled(); });
        connect(m_partitionColumns, &QLineEdit::textChanged, this, [this] { touched(); });
        connect(m_createTopics, &QCheckBox::toggled, this, [this] { touched(); updateEnabled(); });
    }

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(connection);
    layout->addWidget(topics, 1);

    connect(m_brokers, &QLineEdit::textEdited, this, &KafkaPage::invalidate);
    connect(m_embedded, &QCheckBox::toggled, this, [this] { invalidate(); updateEnabled(); });
    connect(m_security, &QComboBox::currentIndexChanged, this, [this] { invalidate(); updateEnabled(); });
    connect(m_mechanism, &QComboBox::currentIndexChanged, this, &KafkaPage::invalidate);
    for (QLineEdit *e : {m_saslUser, m_saslPassword})
        connect(e, &QLineEdit::textEdited, this, &KafkaPage::invalidate);
    connect(m_test, &QPushButton::clicked, this, &KafkaPage::test);
    connect(m_saslPassword, &QLineEdit::textEdited, this, &KafkaPage::updateKeychainNote);
    connect(m_protocol, &QComboBox::currentIndexChanged, this, [this] { touched(); });
    connect(m_topic, &QLineEdit::textChanged, this, [this] {
        m_topicMessage->clear();
        touched();
        Q_EMIT completeChanged();
    });
    connect(m_topicsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &i) {
        // Only a different pick counts as a change (the page selects the loaded one itself).
        if (i.isValid() && m_topic->text().trimmed() != m_topicsModel->items().at(i.row()).name)
            m_topic->setText(m_topicsModel->items().at(i.row()).name);
    });
    updateEnabled();
}

void KafkaPage::updateEnabled()
{
    m_brokers->setEnabled(!m_embedded->isChecked());
    const QString security = m_security->currentData().toString();
    const bool sasl = security.startsWith(QLatin1String("SASL"));
    m_mechanism->setEnabled(sasl);
    m_saslUser->setEnabled(sasl);
    m_saslPassword->setEnabled(sasl);
    m_saslUser->setPlaceholderText(tr("user"));
    m_saslPassword->setPlaceholderText(m_saslReference.isEmpty() ? tr("password") : tr("unchanged (%1)").arg(m_saslReference));
    if (m_partitionColumns)
        m_partitionColumns->setEnabled(m_partition->currentData().toString() == QLatin1String("columns"));
    if (m_createTopics) {
        m_partitions->setEnabled(m_createTopics->isChecked());
        m_replication->setEnabled(m_createTopics->isChecked());
    }
}

void KafkaPage::setBrokers(const QString &brokers)
{
    m_embedded->setChecked(brokers == QLatin1String("embedded"));
    if (brokers != QLatin1String("embedded"))
        m_brokers->setText(brokers);
    invalidate();
}

void KafkaPage::setTopic(const QString &topic)
{
    m_topic->setText(topic);
}

QString KafkaPage::brokers() const
{
    return m_embedded->isChecked() ? QStringLiteral("embedded") : m_brokers->text().trimmed();
}

void KafkaPage::invalidate()
{
    touched();
    m_connected = false;
    m_busy = false;
    ++m_generation;
    m_message->clear();
    m_test->setEnabled(true);
    Q_EMIT completeChanged();
}

nlohmann::json KafkaPage::properties(const nlohmann::json &original, bool effective) const
{
    nlohmann::json p = original.is_object() ? original : nlohmann::json::object();
    for (const char *key : {"security.protocol", "sasl.mechanisms", "sasl.username", "sasl.password"})
        p.erase(key);
    const QString security = m_security->currentData().toString();
    if (!security.isEmpty())
        p["security.protocol"] = security.toStdString();
    if (security.startsWith(QLatin1String("SASL"))) {
        p["sasl.mechanisms"] = m_mechanism->currentText().toStdString();
        p["sasl.username"] = m_saslUser->text().trimmed().toStdString();
        const QString typed = m_saslPassword->text();
        QString password = typed.isEmpty() ? m_saslReference : typed;
        if (!effective && !typed.isEmpty() && SecretStore::referencedVariable(typed).isEmpty())
            password = SecretStore::reference(secretVariable(QStringLiteral("sasl_password")));
        if (!password.isEmpty())
            p["sasl.password"] = password.toStdString();
    }
    return effective ? expandEnvironment(p, SecretStore::lookup(flowWizard() ? flowWizard()->flowName() : QString())) : p;
}

void KafkaPage::test()
{
    const QString b = brokers();
    if (b.isEmpty()) {
        m_message->showError(tr("Give the brokers, or use the embedded broker."));
        return;
    }
    nlohmann::json props;
    try {
        props = properties(m_originalProperties, true);
    } catch (const std::exception &e) {
        m_message->showError(QString::fromUtf8(e.what()));
        return;
    }
    const int generation = ++m_generation;
    m_busy = true;
    m_connected = false;
    m_test->setEnabled(false);
    m_message->showInfo(tr("Connecting…"));
    Q_EMIT completeChanged();
    auto *watcher = new QFutureWatcher<ProbeResult>(this);
    connect(watcher, &QFutureWatcher<ProbeResult>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        m_test->setEnabled(true);
        m_busy = false;
        const ProbeResult r = watcher->result();
        m_connected = r.ok;
        QList<NameCountModel::Item> items;
        for (const TopicInfo &t : r.topics)
            items.append({t.name, t.partitions});
        m_topicsModel->setItems(items);
        if (r.ok)
            m_message->showSuccess(r.message);
        else
            m_message->showError(r.message);
        Q_EMIT completeChanged();
    });
    watcher->setFuture(QtConcurrent::run([b, props] { return probe::kafkaCluster(b, props); }));
}

void KafkaPage::updateKeychainNote()
{
    const QString variable = secretVariable(QStringLiteral("sasl_password"));
    const bool typed = !m_saslPassword->text().isEmpty() && SecretStore::referencedVariable(m_saslPassword->text()).isEmpty();
    const bool shown = typed && m_saslPassword->isEnabled();
    m_keychainNote->setVisible(shown);
    if (!shown)
        return;
    QString why;
    if (SecretStore::available(&why))
        m_keychainNote->setText(tr("The SASL password is kept in the system keychain as %1, never in the flow file.").arg(variable));
    else
        m_keychainNote->setText(tr("No keychain is available (%1): the SASL password is not saved. The flow refers to it "
                                   "as ${%2}; set that environment variable before running the flow.")
                                    .arg(why, variable));
}

void KafkaPage::initializePage()
{
    updateKeychainNote();
    if (!m_connected && !m_busy && !brokers().isEmpty())
        test();
}

bool KafkaPage::isComplete() const
{
    return m_connected && !m_busy && !m_topic->text().trimmed().isEmpty();
}

bool KafkaPage::validatePage()
{
    const QString topic = m_topic->text().trimmed();
    if (!isSource() && (topic.contains(QLatin1Char(',')) || topic.startsWith(QLatin1Char('^')))) {
        m_topicMessage->showError(tr("A destination writes to one topic (a template may use {schema} and {table})."));
        return false;
    }
    if (!isSource() && m_partition->currentData().toString() == QLatin1String("columns")
        && m_partitionColumns->text().trimmed().isEmpty()) {
        m_topicMessage->showError(tr("Name the columns to partition by."));
        return false;
    }
    if (isSource())
        flowWizard()->setSourceShape({}, {}); // messages bring their fields when the flow runs
    else
        flowWizard()->setDestinationColumns({});
    return true;
}

QList<PendingSecret> KafkaPage::pendingSecrets() const
{
    const QString typed = m_saslPassword->text();
    if (typed.isEmpty() || !m_saslPassword->isEnabled() || !SecretStore::referencedVariable(typed).isEmpty()
        || !SecretStore::available())
        return {};
    return {{secretVariable(QStringLiteral("sasl_password")), typed}};
}

void KafkaPage::loadEndpoint(const nlohmann::json &endpoint)
{
    setBrokers(QString::fromStdString(endpoint.value("brokers", std::string())));
    m_originalProperties = endpoint.value("properties", nlohmann::json::object());
    if (m_originalProperties.is_object()) {
        const QString security = QString::fromStdString(m_originalProperties.value("security.protocol", std::string()));
        m_security->setCurrentIndex(std::max(0, m_security->findData(security)));
        const int mech = m_mechanism->findText(QString::fromStdString(m_originalProperties.value("sasl.mechanisms", std::string("PLAIN"))));
        m_mechanism->setCurrentIndex(std::max(0, mech));
        m_saslUser->setText(QString::fromStdString(m_originalProperties.value("sasl.username", std::string())));
        const QString password = QString::fromStdString(m_originalProperties.value("sasl.password", std::string()));
        if (password.contains(QLatin1String("${")))
            m_saslReference = password;
        else
            m_saslPassword->setText(password);
    }
    m_protocol->setCurrentIndex(std::max(0, m_protocol->findData(QString::fromStdString(endpoint.value("protocol", std::string("json"))))));
    const nlohmann::json topic = endpoint.value("topic", nlohmann::json());
    if (topic.is_string()) {
        m_topic->setText(QString::fromStdString(topic.get<std::string>()));
    } else if (topic.is_array()) {
        QStringList topics;
        for (const auto &t : topic)
            if (t.is_string())
                topics << QString::fromStdString(t.get<std::string>());
        m_topic->setText(topics.join(QStringLiteral(", ")));
    }
    if (isSource()) {
        m_group->setText(QString::fromStdString(endpoint.value("group", std::string())));
        m_startFrom->setCurrentIndex(std::max(0, m_startFrom->findData(QString::fromStdString(endpoint.value("startFrom", std::string("committed"))))));
    } else {
        const QString partition = QString::fromStdString(endpoint.value("partition", std::string("default")));
        if (partition.startsWith(QLatin1String("columns:"))) {
            m_partition->setCurrentIndex(m_partition->findData(QStringLiteral("columns")));
            m_partitionColumns->setText(partition.mid(8));
        } else {
            m_partition->setCurrentIndex(std::max(0, m_partition->findData(partition)));
        }
        const nlohmann::json create = endpoint.value("createTopics", nlohmann::json());
        m_createTopics->setChecked(create.is_object());
        if (create.is_object()) {
            auto intOf = [&create](const char *key, int fallback) {
                const nlohmann::json v = create.value(key, nlohmann::json());
                if (v.is_number_integer())
                    return v.get<int>();
                bool ok = false;
                const int n = v.is_string() ? QString::fromStdString(v.get<std::string>()).toInt(&ok) : 0;
                return ok ? n : fallback;
            };
            m_partitions->setValue(intOf("partitions", 3));
            m_replication->setValue(intOf("replicationFactor", 1));
        }
    }
    updateEnabled();
}

void KafkaPage::saveEndpoint(nlohmann::json &endpoint) const
{
    endpoint["brokers"] = brokers().toStdString();
    const QString protocol = m_protocol->currentData().toString();
    if (protocol == QLatin1String("json") && !endpoint.contains("protocol"))
        endpoint.erase("protocol");
    else
        endpoint["protocol"] = protocol.toStdString();
    const nlohmann::json props = properties(endpoint.value("properties", nlohmann::json::object()), false);
    if (props.empty())
        endpoint.erase("properties");
    else
        endpoint["properties"] = props;
    const QString topic = m_topic->text().trimmed();
    if (isSource()) {
        const QStringList topics = topic.split(QLatin1Char(','), Qt::SkipEmptyParts);
        if (topics.size() > 1) {
            nlohmann::json list = nlohmann::json::array();
            for (const QString &t : topics)
                list.push_back(t.trimmed().toStdString());
            endpoint["topic"] = list;
        } else {
            endpoint["topic"] = topic.toStdString();
        }
        if (m_group->text().trimmed().isEmpty())
            endpoint.erase("group");
        else
            endpoint["group"] = m_group->text().trimmed().toStdString();
        const QString start = m_startFrom->currentData().toString();
        if (start == QLatin1String("committed") && !endpoint.contains("startFrom"))
            endpoint.erase("startFrom");
        else
            endpoint["startFrom"] = start.toStdString();
        return;
    }
    endpoint["topic"] = topic.toStdString();
    const QString partition = m_partition->currentData().toString();
    if (partition == QLatin1String("columns"))
        endpoint["partition"] = "columns:" + m_partitionColumns->text().remove(QLatin1Char(' ')).toStdString();
    else if (partition == QLatin1String("default") && !endpoint.contains("partition"))
        endpoint.erase("partition");
    else
        endpoint["partition"] = partition.toStdString();
    if (m_createTopics->isChecked()) {
        // Keep the file's spelling of an unchanged number ("1", "${PARTITIONS:-6}"...).
        const nlohmann::json original = endpoint.value("createTopics", nlohmann::json::object());
        auto number = [&original](const char *key, int value) -> nlohmann::json {
            const nlohmann::json o = original.is_object() ? original.value(key, nlohmann::json()) : nlohmann::json();
            if (o.is_string() && QString::fromStdString(o.get<std::string>()).toInt() == value)
                return o;
            return value;
        };
        nlohmann::json create = original.is_object() ? original : nlohmann::json::object();
        create["partitions"] = number("partitions", m_partitions->value());
        create["replicationFactor"] = number("replicationFactor", m_replication->value());
        endpoint["createTopics"] = create;
    } else {
        endpoint.erase("createTopics");
    }
}

} // namespace flowdeck
