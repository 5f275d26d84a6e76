#include "topicbrowser.h"

#include "changeeventview.h"
#include "topicconsumer.h"
#include "topicmessagemodel.h"

#include "core/kafka/embeddedbroker.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QFile>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace flowdeck {

namespace {

enum StartChoice { Tail, Beginning, AtOffset, AtTime };

} // namespace

TopicBrowser::TopicBrowser(QWidget *parent)
    : QWidget(parent)
    , m_consumer(new TopicConsumer(this))
    , m_model(new TopicMessageModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    setWindowTitle(tr("Topic Browser"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterRole(Qt::UserRole);
    m_proxy->setFilterKeyColumn(TopicMessageModel::Value);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    buildUi();
    connect(m_consumer, &TopicConsumer::messages, this, [this](const std::vector<TopicMessage> &batch) {
        m_model->append(batch);
        updateStatus();
    });
    connect(m_consumer, &TopicConsumer::failed, this, [this](const QString &error) {
        m_error = error;
        updateStatus();
    });
    connect(m_consumer, &TopicConsumer::reachedEnd, this, [this] {
        m_atEnd = true;
        updateStatus();
    });
    resize(1100, 700);
}

TopicBrowser::~TopicBrowser() = default;

void TopicBrowser::buildUi()
{
    m_brokers = new QComboBox(this);
    m_brokers->setEditable(true);
    m_brokers->addItem(tr("Embedded broker"), QStringLiteral("embedded"));
    m_brokers->setMinimumContentsLength(24);
    m_brokers->setToolTip(tr("The embedded broker, or a bootstrap list such as host1:9092,host2:9092"));
    m_topic = new QComboBox(this);
    m_topic->setEditable(true);
    m_topic->setMinimumContentsLength(24);
    auto *refresh = new QPushButton(tr("Topics"), this);
    refresh->setToolTip(tr("List the broker's topics"));
    connect(refresh, &QPushButton::clicked, this, &TopicBrowser::refreshTopics);
    m_start = new QComboBox(this);
    m_start->addItem(tr("New messages"), Tail);
    m_start->addItem(tr("From the beginning"), Beginning);
    m_start->addItem(tr("From offset"), AtOffset);
    m_start->addItem(tr("From time"), AtTime);
    m_offset = new QSpinBox(this);
    m_offset->setRange(0, INT_MAX);
    m_time = new QDateTimeEdit(QDateTime::currentDateTime().addSecs(-3600), this);
    m_time->setCalendarPopup(true);
    m_time->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    auto syncStart = [this] {
        m_offset->setVisible(m_start->currentData().toInt() == AtOffset);
        m_time->setVisible(m_start->currentData().toInt() == AtTime);
    };
    connect(m_start, &QComboBox::currentIndexChanged, this, syncStart);
    syncStart();
    m_readButton = new QPushButton(tr("Read"), this);
    connect(m_readButton, &QPushButton::clicked, this, &TopicBrowser::startFromControls);
    m_pauseButton = new QPushButton(tr("Pause"), this);
    m_pauseButton->setCheckable(true);
    connect(m_pauseButton, &QPushButton::toggled, this, &TopicBrowser::setPaused);
    auto *exportButton = new QPushButton(tr("Export…"), this);
    exportButton->setToolTip(tr("Save the shown messages as JSON Lines"));
    connect(exportButton, &QPushButton::clicked, this, &TopicBrowser::exportWithDialog);

    m_startBroker = new QPushButton(tr("Start the Embedded Broker"), this);
    m_startBroker->setObjectName(QStringLiteral("topicBrowserStartBroker"));
    m_startBroker->setToolTip(tr("Runs a Kafka broker inside Flowdeck (messages in memory only), as flows with "
                                 "\"embedded\" brokers use"));
    m_startBroker->hide();
    connect(m_startBroker, &QPushButton::clicked, this, &TopicBrowser::startEmbeddedBroker);
    connect(m_brokers, &QComboBox::currentTextChanged, this, [this] {
        m_startBroker->hide();
        m_error.clear();
        if (embeddedChosen() && !EmbeddedBroker::sharedRunning())
            showNoBroker(tr("The embedded broker is not running."));
        else
            updateStatus();
    });

    auto *row1 = new QHBoxLayout;
    row1->addWidget(new QLabel(tr("Broker:"), this));
    row1->addWidget(m_brokers, 1);
    row1->addWidget(new QLabel(tr("Topic:"), this));
    row1->addWidget(m_topic, 1);
    row1->addWidget(refresh);
    auto *row2 = new QHBoxLayout;
    row2->addWidget(new QLabel(tr("Start:"), this));
    row2->addWidget(m_start);
    row2->addWidget(m_offset);
    row2->addWidget(m_time);
    row2->addWidget(m_readButton);
    row2->addWidget(m_pauseButton);
    row2->addStretch(1);
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Search key, headers and value"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, this, &TopicBrowser::setSearchText);
    row2->addWidget(m_search, 1);
    row2->addWidget(exportButton);

    m_view = new QTableView(this);
    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);
    // At least as wide as the header text, which is longer in some languages ("パーティション").
    for (int column : {int(TopicMessageModel::Partition), int(TopicMessageModel::Offset)})
        m_view->setColumnWidth(column, std::max(70, m_view->horizontalHeader()->sectionSizeHint(column)));
    m_view->setColumnWidth(TopicMessageModel::Timestamp, 170);
    m_view->setColumnWidth(TopicMessageModel::Key, 160);
    m_view->setColumnWidth(TopicMessageModel::Headers, 110);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &TopicBrowser::showDetail);
    m_detail = new QTextBrowser(this);
    m_detail->setPlaceholderText(tr("Select a message to see its value."));
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    m_status = new QLabel(this);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row1);
    layout->addLayout(row2);
    layout->addWidget(splitter, 1);
    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_startBroker);
    layout->addLayout(statusRow);
    updateStatus();
    if (!EmbeddedBroker::sharedRunning())
        showNoBroker(tr("The embedded broker is not running."));
}

bool TopicBrowser::embeddedChosen() const
{
    const QString text = m_brokers->currentText().trimmed();
    return text == m_brokers->itemText(0) || text == QLatin1String("embedded");
}

void TopicBrowser::showNoBroker(const QString &why)
{
    m_error = why + QLatin1Char(' ') + tr("Start the embedded one, or enter a bootstrap list such as host:9092.");
    m_startBroker->show();
    updateStatus();
}

void TopicBrowser::startEmbeddedBroker()
{
    try {
        EmbeddedBroker::shared();
    } catch (const std::exception &e) {
        m_error = QString::fromUtf8(e.what());
        updateStatus();
        return;
    }
    m_brokers->setCurrentIndex(0); // clears the message
    m_brokers->setCurrentText(m_brokers->itemText(0));
    m_startBroker->hide();
    m_error.clear();
    updateStatus();
    refreshTopics();
}

void TopicBrowser::setBrokers(const QString &brokers)
{
    if (brokers == QLatin1String("embedded"))
        m_brokers->setCurrentIndex(0);
    else
        m_brokers->setCurrentText(brokers);
}

QString TopicBrowser::bootstrap() const
{
    if (embeddedChosen()) // "" when it does not run: the browser never starts it unasked
        return QString::fromStdString(EmbeddedBroker::sharedBootstraps());
    return m_brokers->currentText().trimmed();
}

void TopicBrowser::refreshTopics()
{
    const std::string servers = bootstrap().toStdString();
    if (servers.empty()) {
        showNoBroker(embeddedChosen() ? tr("The embedded broker is not running.") : tr("No broker is given."));
        return;
    }
    auto *watcher = new QFutureWatcher<QStringList>(this);
    connect(watcher, &QFutureWatcher<QStringList>::finished, this, [this, watcher, servers] {
        QStringList topics = watcher->result();
        watcher->deleteLater();
        if (!topics.isEmpty() && topics.first().startsWith(QChar(0))) { // the listing failed
            showNoBroker(tr("No broker answers at %1 (%2).").arg(QString::fromStdString(servers), topics.first().mid(1)));
            return;
        }
        if (!m_startBroker->isHidden()) {
            m_startBroker->hide();
            m_error.clear();
        }
        const QString current = m_topic->currentText();
        m_topic->clear();
        m_topic->addItems(topics);
        m_topic->setCurrentText(current.isEmpty() && !topics.isEmpty() ? topics.first() : current);
        updateStatus();
    });
    watcher->setFuture(QtConcurrent::run([servers] {
        QStringList out;
        try {
            for (const std::string &t : TopicReader::listTopics(servers))
                out << QString::fromStdString(t);
        } catch (const std::exception &e) {
            out = QStringList{QChar(0) + QString::fromUtf8(e.what())};
        }
        return out;
    }));
}

void TopicBrowser::openTopic(const QString &topic, TopicStart start, qint64 offset, qint64 timeMs)
{
    m_topic->setCurrentText(topic);
    const StartChoice choice = start == TopicStart::Beginning ? Beginning
                             : start == TopicStart::Offset    ? AtOffset
                             : start == TopicStart::Time      ? AtTime
                                                              : Tail;
    m_start->setCurrentIndex(m_start->findData(choice));
    if (start == TopicStart::Offset)
        m_offset->setValue(int(std::min<qint64>(offset, INT_MAX)));
    if (start == TopicStart::Time)
        m_time->setDateTime(QDateTime::fromMSecsSinceEpoch(timeMs));
    TopicReaderOptions options;
    options.bootstrap = bootstrap().toStdString();
    if (options.bootstrap.empty()) {
        showNoBroker(embeddedChosen() ? tr("The embedded broker is not running.") : tr("No broker is given."));
        return;
    }
    options.topic = topic.toStdString();
    options.start = start;
    options.offset = offset;
    options.timeMs = timeMs;
    m_error.clear();
    m_atEnd = false;
    m_model->clear();
    m_detail->clear();
    m_pauseButton->setChecked(false);
    m_consumer->setPaused(false);
    m_consumer->start(options);
    setWindowTitle(tr("Topic Browser — %1").arg(topic));
    updateStatus();
}

void TopicBrowser::startFromControls()
{
    const int choice = m_start->currentData().toInt();
    const TopicStart start = choice == Beginning ? TopicStart::Beginning
                           : choice == AtOffset  ? TopicStart::Offset
                           : choice == AtTime    ? TopicStart::Time
                                                 : TopicStart::End;
    openTopic(m_topic->currentText().trimmed(), start, m_offset->value(), m_time->dateTime().toMSecsSinceEpoch());
}

void TopicBrowser::stop()
{
    m_consumer->stop();
    updateStatus();
}

void TopicBrowser::setPaused(bool paused)
{
    m_consumer->setPaused(paused);
    if (m_pauseButton->isChecked() != paused)
        m_pauseButton->setChecked(paused);
    updateStatus();
}

void TopicBrowser::setSearchText(const QString &text)
{
    if (m_search->text() != text)
        m_search->setText(text);
    m_proxy->setFilterFixedString(text);
    updateStatus();
}

void TopicBrowser::selectRow(int row)
{
    m_view->setCurrentIndex(m_proxy->index(row, 0));
    showDetail();
}

void TopicBrowser::showDetail()
{
    const QModelIndex index = m_proxy->mapToSource(m_view->currentIndex());
    if (!index.isValid()) {
        m_detail->clear();
        return;
    }
    const TopicMessage &m = m_model->message(index.row());
    const QByteArray value = m.value ? QByteArray::fromStdString(*m.value) : QByteArray();
    QString html = tr("<p>Partition %1, offset %2 · key <code>%3</code></p>")
                       .arg(m.partition)
                       .arg(m.offset)
                       .arg(m.key ? QString::fromStdString(*m.key).toHtmlEscaped() : tr("(none)"));
    if (!m.value) {
        html += tr("<p><i>Tombstone (no value)</i></p>");
    } else {
        html += ChangeEventView::parse(value).toHtml();
        html += QStringLiteral("<pre>%1</pre>").arg(prettyJson(value).toHtmlEscaped());
    }
    m_detail->setHtml(html);
}

QString TopicBrowser::detailText() const
{
    return m_detail->toPlainText();
}

QString TopicBrowser::statusText() const
{
    return m_status->text();
}

void TopicBrowser::updateStatus()
{
    QString s = tr("%1 shown, %2 received").arg(QLocale().toString(m_proxy->rowCount()), QLocale().toString(m_model->received()));
    if (m_model->received() > m_model->rowCount())
        s += tr(" (the table keeps the newest %1)").arg(QLocale().toString(m_model->maxRows()));
    if (m_consumer->isPaused())
        s += tr(" · paused");
    else if (m_atEnd)
        s += tr(" · at the end, waiting for new messages");
    if (!m_error.isEmpty())
        s += tr(" · error: %1").arg(m_error);
    m_status->setText(s);
}

qint64 TopicBrowser::exportShown(const QString &path, QString *error) const
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        if (error)
            *error = file.errorString();
        return -1;
    }
    qint64 n = 0;
    for (int r = 0; r < m_proxy->rowCount(); ++r) {
        const TopicMessage &m = m_model->message(m_proxy->mapToSource(m_proxy->index(r, 0)).row());
        const std::string line = m.toJsonLine() + '\n';
        if (file.write(line.data(), qint64(line.size())) != qint64(line.size())) {
            if (error)
                *error = file.errorString();
            return -1;
        }
        ++n;
    }
    return n;
}

void TopicBrowser::exportWithDialog()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Messages"), m_topic->currentText() + QStringLiteral(".jsonl"),
                                                      tr("JSON Lines (*.jsonl)"));
    if (path.isEmpty())
        return;
    QString error;
    const qint64 n = exportShown(path, &error);
    if (n < 0)
        QMessageBox::warning(this, tr("Export Messages"), tr("Cannot write %1: %2").arg(path, error));
    else
        m_status->setText(tr("%n message(s) written to %1", nullptr, int(n)).arg(path));
}

} // namespace flowdeck
