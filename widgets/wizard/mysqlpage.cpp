#include "mysqlpage.h"

#include "fieldmessage.h"
#include "mysqlconnectionform.h"
#include "namecountmodel.h"

#include "widgets/secretstore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QGroupBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace flowdeck {

MySqlPage::MySqlPage(EndpointRole role, QWidget *parent)
    : EndpointPage(role, parent)
{
    setObjectName(isSource() ? QStringLiteral("sourceMySqlPage") : QStringLiteral("destinationMySqlPage"));
    setTitle(isSource() ? tr("Source: MySQL, MariaDB or TiDB") : tr("Destination: MySQL, MariaDB or TiDB"));
    setSubTitle(isSource() ? tr("Connect, then pick the table to read.")
                           : tr("Connect, then pick the table to write and how to write it."));

    m_form = new MySqlConnectionForm(this);
    auto *connectionBox = new QGroupBox(tr("Connection"), this);
    (new QVBoxLayout(connectionBox))->addWidget(m_form);

    m_tablesModel = new NameCountModel(tr("Table"), tr("Rows (estimate)"), this);
    m_tablesView = new QTableView(this);
    m_tablesView->setObjectName(QStringLiteral("mysqlTables"));
    m_tablesView->setModel(m_tablesModel);
    m_tablesView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tablesView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tablesView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tablesView->verticalHeader()->hide();
    m_tablesView->horizontalHeader()->setSectionResizeMode(NameCountModel::Name, QHeaderView::Stretch);
    m_tablesView->horizontalHeader()->setSectionResizeMode(NameCountModel::Count, QHeaderView::ResizeToContents);
    m_tablesView->setMinimumHeight(90);
    m_table = new QLineEdit(this);
    m_table->setObjectName(QStringLiteral("mysqlTable"));
    m_table->setPlaceholderText(isSource() ? tr("a table, or patterns such as tpcc.* (comma-separated)")
                                           : tr("a table, or a template such as {schema}_{table}"));
    m_tableMessage = new FieldMessage(this);
    m_tableMessage->setObjectName(QStringLiteral("mysqlTableMessage"));

    // Tables made elsewhere (a script, the mariadb client) appear without reconnecting by hand.
    auto *refresh = new QPushButton(tr("Refres&h Tables"), this);
    refresh->setObjectName(QStringLiteral("mysqlRefreshTables"));
    connect(refresh, &QPushButton::clicked, this, [this] {
        if (!m_form->isBusy())
            m_form->test();
    });
    connect(m_form, &MySqlConnectionForm::busyChanged, refresh, [this, refresh] { refresh->setEnabled(!m_form->isBusy()); });
    auto *tableBox = new QGroupBox(tr("Table"), this);
    auto *tableForm = new QFormLayout(tableBox);
    tableForm->addRow(m_tablesView);
    tableForm->addRow(QString(), refresh);
    tableForm->addRow(tr("T&able:"), m_table);
    tableForm->addRow(QString(), m_tableMessage);

    if (isSource()) {
        m_read = new QComboBox(this);
        m_read->setObjectName(QStringLiteral("mysqlRead"));
        // stored in flow files: do not rename
        m_read->addItem(tr("Snapshot: the current rows, once"), QStringLiteral("snapshot"));
        m_read->addItem(tr("CDC: the changes from the binary log, from now on"), QStringLiteral("cdc"));
        m_read->addItem(tr("Snapshot, then the changes since (CDC)"), QStringLiteral("snapshot+cdc"));
        tableForm->addRow(tr("&Read:"), m_read);
        connect(m_read, &QComboBox::currentIndexChanged, this, [this] { touched(); });
    } else {
        m_mode = new QComboBox(this);
        m_mode->setObjectName(QStringLiteral("mysqlWriteMode"));
        // stored in flow files: do not rename
        m_mode->addItem(tr("Insert: add rows; a key conflict rejects the record"), QStringLiteral("insert"));
        m_mode->addItem(tr("Update: change rows found by key, never insert"), QStringLiteral("update"));
        m_mode->addItem(tr("Upsert: insert, or update by key"), QStringLiteral("upsert"));
        m_mode->addItem(tr("Replicate: apply change events (deletes too)"), QStringLiteral("replicate"));
        m_key = new QLineEdit(this);
        m_key->setObjectName(QStringLiteral("mysqlKey"));
        m_key->setPlaceholderText(tr("the table's primary key"));
        m_createTable = new QCheckBox(tr("&Create the table when it does not exist"), this);
        m_createTable->setObjectName(QStringLiteral("mysqlCreateTable"));
        m_addColumns = new QCheckBox(tr("A&dd columns the table lacks"), this);
        m_addColumns->setObjectName(QStringLiteral("mysqlAddColumns"));
        m_versionColumn = new QLineEdit(this);
        m_versionColumn->setObjectName(QStringLiteral("mysqlVersionColumn"));
        m_versionColumn->setPlaceholderText(tr("optional: only a newer version overwrites a row"));
        m_batchRows = new QSpinBox(this);
        m_batchRows->setRange(1, 100000);
        m_batchRows->setValue(1000);
        m_writeMessage = new FieldMessage(this);
        auto *writeBox = new QGroupBox(tr("Writing"), this);
        auto *writeForm = new QFormLayout(writeBox);
        writeForm->addRow(tr("&Mode:"), m_mode);
        writeForm->addRow(tr("&Key columns:"), m_key);
        writeForm->addRow(QString(), m_createTable);
        writeForm->addRow(QString(), m_addColumns);
        writeForm->addRow(tr("&Version column:"), m_versionColumn);
        writeForm->addRow(tr("Rows per &batch:"), m_batchRows);
        writeForm->addRow(QString(), m_writeMessage);
        auto *layout = new QHBoxLayout;
        layout->addWidget(tableBox, 2);
        layout->addWidget(writeBox, 3); // the mode's words are long in Japanese
        auto *outer = new QVBoxLayout(this);
        outer->addWidget(connectionBox);
        outer->addLayout(layout, 1);
        connect(m_mode, &QComboBox::currentIndexChanged, this, [this] { touched(); });
        for (QLineEdit *e : {m_key, m_versionColumn})
            connect(e, &QLineEdit::textChanged, this, [this] { m_writeMessage->clear(); touched(); });
        connect(m_createTable, &QCheckBox::toggled, this, [this] {
            touched();
            scheduleTableLookup();
        });
        connect(m_addColumns, &QCheckBox::toggled, this, [this] { touched(); });
        connect(m_batchRows, &QSpinBox::valueChanged, this, [this] {
            m_batchRowsEdited = true;
            touched();
        });
    }
    if (isSource()) {
        auto *outer = new QVBoxLayout(this);
        outer->addWidget(connectionBox);
        outer->addWidget(tableBox, 1);
    }

    m_tableTimer = new QTimer(this);
    m_tableTimer->setSingleShot(true);
    m_tableTimer->setInterval(300);
    connect(m_tableTimer, &QTimer::timeout, this, &MySqlPage::lookUpTable);
    connect(m_form, &MySqlConnectionForm::changed, this, [this] {
        touched();
        // What the table message says was about the old connection; a look-up on its way too.
        m_tableReady = false;
        m_tableBusy = false;
        ++m_tableGeneration;
        m_tableTimer->stop();
        m_tableMessage->clear();
        Q_EMIT completeChanged();
    });
    connect(m_form, &MySqlConnectionForm::busyChanged, this, &MySqlPage::completeChanged);
    connect(m_form, &MySqlConnectionForm::tested, this, &MySqlPage::onTested);
    connect(m_table, &QLineEdit::textChanged, this, [this] {
        touched();
        scheduleTableLookup();
    });
    connect(m_tablesView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &i) {
        // Only a different pick counts as a change (the page selects the loaded one itself).
        if (i.isValid() && m_table->text().trimmed() != m_tablesModel->items().at(i.row()).name)
            m_table->setText(m_tablesModel->items().at(i.row()).name);
    });
}

void MySqlPage::setTable(const QString &table)
{
    m_table->setText(table);
}

QString MySqlPage::table() const
{
    return m_table->text().trimmed();
}

QString MySqlPage::tableName() const
{
    const QString t = table();
    const int dot = t.indexOf(QLatin1Char('.'));
    return dot > 0 ? t.mid(dot + 1) : t;
}

QString MySqlPage::tableDatabase() const
{
    const QString t = table();
    const int dot = t.indexOf(QLatin1Char('.'));
    return dot > 0 ? t.left(dot) : m_form->database();
}

nlohmann::json MySqlPage::connection() const
{
    return m_form->effective();
}

QStringList MySqlPage::key() const
{
    QStringList out;
    if (m_key)
        for (const QString &k : m_key->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
            if (!k.trimmed().isEmpty())
                out << k.trimmed();
    return out;
}

void MySqlPage::setKey(const QStringList &key)
{
    if (m_key)
        m_key->setText(key.join(QStringLiteral(", ")));
}

bool MySqlPage::isBusy() const
{
    return m_form->isBusy() || m_tableBusy;
}

bool MySqlPage::isTemplateOrPattern() const
{
    const QString t = table();
    return t.contains(QLatin1Char('{')) || t.contains(QLatin1Char('*')) || t.contains(QLatin1Char(','));
}

void MySqlPage::initializePage()
{
    m_form->setFlowName(flowWizard() ? flowWizard()->flowName() : QString());
    m_form->updateKeychainNote(secretVariable(QStringLiteral("password")));
    if (!m_form->isConnected() && !m_form->isBusy())
        m_form->test();
}

void MySqlPage::onTested(const ProbeResult &result)
{
    QList<NameCountModel::Item> items;
    for (const TableEstimate &t : result.tables)
        items.append({t.name, t.rows});
    // A table picked from the previous list (another database, another server) that the new
    // one does not have is not this connection's pick: the field empties, as the list did.
    const bool pickedFromOldList = m_tablesModel->rowOf(table()) >= 0;
    m_tablesModel->setItems(items);
    m_tablesView->resizeColumnToContents(NameCountModel::Count);
    if (!result.ok) {
        m_tableReady = false;
        m_tableBusy = false;
        ++m_tableGeneration;
        m_tableMessage->clear();
    } else if (pickedFromOldList && m_tablesModel->rowOf(table()) < 0 && !isTemplateOrPattern()) {
        m_table->clear(); // looks up nothing, clears the message
    } else {
        scheduleTableLookup();
    }
    Q_EMIT completeChanged();
}

void MySqlPage::scheduleTableLookup()
{
    m_tableReady = false;
    m_tableBusy = false; // the answer of a look-up on its way is ignored
    ++m_tableGeneration;
    m_tableMessage->clear();
    const int row = m_tablesModel->rowOf(table());
    if (row >= 0 && m_tablesView->currentIndex().row() != row)
        m_tablesView->selectRow(row);
    if (m_form->isConnected() && !table().isEmpty())
        m_tableTimer->start();
    Q_EMIT completeChanged();
}

void MySqlPage::lookUpTable()
{
    if (!m_form->isConnected() || table().isEmpty())
        return;
    if (isTemplateOrPattern()) {
        // One flow, many tables: the columns are those of each change event's table.
        m_tableReady = true;
        m_tableExists = false;
        m_tableMessage->showInfo(isSource() ? tr("Table patterns: the fields are known when the flow runs.")
                                            : tr("A table template: each source table gets its own table."));
        if (isSource())
            flowWizard()->setSourceShape({}, {});
        else
            flowWizard()->setDestinationColumns({});
        Q_EMIT completeChanged();
        return;
    }
    QString database = m_form->database();
    QString name = table();
    if (const int dot = name.indexOf(QLatin1Char('.')); dot > 0) {
        database = name.left(dot);
        name = name.mid(dot + 1);
    }
    const nlohmann::json connection = m_form->effective();
    const int generation = ++m_tableGeneration;
    m_tableBusy = true;
    m_tableMessage->showInfo(tr("Reading the table's columns…"));
    Q_EMIT completeChanged();
    auto *watcher = new QFutureWatcher<ProbeResult>(this);
    connect(watcher, &QFutureWatcher<ProbeResult>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_tableGeneration)
            return;
        m_tableBusy = false;
        const ProbeResult r = watcher->result();
        m_tableExists = r.ok;
        if (isSource()) {
            m_tableReady = r.ok;
            if (r.ok) {
                m_tableMessage->showSuccess(r.message);
                flowWizard()->setSourceShape(r.fields, r.sample);
            } else {
                m_tableMessage->showError(r.message);
            }
        } else if (r.ok) {
            m_tableReady = true;
            QStringList required;
            for (const EndpointField &f : r.fields)
                if (f.required)
                    required << f.name;
            m_tableMessage->showSuccess(required.isEmpty() ? r.message
                                                           : r.message + QLatin1Char(' ')
                                                                 + tr("Required columns: %1.").arg(required.join(QStringLiteral(", "))));
            flowWizard()->setDestinationColumns(r.fields);
        } else {
            m_tableReady = m_createTable->isChecked();
            if (m_createTable->isChecked())
                m_tableMessage->showInfo(tr("The table does not exist yet: Flowdeck creates it from the first batch."));
            else
                m_tableMessage->showError(r.message + QLatin1Char(' ') + tr("Pick an existing table, or tick \"Create the table\"."));
            flowWizard()->setDestinationColumns({});
        }
        Q_EMIT completeChanged();
    });
    watcher->setFuture(QtConcurrent::run([connection, database, name] { return probe::mysqlTable(connection, database, name); }));
}

bool MySqlPage::isComplete() const
{
    return m_form->isConnected() && !isBusy() && m_tableReady && !table().isEmpty();
}

bool MySqlPage::validatePage()
{
    if (isSource())
        return true;
    const QString mode = m_mode->currentData().toString();
    if (mode == QLatin1String("update") && m_createTable->isChecked()) {
        m_writeMessage->showError(tr("Update never inserts rows: creating the table makes no sense with it."));
        return false;
    }
    return true;
}

QList<PendingSecret> MySqlPage::pendingSecrets() const
{
    const QString password = m_form->passwordToStore();
    if (password.isEmpty() || !SecretStore::available())
        return {};
    return {{secretVariable(QStringLiteral("password")), password}};
}

static QStringList splitList(const QString &text)
{
    QStringList out;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!part.trimmed().isEmpty())
            out << part.trimmed();
    return out;
}

void MySqlPage::loadEndpoint(const nlohmann::json &endpoint)
{
    m_form->load(endpoint.value("connection", nlohmann::json::object()));
    if (endpoint.contains("tables") && endpoint["tables"].is_array()) {
        QStringList patterns;
        for (const auto &p : endpoint["tables"])
            if (p.is_string())
                patterns << QString::fromStdString(p.get<std::string>());
        m_table->setText(patterns.join(QStringLiteral(", ")));
    } else {
        m_table->setText(QString::fromStdString(endpoint.value("table", std::string())));
    }
    if (isSource()) {
        const int i = m_read->findData(QString::fromStdString(endpoint.value("read", std::string("snapshot"))));
        m_read->setCurrentIndex(std::max(0, i));
        return;
    }
    const nlohmann::json write = endpoint.value("write", nlohmann::json::object());
    if (!write.is_object())
        return;
    m_mode->setCurrentIndex(std::max(0, m_mode->findData(QString::fromStdString(write.value("mode", std::string("insert"))))));
    QStringList key;
    if (write.contains("key") && write["key"].is_array())
        for (const auto &k : write["key"])
            if (k.is_string())
                key << QString::fromStdString(k.get<std::string>());
    m_key->setText(key.join(QStringLiteral(", ")));
    m_createTable->setChecked(write.value("createTable", false) == true);
    m_addColumns->setChecked(write.value("addColumns", false) == true);
    m_versionColumnOriginal = write.value("versionColumn", nlohmann::json());
    const nlohmann::json versionName = m_versionColumnOriginal.is_object() ? m_versionColumnOriginal.value("name", nlohmann::json())
                                                                            : m_versionColumnOriginal;
    m_versionColumn->setText(versionName.is_string() ? QString::fromStdString(versionName.get<std::string>()) : QString());
    if (write.contains("batchRows") && write["batchRows"].is_number_integer())
        m_batchRows->setValue(write["batchRows"].get<int>());
    m_batchRowsOriginal = write.value("batchRows", nlohmann::json());
    m_batchRowsEdited = false;
}

void MySqlPage::saveEndpoint(nlohmann::json &endpoint) const
{
    endpoint["connection"] = m_form->save(endpoint.value("connection", nlohmann::json::object()),
                                          secretVariable(QStringLiteral("password")));
    const QStringList patterns = splitList(table());
    const bool many = isSource() && (patterns.size() > 1 || table().contains(QLatin1Char('*')));
    endpoint.erase("table");
    endpoint.erase("tables");
    if (many) {
        nlohmann::json list = nlohmann::json::array();
        for (const QString &p : patterns)
            list.push_back(p.toStdString());
        endpoint["tables"] = list;
    } else {
        endpoint["table"] = table().toStdString();
    }
    if (isSource()) {
        const QString read = m_read->currentData().toString();
        if (read == QLatin1String("snapshot") && !endpoint.contains("read"))
            return; // the default
        endpoint["read"] = read.toStdString();
        return;
    }
    nlohmann::json write = endpoint.value("write", nlohmann::json::object());
    write["mode"] = m_mode->currentData().toString().toStdString();
    const QStringList key = splitList(m_key->text());
    if (key.isEmpty()) {
        write.erase("key");
    } else {
        nlohmann::json list = nlohmann::json::array();
        for (const QString &k : key)
            list.push_back(k.toStdString());
        write["key"] = list;
    }
    auto flag = [&write](const char *name, bool on) {
        if (on)
            write[name] = true;
        else
            write.erase(name);
    };
    flag("createTable", m_createTable->isChecked());
    flag("addColumns", m_addColumns->isChecked());
    if (m_versionColumn->text().trimmed().isEmpty())
        write.erase("versionColumn");
    else if (m_versionColumnOriginal.is_object()
             && m_versionColumnOriginal.value("name", nlohmann::json()) == m_versionColumn->text().trimmed().toStdString())
        write["versionColumn"] = m_versionColumnOriginal;
    else
        write["versionColumn"] = m_versionColumn->text().trimmed().toStdString();
    if (m_batchRowsOriginal.is_string() && !m_batchRowsEdited)
        write["batchRows"] = m_batchRowsOriginal;
    else if (m_batchRows->value() != 1000 || write.contains("batchRows"))
        write["batchRows"] = m_batchRows->value();
    endpoint["write"] = write;
}

} // namespace flowdeck
