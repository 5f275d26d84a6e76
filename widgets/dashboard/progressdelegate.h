#pragma once

#include <QStyledItemDelegate>

namespace flowdeck {

/// Draws a cell as a progress bar from its Qt::UserRole percentage (0-100); cells without one
/// are drawn as usual. The monitor's per-table snapshot progress.
class ProgressDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace flowdeck
