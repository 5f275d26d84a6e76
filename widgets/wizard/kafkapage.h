#pragma once

#include "endpointpage.h"
#include "endpointprobe.h"

class QCheckBox;
class QLabel;
class QComboBox;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableView;

namespace flowdeck {

class FieldMessage;
class NameCountModel;

/// A Kafka endpoint: the brokers (or Flowdeck's embedded broker), SASL/TLS, **Test connection**
/// (off the UI thread) listing the topics with their partition counts, the protocol, and the topic
/// (source: name, list or ^regex, group, start) or the topic template and partition dispatcher
/// (destination). Complete once the connection test answered.
class KafkaPage : public EndpointPage
{
    Q_OBJECT
public:
    KafkaPage(EndpointRole role, QWidget *parent = nullptr);

    NameCountModel *topicsModel() const { return m_topicsModel; }
    void setBrokers(const QString &brokers);
    void setTopic(const QString &topic);
    void test();
    bool isBusy() const { return m_busy; }
    bool isConnected() const { return m_connected; }

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;
    QList<PendingSecret> pendingSecrets() const override;

protected:
    void loadEndpoint(const nlohmann::json &endpoint) override;
    void saveEndpoint(nlohmann::json &endpoint) const override;
    const char *type() const override { return "kafka"; }

private:
    void invalidate();
    QString brokers() const;
    nlohmann::json properties(const nlohmann::json &original, bool effective) const;
    void updateEnabled();
    void updateKeychainNote();

    QLineEdit *m_brokers = nullptr;
    QCheckBox *m_embedded = nullptr;
    QComboBox *m_security = nullptr;
    QComboBox *m_mechanism = nullptr;
    QLineEdit *m_saslUser = nullptr;
    QLineEdit *m_saslPassword = nullptr;
    QString m_saslReference;
    QLabel *m_keychainNote = nullptr;
    QPushButton *m_test = nullptr;
    FieldMessage *m_message = nullptr;
    NameCountModel *m_topicsModel = nullptr;
    QTableView *m_topicsView = nullptr;
    QComboBox *m_protocol = nullptr;
    QLineEdit *m_topic = nullptr;
    FieldMessage *m_topicMessage = nullptr;
    // source
    QLineEdit *m_group = nullptr;
    QComboBox *m_startFrom = nullptr;
    // destination
    QComboBox *m_partition = nullptr;
    QLineEdit *m_partitionColumns = nullptr;
    QCheckBox *m_createTopics = nullptr;
    QSpinBox *m_partitions = nullptr;
    QSpinBox *m_replication = nullptr;

    nlohmann::json m_originalProperties = nlohmann::json::object();
    bool m_busy = false;
    bool m_connected = false;
    int m_generation = 0;
};

} // namespace flowdeck
