#pragma once

#include "endpointpage.h"
#include "endpointprobe.h"

class QCheckBox;
class QComboBox;
class QLineEdit;
class QTableView;
class QTimer;

namespace flowdeck {

class BatchTableModel;
class FieldMessage;

/// A file endpoint: the path (with a file chooser), the format and the CSV options; as a source, a
/// preview of the first rows, read off the UI thread. The page is complete once the preview
/// answered.
class FilePage : public EndpointPage
{
    Q_OBJECT
public:
    FilePage(EndpointRole role, QWidget *parent = nullptr);

    void setPath(const QString &path);
    QString path() const;
    BatchTableModel *previewModel() const { return m_previewModel; }
    /// A preview is being read.
    bool isBusy() const { return m_busy; }
    /// The last preview's answer.
    const ProbeResult &preview() const { return m_preview; }

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

protected:
    void loadEndpoint(const nlohmann::json &endpoint) override;
    void saveEndpoint(nlohmann::json &endpoint) const override;
    const char *type() const override { return "file"; }

private:
    void browse();
    void schedulePreview();
    void startPreview();
    void updateCsvOptions();

    QLineEdit *m_path = nullptr;
    QComboBox *m_format = nullptr;
    QCheckBox *m_header = nullptr;
    QComboBox *m_delimiter = nullptr;
    QLineEdit *m_quote = nullptr;
    FieldMessage *m_pathMessage = nullptr;
    QTableView *m_previewView = nullptr;
    BatchTableModel *m_previewModel = nullptr;
    QTimer *m_previewTimer = nullptr;
    ProbeResult m_preview;
    bool m_busy = false;
    bool m_previewed = false;
    int m_generation = 0; // answers of superseded previews are dropped
};

} // namespace flowdeck
