#pragma once

#include "core/kafka/topicreader.h"

#include <QWidget>

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QSpinBox;
class QTableView;
class QTextBrowser;

namespace flowdeck {

class TopicConsumer;
class TopicMessageModel;

/// Looks at a Kafka topic: pick a broker (a bootstrap list, or the embedded one) and a topic;
/// tail new messages or read from the beginning, an offset or a time; a table of partition,
/// offset, timestamp, key, headers and value; the selected message as pretty JSON, and as a
/// row change when it is canal-json or Debezium; search; pause; export of the shown messages to
/// JSON Lines. Reading runs on a worker thread; the table keeps a bounded number of rows.
class TopicBrowser : public QWidget
{
    Q_OBJECT
public:
    explicit TopicBrowser(QWidget *parent = nullptr);
    ~TopicBrowser() override;

    /// "embedded" (this process's embedded broker) or a bootstrap list.
    void setBrokers(const QString &brokers);
    /// Starts reading `topic` from `start` (offset / time as in TopicReaderOptions).
    void openTopic(const QString &topic, TopicStart start, qint64 offset = 0, qint64 timeMs = 0);
    void stop();
    void setPaused(bool paused);
    /// Shows only messages whose key, headers or value contain `text` (case-insensitive).
    void setSearchText(const QString &text);
    /// Writes the shown (filtered) messages to `path` as JSON Lines; returns the count, or -1
    /// with `error` set.
    qint64 exportShown(const QString &path, QString *error = nullptr) const;
    /// Refreshes the topic list of the chosen broker (off the UI thread).
    void refreshTopics();

    TopicMessageModel *model() const { return m_model; }
    QSortFilterProxyModel *shown() const { return m_proxy; }
    QTableView *view() const { return m_view; }
    /// Selects a shown row and fills the detail pane.
    void selectRow(int row);
    QString detailText() const;
    QString statusText() const;
    /// Shown when no broker answers (the embedded one is not running, or the bootstrap list
    /// does not answer): starts the embedded broker and lists its topics.
    QPushButton *startBrokerButton() const { return m_startBroker; }
    /// Starts the embedded broker and switches to it (what startBrokerButton() does).
    void startEmbeddedBroker();

private:
    void buildUi();
    QString bootstrap() const;
    void startFromControls();
    void showDetail();
    void updateStatus();
    void exportWithDialog();
    bool embeddedChosen() const;
    /// No broker to read from: says so in the status line and offers the embedded one.
    void showNoBroker(const QString &why);

    TopicConsumer *m_consumer = nullptr;
    TopicMessageModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QComboBox *m_brokers = nullptr;
    QComboBox *m_topic = nullptr;
    QComboBox *m_start = nullptr;
    QSpinBox *m_offset = nullptr;
    QDateTimeEdit *m_time = nullptr;
    QPushButton *m_readButton = nullptr;
    QPushButton *m_pauseButton = nullptr;
    QPushButton *m_startBroker = nullptr;
    QLineEdit *m_search = nullptr;
    QTableView *m_view = nullptr;
    QTextBrowser *m_detail = nullptr;
    QLabel *m_status = nullptr;
    QString m_error;
    bool m_atEnd = false;
};

} // namespace flowdeck
