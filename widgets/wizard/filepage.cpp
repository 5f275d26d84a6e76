#include "filepage.h"

#include "batchtablemodel.h"
#include "fieldmessage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace flowdeck {

FilePage::FilePage(EndpointRole role, QWidget *parent)
    : EndpointPage(role, parent)
{
    setObjectName(isSource() ? QStringLiteral("sourceFilePage") : QStringLiteral("destinationFilePage"));
    setTitle(isSource() ? tr("Source file") : tr("Destination file"));
    setSubTitle(isSource() ? tr("Choose a CSV or JSON Lines file. A glob such as exports/*.csv takes each new file once.")
                           : tr("Choose the file to write."));

    m_path = new QLineEdit(this);
    m_path->setObjectName(QStringLiteral("filePath"));
    m_path->setPlaceholderText(isSource() ? tr("/path/to/accounts.csv") : tr("/path/to/output.jsonl"));
    auto *browseButton = new QPushButton(tr("&Browse…"), this);
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browseButton);
    m_pathMessage = new FieldMessage(this);
    m_pathMessage->setObjectName(QStringLiteral("filePathMessage"));

    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("fileFormat"));
    m_format->addItem(tr("From the file name"), QString());
    m_format->addItem(tr("CSV"), QStringLiteral("csv"));
    m_format->addItem(tr("JSON Lines"), QStringLiteral("jsonl"));
    m_header = new QCheckBox(tr("First row holds the column &names"), this);
    m_header->setChecked(true);
    m_delimiter = new QComboBox(this);
    m_delimiter->setEditable(true);
    m_delimiter->addItem(tr("comma ( , )"), QStringLiteral(","));
    m_delimiter->addItem(tr("semicolon ( ; )"), QStringLiteral(";"));
    m_delimiter->addItem(tr("tab"), QStringLiteral("\t"));
    m_delimiter->addItem(tr("bar ( | )"), QStringLiteral("|"));
    m_quote = new QLineEdit(QStringLiteral("\""), this);
    m_quote->setMaxLength(1);
    m_quote->setMaximumWidth(40);

    auto *form = new QFormLayout;
    form->addRow(buddyLabel(tr("&File:"), m_path), pathRow);
    form->addRow(QString(), m_pathMessage);
    form->addRow(tr("F&ormat:"), m_format);
    form->addRow(QString(), m_header);
    form->addRow(tr("&Delimiter:"), m_delimiter);
    form->addRow(tr("&Quote:"), m_quote);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    m_previewModel = new BatchTableModel(this);
    if (isSource()) {
        m_previewView = new QTableView(this);
        m_previewView->setObjectName(QStringLiteral("filePreview"));
        m_previewView->setModel(m_previewModel);
        m_previewView->setEditTriggers(QAbstractItemView::NoEditTriggers);
        m_previewView->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
        m_previewView->verticalHeader()->setDefaultSectionSize(m_previewView->fontMetrics().height() + 6);
        layout->addWidget(m_previewView, 1);
    }

    m_previewTimer = new QTimer(this);
    m_previewTimer->setSingleShot(true);
    m_previewTimer->setInterval(300);
    connect(m_previewTimer, &QTimer::timeout, this, &FilePage::startPreview);
    connect(browseButton, &QPushButton::clicked, this, &FilePage::browse);
    for (QLineEdit *e : {m_path, m_quote})
        connect(e, &QLineEdit::textChanged, this, &FilePage::schedulePreview);
    connect(m_format, &QComboBox::currentIndexChanged, this, &FilePage::schedulePreview);
    connect(m_delimiter, &QComboBox::currentTextChanged, this, &FilePage::schedulePreview);
    connect(m_header, &QCheckBox::toggled, this, &FilePage::schedulePreview);
    updateCsvOptions();
}

void FilePage::setPath(const QString &path)
{
    m_path->setText(path);
}

QString FilePage::path() const
{
    return m_path->text().trimmed();
}

void FilePage::browse()
{
    const QString start = path().isEmpty() ? flowWizard()->baseDir() : QFileInfo(path()).absolutePath();
    const QString filter = tr("Data files (*.csv *.tsv *.jsonl *.ndjson *.txt);;All files (*)");
    const QString file = isSource() ? QFileDialog::getOpenFileName(this, tr("Source file"), start, filter)
                                    : QFileDialog::getSaveFileName(this, tr("Destination file"), start, filter);
    if (!file.isEmpty())
        setPath(file);
}

void FilePage::updateCsvOptions()
{
    QString format = m_format->currentData().toString();
    if (format.isEmpty())
        format = path().endsWith(QLatin1String(".jsonl")) || path().endsWith(QLatin1String(".ndjson"))
                     ? QStringLiteral("jsonl") : QStringLiteral("csv");
    const bool csv = format == QLatin1String("csv");
    m_header->setEnabled(csv);
    m_delimiter->setEnabled(csv);
    m_quote->setEnabled(csv);
}

void FilePage::schedulePreview()
{
    touched();
    updateCsvOptions();
    m_pathMessage->clear();
    m_previewed = false;
    ++m_generation;
    if (isSource())
        m_previewTimer->start();
    Q_EMIT completeChanged();
}

void FilePage::initializePage()
{
    if (isSource() && !m_previewed && !m_busy && !path().isEmpty())
        startPreview();
}

void FilePage::startPreview()
{
    if (path().isEmpty())
        return;
    nlohmann::json endpoint = nlohmann::json::object();
    endpoint["type"] = "file";
    saveEndpoint(endpoint);
    const int generation = ++m_generation;
    m_busy = true;
    m_pathMessage->showInfo(tr("Reading the first rows…"));
    Q_EMIT completeChanged();
    auto *watcher = new QFutureWatcher<ProbeResult>(this);
    connect(watcher, &QFutureWatcher<ProbeResult>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        m_busy = false;
        m_previewed = true;
        m_preview = watcher->result();
        QStringList names;
        for (const EndpointField &f : m_preview.fields)
            names << f.name;
        m_previewModel->setBatch(names, m_preview.sample);
        if (m_previewView)
            m_previewView->resizeColumnsToContents();
        if (m_preview.ok) {
            // Unreadable lines are an error to fix (or to skip at run time), not a success.
            m_pathMessage->show(m_preview.unreadable ? FieldMessage::Kind::Error : FieldMessage::Kind::Success, m_preview.message);
            flowWizard()->setSourceShape(m_preview.fields, m_preview.sample, m_preview.unreadable);
        } else {
            m_pathMessage->showError(m_preview.message);
        }
        Q_EMIT completeChanged();
    });
    const QString base = flowWizard() ? flowWizard()->baseDir() : QString();
    watcher->setFuture(QtConcurrent::run([endpoint, base] { return probe::file(endpoint, base); }));
}

bool FilePage::isComplete() const
{
    if (path().isEmpty() || m_busy)
        return false;
    return !isSource() || (m_previewed && m_preview.ok);
}

bool FilePage::validatePage()
{
    if (!isSource() && (path().contains(QLatin1Char('*')) || path().contains(QLatin1Char('?')))) {
        m_pathMessage->showError(tr("A destination is one file: no '*' or '?' in the path."));
        return false;
    }
    return true;
}

void FilePage::loadEndpoint(const nlohmann::json &endpoint)
{
    setPath(QString::fromStdString(endpoint.value("path", std::string())));
    const QString format = QString::fromStdString(endpoint.value("format", std::string()));
    m_format->setCurrentIndex(std::max(0, m_format->findData(format)));
    const nlohmann::json csv = endpoint.value("csv", nlohmann::json::object());
    if (csv.is_object()) {
        m_header->setChecked(csv.value("header", true));
        const QString delimiter = QString::fromStdString(csv.value("delimiter", std::string(",")));
        const int i = m_delimiter->findData(delimiter == QLatin1String("\\t") ? QStringLiteral("\t") : delimiter);
        if (i >= 0)
            m_delimiter->setCurrentIndex(i);
        else
            m_delimiter->setEditText(delimiter);
        m_quote->setText(QString::fromStdString(csv.value("quote", std::string("\""))));
    }
}

void FilePage::saveEndpoint(nlohmann::json &endpoint) const
{
    endpoint["path"] = path().toStdString();
    const QString format = m_format->currentData().toString();
    if (format.isEmpty())
        endpoint.erase("format");
    else
        endpoint["format"] = format.toStdString();
    if (!m_delimiter->isEnabled()) {
        endpoint.erase("csv");
        return;
    }
    const int i = m_delimiter->findText(m_delimiter->currentText());
    const QString delimiter = i >= 0 ? m_delimiter->itemData(i).toString() : m_delimiter->currentText();
    nlohmann::json csv = endpoint.value("csv", nlohmann::json::object());
    // Only what differs from the defaults, so simple files stay simple.
    auto set = [&csv](const char *key, const nlohmann::json &value, const nlohmann::json &def) {
        if (value == def)
            csv.erase(key);
        else
            csv[key] = value;
    };
    set("header", m_header->isChecked(), true);
    // "\\t" (a backslash and a t) is how some files write a tab: keep their spelling.
    if (!(csv.value("delimiter", std::string()) == "\\t" && delimiter == QLatin1String("\t")))
        set("delimiter", delimiter.toStdString(), ",");
    set("quote", m_quote->text().toStdString(), "\"");
    if (csv.empty())
        endpoint.erase("csv");
    else
        endpoint["csv"] = csv;
}

} // namespace flowdeck
